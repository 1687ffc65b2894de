//! House rules from a team's rule pack: a regular expression searched for in the
//! specification texts, one finding per match (see `rule-packs` in tenderlint.toml).

use super::Checker;
use super::spec::{locate_all, specifications};
use crate::settings::PackRule;

pub fn check(checker: &mut Checker, rule: &PackRule) {
    let pattern = rule
        .meta
        .pattern
        .as_ref()
        .expect("pack rules are loaded with a pattern");
    for specification in specifications(checker.tender) {
        let text: &str = specification.text;
        let matches: Vec<_> = rule
            .regex
            .find_iter(text)
            .filter(|found| !found.is_empty())
            .collect();
        let ranges: Vec<_> = matches.iter().map(|found| found.range()).collect();
        let located = locate_all(checker, &specification, &ranges);
        for (found, (span, _)) in matches.into_iter().zip(located) {
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
