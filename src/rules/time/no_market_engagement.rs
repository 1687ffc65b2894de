//! TIME003 no-market-engagement.

use crate::rules::Checker;

/// A procurement with no recorded pre-market engagement: above threshold, or under the PSR
/// at any value (rules/scope.toml).
pub fn check(checker: &mut Checker) {
    let engagement = checker.tender.market_engagement.as_ref();
    let held = engagement.and_then(|engagement| engagement.held.as_ref());
    if held.is_some_and(|held| **held) {
        return;
    }
    let (span, message) = match (engagement, held) {
        (_, Some(held)) => (held.span, "no pre-market engagement was held"),
        (Some(engagement), None) => (
            checker.key_span(engagement.span, "market_engagement"),
            "`market_engagement` does not say whether pre-market engagement was held",
        ),
        (None, None) => (
            checker.section_span(None, "market_engagement"),
            "no pre-market engagement is recorded",
        ),
    };
    checker.report(span, message).help(
        "engage the market before the tender, with an event SMEs can attend, and record it under `market_engagement`",
    );
}
