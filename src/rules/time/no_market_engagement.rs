//! TIME003 no-market-engagement.

use crate::rules::Checker;

/// An above-threshold procurement with no recorded pre-market engagement (s.16; seeds).
pub fn check(checker: &mut Checker) {
    // Above threshold, under any regime.
    if checker.facts.above_threshold != Some(true) {
        return;
    }
    let engagement = checker.tender.market_engagement.as_ref();
    let held = engagement.and_then(|engagement| engagement.held.as_ref());
    if held.is_some_and(|held| **held) {
        return;
    }
    let (span, message) = match (engagement, held) {
        (_, Some(held)) => (
            held.span,
            "no pre-market engagement was held for an above-threshold procurement",
        ),
        (Some(engagement), None) => (
            checker.key_span(engagement.span, "market_engagement"),
            "`market_engagement` does not say whether pre-market engagement was held",
        ),
        (None, None) => (
            checker.section_span(None, "market_engagement"),
            "no pre-market engagement is recorded for an above-threshold procurement",
        ),
    };
    checker.report(span, message).help(
        "engage the market before the tender (s.16), with an event SMEs can attend, and record it under `market_engagement`",
    );
}
