//! SPEC rules: specification text (PA23 s.56; PCR reg 42). See rules/spec.toml.
//!
//! The text rules search the tender's `specification` and each lot's, sentence by
//! sentence, and point at the exact words through [`text_location`].

mod brand_name_without_equivalent;
mod excessive_bid_burden;
mod input_based_specification;
mod standard_without_equivalent;
pub mod text_location;

use std::fmt;
use std::ops::Range;

use super::{Checker, Rule};
use crate::diagnostic::{Edit, Fix};
use crate::model::{Node, Tender};
use crate::span::Span;

pub const RULES: &[Rule] = &[
    Rule {
        id: "SPEC001",
        check: brand_name_without_equivalent::check,
    },
    Rule {
        id: "SPEC002",
        check: standard_without_equivalent::check,
    },
    Rule {
        id: "SPEC003",
        check: input_based_specification::check,
    },
    Rule {
        id: "SPEC004",
        check: excessive_bid_burden::check,
    },
];

/// One specification text: the tender's, or a lot's.
pub(crate) struct Specification<'a> {
    pub label: Label<'a>,
    pub text: &'a Node<String>,
}

/// How a message names a specification: "specification" or "lot `dashboards` specification"
/// (written where a message is, so a specification with no finding costs no label).
#[derive(Clone, Copy)]
pub(crate) enum Label<'a> {
    Tender,
    /// A lot's, by its id, else its position (counting from 0).
    Lot {
        id: Option<&'a str>,
        index: usize,
    },
}

impl fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Label::Tender => f.write_str("specification"),
            Label::Lot { id: Some(id), .. } => write!(f, "lot `{id}` specification"),
            Label::Lot { id: None, index } => write!(f, "lot {} specification", index + 1),
        }
    }
}

/// The tender's `specification`, then each lot's, in file order.
pub(crate) fn specifications(tender: &Tender) -> impl Iterator<Item = Specification<'_>> {
    let lots = tender.lots.iter().flat_map(|lots| lots.iter()).enumerate();
    tender
        .specification
        .as_ref()
        .map(|text| Specification {
            label: Label::Tender,
            text,
        })
        .into_iter()
        .chain(lots.filter_map(|(index, lot)| {
            Some(Specification {
                label: Label::Lot {
                    id: lot.id.as_deref().map(String::as_str),
                    index,
                },
                text: lot.specification.as_ref()?,
            })
        }))
}

/// Where each match in a specification is written: the exact text when it can be
/// located (`true`), else the whole scalar (`false`: then offer no fix). One call per
/// specification and rule: the matches are located together, in one pass over the text.
pub(crate) fn locate_all(
    checker: &Checker,
    specification: &Specification,
    ranges: &[Range<usize>],
) -> Vec<(Span, bool)> {
    let node = specification.text;
    text_location::locate_all(checker.source, node.span, node, ranges)
        .into_iter()
        .map(|located| match located {
            Some(span) => (span, true),
            None => (node.span, false),
        })
        .collect()
}

/// The fix inserting " or equivalent" at `at` (the source offset where a brand or standard
/// mention ends), judged by `after`, the specification's text after the mention.
///
/// Safe only when the named product certainly ends there: the text ends, or goes on with
/// punctuation, a line break, or a word that cannot continue a product name ("and",
/// "with", "must" …). A capitalised word or a number may be more of the name ("Apple
/// MacBook Air M3"): no fix, since inserting there would garble it. Any other word
/// ("laptops") is probably not part of the name, but that is a judgement: unsafe.
pub(crate) fn or_equivalent_fix(after: &str, at: usize) -> Option<Fix> {
    const ENDS_A_NAME: &[&str] = &[
        "and",
        "or",
        "with",
        "without",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "from",
        "as",
        "which",
        "that",
        "where",
        "when",
        "is",
        "are",
        "must",
        "should",
        "will",
        "shall",
        "may",
        "can",
        "including",
        "via",
        "per",
        "under",
        "running",
        "using",
    ];
    let rest = after.trim_start_matches([' ', '\t']);
    let edit = Edit::insert(at, " or equivalent");
    let Some(first) = rest.chars().next() else {
        return Some(Fix::safe(vec![edit]));
    };
    if matches!(
        first,
        '.' | ',' | ';' | ':' | ')' | '!' | '?' | '\n' | '\r' | '"' | '\''
    ) {
        return Some(Fix::safe(vec![edit]));
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '+' | '/' | '&'))
        .collect();
    if ENDS_A_NAME.contains(&word.as_str()) {
        Some(Fix::safe(vec![edit]))
    } else if first.is_lowercase() && !word.is_empty() {
        Some(Fix::unsafe_(vec![edit]))
    } else {
        None
    }
}

