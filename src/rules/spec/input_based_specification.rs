//! SPEC003 input-based-specification.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, Input, MatchKind};

use super::{is_word_character, locate_all, specifications};
use crate::rules::Checker;

/// Prescriptive phrasing ("must use", "shall utilise", "must be built on",
/// "proprietary") that specifies inputs rather than outcomes (PA23 s.56(2)).
pub fn check(checker: &mut Checker) {
    for specification in specifications(checker.tender) {
        let text: &str = specification.text;
        let ranges: Vec<Range<usize>> = prescriptive(text).collect();
        let located = locate_all(checker, &specification, &ranges);
        for (found, (span, _)) in ranges.into_iter().zip(located) {
            checker
                .report(
                    span,
                    format!(
                        "{} says \"{}\": it prescribes an input rather than the outcome needed",
                        specification.label, &text[found]
                    ),
                )
                .help(
                    "state the performance or function needed and let bidders propose how to meet it",
                );
        }
    }
}

/// Each prescriptive phrase, as the regex
/// `(?i)\b(?:must|shall)\s+(?:use|utili[sz]e|be\s+built\s+on)\b|\bproprietary\b` finds them,
/// without compiling it on every run. Case-insensitive as that regex is: ASCII letters in
/// any case, and the long s `ſ` for `s` (the only other case variant of these letters).
fn prescriptive(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            // A candidate starts a character: no phrase start begins with a continuation byte.
            let start = phrase_starts()
                .find(Input::new(text).span(from..text.len()))?
                .start();
            from = start + 1;
            let word_before = text[..start]
                .chars()
                .next_back()
                .is_some_and(is_word_character);
            if word_before {
                continue;
            }
            if let Some(end) = phrase_at(text, start) {
                from = end;
                return Some(start..end);
            }
        }
    })
}

/// The first two bytes a phrase may start with: `pr`, `mu`, `sh` in either case, or `ſ`
/// (bytes C5 BF) for `s`. Searched for together by the automaton's vectorised prefilter,
/// which passes over text holding none of them many bytes at a time (a byte-by-byte scan
/// was SPEC003's whole cost); most candidates are then ruled out by the byte before them.
fn phrase_starts() -> &'static AhoCorasick {
    static STARTS: OnceLock<AhoCorasick> = OnceLock::new();
    STARTS.get_or_init(|| {
        let mut starts: Vec<[u8; 2]> = ["pr", "mu", "sh"]
            .iter()
            .flat_map(|pair| {
                let [first, second] = pair.as_bytes().try_into().expect("two bytes");
                [first, first.to_ascii_uppercase()]
                    .into_iter()
                    .flat_map(move |first| {
                        [second, second.to_ascii_uppercase()]
                            .into_iter()
                            .map(move |second| [first, second])
                    })
            })
            .collect();
        starts.push([0xC5, 0xBF]);
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(&starts)
            .expect("thirteen two-byte patterns fit any automaton")
    })
}

/// The end of a prescriptive phrase starting at `start` (a word start), if one does.
fn phrase_at(text: &str, start: usize) -> Option<usize> {
    let end = match word_at(text, start, &["proprietary"]) {
        Some(end) => end,
        None => {
            let end = word_at(text, start, &["must", "shall"])?;
            let end = spaces(text, end)?;
            match word_at(text, end, &["use", "utilise", "utilize"]) {
                Some(end) => end,
                None => {
                    let end = spaces(text, word_at(text, end, &["be"])?)?;
                    let end = spaces(text, word_at(text, end, &["built"])?)?;
                    word_at(text, end, &["on"])?
                }
            }
        }
    };
    let word_after = text[end..].chars().next().is_some_and(is_word_character);
    (!word_after).then_some(end)
}

/// The end of the first of `words` (ASCII letters) written at `at`, in any case. Read byte by
/// byte: a character other than an ASCII letter and `ſ` matches none of these letters.
fn word_at(text: &str, at: usize, words: &[&str]) -> Option<usize> {
    let bytes = text.as_bytes();
    words.iter().find_map(|word| {
        word.bytes()
            .try_fold(at, |end, letter| match bytes.get(end..)? {
                [byte, ..] if byte.eq_ignore_ascii_case(&letter) => Some(end + 1),
                [0xC5, 0xBF, ..] if letter == b's' => Some(end + "ſ".len()),
                _ => None,
            })
    })
}

/// The end of the white space at `at`, if there is at least one character of it (`\s+`).
fn spaces(text: &str, at: usize) -> Option<usize> {
    let rest = text[at..].trim_start_matches(char::is_whitespace);
    (rest.len() < text.len() - at).then_some(text.len() - rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        prescriptive(text).map(|range| &text[range]).collect()
    }

    #[test]
    fn finds_what_the_regex_found() {
        let regex = regex::Regex::new(
            r"(?i)\b(?:must|shall)\s+(?:use|utili[sz]e|be\s+built\s+on)\b|\bproprietary\b",
        )
        .unwrap();
        let text = "MUST USE, muſt\u{a0}use, Shall\n\tutilize, must uses, xmust use, émust use, \
                    must be  built\non, must be built onto, proprietaryx, Proprietary, \
                    mustuse, must, shall be built, ſhall utiliſe, must use_, must useé";
        let expected: Vec<&str> = regex.find_iter(text).map(|m| m.as_str()).collect();
        assert_eq!(found(text), expected);
        assert_eq!(expected.len(), 6, "{expected:?}");
    }

    #[test]
    fn finds_what_the_regex_finds_in_random_texts() {
        let regex = regex::Regex::new(
            r"(?i)\b(?:must|shall)\s+(?:use|utili[sz]e|be\s+built\s+on)\b|\bproprietary\b",
        )
        .unwrap();
        let alphabet = [
            "must",
            "MuSt",
            "muſt",
            "shall",
            "ſhall",
            "use",
            "utilise",
            "be",
            "built",
            "on",
            "proprietary",
            " ",
            " ",
            " ",
            "\n",
            "Ł",
            "é",
            "ſ",
            "x",
            "_",
            "s",
            "p",
            "m",
        ];
        let mut matched = 0;
        for text in crate::rules::spec::random_texts(&alphabet, 20_000, 12) {
            let expected: Vec<Range<usize>> = regex.find_iter(&text).map(|m| m.range()).collect();
            assert_eq!(
                prescriptive(&text).collect::<Vec<_>>(),
                expected,
                "{text:?}"
            );
            matched += expected.len();
        }
        // The texts hold phrases to find, not only places where none is.
        assert!(matched > 500, "{matched}");
    }

    #[test]
    fn finds_prescriptive_phrases() {
        let text = "The system must use X. It Shall Utilise Y, must be built on Z, using proprietary code.";
        let found = found(text);
        assert_eq!(
            found,
            [
                "must use",
                "Shall Utilise",
                "must be built on",
                "proprietary"
            ]
        );
        assert_eq!(prescriptive("users must be able to log in").count(), 0);
        assert_eq!(prescriptive("must user-test").count(), 0);
    }
}
