//! SPEC001 brand-name-without-equivalent.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use regex::Regex;
use serde::Deserialize;

use super::{Sentences, is_word_character, locate_all, or_equivalent_fix, specifications};
use crate::diagnostic::Severity;
use crate::rules::Checker;
use crate::span::Span;

/// A specification names a trade mark, product or producer (from rules/brands.toml
/// or the `brands` threshold, or any word marked ® or ™) in a sentence that does
/// not say "or equivalent" (PA23 s.56(7)–(8); PCR reg 42(10)–(11)).
pub fn check(checker: &mut Checker) {
    let facts = checker.facts;
    // Law above threshold; policy otherwise. Under the PSR, rules/scope.toml caps it at
    // warning; a threshold figure that is not confirmed (Scotland) cannot make it an error.
    let severity = if facts.above_threshold() && facts.threshold_confirmed {
        Severity::Error
    } else {
        Severity::Warning
    };
    let additions = checker.words("brands");
    let configured;
    let names = if additions.is_empty() {
        builtin()
    } else {
        configured = BrandNames::new(
            builtin_names()
                .iter()
                .map(String::as_str)
                .chain(additions.iter().map(String::as_str)),
        );
        &configured
    };
    for specification in specifications(checker.tender) {
        let text: &str = specification.text;
        let found = mentions(names, text);
        if found.is_empty() {
            continue;
        }
        let mut sentences = Sentences::of(text);
        let unqualified: Vec<Mention> = found
            .into_iter()
            .filter(|mention| !sentences.say_or_equivalent(mention.range.start))
            .collect();
        let ranges: Vec<Range<usize>> = unqualified
            .iter()
            .map(|mention| mention.range.clone())
            .collect();
        let locations = locate_all(checker, &specification, &ranges);
        for (mention, (located, exact)) in unqualified.into_iter().zip(locations) {
            let written: Vec<&str> = text[mention.range.clone()].split_whitespace().collect();
            let written = written.join(" ");
            let span = if exact {
                Span::new(
                    located.start,
                    located.start + (mention.name_end - mention.range.start),
                )
            } else {
                located
            };
            let diagnostic = checker
                .report(
                    span,
                    format!(
                        "{} names \"{written}\" without \"or equivalent\"",
                        specification.label
                    ),
                )
                .severity(severity)
                .help(format!(
                    "name \"{written}\" only where necessary to make the requirement understood, and then add \"or equivalent\" so equivalent offers are not disadvantaged; \"or equivalent\" does not cure an unnecessary reference"
                ));
            if exact && let Some(fix) = or_equivalent_fix(&text[mention.range.end..], located.end) {
                diagnostic.fix(fix);
            }
        }
    }
}

/// One brand mention: adjacent names ("Panasonic Toughbook", "Apple iPads") are one.
struct Mention {
    /// The mention in the value, a trailing ® or ™ included.
    range: Range<usize>,
    /// Where the last name ends, before any mark.
    name_end: usize,
}

fn mentions(names: &BrandNames, text: &str) -> Vec<Mention> {
    let mut mentions: Vec<Mention> = Vec::new();
    for (whole, name_end) in matches(names, text) {
        if let Some(last) = mentions.last_mut()
            && text[last.range.end..whole.start]
                .chars()
                .all(|c| c == ' ' || c == '\t')
        {
            last.range.end = whole.end;
            last.name_end = name_end;
            continue;
        }
        mentions.push(Mention {
            range: whole,
            name_end,
        });
    }
    mentions
}

/// Every name and every marked word, left to right, without overlaps (a name wins over a
/// marked word starting at the same place), as `(match, end of the name)`.
///
/// Two searches, not one: the names alone start with literals, so the search can skip
/// ahead to candidates; a single pattern that also matches any word would inspect every
/// position (and, with Unicode word boundaries in non-ASCII text, slowly).
fn matches(names: &BrandNames, text: &str) -> Vec<(Range<usize>, usize)> {
    let mut found = names.find_all(text);
    let mut marks = marks(text).peekable();
    if marks.peek().is_none() {
        return found;
    }
    let names = found.len();
    // Each mark is matched within its own word: run over the whole text, the marked-word
    // pattern (Unicode word boundaries) would fall back to a slow engine.
    let mut previous_end = 0;
    for (at, end) in marks {
        let before = text[previous_end..at]
            .strip_suffix(' ')
            .unwrap_or(&text[previous_end..at]);
        // A word holds no white space: it starts after the last one (the pattern's `\b`
        // still sees the text before `start`).
        let start = before
            .rfind(char::is_whitespace)
            .map_or(previous_end, |space| {
                let space_len = before[space..].chars().next().map_or(1, char::len_utf8);
                previous_end + space + space_len
            });
        if let Some(marked) = marked_word(text, start, at, end) {
            found.push(marked);
        }
        previous_end = end;
    }
    // Stable: at the same start, the name (found first) comes first.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&index| (found[index].0.start, index >= names));
    let mut kept: Vec<(Range<usize>, usize)> = Vec::new();
    for index in order {
        let (range, name_end) = &found[index];
        if kept.last().is_none_or(|(last, _)| range.start >= last.end) {
            kept.push((range.clone(), *name_end));
        }
    }
    kept
}

