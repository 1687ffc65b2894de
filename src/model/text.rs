//! Free-text answers: a placeholder is not an answer (RULES.md "A placeholder is not a reason").

/// Empty text, a placeholder word (`tbc`, `tbd`, `n/a`, `na`, `none`, `-`, `?`, `todo`,
/// `xxx`, in any case, surrounding punctuation ignored) or text in angle brackets such as
/// the `init` template's `<why …>`.
pub fn is_placeholder(text: &str) -> bool {
    const WORDS: [&str; 8] = ["tbc", "tbd", "n/a", "na", "none", "todo", "xxx", ""];
    let trimmed = text.trim();
    if trimmed.starts_with('<') && trimmed.ends_with('>') {
        return true;
    }
    let word = trimmed
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    WORDS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::is_placeholder;

    #[test]
    fn placeholders_are_not_answers() {
        for text in [
            "",
            "  ",
            "tbc",
            "TBC.",
            "(tbd)",
            "n/a",
            "N/A",
            "na",
            "None",
            "-",
            "?",
            "todo",
            "XXX",
            "<why this contract is not divided into lots>",
        ] {
            assert!(is_placeholder(text), "{text:?}");
        }
        for text in [
            "No community benefits: a one-off licence",
            "nap",
            "n/a for lot 2 only",
        ] {
            assert!(!is_placeholder(text), "{text:?}");
        }
    }
}
