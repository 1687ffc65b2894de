//! PAY005 excessive-retention.

use crate::diagnostic::Fix;
use crate::edits::replace_value;
use crate::rules::Checker;

/// Retention ties up an SME's cash for the life of the contract (DHSC SME guidance 2026: supportive
/// payment structures).
pub fn check(checker: &mut Checker) {
    let source = checker.source;
    // Scope: policy, every regime and buyer.
    let Some(retention) = checker
        .tender
        .payment
        .as_ref()
        .and_then(|payment| payment.retention_percent.as_ref())
    else {
        return;
    };
    // Trigger: more than `max_percent`.
    let max_percent = checker.percent("max_percent");
    if retention.inner <= max_percent {
        return;
    }
    let limit = max_percent.to_string();
    checker
        .report(
            retention.span,
            format!("retention of {} is more than {limit}", retention.inner),
        )
        .help(format!(
            "reduce `retention_percent` to {limit} or less, or release it at milestones"
        ))
        .fix(Fix::unsafe_(vec![replace_value(
            source,
            retention.span,
            limit.trim_end_matches('%'),
        )]));
}
