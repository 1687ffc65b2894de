//! TIME004 engagement-notice-missing.

use crate::model::is_missing_reason;
use crate::rules::Checker;

/// Market engagement held without a preliminary market engagement notice or a
/// reason for not publishing one (s.17(1)); a placeholder reason is no reason.
pub fn check(checker: &mut Checker) {
    let facts = checker.facts;
    if facts.is_utility_buyer() {
        return;
    }
    let Some(engagement) = checker.tender.market_engagement.as_ref() else {
        return;
    };
    let held = engagement.held.as_deref().copied().unwrap_or(false);
    if !held
        || engagement.notice_date.is_some()
        || !is_missing_reason(engagement.no_notice_reason.as_ref())
    {
        return;
    }
    let span = checker.key_span(engagement.span, "market_engagement");
    checker
        .report(
            span,
            "market engagement was held with no preliminary market engagement notice and no reason for not publishing one",
        )
        .help(
            "record the notice's `notice_date`, or give a `no_notice_reason` for the tender notice (s.17(1))",
        );
}
