//! SPEC003 input-based-specification.

use std::sync::OnceLock;

use regex::Regex;

use super::{locate_all, specifications};
use crate::rules::Checker;

/// Prescriptive phrasing ("must use", "shall utilise", "must be built on",
/// "proprietary") that specifies inputs rather than outcomes (PA23 s.56(2)).
pub fn check(checker: &mut Checker) {
    for specification in specifications(checker.tender) {
        let text: &str = specification.text;
        let phrases: Vec<_> = prescriptive().find_iter(text).collect();
        let ranges: Vec<_> = phrases.iter().map(|found| found.range()).collect();
        let located = locate_all(checker, &specification, &ranges);
        for (found, (span, _)) in phrases.into_iter().zip(located) {
            checker
                .report(
                    span,
                    format!(
                        "{} says \"{}\": it prescribes an input rather than the outcome needed",
                        specification.label,
                        found.as_str()
                    ),
                )
                .help(
                    "state the performance or function needed and let bidders propose how to meet it",
                );
        }
    }
}

fn prescriptive() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?i)\b(?:must|shall)\s+(?:use|utili[sz]e|be\s+built\s+on)\b|\bproprietary\b")
            .expect("valid regex")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_prescriptive_phrases() {
        let text = "The system must use X. It Shall Utilise Y, must be built on Z, using proprietary code.";
        let found: Vec<&str> = prescriptive().find_iter(text).map(|m| m.as_str()).collect();
        assert_eq!(
            found,
            [
                "must use",
                "Shall Utilise",
                "must be built on",
                "proprietary"
            ]
        );
        assert_eq!(
            prescriptive()
                .find_iter("users must be able to log in")
                .count(),
            0
        );
        assert_eq!(prescriptive().find_iter("must user-test").count(), 0);
    }
}
