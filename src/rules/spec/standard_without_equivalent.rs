//! SPEC002 standard-without-equivalent.

use std::sync::OnceLock;

use regex::Regex;

use super::{Sentences, locate_all, or_equivalent_fix, specifications};
use crate::rules::Checker;

/// A specification cites a UK standard (BS, BS EN, BS ISO, PAS) in a sentence that
/// does not say "or equivalent" (PA23 s.56(3)–(4), (9)).
pub fn check(checker: &mut Checker) {
    for specification in specifications(checker.tender) {
        let text: &str = specification.text;
        // Every citation starts with one of these: most specifications cite none, and then
        // the pattern is never compiled.
        if !text.contains("BS") && !text.contains("PAS") {
            continue;
        }
        let mut cited: Vec<_> = uk_standard().find_iter(text).collect();
        if cited.is_empty() {
            continue;
        }
        let sentences = Sentences::of(text);
        cited.retain(|found| !sentences.say_or_equivalent(found.start()));
        let ranges: Vec<_> = cited.iter().map(|found| found.range()).collect();
        let located = locate_all(checker, &specification, &ranges);
        for (found, (span, exact)) in cited.into_iter().zip(located) {
            let diagnostic = checker
                .report(
                    span,
                    format!(
                        "{} cites the UK standard {} without \"or equivalent\"",
                        specification.label,
                        found.as_str()
                    ),
                )
                .help(format!(
                    "write \"{} or equivalent\": tenders meeting an equivalent standard must be treated as meeting it",
                    found.as_str()
                ));
            if exact && let Some(fix) = or_equivalent_fix(&text[found.end()..], span.end) {
                diagnostic.fix(fix);
            }
        }
    }
}

/// `BS 7671`, `BS8300-1:2018`, `BS EN ISO 9001:2015`, `BS ISO/IEC 27001`, `PAS 1192-2`, `BS EN 1090-1:2009+A1:2011`.
/// Numbers are ASCII digits, as standards are numbered: Unicode `\d` (every script's digits)
/// tripled the pattern's compile time, paid by every run on a specification that cites one.
pub(crate) fn uk_standard() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"\b(?:BS|PAS)(?: (?:EN|ISO/IEC|ISO|IEC))* ?[0-9]+(?:-[0-9]+)*(?::[0-9]{4})?(?:\+A[0-9]+(?::[0-9]{4})?)*\b",
        )
        .expect("valid regex")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_uk_standards() {
        let text = "Wiring to BS 7671, access to BS8300-1:2018, quality to BS EN ISO 9001:2015, \
                    security to BS ISO/IEC 27001, BIM to PAS 1192-2 and steel to BS EN 1090-1:2009+A1:2011.";
        let found: Vec<&str> = uk_standard().find_iter(text).map(|m| m.as_str()).collect();
        assert_eq!(
            found,
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
        assert_eq!(uk_standard().find_iter(text).count(), 0);
    }
}