/// Where each ® and ™ is, as `(start, end)`. They are looked for at their first bytes (C2,
/// E2), found by memchr, rather than character by character through the whole text.
fn marks(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    memchr::memchr2_iter(0xC2, 0xE2, text.as_bytes()).filter_map(move |at| {
        // A lead byte: `at` starts a character.
        let mark = text[at..].chars().next()?;
        matches!(mark, '®' | '™').then(|| (at, at + mark.len_utf8()))
    })
}

/// The word carrying the mark at `at..end`, searched from `start`, as [`marked_pattern`]
/// finds it: `(match, end of the word)`. ASCII words are matched by hand, since compiling
/// the pattern's Unicode classes costs more than linting a small file; others use it.
fn marked_word(text: &str, start: usize, at: usize, end: usize) -> Option<(Range<usize>, usize)> {
    let before = &text[..at];
    let ascii = before[start..].is_ascii()
        && before[..start]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_ascii());
    if !ascii {
        let marked = marked_pattern().captures_at(&text[..end], start)?;
        let word = marked.name("marked").expect("the word");
        return Some((marked.get(0).expect("a match").range(), word.end()));
    }
    // ` ?` takes a space before the mark: the word ends there (a space is never in it).
    let word_end = if before.ends_with(' ') { at - 1 } else { at };
    let bytes = before.as_bytes();
    let in_word = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'-';
    let mut run_start = word_end;
    while run_start > start && in_word(bytes[run_start - 1]) {
        run_start -= 1;
    }
    // The leftmost start: a letter or digit after a non-word character (`\b`), `_` being one.
    (run_start..word_end)
        .find(|&first| {
            bytes[first].is_ascii_alphanumeric()
                && (first == 0
                    || !(bytes[first - 1].is_ascii_alphanumeric() || bytes[first - 1] == b'_'))
        })
        .map(|word_start| (word_start..end, word_end))
}

/// Any word carrying ® or ™ (searched only in text that has one).
fn marked_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?P<marked>\b[\p{L}\p{N}][\p{L}\p{N}\-]*) ?[®™]").expect("valid regex")
    })
}

/// `rules/brands.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BrandFile {
    group: Vec<BrandGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BrandGroup {
    /// What the names are, for reviewers of the data file; not used in matching.
    #[allow(dead_code)]
    kind: String,
    names: Vec<String>,
}

/// The built-in names. Panics only if `rules/brands.toml` is malformed, which the tests check.
fn builtin_names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let file: BrandFile = crate::registry::embedded("brands.toml");
        file.group
            .into_iter()
            .flat_map(|group| group.names)
            .collect()
    })
}

fn builtin() -> &'static BrandNames {
    static NAMES: OnceLock<BrandNames> = OnceLock::new();
    NAMES.get_or_init(|| BrandNames::new(builtin_names().iter().map(String::as_str)))
}

