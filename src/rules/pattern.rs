//! House rules from a team's rule pack: a regular expression searched for in the
//! specification texts, one finding per match (see `rule-packs` in tenderlint.toml).

use super::Checker;
use super::spec::{locate, specifications};
use crate::settings::PackRule;

pub fn check(checker: &mut Checker, rule: &PackRule) {
    let pattern = rule
        .meta
        .pattern
        .as_ref()
        .expect("pack rules are loaded with a pattern");
    for specification in specifications(checker.tender) {
        let text: &str = specification.text;
        for found in rule.regex.find_iter(text).filter(|found| !found.is_empty()) {
            let (span, _) = locate(checker, &specification, found.range());
            let message = match &pattern.message {
                Some(message) => message.replace("{match}", found.as_str()),
                None => format!(
                    "{}: \"{}\" in the {}",
                    rule.meta.summary.trim(),
                    found.as_str(),
                    specification.label
                ),
            };
            checker.report(span, message);
        }
    }
}
