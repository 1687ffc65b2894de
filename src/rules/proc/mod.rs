//! PROC rules: contract and process (PA23 s.47, s.49, s.50; PPN 018; PR(S)A 2014 s.25).
//! See rules/proc.toml.

mod community_benefits_not_stated;
mod framework_term_too_long;
mod long_contract_term;
mod no_assessment_summaries;
mod no_sme_subcontracting_plan;
mod no_verbal_debrief;
mod payment_performance_not_assessed;

use super::{Checker, Rule};
use crate::span::Span;

pub const RULES: &[Rule] = &[
    Rule {
        id: "PROC001",
        check: framework_term_too_long::check,
    },
    Rule {
        id: "PROC002",
        check: no_assessment_summaries::check,
    },
    Rule {
        id: "PROC003",
        check: no_verbal_debrief::check,
    },
    Rule {
        id: "PROC004",
        check: no_sme_subcontracting_plan::check,
    },
    Rule {
        id: "PROC005",
        check: long_contract_term::check,
    },
    Rule {
        id: "PROC006",
        check: payment_performance_not_assessed::check,
    },
    Rule {
        id: "PROC007",
        check: community_benefits_not_stated::check,
    },
];

/// The contract's term, extensions included, when it is longer than `limit` months: how a
/// message describes it and where to point at it: `duration_months`, or `extension_months`
/// when only the extensions take the term over `limit`. `None` when `duration_months` is not
/// given or the term is within `limit` (then nothing is written).
fn term_over(checker: &Checker, limit: u32) -> Option<(String, Span)> {
    let contract = checker.tender.contract.as_ref()?;
    let duration = contract.duration_months.as_ref()?;
    let months = checker.facts.contract_months?;
    if months <= limit {
        return None;
    }
    match contract.extension_months.as_ref() {
        Some(extension) if extension.get() > 0 => {
            let span = if duration.get() > limit {
                duration.span
            } else {
                extension.span
            };
            let described = format!(
                "{months} months ({} plus {} months of extensions)",
                duration.get(),
                extension.get()
            );
            Some((described, span))
        }
        _ => Some((format!("{months} months"), duration.span)),
    }
}
