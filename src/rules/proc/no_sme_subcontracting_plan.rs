//! PROC004 no-sme-subcontracting-plan.

use crate::diagnostic::Fix;
use crate::edits::{KeyValue, set_keys};
use crate::rules::Checker;

/// On large contracts, hold primes accountable for SME inclusion: require a
/// sub-contracting plan that names specific SMEs (DHSC SME guidance 2026). Reported once.
pub fn check(checker: &mut Checker) {
    // Scope: policy, every regime and buyer; the annual value must be known.
    let Some(annual) = checker.facts.annual_value else {
        return;
    };
    let minimum = checker.money("min_annual_value");
    if annual <= minimum {
        return;
    }
    // Trigger: no plan required, or a plan that need not name SMEs.
    let subcontracting = checker.tender.subcontracting.as_ref();
    let plan = subcontracting.and_then(|section| section.sme_plan_required.as_ref());
    let named = subcontracting.and_then(|section| section.named_smes_required.as_ref());
    let plan_required = plan.is_some_and(|plan| plan.inner);
    let names_required = named.is_some_and(|named| named.inner);
    if plan_required && names_required {
        return;
    }
    // Point at the value that falls short, else the section, else the tender.
    let section_span =
        checker.section_span(subcontracting.map(|section| section.span), "subcontracting");
    let (span, message) = if plan_required {
        (
            named.map_or(section_span, |named| named.span),
            format!(
                "the annual value of {annual} is over {minimum}, and the SME sub-contracting plan \
                 need not name specific SMEs"
            ),
        )
    } else {
        (
            plan.map_or(section_span, |plan| plan.span),
            format!(
                "the annual value of {annual} is over {minimum}, and bidders need not give an SME \
                 sub-contracting plan"
            ),
        )
    };
    let mut keys = Vec::new();
    if !plan_required {
        keys.push(KeyValue {
            key: "sme_plan_required",
            written: plan.map(|plan| plan.span),
            value: "true",
        });
    }
    if !names_required {
        keys.push(KeyValue {
            key: "named_smes_required",
            written: named.map(|named| named.span),
            value: "true",
        });
    }
    let edits = set_keys(
        checker,
        "subcontracting",
        subcontracting.map(|section| section.span),
        &keys,
    );
    let finding = checker.report(span, message).help(
        "require a reportable SME sub-contracting plan that names specific SMEs \
         (`sme_plan_required: true`, `named_smes_required: true`), not just a commitment to \
         seek SME partners",
    );
    if let Some(edits) = edits {
        finding.fix(Fix::unsafe_(edits));
    }
}
