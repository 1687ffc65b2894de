//! LOT007 lot-award-limit-without-mechanism.

use crate::model::is_missing_reason;
use crate::rules::Checker;

/// Above threshold (the Act, or the PCSR's reg 47(4)–(5)), a limit on the lots one supplier may be awarded
/// (`lots_policy.max_lots_per_supplier`) needs an objective mechanism, set out in advance,
/// for deciding which lots a supplier gets when it would win more than the limit (s.23(4)).
/// Fires at the limit when `award_limit_mechanism` is absent or blank.
pub fn check(checker: &mut Checker) {
    let Some(policy) = checker.tender.lots_policy.as_deref() else {
        return;
    };
    let Some(limit) = &policy.max_lots_per_supplier else {
        return;
    };
    if !is_missing_reason(policy.award_limit_mechanism.as_ref()) {
        return;
    }
    let lots = if limit.get() == 1 { "lot" } else { "lots" };
    checker
        .report(
            limit.span,
            format!(
                "a limit of {} {lots} per supplier is set without an `award_limit_mechanism`",
                limit.get()
            ),
        )
        .help(
            "add `award_limit_mechanism`: the objective rule, set out in advance, for which lots a supplier is awarded when it would win more than the limit",
        );
}
