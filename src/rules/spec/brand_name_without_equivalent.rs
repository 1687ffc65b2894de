//! SPEC001 brand-name-without-equivalent.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use super::{locate, or_equivalent_fix, says_or_equivalent, sentence_around, specifications};
use crate::diagnostic::Severity;
use crate::rules::Checker;
use crate::span::Span;

/// A specification names a trade mark, product or producer (from rules/brands.toml
/// or the `brands` threshold, or any word marked ® or ™) in a sentence that does
/// not say "or equivalent" (PA23 s.56(7)–(8); PCR reg 42(10)–(11)).
pub fn check(checker: &mut Checker) {
    let facts = checker.facts;
    // Law for public contracts under the Act or Part 2 of the PCR; policy otherwise.
    let severity = if facts.pa23_above() || facts.pcr_above() {
        Severity::Error
    } else {
        Severity::Warning
    };
    let additions = checker.words("brands");
    // Borrowed, not cloned: a cloned Regex starts with empty caches, and rebuilding the
    // lazy DFA for every file cost more than the rest of the rules together.
    let configured;
    let pattern = if additions.is_empty() {
        builtin_pattern()
    } else {
        configured = pattern(
            builtin_names()
                .iter()
                .map(String::as_str)
                .chain(additions.iter().map(String::as_str)),
        );
        &configured
    };
    for specification in specifications(checker.tender) {
        let text: &str = specification.text;
        for mention in mentions(pattern, text) {
            let sentence = &text[sentence_around(text, mention.range.start)];
            if says_or_equivalent(sentence) {
                continue;
            }
            let written: Vec<&str> = text[mention.range.clone()].split_whitespace().collect();
            let written = written.join(" ");
            let (located, exact) = locate(checker, &specification, mention.range.clone());
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

fn mentions(pattern: &Regex, text: &str) -> Vec<Mention> {
    let mut mentions: Vec<Mention> = Vec::new();
    for (whole, name_end) in matches(pattern, text) {
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
/// Two searches, not one: the names alone start with literals, so the regex engine can
/// skip ahead to candidates; a single pattern that also matches any word would inspect
/// every position (and, with Unicode word boundaries in non-ASCII text, slowly).
fn matches(pattern: &Regex, text: &str) -> Vec<(Range<usize>, usize)> {
    let mut found: Vec<(Range<usize>, usize)> = pattern
        .captures_iter(text)
        .map(|found| {
            let whole = found.get(0).expect("a match");
            (
                whole.range(),
                found.name("brand").map_or(whole.end(), |name| name.end()),
            )
        })
        .collect();
    if !text.contains(['®', '™']) {
        return found;
    }
    let names = found.len();
    // Each mark is matched within its own word: run over the whole text, the marked-word
    // pattern (Unicode word boundaries) would fall back to a slow engine.
    let mut previous_end = 0;
    for (at, mark) in text.match_indices(['®', '™']) {
        let end = at + mark.len();
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
        if let Some(marked) = marked_pattern().captures_at(&text[..end], start) {
            let whole = marked.get(0).expect("a match");
            let word = marked.name("marked").expect("the word");
            found.push((whole.range(), word.end()));
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
        let text =
            crate::registry::data_file("brands.toml").expect("rules/brands.toml is embedded");
        let file: BrandFile = toml::from_str(text)
            .unwrap_or_else(|error| panic!("rules/brands.toml is malformed: {error}"));
        file.group
            .into_iter()
            .flat_map(|group| group.names)
            .collect()
    })
}

fn builtin_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| pattern(builtin_names().iter().map(String::as_str)))
}

/// One regex for every name, whole words and case as written, longest first (so
/// "Microsoft 365" wins over "Microsoft"), with an optional ® or ™ after it (other
/// words carrying ® or ™ are found by [`marked_pattern`]).
fn pattern<'a>(names: impl Iterator<Item = &'a str>) -> Regex {
    let mut names: Vec<&str> = names
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect();
    names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    names.dedup();
    let alternatives: Vec<String> = names.iter().map(|name| name_pattern(name)).collect();
    let source = format!(r"(?P<brand>{})(?: ?[®™])?", alternatives.join("|"));
    Regex::new(&source).expect("escaped names make a valid regex")
}

/// A name as a whole-word pattern: its words may be separated by any white space,
/// and a name ending in a letter may take a plural "s" ("iPads", "Dells").
fn name_pattern(name: &str) -> String {
    let words: Vec<String> = name.split_whitespace().map(regex::escape).collect();
    let starts_word = name.starts_with(char::is_alphanumeric);
    let end = match name.chars().next_back() {
        Some(last) if last.is_alphabetic() => r"s?\b",
        Some(last) if last.is_alphanumeric() => r"\b",
        _ => "",
    };
    format!(
        "{}{}{end}",
        if starts_word { r"\b" } else { "" },
        words.join(r"\s+"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_found(text: &str) -> Vec<&str> {
        matches(builtin_pattern(), text)
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
        ];
        // A pattern that matches nothing: only marked words are found.
        let nothing = Regex::new(r"[^\s\S]").unwrap();
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
    }

    #[test]
    fn adjacent_names_are_one_mention() {
        let text = "Apple iPads, Panasonic Toughbook® tablets and Dell laptops";
        let found: Vec<(&str, &str)> = mentions(builtin_pattern(), text)
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

    #[test]
    fn config_names_extend_the_list() {
        let regex = pattern(["Acme Pumps", "Acme"].into_iter());
        let found: Vec<&str> = regex
            .find_iter("Acme Pumps and Acme parts")
            .map(|m| m.as_str())
            .collect();
        assert_eq!(found, ["Acme Pumps", "Acme"]);
    }
}