/// Whether the sentence around a mention says "or equivalent", for the mentions in one text.
///
/// A sentence ends at `.`, `!` or `?` followed by white space (not after "e.g."
/// and the like), at a blank line, and before a bulleted or numbered line. Whether a
/// character ends a sentence reads only the word before it or the line after it, so each
/// sentence is found around its mention, not every sentence of a long text. Asked about
/// mentions in order (any order is answered right), each stretch of text is searched once.
pub(crate) struct Sentences<'a> {
    text: &'a str,
    /// The last sentence found, and whether it says "or equivalent": the next mention is
    /// often in it.
    last: Option<(Range<usize>, bool)>,
    /// The first `.`, `!` or `?` ending a sentence at or after an offset.
    next_stop: NextFound,
    /// The first line break ending a sentence at or after an offset.
    next_break: NextFound,
}

impl<'a> Sentences<'a> {
    pub fn of(text: &'a str) -> Sentences<'a> {
        Sentences {
            text,
            last: None,
            next_stop: NextFound::default(),
            next_break: NextFound::default(),
        }
    }

    /// Whether the sentence that holds `at` says "or equivalent" (any case, any spacing).
    pub fn say_or_equivalent(&mut self, at: usize) -> bool {
        self.sentence(at).1
    }

    /// The byte range of the sentence that holds `at` (past the text's end: the empty range
    /// there), and whether it says "or equivalent".
    fn sentence(&mut self, at: usize) -> (Range<usize>, bool) {
        let text = self.text;
        if at >= text.len() {
            return (text.len()..text.len(), false);
        }
        if let Some((range, says)) = &self.last
            && range.contains(&at)
        {
            return (range.clone(), *says);
        }
        let bytes = text.as_bytes();
        // The sentence ends just past the first character at or after `at` that ends one.
        let stop = self.next_stop.first_in(at..text.len(), |range| {
            memchr::memchr3_iter(b'.', b'!', b'?', &bytes[range.clone()])
                .map(|index| range.start + index)
                .find(|&index| stop_ends_sentence(text, index))
        });
        // Only a line break before that stop can end the sentence first.
        let line_break = self
            .next_break
            .first_in(at..stop.unwrap_or(text.len()), |range| {
                memchr::memchr_iter(b'\n', &bytes[range.clone()])
                    .map(|index| range.start + index)
                    .find(|&index| break_ends_sentence(text, index))
            });
        let end = line_break.or(stop).map_or(text.len(), |index| index + 1);
        // It starts just past the last character before `at` that ends one: no earlier than
        // the end of the last sentence found, when that was before `at`.
        let floor = match &self.last {
            Some((range, _)) if range.end <= at => range.end,
            _ => 0,
        };
        let stop_before = memchr::memrchr3_iter(b'.', b'!', b'?', &bytes[floor..at])
            .map(|index| floor + index)
            .find(|&index| stop_ends_sentence(text, index));
        let floor = stop_before.map_or(floor, |index| index + 1);
        let start = memchr::memrchr_iter(b'\n', &bytes[floor..at])
            .map(|index| floor + index + 1)
            .find(|&after| break_ends_sentence(text, after - 1))
            .unwrap_or(floor);
        // A match across the sentence's end counts for none: the text is cut there.
        let says = or_equivalent_matches(&text[..end], start).next().is_some();
        self.last = Some((start..end, says));
        (start..end, says)
    }
}

/// The first offset in a range where a search finds something, remembered with the range
/// searched: asked again about a range within it from a point before what was found, the
/// answer stands, so ranges asked about in order search each stretch of text once.
#[derive(Default)]
struct NextFound {
    searched: Range<usize>,
    found: Option<usize>,
}

impl NextFound {
    fn first_in(
        &mut self,
        range: Range<usize>,
        search: impl FnOnce(&Range<usize>) -> Option<usize>,
    ) -> Option<usize> {
        let stands = self.searched.start <= range.start
            && match self.found {
                Some(found) => range.start <= found,
                None => range.end <= self.searched.end,
            };
        if !stands {
            self.found = search(&range);
            self.searched = range.clone();
        }
        self.found.filter(|&found| found < range.end)
    }
}

/// Every "or equivalent" from `from` on, in any case and spacing, as the regex
/// `(?i)\bor\s+equivalent` finds them, without compiling one on every run. (None of these
/// letters has a non-ASCII case variant, so ASCII case-insensitivity is the regex's Unicode one.)
fn or_equivalent_matches(text: &str, from: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'o', b'O', &bytes[from..]).filter_map(move |at| {
        let at = from + at;
        if !bytes
            .get(at + 1)
            .is_some_and(|&r| r.eq_ignore_ascii_case(&b'r'))
        {
            return None;
        }
        let word_before = text[..at]
            .chars()
            .next_back()
            .is_some_and(is_word_character);
        let after = &text[at + 2..];
        let rest = after.trim_start_matches(char::is_whitespace);
        let word = rest.get(..10)?;
        (!word_before && rest.len() < after.len() && word.eq_ignore_ascii_case("equivalent"))
            .then(|| at..text.len() - rest.len() + 10)
    })
}

