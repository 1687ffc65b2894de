//! Mapping a match inside a scalar's parsed value back to the bytes that wrote it.
//!
//! A scalar's span covers its source text, but the value the rules search is
//! the parsed one: a block scalar (`|`, `>`) is de-indented, a folded or plain
//! multi-line scalar has its line breaks folded, a quoted one loses its quotes
//! and escapes. A match is located by finding the same (nth) occurrence of the
//! matched text inside the scalar's source. When the text occurs a different
//! number of times there (it was split across lines, or written with an
//! escape), it cannot be located exactly and `None` says so.

//!
//! Every match of one rule in one scalar is located in a single pass over the
//! value and one over the source (an Aho–Corasick search for all the distinct
//! matched texts at once), so the cost does not grow with the number of matches
//! times the length of the text.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::AhoCorasick;

use crate::source::SourceFile;
use crate::span::Span;

/// The source span of each `value[range]`, where `value` is the parsed scalar written at
/// `scalar`: the span of the same (nth) occurrence of the matched text in the source, or
/// `None` where it cannot be located exactly.
pub fn locate_all(
    source: &SourceFile,
    scalar: Span,
    value: &str,
    ranges: &[Range<usize>],
) -> Vec<Option<Span>> {
    let mut needle_ids: HashMap<&str, usize> = HashMap::new();
    let mut needles: Vec<&str> = Vec::new();
    let wanted: Vec<Option<(usize, usize)>> = ranges
        .iter()
        .map(|range| {
            let needle = value
                .get(range.clone())
                .filter(|needle| !needle.is_empty())?;
            let id = *needle_ids.entry(needle).or_insert_with(|| {
                needles.push(needle);
                needles.len() - 1
            });
            Some((id, range.start))
        })
        .collect();
    if needles.is_empty() {
        return vec![None; ranges.len()];
    }
    let Some(written) = source.text.get(scalar.range()) else {
        return vec![None; ranges.len()];
    };
    let (in_value, in_source) = if needles.len() <= FEW_NEEDLES {
        each_needle(&needles, value, written)
    } else {
        let Ok(searcher) = AhoCorasick::new(&needles) else {
            return vec![None; ranges.len()];
        };
        (
            occurrences(&searcher, needles.len(), value),
            occurrences(&searcher, needles.len(), written),
        )
    };
    wanted
        .into_iter()
        .map(|wanted| {
            let (id, start) = wanted?;
            let nth = in_value[id].binary_search(&start).ok()?;
            if in_source[id].len() != in_value[id].len() {
                return None;
            }
            let at = scalar.start + in_source[id][nth];
            Some(Span::new(at, at + needles[id].len()))
        })
        .collect()
}

/// Up to this many distinct matched texts are searched for one at a time: building an
/// automaton costs more than a few scans of a tender-sized text.
const FEW_NEEDLES: usize = 4;

/// [`occurrences`] in `value` and in `written` by one search per needle in each: memchr's
/// `memmem`, which finds what `str::match_indices` finds (left to right, not overlapping) but
/// skips ahead with vector instructions rather than the standard library's byte-at-a-time
/// two-way search. A needle's searcher is built once for both texts.
fn each_needle(needles: &[&str], value: &str, written: &str) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    needles
        .iter()
        .map(|needle| {
            let finder = memchr::memmem::Finder::new(needle);
            (
                finder.find_iter(value.as_bytes()).collect(),
                finder.find_iter(written.as_bytes()).collect(),
            )
        })
        .unzip()
}

