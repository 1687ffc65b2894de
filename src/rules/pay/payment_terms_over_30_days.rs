//! PAY001 payment-terms-over-30-days.

use crate::diagnostic::{Fix, Severity};
use crate::edits::replace_value;
use crate::model::BuyerKind;
use crate::rules::Checker;

/// Undisputed valid invoices must be paid within 30 days (PA23 s.68, s.88; PCR reg 113).
pub fn check(checker: &mut Checker) {
    let source = checker.source;
    let facts = checker.facts;
    // The Act's payment sections do not bind schools as law (s.68(1), s.84(2)); the other
    // regimes' severity comes from rules/scope.toml.
    let severity = if facts.is_pa23() && facts.buyer_kind == Some(BuyerKind::School) {
        Severity::Warning
    } else {
        checker.default_severity()
    };
    let Some(terms) = checker
        .tender
        .payment
        .as_ref()
        .and_then(|payment| payment.terms_days.as_ref())
    else {
        return;
    };
    if terms.get() <= 30 {
        return;
    }
    checker
        .report(
            terms.span,
            format!(
                "payment terms of {} days are longer than 30 days",
                terms.get()
            ),
        )
        .severity(severity)
        .help(
            if facts.is_pa23() || facts.is_pcr() {
                "set `terms_days: 30`: a longer term has no effect against the 30 days the law implies"
            } else {
                "set `terms_days: 30`: where the buyer is a public authority, statutory interest on late payment can run from day 31 even if a longer term is agreed"
            },
        )
        .fix(Fix::safe(vec![replace_value(source, terms.span, "30")]));
}