/// Whether the `.`, `!` or `?` at `index` ends a sentence (it is the text's last character,
/// or is followed by white space, perhaps after closing brackets or quotes).
fn stop_ends_sentence(text: &str, index: usize) -> bool {
    let rest = text[index + 1..].trim_start_matches([')', '"', '\'', '”', '’']);
    (rest.is_empty() || rest.starts_with(char::is_whitespace))
        && !(text.as_bytes()[index] == b'.' && is_abbreviation(&text[..index]))
}

/// Whether the line break at `index` ends a sentence: the next line is blank or a list item.
fn break_ends_sentence(text: &str, index: usize) -> bool {
    let line = text[index + 1..].split('\n').next().unwrap_or("");
    line.trim().is_empty() || starts_with_bullet(line.trim_start())
}

/// A word character as the regex `\w` (and so `\b`) reads it, the ASCII ones without a
/// look-up in the Unicode tables.
pub(crate) fn is_word_character(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        regex_syntax::is_word_character(c)
    }
}

/// "e.g", "i.e", "approx" and the like before a full stop, which do not end a sentence.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    // ASCII case folding is enough: no other character folds to these words' letters.
    ["e.g", "i.e", "eg", "ie", "approx", "incl", "cf", "vs", "no"]
        .iter()
        .any(|abbreviation| word.eq_ignore_ascii_case(abbreviation))
}

/// A list item: "- ", "* ", "• ", "1. ", "2) ", "a) ".
fn starts_with_bullet(line: &str) -> bool {
    if let Some(rest) = line.strip_prefix(['-', '*', '•']) {
        return rest.starts_with(' ');
    }
    let marker_len = line.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(0);
    let (marker, rest) = line.split_at(marker_len);
    (1..=3).contains(&marker.len())
        && (marker.bytes().all(|b| b.is_ascii_digit())
            || (marker.len() == 1 && marker.bytes().all(|b| b.is_ascii_lowercase())))
        && (rest.starts_with(". ") || rest.starts_with(") "))
}