/// For each needle, the starts of its occurrences in `haystack` as `str::match_indices`
/// finds them: left to right, not overlapping one another (occurrences of different
/// needles may overlap, hence the overlapping search).
fn occurrences(searcher: &AhoCorasick, needles: usize, haystack: &str) -> Vec<Vec<usize>> {
    let mut found: Vec<Vec<usize>> = vec![Vec::new(); needles];
    let mut next_free: Vec<usize> = vec![0; needles];
    // Overlapping matches come in order of their end; one needle's, of fixed length, also in
    // order of their start.
    for found_match in searcher.find_overlapping_iter(haystack) {
        let id = found_match.pattern().as_usize();
        if found_match.start() >= next_free[id] {
            found[id].push(found_match.start());
            next_free[id] = found_match.end();
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_tender;

    #[test]
    fn one_needle_at_a_time_finds_what_the_automaton_finds() {
        let haystack = "aaaa abab Dell Dell® DellDell BS 7671 BS 76711 ababab aaa";
        let needles = ["aa", "ab", "Dell", "BS 7671", "bab", "a"];
        for count in 1..=needles.len() {
            let needles = &needles[..count];
            let searcher = AhoCorasick::new(needles).unwrap();
            let by_automaton = occurrences(&searcher, needles.len(), haystack);
            assert_eq!(
                each_needle(needles, haystack, haystack),
                (by_automaton.clone(), by_automaton),
                "{needles:?}"
            );
        }
    }

    /// Parses `tender: {specification: …}` and locates the `nth` occurrence of `needle` in its value.
    fn locate_in(text: &str, needle: &str, nth: usize) -> (SourceFile, Option<Span>) {
        let source = SourceFile::new("t", None, text.to_owned());
        let tender = parse_tender(&source).expect("parses");
        let specification = tender.specification.as_ref().expect("has a specification");
        let start = specification
            .match_indices(needle)
            .nth(nth)
            .map(|(at, _)| at)
            .expect("the value holds the needle");
        let span = locate_all(
            &source,
            specification.span,
            specification,
            std::slice::from_ref(&(start..start + needle.len())),
        );
        (source, span[0])
    }

    fn located(text: &str, needle: &str, nth: usize) -> (usize, usize) {
        let (source, span) = locate_in(text, needle, nth);
        let span = span.expect("located");
        assert_eq!(source.slice(span), needle);
        source.line_col(span.start)
    }

    #[test]
    fn locates_in_a_literal_block() {
        let text = "tender:\n  specification: |\n    Teams use Dell laptops.\n    Replace the Dell docks.\n";
        assert_eq!(located(text, "Dell", 0), (3, 15));
        assert_eq!(located(text, "Dell", 1), (4, 17));
    }

    #[test]
    fn locates_in_a_folded_block() {
        let text = "tender:\n  specification: >\n    Supply Dell\n    laptops and HP printers.\n";
        assert_eq!(located(text, "HP printers", 0), (4, 17));
    }

    #[test]
    fn locates_in_plain_and_quoted_scalars() {
        let plain = "tender:\n  specification: Supply Apple iPads\n    for ward rounds.\n";
        assert_eq!(located(plain, "iPad", 0), (2, 31));
        let double = "tender:\n  specification: \"Supply \\\"rugged\\\" Panasonic tablets\"\n";
        assert_eq!(located(double, "Panasonic", 0), (2, 37));
        let single = "tender:\n  specification: 'The trust''s Oracle estate'\n";
        assert_eq!(located(single, "Oracle", 0), (2, 32));
    }

    #[test]
    fn cannot_locate_text_split_or_escaped_in_the_source() {
        // Folded across a line break: the value has "Microsoft 365", the source does not.
        let folded = "tender:\n  specification: >\n    Use Microsoft\n    365 throughout.\n";
        assert_eq!(locate_in(folded, "Microsoft 365", 0).1, None);
        // Written with an escape.
        let escaped = "tender:\n  specification: \"Dell\\u00AE laptops\"\n";
        assert_eq!(locate_in(escaped, "Dell®", 0).1, None);
    }

    #[test]
    fn refuses_a_range_that_is_not_an_occurrence() {
        let source = SourceFile::new("t", None, "x: aaa\n".to_owned());
        assert_eq!(
            locate_all(&source, Span::new(3, 6), "aaa", &[1..3, 1..1, 0..2]),
            [None, None, Some(Span::new(3, 5))]
        );
    }

    #[test]
    fn locates_every_match_as_one_search_per_match_would() {
        // Overlapping needles, repeated ones and one that occurs more often in the source.
        let text = "tender:\n  specification: |\n    aaa ab abab ba\n    aab aaaa b\n";
        let source = SourceFile::new("t", None, text.to_owned());
        let tender = parse_tender(&source).expect("parses");
        let value = tender.specification.as_ref().expect("has a specification");
        let mut ranges = Vec::new();
        for needle in ["a", "aa", "ab", "b", "aaa", "ba", "abab"] {
            ranges.extend(
                value
                    .match_indices(needle)
                    .map(|(at, _)| at..at + needle.len()),
            );
        }
        let one_by_one: Vec<Option<Span>> = ranges
            .iter()
            .map(|range| {
                let needle = &value[range.clone()];
                let in_value: Vec<usize> = value.match_indices(needle).map(|(at, _)| at).collect();
                let in_source: Vec<usize> = source
                    .slice(value.span)
                    .match_indices(needle)
                    .map(|(at, _)| at)
                    .collect();
                let nth = in_value.iter().position(|&at| at == range.start)?;
                (in_source.len() == in_value.len()).then(|| {
                    Span::new(
                        value.span.start + in_source[nth],
                        value.span.start + in_source[nth] + needle.len(),
                    )
                })
            })
            .collect();
        assert_eq!(locate_all(&source, value.span, value, &ranges), one_by_one);
        assert!(one_by_one.iter().any(Option::is_some));
    }
}
