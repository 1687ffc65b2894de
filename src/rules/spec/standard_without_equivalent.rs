//! SPEC002 standard-without-equivalent.

use std::ops::Range;

use super::{Sentences, is_word_character, locate_all, or_equivalent_fix, specifications};
use crate::rules::Checker;

/// A specification cites a UK standard (BS, BS EN, BS ISO, PAS) in a sentence that
/// does not say "or equivalent" (PA23 s.56(3)–(4), (9)).
pub fn check(checker: &mut Checker) {
    for specification in specifications(checker.tender) {
        let text: &str = specification.text;
        let mut cited = uk_standards(text);
        if cited.is_empty() {
            continue;
        }
        let mut sentences = Sentences::of(text);
        cited.retain(|found| !sentences.say_or_equivalent(found.start));
        let located = locate_all(checker, &specification, &cited);
        for (found, (span, exact)) in cited.into_iter().zip(located) {
            let cited_text = &text[found.clone()];
            let diagnostic = checker
                .report(
                    span,
                    format!(
                        "{} cites the UK standard {} without \"or equivalent\"",
                        specification.label, cited_text
                    ),
                )
                .help(format!(
                    "write \"{cited_text} or equivalent\": tenders meeting an equivalent standard must be treated as meeting it"
                ));
            if exact && let Some(fix) = or_equivalent_fix(&text[found.end..], span.end) {
                diagnostic.fix(fix);
            }
        }
    }
}

/// Every UK standard cited in `text`, left to right: `BS 7671`, `BS8300-1:2018`,
/// `BS EN ISO 9001:2015`, `BS ISO/IEC 27001`, `PAS 1192-2`, `BS EN 1090-1:2009+A1:2011`.
///
/// What the regex `\b(?:BS|PAS)(?: (?:EN|ISO/IEC|ISO|IEC))* ?[0-9]+(?:-[0-9]+)*(?::[0-9]{4})?`
/// `(?:\+A[0-9]+(?::[0-9]{4})?)*\b` finds (a test pins them to each other), matched by hand:
/// compiling it cost more than linting a small file, on every run whose specification cites a
/// standard. Numbers are ASCII digits, as standards are numbered.
pub(crate) fn uk_standards(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = memchr::memchr2(b'B', b'P', &bytes[from..]) {
        let start = from + offset;
        match standard_at(text, start) {
            Some(end) => {
                found.push(start..end);
                from = end;
            }
            None => from = start + 1,
        }
    }
    found
}

/// The end of the standard cited from `start`, if one is.
fn standard_at(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if text[..start]
        .chars()
        .next_back()
        .is_some_and(is_word_character)
    {
        return None;
    }
    let mut at = start
        + [b"BS".as_slice(), b"PAS"]
            .iter()
            .find(|prefix| bytes[start..].starts_with(prefix))?
            .len();
    // Qualifiers, as many as there are. Giving one back never helps: what follows it is a
    // space and a letter, where the number must start.
    while let Some(qualifier) = [b" EN".as_slice(), b" ISO/IEC", b" ISO", b" IEC"]
        .iter()
        .find(|qualifier| bytes[at..].starts_with(qualifier))
    {
        at += qualifier.len();
    }
    if bytes.get(at) == Some(&b' ') {
        at += 1;
    }
    let digits = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let number = digits(at);
    if number == 0 {
        return None;
    }
    at += number;
    // Every part ends with a digit; the citation ends at the last part followed by a character
    // that is not a word character (`\b`), as the regex gives parts back from the end.
    let mut ends = vec![at];
    // Takes `lead` and its digits (all of them, or exactly `exact`) if they follow.
    let mut take = |lead: &[u8], exact: Option<usize>| {
        if !bytes[at..].starts_with(lead) {
            return false;
        }
        let end = match (exact, digits(at + lead.len())) {
            (Some(wanted), count) if count >= wanted => at + lead.len() + wanted,
            (None, count) if count > 0 => at + lead.len() + count,
            _ => return false,
        };
        at = end;
        ends.push(end);
        true
    };
    while take(b"-", None) {}
    take(b":", Some(4));
    while take(b"+A", None) {
        take(b":", Some(4));
    }
    ends.into_iter()
        .rev()
        .find(|&end| !text[end..].chars().next().is_some_and(is_word_character))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::spec::random_texts;

    fn cited(text: &str) -> Vec<&str> {
        uk_standards(text)
            .into_iter()
            .map(|range| &text[range])
            .collect()
    }

    #[test]
    fn finds_uk_standards() {
        let text = "Wiring to BS 7671, access to BS8300-1:2018, quality to BS EN ISO 9001:2015, \
                    security to BS ISO/IEC 27001, BIM to PAS 1192-2 and steel to BS EN 1090-1:2009+A1:2011.";
        assert_eq!(
            cited(text),
            [
                "BS 7671",
                "BS8300-1:2018",
                "BS EN ISO 9001:2015",
                "BS ISO/IEC 27001",
                "PAS 1192-2",
                "BS EN 1090-1:2009+A1:2011"
            ]
        );
    }

    #[test]
    fn ignores_other_standards_and_words() {
        let text =
            "ISO 9001, EN 1090, BSc 2 and PASS 100 and ABS 200, BS \u{967}\u{968} and éBS 7671";
        assert!(cited(text).is_empty());
    }

    #[test]
    fn finds_what_the_regex_finds() {
        let regex = regex::Regex::new(
            r"\b(?:BS|PAS)(?: (?:EN|ISO/IEC|ISO|IEC))* ?[0-9]+(?:-[0-9]+)*(?::[0-9]{4})?(?:\+A[0-9]+(?::[0-9]{4})?)*\b",
        )
        .unwrap();
        let same = |text: &str| {
            let expected: Vec<Range<usize>> =
                regex.find_iter(text).map(|found| found.range()).collect();
            assert_eq!(uk_standards(text), expected, "{text:?}");
        };
        for text in [
            "BS 7671:20189 BS 7671:2018x BS 7671:2018+A2 BS 7671:2018+A2:2022+A3x BS 7671-",
            "BS ENx 12, BS EN EN 1090, BS  7671, BS ISO/IECx 1, BS ISO/IEC27001, BS ISO 9",
            "xBS 1 _BS 2 -BS 3 é BS 4 BS 5é BS 6_ BS 7- PAS 1192-2-3:2011+A1+A2:2019.",
            "BSBS 1 PAPAS 2 BS 1-2-x BS 1+A BS 1+A2:201 BS 1:201 BS 9:2018:2019 BS ",
        ] {
            same(text);
        }
        // Random texts over the pattern's own characters, a letter, a non-ASCII letter and `_`,
        // and random sequences of its parts, so long citations and their near misses come up.
        let characters: Vec<String> = "BSPAENIOC/ 0123456789-:+x_é."
            .chars()
            .map(String::from)
            .collect();
        let characters: Vec<&str> = characters.iter().map(String::as_str).collect();
        for text in random_texts(&characters, 20_000, 24) {
            same(&text);
            same(&format!("BS {text}"));
        }
        let parts = [
            "BS", "PAS", " EN", " ISO/IEC", " ISO", " IEC", " ", "1", "12", "2018", "20189", "-",
            ":", "+A", "x", "é", "_", ".",
        ];
        for text in random_texts(&parts, 20_000, 12) {
            same(&text);
        }
    }
}