/// Every name, found as the regex alternation `\bNAME(?:s?\b)` of all of them would find it
/// (longest name first, so "Microsoft 365" wins over "Microsoft"), with an optional ® or ™
/// after it: whole words, case as written, the name's words separated by any white space, a
/// plural "s" after a name ending in a letter. Other words carrying ® or ™ are found by
/// [`marked_pattern`].
///
/// The names' first words find the candidates; the rest of each name and the word
/// boundaries are checked at the candidate. The first words are looked up at each word start
/// that begins with a first word's first byte (a binary search among the words with that
/// byte). This is as fast as an Aho–Corasick automaton even on text dense with names, and
/// costs nothing to build, so the automaton is built only for names that may start inside
/// a word (configured names starting with neither letter nor digit).
struct BrandNames {
    /// Each name's words, longest name first (the order a regex alternation would try them).
    names: Vec<Vec<String>>,
    /// The distinct first words, sorted.
    first_words: Vec<String>,
    /// Per byte, the first words starting with it (a range of `first_words`, sorted): most
    /// word starts begin with a byte no first word does, and are passed over by one look-up.
    by_first_byte: Vec<Range<usize>>,
    /// Per byte, whether some first word starts with it (`by_first_byte` is not empty there):
    /// the search tests every byte, and a flag in a table of fixed size is the cheapest test.
    starts_first_word: [bool; 256],
    /// Per pair of bytes, one bit: whether some first word starts with them (or is the first
    /// byte alone). Capitalised word starts are common and most share their first byte with
    /// some first word but not their second: this passes them over without a binary search.
    starts_first_word_pair: Vec<u64>,
    /// Per first word, the names (indexes into `names`, in order) whose first word is a
    /// prefix of it, so could start where it was found.
    candidates: Vec<Vec<usize>>,
    /// `first_words`, leftmost-longest, when a first word starts with neither letter nor
    /// digit (a configured name may), so a name may start inside a word; else `None`: a name
    /// starts only at a word start.
    automaton: Option<AhoCorasick>,
}

