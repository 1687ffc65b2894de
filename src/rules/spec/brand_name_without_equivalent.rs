//! SPEC001 brand-name-without-equivalent.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use super::{locate, says_or_equivalent, sentence_around, specifications};
use crate::diagnostic::{Edit, Fix, Severity};
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
    let pattern = if additions.is_empty() {
        builtin_pattern().clone()
    } else {
        pattern(
            builtin_names()
                .iter()
                .map(String::as_str)
                .chain(additions.iter().map(String::as_str)),
        )
    };
    for specification in specifications(checker.tender) {
        let text: &str = specification.text;
        for mention in mentions(&pattern, text) {
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
            if exact {
                diagnostic.fix(Fix::safe(vec![Edit::insert(located.end, " or equivalent")]));
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
    for found in pattern.captures_iter(text) {
        let whole = found.get(0).expect("a match");
        let name = found
            .name("brand")
            .or_else(|| found.name("marked"))
            .expect("one alternative matched");
        if let Some(last) = mentions.last_mut()
            && text[last.range.end..whole.start()]
                .chars()
                .all(|c| c == ' ' || c == '\t')
        {
            last.range.end = whole.end();
            last.name_end = name.end();
            continue;
        }
        mentions.push(Mention {
            range: whole.range(),
            name_end: name.end(),
        });
    }
    mentions
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
/// "Microsoft 365" wins over "Microsoft"), with an optional ® or ™ after it; or
/// any other word carrying ® or ™.
fn pattern<'a>(names: impl Iterator<Item = &'a str>) -> Regex {
    let mut names: Vec<&str> = names
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect();
    names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    names.dedup();
    let alternatives: Vec<String> = names.iter().map(|name| name_pattern(name)).collect();
    let source = format!(
        r"(?P<brand>{})(?: ?[®™])?|(?P<marked>\b[\p{{L}}\p{{N}}][\p{{L}}\p{{N}}\-]*) ?[®™]",
        alternatives.join("|")
    );
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
        builtin_pattern()
            .captures_iter(text)
            .map(|found| found.get(0).unwrap().as_str())
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