/// `count` texts of `parts` parts each drawn from `alphabet`, the same on every run: for the
/// tests that pin a hand-written matcher to the regex it replaces.
#[cfg(test)]
pub(crate) fn random_texts(alphabet: &[&str], count: usize, parts: usize) -> Vec<String> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|_| {
            (0..parts)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_characters_are_the_regex_word_characters() {
        let samples = (0..=0x2100u32)
            .chain([0x1F600, 0x10FFFF, 0xFEFF, 0x200D])
            .filter_map(char::from_u32);
        for c in samples {
            assert_eq!(
                is_word_character(c),
                regex_syntax::is_word_character(c),
                "{c:?}"
            );
        }
    }

    fn sentence<'a>(text: &'a str, word: &str) -> &'a str {
        let at = text.find(word).unwrap();
        &text[Sentences::of(text).sentence(at).0]
    }

    fn says_or_equivalent(text: &str, word: &str) -> bool {
        Sentences::of(text).say_or_equivalent(text.find(word).unwrap())
    }

    #[test]
    fn splits_sentences_at_full_stops() {
        let text = "Laptops are Dell or equivalent. Printers are HP. Scanners e.g. Canon are fine.";
        assert_eq!(sentence(text, "Dell"), "Laptops are Dell or equivalent.");
        assert_eq!(sentence(text, "HP"), " Printers are HP.");
        assert_eq!(sentence(text, "Canon"), " Scanners e.g. Canon are fine.");
    }

    #[test]
    fn keeps_wrapped_lines_in_one_sentence() {
        let text = "Laptops are Dell\nor equivalent, with docks.\nVersion 2.1 of the API.\n";
        assert!(says_or_equivalent(text, "Dell"));
        assert!(!says_or_equivalent(text, "Version"));
    }

    #[test]
    fn splits_at_blank_lines_and_bullets() {
        let text =
            "Devices:\n- Dell laptops\n- HP printers or equivalent\n1. Apple iPads\n\nCisco phones";
        assert!(!says_or_equivalent(text, "Dell"));
        assert!(says_or_equivalent(text, "HP"));
        assert!(!says_or_equivalent(text, "Apple"));
        assert_eq!(sentence(text, "Cisco").trim(), "Cisco phones");
    }

    #[test]
    fn recognises_or_equivalent() {
        assert!(says_or_equivalent("Dell OR  EQUIVALENT", "Dell"));
        assert!(says_or_equivalent("Dell, or equivalents", "Dell"));
        assert!(!says_or_equivalent("Dell, for equivalent pricing", "Dell"));
        assert!(!says_or_equivalent("Dell equivalent", "Dell"));
        // Not across a sentence end, nor from the sentence before.
        assert!(!says_or_equivalent("Dell or\n\nequivalent", "Dell"));
        assert!(!says_or_equivalent(
            "HP or equivalent. Dell laptops.",
            "Dell"
        ));
        assert!(says_or_equivalent(
            "HP laptops. Dell or equivalent.",
            "Dell"
        ));
    }

    #[test]
    fn finds_or_equivalent_as_the_regex_did() {
        let regex = regex::Regex::new(r"(?i)\bor\s+equivalent").unwrap();
        let text = "or equivalent, OR\u{a0}\tEquivalents, for equivalent, xor equivalent, \
                    éor equivalent, or\nequivalent, or equivalen, oror equivalent, or  equivalent";
        let expected: Vec<Range<usize>> = regex.find_iter(text).map(|m| m.range()).collect();
        assert_eq!(or_equivalent_matches(text, 0).collect::<Vec<_>>(), expected);
        assert_eq!(expected.len(), 4);
    }

    #[test]
    fn sentences_are_those_of_a_character_by_character_reading() {
        // The reading before sentences were found around each mention, kept as the oracle:
        // every sentence end, character by character, then which sentences hold a match.
        fn one_by_one(text: &str) -> Vec<(Range<usize>, bool)> {
            let mut ends = Vec::new();
            for (index, c) in text.char_indices() {
                let after = index + c.len_utf8();
                let ends_here = match c {
                    '.' | '!' | '?' => {
                        let rest = text[after..].trim_start_matches([')', '"', '\'', '”', '’']);
                        (rest.is_empty() || rest.starts_with(char::is_whitespace))
                            && !(c == '.' && is_abbreviation(&text[..index]))
                    }
                    '\n' => {
                        let line = text[after..].split('\n').next().unwrap_or("");
                        line.trim().is_empty() || starts_with_bullet(line.trim_start())
                    }
                    _ => false,
                };
                if ends_here && after < text.len() {
                    ends.push(after);
                }
            }
            ends.push(text.len());
            ends.dedup();
            let mut or_equivalent = vec![false; ends.len()];
            for found in or_equivalent_matches(text, 0) {
                let index = ends.partition_point(|&end| end <= found.start);
                if ends.get(index).is_some_and(|&end| found.end <= end) {
                    or_equivalent[index] = true;
                }
            }
            let starts = std::iter::once(0).chain(ends.iter().copied());
            starts
                .zip(ends.iter().copied())
                .map(|(start, end)| start..end)
                .zip(or_equivalent)
                .collect()
        }
        let alphabet = [
            "a",
            "E.g",
            "e.g",
            "no",
            "x",
            " ",
            "  ",
            ".",
            "!",
            "?",
            ")",
            "\"",
            "’",
            "\n",
            "- ",
            "* ",
            "• ",
            "1. ",
            "a) ",
            "12) ",
            "é",
            "\t",
            "or",
            "OR ",
            " equivalent",
            "Equivalent",
        ];
        let mut said = 0;
        for text in random_texts(&alphabet, 20_000, 16) {
            let expected = one_by_one(&text);
            let at_of = |at: usize| {
                expected
                    .iter()
                    .find(|(range, _)| range.contains(&at))
                    .cloned()
                    .unwrap_or((text.len()..text.len(), false))
            };
            let points: Vec<usize> = (0..=text.len())
                .filter(|&at| text.is_char_boundary(at))
                .collect();
            // In order, as the rules ask; backwards; and in order from each point.
            let mut in_order = Sentences::of(&text);
            let mut backwards = Sentences::of(&text);
            for (&at, &back) in points.iter().zip(points.iter().rev()) {
                assert_eq!(in_order.sentence(at), at_of(at), "{text:?} at {at}");
                assert_eq!(backwards.sentence(back), at_of(back), "{text:?} at {back}");
                said += usize::from(at_of(at).1);
            }
            for &from in points.iter().step_by(5) {
                let mut sentences = Sentences::of(&text);
                for &at in points.iter().filter(|&&at| at >= from).step_by(3) {
                    assert_eq!(sentences.sentence(at), at_of(at), "{text:?} at {at}");
                }
            }
        }
        // The texts hold sentences saying "or equivalent", not only others.
        assert!(said > 10_000, "{said}");
    }

    #[test]
    fn finds_the_sentence_past_the_end() {
        let mut sentences = Sentences::of("One. Two");
        assert_eq!(sentences.sentence(8).0, 8..8);
        assert!(!sentences.say_or_equivalent(8));
    }
}
