//! PAY002 payment-terms-not-stated.

use crate::diagnostic::Fix;
use crate::edits::{KeyValue, set_keys};
use crate::rules::Checker;

/// Good practice (every regime): state the payment term. PR24 reg 18(2)(y) asks for any
/// terms beyond s.68 to be stated; a stated 30 days tells bidders when they will be paid.
pub fn check(checker: &mut Checker) {
    // Scope: policy, every regime and buyer.
    let payment = checker.tender.payment.as_ref();
    // Trigger: no `payment.terms_days`.
    if payment.is_some_and(|payment| payment.terms_days.is_some()) {
        return;
    }
    let span = checker.section_span(payment.map(|payment| payment.span), "payment");
    let message = match payment {
        Some(_) => "the payment section does not state `terms_days`",
        None => "the tender does not state its payment terms",
    };
    let edits = set_keys(
        checker,
        "payment",
        payment.map(|payment| payment.span),
        &[KeyValue {
            key: "terms_days",
            written: None,
            value: "30",
        }],
    );
    let finding = checker.report(span, message).help(
        "add `terms_days: 30` under `payment` so bidders know when undisputed invoices will be paid",
    );
    if let Some(edits) = edits {
        finding.fix(Fix::safe(edits));
    }
}
