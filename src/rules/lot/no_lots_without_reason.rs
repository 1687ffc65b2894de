//! LOT001 no-lots-without-reason.

use super::lots;
use crate::model::is_missing_reason;
use crate::rules::Checker;

/// A contract above threshold (regimes per rules/scope.toml) that is not divided into at least two lots
/// and records no `no_lots_reason`. Light touch contracts and utility buyers are outside
/// the duty to give reasons (s.18(2) and PR24 reg 18(2)(q)).
///
/// The tool cannot see whether the buyer considered lots (s.18(1)), only whether a reason
/// is recorded, so this is a warning. A blank reason counts as none. The finding points at
/// the blank reason, else the `lots` key of a one-lot tender, else `tender`.
pub fn check(checker: &mut Checker) {
    let facts = checker.facts;
    if facts.is_light_touch() || facts.is_utility_buyer() {
        return;
    }
    let tender = checker.tender;
    let lot_count = lots(tender).map_or(0, <[_]>::len);
    if lot_count >= 2 || !is_missing_reason(tender.no_lots_reason.as_ref()) {
        return;
    }
    let (span, message) = if let Some(reason) = &tender.no_lots_reason {
        (
            reason.span,
            if reason.trim().is_empty() {
                "`no_lots_reason` is blank: the contract is not divided into lots and no reason is recorded".to_owned()
            } else {
                format!(
                    "`no_lots_reason` \"{}\" is a placeholder, not a reason: the contract is not divided into lots and no reason is recorded",
                    reason.trim()
                )
            },
        )
    } else if let Some(section) = &tender.lots {
        (
            checker.key_span(section.span, "lots"),
            format!(
                "the contract has {} and no `no_lots_reason` is recorded",
                if lot_count == 1 {
                    "only one lot"
                } else {
                    "no lots"
                }
            ),
        )
    } else {
        (
            checker.section_span(None, "lots"),
            "the contract is not divided into lots and no `no_lots_reason` is recorded".to_owned(),
        )
    };
    let help = if facts.is_pcr() {
        "consider lots by locality, specialism or phase; if the contract is not divided, PCR reg 46(1) asks for the main reasons: record them in `no_lots_reason`"
    } else if facts.is_pcsr() {
        "consider lots by locality, specialism or phase; if the contract is not divided, PCSR reg 47(2) asks for the main reasons (in the procurement documents or the reg 83 report): record them in `no_lots_reason`"
    } else {
        "consider lots by locality, specialism or phase (s.18(1)); if lots were considered appropriate but are not used, the tender notice must give the reasons (s.18(2)): record the decision in `no_lots_reason`"
    };
    checker.report(span, message).help(help);
}
