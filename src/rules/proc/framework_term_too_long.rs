//! PROC001 framework-term-too-long.

use super::term_over;
use crate::model::{Procedure, is_missing_reason};
use crate::rules::Checker;

/// A framework runs at most four years (eight for a utilities or defence and security
/// framework) without a recorded reason (PA23 s.47); an open framework at most eight
/// (s.49).
pub fn check(checker: &mut Checker) {
    let facts = checker.facts;
    // Light-touch frameworks are exempt (the regime is rules/scope.toml's).
    if facts.is_light_touch() {
        return;
    }
    let (limit, what) = match facts.procedure {
        Some(Procedure::Framework) if facts.is_utility_buyer() || facts.defence_and_security => (
            checker.count("max_months_utility_or_defence"),
            if facts.defence_and_security {
                "a defence and security framework"
            } else {
                "a utilities framework"
            },
        ),
        Some(Procedure::Framework) => (checker.count("max_months"), "a framework"),
        Some(Procedure::OpenFramework) => (
            checker.count("open_framework_max_months"),
            "an open framework",
        ),
        _ => return,
    };
    // Trigger: a term over the limit, with no `contract.term_reason` (a placeholder is none).
    let reason = checker
        .tender
        .contract
        .as_ref()
        .and_then(|contract| contract.term_reason.as_ref());
    if !is_missing_reason(reason) {
        return;
    }
    let Some((described, span)) = term_over(checker, limit) else {
        return;
    };
    checker
        .report(
            span,
            format!(
                "a term of {described} is longer than the {limit} months the Act sets for {what}"
            ),
        )
        .help(format!(
            "shorten the term to {limit} months or less, or record why a longer term is needed in \
             `contract.term_reason`"
        ));
}
