//! PAY003 no-flow-down.

use crate::diagnostic::{Fix, Severity};
use crate::edits::{KeyValue, set_keys};
use crate::model::BuyerKind;
use crate::rules::Checker;

/// 30-day payment flows down to sub-contracts (PA23 s.73, s.88(8)–(10); PCR reg 113(2)(c)).
/// `false` contradicts the term the law implies (error); silence while sub-contracting
/// is allowed is a missed chance to say so (info).
pub fn check(checker: &mut Checker) {
    let facts = checker.facts;
    // The Act's payment sections do not bind schools as law (s.68(1), s.84(2)); the other
    // regimes' severity comes from rules/scope.toml.
    let contradicts = if facts.is_pa23() && facts.buyer_kind == Some(BuyerKind::School) {
        Severity::Warning
    } else {
        checker.default_severity()
    };
    let payment = checker.tender.payment.as_ref();
    let flow_down = payment.and_then(|payment| payment.flow_down_to_subcontracts.as_ref());
    let subcontracting_barred = checker
        .tender
        .conditions_of_participation
        .as_ref()
        .and_then(|conditions| conditions.subcontracting_allowed.as_deref())
        == Some(&false);

    // Trigger: `false`, or absent while sub-contracting is allowed (not barred).
    let (span, message, severity) = match flow_down {
        // Only the Act (s.73) and the PCR (reg 113) imply the term into sub-contracts.
        Some(flow_down) if !flow_down.inner && (facts.is_pa23() || facts.is_pcr()) => (
            flow_down.span,
            "`flow_down_to_subcontracts: false` contradicts the 30-day payment term the law \
             implies into sub-contracts",
            contradicts,
        ),
        Some(flow_down) if !flow_down.inner => (
            flow_down.span,
            "`flow_down_to_subcontracts: false` leaves sub-contractors without a 30-day payment term",
            contradicts,
        ),
        Some(_) => return,
        None if subcontracting_barred => return,
        None => {
            let span = checker.section_span(payment.map(|payment| payment.span), "payment");
            (
                span,
                "the tender does not say that 30-day payment flows down to sub-contracts",
                Severity::Info,
            )
        }
    };
    let edits = set_keys(
        checker,
        "payment",
        payment.map(|payment| payment.span),
        &[KeyValue {
            key: "flow_down_to_subcontracts",
            written: flow_down.map(|flow_down| flow_down.span),
            value: "true",
        }],
    );
    let finding = checker.report(span, message).severity(severity).help(
        "set `flow_down_to_subcontracts: true`: sub-contractors in the supply chain are also \
         paid undisputed invoices within 30 days",
    );
    if let Some(edits) = edits {
        finding.fix(Fix::safe(edits));
    }
}
