//! SPEC rules: specification text (PA23 s.56; PCR reg 42). See rules/spec.toml.
//!
//! The text rules search the tender's `specification` and each lot's, sentence by
//! sentence, and point at the exact words through [`text_location`].

mod brand_name_without_equivalent;
mod excessive_bid_burden;
mod input_based_specification;
mod standard_without_equivalent;
pub mod text_location;

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
    /// How a message names it: "specification" or "lot `dashboards` specification".
    pub label: String,
    pub text: &'a Node<String>,
}

/// The tender's `specification`, then each lot's, in file order.
pub(crate) fn specifications(tender: &Tender) -> Vec<Specification<'_>> {
    let mut found = Vec::new();
    if let Some(text) = tender.specification.as_ref() {
        found.push(Specification {
            label: "specification".to_owned(),
            text,
        });
    }
    for (index, lot) in tender.lots.iter().flat_map(|lots| lots.iter()).enumerate() {
        if let Some(text) = lot.specification.as_ref() {
            let label = match lot.id.as_deref() {
                Some(id) => format!("lot `{id}` specification"),
                None => format!("lot {} specification", index + 1),
            };
            found.push(Specification { label, text });
        }
    }
    found
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

/// The sentences of one text, found once, and whether each says "or equivalent".
///
/// A sentence ends at `.`, `!` or `?` followed by white space (not after "e.g."
/// and the like), at a blank line, and before a bulleted or numbered line.
pub(crate) struct Sentences {
    /// Byte offsets just past the end of each sentence; the last is the text's length.
    ends: Vec<usize>,
    /// Per sentence: it says "or equivalent" (any case, any spacing).
    or_equivalent: Vec<bool>,
}

impl Sentences {
    pub fn of(text: &str) -> Sentences {
        let ends = sentence_ends(text);
        let mut or_equivalent = vec![false; ends.len()];
        // A sentence starts after `.`, `!`, `?` or a line break, so a word boundary reads the
        // same in the whole text as in the sentence alone; a match across a sentence end
        // counts for neither.
        for found in or_equivalent_matches(text) {
            let index = ends.partition_point(|&end| end <= found.start);
            if ends.get(index).is_some_and(|&end| found.end <= end) {
                or_equivalent[index] = true;
            }
        }
        Sentences {
            ends,
            or_equivalent,
        }
    }

    /// Whether the sentence that holds `at` says "or equivalent".
    pub fn say_or_equivalent(&self, at: usize) -> bool {
        let index = self.ends.partition_point(|&end| end <= at);
        self.or_equivalent.get(index).copied().unwrap_or(false)
    }
}

/// Every "or equivalent" in any case and spacing, as the regex `(?i)\bor\s+equivalent`
/// finds them, without compiling one on every run. (None of these letters has a
/// non-ASCII case variant, so ASCII case-insensitivity is the regex's Unicode one.)
fn or_equivalent_matches(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'o', b'O', bytes).filter_map(move |at| {
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

/// Byte offsets just past the end of each sentence (each check below reads
/// only the current word or the next line).
fn sentence_ends(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    // Every character that can end a sentence is ASCII, so its byte is the character; memchr
    // finds them without a test of every byte.
    let at_stop = memchr::memchr3_iter(b'.', b'!', b'?', bytes).filter(|&index| {
        let rest = text[index + 1..].trim_start_matches([')', '"', '\'', '”', '’']);
        (rest.is_empty() || rest.starts_with(char::is_whitespace))
            && !(bytes[index] == b'.' && is_abbreviation(&text[..index]))
    });
    let at_break = memchr::memchr_iter(b'\n', bytes).filter(|&index| {
        let line = text[index + 1..].split('\n').next().unwrap_or("");
        line.trim().is_empty() || starts_with_bullet(line.trim_start())
    });
    let mut ends: Vec<usize> = at_stop
        .chain(at_break)
        .map(|index| index + 1)
        .filter(|&after| after < bytes.len())
        .collect();
    ends.sort_unstable();
    ends.push(text.len());
    ends.dedup();
    ends
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

#[cfg(test)]
impl Sentences {
    /// The byte range of the sentence that holds `at`.
    pub fn around(&self, at: usize) -> Range<usize> {
        let index = self.ends.partition_point(|&end| end <= at);
        let last = *self
            .ends
            .last()
            .expect("the text's end is always a sentence end");
        let start = index.checked_sub(1).map_or(0, |before| self.ends[before]);
        start..self.ends.get(index).copied().unwrap_or(last)
    }
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
        &text[Sentences::of(text).around(at)]
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
        assert_eq!(or_equivalent_matches(text).collect::<Vec<_>>(), expected);
        assert_eq!(expected.len(), 4);
    }

    #[test]
    fn sentence_ends_are_those_of_a_character_by_character_reading() {
        // The reading before sentence ends were found with memchr, kept as the oracle.
        fn one_by_one(text: &str) -> Vec<usize> {
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
            ends
        }
        let alphabet = [
            "a", "E.g", "e.g", "no", "x", " ", "  ", ".", "!", "?", ")", "\"", "’", "\n", "- ",
            "* ", "• ", "1. ", "a) ", "12) ", "é", "\t",
        ];
        for text in random_texts(&alphabet, 20_000, 16) {
            assert_eq!(sentence_ends(&text), one_by_one(&text), "{text:?}");
        }
    }

    #[test]
    fn finds_the_sentence_past_the_end() {
        let sentences = Sentences::of("One. Two");
        assert_eq!(sentences.around(8), 8..8);
        assert!(!sentences.say_or_equivalent(8));
    }
}
