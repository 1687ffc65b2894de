//! SV002 weights-not-100.

use super::percent_text;
use crate::model::Percent;
use crate::rules::Checker;

/// Weighted award criteria must total 100%, and criteria are either all weighted or
/// all ranked: s.23(3)(b) allows weighting or ranking, not a mix. Reported once.
pub fn check(checker: &mut Checker) {
    // Scope: policy, every regime and buyer.
    let Some(criteria) = checker.tender.award_criteria.as_ref() else {
        return;
    };
    let weighted = criteria
        .iter()
        .filter(|criterion| criterion.weight.is_some())
        .count();
    // Ranked criteria (no weights) and an empty list are both scoreable.
    if weighted == 0 {
        return;
    }
    let span = checker.key_span(criteria.span, "award_criteria");
    // Trigger 1: only some carry weights.
    if weighted < criteria.len() {
        let unweighted: Vec<String> = criteria
            .iter()
            .enumerate()
            .filter(|(_, criterion)| criterion.weight.is_none())
            .map(|(index, criterion)| match criterion.name.as_deref() {
                Some(name) => format!("`{name}`"),
                None => format!("criterion {}", index + 1),
            })
            .collect();
        checker
            .report(
                span,
                format!(
                    "{weighted} of {} award criteria carry weights; {} {} none",
                    criteria.len(),
                    unweighted.join(", "),
                    if unweighted.len() == 1 { "has" } else { "have" }
                ),
            )
            .help("weight every criterion so the weights total 100, or weight none and rank them");
        return;
    }
    // Trigger 2: the weights do not total 100 (exact hundredths of a percent).
    let total: u32 = criteria
        .iter()
        .filter_map(|criterion| criterion.weight.as_deref())
        .map(|weight| weight.hundredths())
        .sum();
    if total == Percent::from_whole(100).hundredths() {
        return;
    }
    checker
        .report(
            span,
            format!(
                "award criteria weights total {}, not 100%",
                percent_text(total)
            ),
        )
        .help("adjust the weights so they total exactly 100");
}