impl BrandNames {
    fn new<'a>(names: impl Iterator<Item = &'a str>) -> BrandNames {
        let mut names: Vec<&str> = names
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .collect();
        names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        names.dedup();
        let names: Vec<Vec<String>> = names
            .iter()
            .map(|name| name.split_whitespace().map(str::to_owned).collect())
            .collect();
        let mut first_words: Vec<String> = names.iter().map(|words| words[0].clone()).collect();
        first_words.sort_unstable();
        first_words.dedup();
        // A found first word may begin another name's shorter first word: try that name too.
        // Sorted, the words that begin with `word` follow it.
        let mut candidates: Vec<Vec<usize>> = vec![Vec::new(); first_words.len()];
        for (index, words) in names.iter().enumerate() {
            let word = words[0].as_str();
            let from = first_words.partition_point(|found| found.as_str() < word);
            for (found, list) in first_words[from..].iter().zip(&mut candidates[from..]) {
                if !found.starts_with(word) {
                    break;
                }
                list.push(index);
            }
        }
        let at_word_starts = first_words
            .iter()
            .all(|word| word.starts_with(char::is_alphanumeric));
        let automaton = (!at_word_starts).then(|| {
            // A contiguous NFA builds in a fraction of a DFA's time and searches fast.
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&first_words)
                .expect("a few hundred short names fit any automaton")
        });
        // Sorted words are sorted by their first bytes.
        let by_first_byte: Vec<Range<usize>> = (0..=u8::MAX)
            .map(|byte| {
                first_words.partition_point(|word| word.as_bytes()[0] < byte)
                    ..first_words.partition_point(|word| word.as_bytes()[0] <= byte)
            })
            .collect();
        let starts_first_word = std::array::from_fn(|byte| !by_first_byte[byte].is_empty());
        let mut starts_first_word_pair = vec![0u64; 1 << 10];
        for word in &first_words {
            let bytes = word.as_bytes();
            let seconds = match bytes.get(1) {
                Some(&second) => second..=second,
                None => 0..=u8::MAX,
            };
            for second in seconds {
                let pair = byte_pair(bytes[0], second);
                starts_first_word_pair[pair / 64] |= 1 << (pair % 64);
            }
        }
        BrandNames {
            names,
            first_words,
            by_first_byte,
            starts_first_word,
            starts_first_word_pair,
            candidates,
            automaton,
        }
    }

    /// Every name, left to right, without overlaps, as `(match, end of the name)`.
    fn find_all(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some((start, word)) = self.next_first_word(text, from) {
            let name_end = self.candidates[word]
                .iter()
                .find_map(|&index| self.name_at(text, start, &self.names[index]));
            match name_end {
                Some(name_end) => {
                    let end = with_mark(text, name_end);
                    found.push((start..end, name_end));
                    from = end;
                }
                // Another name may start inside this word (after a hyphen, say).
                None => from = start + text[start..].chars().next().map_or(1, char::len_utf8),
            }
        }
        found
    }

    /// The leftmost first word found at or after `from`, the longest there, as
    /// `(start, index into first_words)`: by the automaton when there is one, else word
    /// start by word start.
    fn next_first_word(&self, text: &str, from: usize) -> Option<(usize, usize)> {
        if let Some(automaton) = &self.automaton {
            let found = automaton.find(Input::new(text).span(from..text.len()))?;
            return Some((found.start(), found.pattern().as_usize()));
        }
        // Every first word starts a word, and elsewhere `name_at` would refuse it anyway.
        // Only a byte some first word starts with is looked at further: it starts a character
        // (a word's first byte is never a continuation byte), so `start` is a boundary.
        let bytes = text.as_bytes();
        // One iterator through the whole search: a byte passed over is not looked at again.
        let mut rest = bytes.get(from..)?.iter();
        loop {
            // Most bytes start no first word: one look-up each passes them over.
            rest.position(|&byte| self.starts_first_word[usize::from(byte)])?;
            // `rest` has moved past the byte found.
            let start = bytes.len() - rest.as_slice().len() - 1;
            if let Some(&second) = rest.as_slice().first() {
                let pair = byte_pair(bytes[start], second);
                if self.starts_first_word_pair[pair / 64] & (1 << (pair % 64)) == 0 {
                    continue;
                }
            }
            // Most such bytes are inside a word, which the byte before shows when it is ASCII.
            let word_before = match start.checked_sub(1).map(|before| bytes[before]) {
                Some(byte) if byte.is_ascii() => is_word_character(char::from(byte)),
                _ => text[..start]
                    .chars()
                    .next_back()
                    .is_some_and(is_word_character),
            };
            if word_before || !text[start..].chars().next().is_some_and(is_word_character) {
                continue;
            }
            let words = self.by_first_byte[usize::from(bytes[start])].clone();
            if let Some(word) = self.longest_first_word(&text[start..], words) {
                return Some((start, word));
            }
        }
    }

    /// The longest first word `rest` starts with, among `words` (the first words with its
    /// first byte): the last of them up to `rest`, in sorted order, that is a prefix of it.
    fn longest_first_word(&self, rest: &str, words: Range<usize>) -> Option<usize> {
        let with_first_byte = &self.first_words[words.clone()];
        let end = with_first_byte.partition_point(|word| word.as_str() <= rest);
        (0..end)
            .rev()
            .find(|&index| rest.starts_with(with_first_byte[index].as_str()))
            .map(|index| words.start + index)
    }

    /// Where `words` written from `start` end, if they are there as a whole name.
    fn name_at(&self, text: &str, start: usize, words: &[String]) -> Option<usize> {
        let (first, rest) = words.split_first()?;
        if first.starts_with(char::is_alphanumeric) && !is_word_boundary(text, start) {
            return None;
        }
        let mut end = start + first.len();
        text[start..].starts_with(first.as_str()).then_some(())?;
        for word in rest {
            let after = &text[end..];
            let spaced = after.trim_start_matches(char::is_whitespace);
            if spaced.len() == after.len() || !spaced.starts_with(word.as_str()) {
                return None;
            }
            end += after.len() - spaced.len() + word.len();
        }
        match words.last()?.chars().next_back()? {
            last if last.is_alphabetic() => {
                if text[end..].starts_with('s') && is_word_boundary(text, end + 1) {
                    Some(end + 1)
                } else {
                    is_word_boundary(text, end).then_some(end)
                }
            }
            last if last.is_alphanumeric() => is_word_boundary(text, end).then_some(end),
            _ => Some(end),
        }
    }
}

/// The index of two bytes in a table of every pair.
fn byte_pair(first: u8, second: u8) -> usize {
    (usize::from(first) << 8) | usize::from(second)
}

/// The end of a name followed by an optional space and ® or ™ (`(?: ?[®™])?`).
fn with_mark(text: &str, name_end: usize) -> usize {
    let after = &text[name_end..];
    let unspaced = after.strip_prefix(' ').unwrap_or(after);
    match unspaced.chars().next() {
        Some(mark @ ('®' | '™')) => text.len() - unspaced.len() + mark.len_utf8(),
        _ => name_end,
    }
}

