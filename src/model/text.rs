//! Free text that says nothing: a placeholder is not a reason (RULES.md conventions).

use super::Node;

/// Words that stand for an answer not yet given, compared after dropping case, spaces and
/// punctuation (so `N/A`, `t.b.c.` and `TODO:` all match, and `-`, `?` or `...` are empty).
const PLACEHOLDER_WORDS: &[&str] = &["tbc", "tbd", "na", "none", "todo", "xxx", "reason"];

/// True for text that records nothing: empty or whitespace, a placeholder word
/// (`tbc`, `tbd`, `n/a`, `na`, `none`, `-`, `?`, `todo`, `xxx`, any case, surrounding
/// punctuation ignored), or text in angle brackets such as `init`'s `<why …>`.
pub fn is_placeholder(text: &str) -> bool {
    let trimmed = text.trim();
    if trimmed.starts_with('<') && trimmed.ends_with('>') {
        return true;
    }
    let letters: String = trimmed
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    letters.is_empty() || PLACEHOLDER_WORDS.contains(&letters.as_str())
}

/// True when a free-text reason field is absent, empty or a placeholder: it counts as absent.
pub fn is_missing_reason(field: Option<&Node<String>>) -> bool {
    field.is_none_or(|text| is_placeholder(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_recognised_in_any_case_and_punctuation() {
        for text in [
            "",
            "   ",
            "tbc",
            "TBC",
            "t.b.c.",
            "TBD",
            "n/a",
            "N/A.",
            "na",
            "None",
            "-",
            "--",
            "?",
            "...",
            "todo",
            "TODO:",
            "xxx",
            "XXX",
            "(tbc)",
            "<why this contract is not divided into lots>",
            "  <reason>  ",
        ] {
            assert!(is_placeholder(text), "{text:?} is a placeholder");
        }
    }

    #[test]
    fn real_reasons_are_not_placeholders() {
        for text in [
            "One integrated data model; splitting it would duplicate governance work.",
            "No suitable channel: the market is two suppliers.",
            "Nonetheless required",
            "N/A because the service is indivisible",
            "x",
            "a < b > c",
        ] {
            assert!(!is_placeholder(text), "{text:?} is a reason");
        }
    }
}
