//! PROC006 payment-performance-not-assessed.

use crate::diagnostic::Fix;
use crate::edits::{KeyValue, set_keys};
use crate::model::{BuyerKind, Procedure};
use crate::rules::Checker;

/// PPN 018: central government buyers assess bidders' own payment performance on
/// contracts worth over £5m a year (VAT included).
pub fn check(checker: &mut Checker) {
    let facts = checker.facts;
    // Scope: a central government buyer; not light touch, a utility, defence and
    // security, a framework or a dynamic market.
    if facts.buyer_kind != Some(BuyerKind::CentralGovernment)
        || facts.is_light_touch()
        || facts.is_utility_buyer()
        || facts.defence_and_security
        || matches!(
            facts.procedure,
            Some(
                Procedure::Framework
                    | Procedure::OpenFramework
                    | Procedure::DynamicMarket
                    | Procedure::DynamicPurchasingSystem
            )
        )
    {
        return;
    }
    // ... and an annual value with VAT over `min_annual_value` (unknown stays quiet).
    let (Some(value), Some(months)) = (facts.value_with_vat, facts.contract_months) else {
        return;
    };
    let annual = value.mul_div(12, i64::from(months.max(12)));
    let minimum = checker.money("min_annual_value");
    if annual <= minimum {
        return;
    }
    // Trigger: `conditions_of_participation.payment_performance_test` not true.
    let conditions = checker.tender.conditions_of_participation.as_ref();
    let test = conditions.and_then(|conditions| conditions.payment_performance_test.as_ref());
    if test.is_some_and(|test| test.inner) {
        return;
    }
    let span = match (test, conditions) {
        (Some(test), _) => test.span,
        (None, Some(conditions)) => {
            checker.key_span(conditions.span, "conditions_of_participation")
        }
        (None, None) => checker.section_span(None, "conditions_of_participation"),
    };
    let edits = set_keys(
        checker,
        "conditions_of_participation",
        conditions.map(|conditions| conditions.span),
        &[KeyValue {
            key: "payment_performance_test",
            written: test.map(|test| test.span),
            value: "true",
        }],
    );
    let finding = checker
        .report(
            span,
            format!(
                "the annual value with VAT of {annual} is over {minimum}, and bidders' payment \
                 performance is not assessed"
            ),
        )
        .help(
            "assess bidders' payment performance as PPN 018 sets out \
             (`payment_performance_test: true`)",
        );
    if let Some(edits) = edits {
        finding.fix(Fix::safe(edits));
    }
}