/// Whether `at` is a Unicode word boundary, as the regex `\b` reads it.
fn is_word_boundary(text: &str, at: usize) -> bool {
    let before = text[..at]
        .chars()
        .next_back()
        .is_some_and(is_word_character);
    let after = text[at..].chars().next().is_some_and(is_word_character);
    before != after
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::spec::random_texts;

    fn names_found(text: &str) -> Vec<&str> {
        matches(builtin(), text)
            .into_iter()
            .map(|(range, _)| &text[range])
            .collect()
    }

    #[test]
    fn the_list_is_substantial_and_loads() {
        assert!(builtin_names().len() >= 60, "{}", builtin_names().len());
    }

    #[test]
    fn matches_whole_names_case_as_written() {
        assert_eq!(
            names_found("Use Microsoft 365 and SharePoint."),
            ["Microsoft 365", "SharePoint"]
        );
        assert_eq!(
            names_found("An epic effort; apple juice."),
            Vec::<&str>::new()
        );
        assert_eq!(
            names_found("Epic and Apple iPads."),
            ["Epic", "Apple", "iPads"]
        );
        assert_eq!(
            names_found("Dellwood Road, HPV vaccine"),
            Vec::<&str>::new()
        );
        assert_eq!(names_found("Microsoft\n365 licences"), ["Microsoft\n365"]);
    }

    #[test]
    fn matches_marked_words() {
        assert_eq!(
            names_found("Uses Dell® and Widget™ kit"),
            ["Dell®", "Widget™"]
        );
        assert_eq!(names_found("Uses Acme Flow ™ pumps"), ["Flow ™"]);
    }

    #[test]
    fn marks_are_matched_as_a_search_of_the_whole_text_would() {
        let texts = [
            "Hill-Rom® beds, Widget ™ and Gizmo  ™ parts",
            "_Foo® and -Bar™ and x®y™z and ®™ and Ärger™ and 3M™",
            "line one\nWidget™\tThing®\u{a0}Other™",
            "a\u{2003}Wide® text",
            "a_b® c-d™ -e® --f™ 9-® x- ™ x-  ® 1_2_3® _® a__b-c®",
            "®start and end®",
            "Ärger-x™ éclair® café-bar® x-é™",
            "Foo-Bar-Baz® TM-1000™ ab_-cd® ab-_cd™",
        ];
        // No names: only marked words are found.
        let nothing = BrandNames::new(std::iter::empty());
        for text in texts {
            let whole: Vec<(Range<usize>, usize)> = marked_pattern()
                .captures_iter(text)
                .map(|found| {
                    (
                        found.get(0).unwrap().range(),
                        found.name("marked").unwrap().end(),
                    )
                })
                .collect();
            assert_eq!(matches(&nothing, text), whole, "{text:?}");
        }
        let alphabet = ["a", "Z", "1", "-", "_", " ", "  ", "®", "™", "é", "\t", "."];
        for text in random_texts(&alphabet, 20_000, 14) {
            let whole: Vec<(Range<usize>, usize)> = marked_pattern()
                .captures_iter(&text)
                .map(|found| {
                    (
                        found.get(0).unwrap().range(),
                        found.name("marked").unwrap().end(),
                    )
                })
                .collect();
            assert_eq!(matches(&nothing, &text), whole, "{text:?}");
        }
    }

    #[test]
    fn adjacent_names_are_one_mention() {
        let text = "Apple iPads, Panasonic Toughbook® tablets and Dell laptops";
        let found: Vec<(&str, &str)> = mentions(builtin(), text)
            .iter()
            .map(|m| (&text[m.range.clone()], &text[m.range.start..m.name_end]))
            .collect();
        assert_eq!(
            found,
            [
                ("Apple iPads", "Apple iPads"),
                ("Panasonic Toughbook®", "Panasonic Toughbook"),
                ("Dell", "Dell")
            ]
        );
    }

    /// The regex alternation the search replaces, as it was built before.
    fn alternation(names: &[&str]) -> Regex {
        let mut names: Vec<&str> = names.iter().map(|name| name.trim()).collect();
        names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        names.dedup();
        let alternatives: Vec<String> = names
            .iter()
            .map(|name| {
                let words: Vec<String> = name.split_whitespace().map(regex::escape).collect();
                let end = match name.chars().next_back() {
                    Some(last) if last.is_alphabetic() => r"s?\b",
                    Some(last) if last.is_alphanumeric() => r"\b",
                    _ => "",
                };
                let start = if name.starts_with(char::is_alphanumeric) {
                    r"\b"
                } else {
                    ""
                };
                format!("{start}{}{end}", words.join(r"\s+"))
            })
            .collect();
        Regex::new(&format!(
            r"(?P<brand>{})(?: ?[®™])?",
            alternatives.join("|")
        ))
        .unwrap()
    }

    #[test]
    fn finds_what_the_regex_alternation_found() {
        let names = [
            "Microsoft",
            "Microsoft 365",
            "Micro",
            "Mercedes-Benz",
            "Benz",
            "Smith & Nephew",
            "3M",
            "Dräger",
            "SAP S/4HANA",
            "SAP",
            "Hill-Rom",
            "C++",
            "iPad",
            "Dell",
        ];
        let texts = [
            "Microsoft 365, Microsoft\t\n 365 and Microsofts; Microsoft365 Micro-soft",
            "Mercedes-Benz Sprinter, Mercedes-Benzo, xBenz, Benz® and Benz ™ and Benz  ™",
            "Smith &  Nephew, Smith&Nephew, 3M™, 3Ms, 13M, Dräger, Drägers, Drägerx, _Dell, Dell_",
            "SAP S/4HANA and SAP S/4HANAs, C++ and C++x, iPads, iPadss, Dellé, éDell, Dell\u{301}",
            "DellDell Dell-Dell Dell.Dell ®Dell Dell®® Dell ®™ MicroMicrosoft",
        ];
        let regex = alternation(&names);
        for text in texts {
            let expected: Vec<(Range<usize>, usize)> = regex
                .captures_iter(text)
                .map(|found| {
                    (
                        found.get(0).unwrap().range(),
                        found.name("brand").unwrap().end(),
                    )
                })
                .collect();
            let search = BrandNames::new(names.into_iter());
            assert!(search.automaton.is_none());
            assert_eq!(search.find_all(text), expected, "{text:?}");
        }
        // A name that starts with neither letter nor digit can start inside a word.
        let odd = ["@Home", "Home", "Dell"];
        let search = BrandNames::new(odd.into_iter());
        assert!(search.automaton.is_some());
        for text in ["x@Home, @Homes, Home@Home, Dell@Home", "@@Home Dell"] {
            let expected: Vec<(Range<usize>, usize)> = alternation(&odd)
                .captures_iter(text)
                .map(|found| {
                    (
                        found.get(0).unwrap().range(),
                        found.name("brand").unwrap().end(),
                    )
                })
                .collect();
            assert_eq!(search.find_all(text), expected, "{text:?}");
        }
        let listed: Vec<&str> = builtin_names().iter().map(String::as_str).collect();
        let text = listed.join(" and ").repeat(3) + &listed.join("s, ");
        let expected: Vec<(Range<usize>, usize)> = alternation(&listed)
            .captures_iter(&text)
            .map(|found| {
                (
                    found.get(0).unwrap().range(),
                    found.name("brand").unwrap().end(),
                )
            })
            .collect();
        let search = BrandNames::new(listed.iter().copied());
        assert_eq!(search.find_all(&text), expected);
    }

    #[test]
    fn both_brand_searches_find_what_the_regex_finds_in_random_text() {
        let names = [
            "Dell",
            "Dell Latitude",
            "Del",
            "HP",
            "Hill-Rom",
            "3M",
            "Apple iPad",
            "éx",
        ];
        // "-Rom" may start inside a word, so it is searched for by the automaton.
        let with_odd_name: Vec<&str> = names.iter().copied().chain(["-Rom"]).collect();
        let by_word_starts = BrandNames::new(names.into_iter());
        assert!(by_word_starts.automaton.is_none());
        let by_automaton = BrandNames::new(with_odd_name.iter().copied());
        assert!(by_automaton.automaton.is_some());
        let alphabet = [
            "Dell", "Del", "l", " ", "\n", "HP", "s", "Hill", "-", "Rom", "3M", "Apple", "iPad",
            "Latitude", "x", "_", "é", "®",
        ];
        for (search, names) in [(by_word_starts, &names[..]), (by_automaton, &with_odd_name)] {
            let regex = alternation(names);
            for text in random_texts(&alphabet, 5_000, 10) {
                let expected: Vec<(Range<usize>, usize)> = regex
                    .captures_iter(&text)
                    .map(|found| {
                        (
                            found.get(0).unwrap().range(),
                            found.name("brand").unwrap().end(),
                        )
                    })
                    .collect();
                assert_eq!(search.find_all(&text), expected, "{text:?}");
            }
        }
    }

    #[test]
    fn config_names_extend_the_list() {
        let names = BrandNames::new(["Acme Pumps", "Acme"].into_iter());
        let text = "Acme Pumps and Acme parts";
        let found: Vec<&str> = names
            .find_all(text)
            .into_iter()
            .map(|(range, _)| &text[range])
            .collect();
        assert_eq!(found, ["Acme Pumps", "Acme"]);
    }
}
