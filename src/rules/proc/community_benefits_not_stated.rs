//! PROC007 community-benefits-not-stated.

use crate::model::{Node, is_missing_reason};
use crate::rules::Checker;
use crate::thresholds;

/// Scotland (`pcsr_2015`, rules/scope.toml): a regulated procurement whose estimated value,
/// excluding VAT, is at least the community benefit figure (PR(S)A 2014 s.25(1): £4,000,000)
/// must consider community benefit requirements, and the contract notice summarises them or
/// gives the reasons for having none (s.25(3)). Fires when the tender states neither
/// `community_benefits.summary` nor `community_benefits.no_requirements_reason`; a placeholder
/// counts as not stated. Unknown is not zero: no value, no finding.
pub fn check(checker: &mut Checker) {
    let facts = checker.facts;
    let figure = thresholds::scotland_regulated().community_benefits;
    if !facts.scottish_regulated() || facts.value_without_vat.is_none_or(|value| value < figure) {
        return;
    }
    let section = checker.tender.community_benefits.as_ref();
    let stated =
        |field: Option<&Option<Node<String>>>| !is_missing_reason(field.and_then(Option::as_ref));
    if stated(section.map(|section| &section.summary))
        || stated(section.map(|section| &section.no_requirements_reason))
    {
        return;
    }
    let span = match section {
        Some(section) => checker.key_span(section.span, "community_benefits"),
        None => checker.tender_span(),
    };
    checker.report(
        span,
        format!(
            "a regulated procurement of {} or more (excluding VAT) states no community benefit requirements and no reason for having none",
            figure
        ),
    );
}
