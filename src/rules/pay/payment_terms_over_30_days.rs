//! PAY001 payment-terms-over-30-days.

use crate::diagnostic::{Fix, Severity};
use crate::edits::replace_value;
use crate::model::BuyerKind;
use crate::rules::Checker;

/// Undisputed valid invoices must be paid within 30 days (PA23 s.68, s.88; PCR reg 113).
pub fn check(checker: &mut Checker) {
    let source = checker.source;
    let facts = checker.facts;
    // Law under PA23 and PCR; policy only under the PSR and for schools (s.68(1), s.84(2)).
    let severity = if facts.is_psr() || facts.buyer_kind == Some(BuyerKind::School) {
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
            "set `terms_days: 30`: a longer term has no effect against the 30 days the law implies",
        )
        .fix(Fix::safe(vec![replace_value(source, terms.span, "30")]));
}
