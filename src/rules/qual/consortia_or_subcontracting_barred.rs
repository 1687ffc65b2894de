//! QUAL009 consortia-or-subcontracting-barred.

use crate::diagnostic::Fix;
use crate::edits::replace_value;
use crate::rules::Checker;

/// `consortia_allowed: false` or `subcontracting_allowed: false`. Suppliers may meet
/// conditions of participation through associated persons such as consortium members and
/// sub-contractors (s.22(8)–(9); PCR reg 63), and the SME guidance asks buyers to let SMEs
/// partner.
/// Policy: every regime. One finding per barred route.
pub fn check(checker: &mut Checker) {
    let source = checker.source;
    let Some(conditions) = checker.tender.conditions_of_participation.as_deref() else {
        return;
    };
    // The Act under PA23; the PCR's equivalent is reg 63; under other regimes, policy alone.
    let law = if checker.facts.is_pa23() {
        " (s.22(8)–(9))"
    } else if checker.facts.is_pcr() {
        " (PCR reg 63)"
    } else {
        ""
    };
    // Each help is the text around the law it cites, written only for a route that is barred
    // (most tenders bar neither).
    let routes = [
        (
            &conditions.consortia_allowed,
            "bids from consortia are not allowed",
            "set `consortia_allowed: true`: small suppliers often bid together, and suppliers may rely on the capacity of others, such as consortium members, to meet the conditions of participation",
            "",
        ),
        (
            &conditions.subcontracting_allowed,
            "subcontracting is not allowed",
            "set `subcontracting_allowed: true`: suppliers may rely on the capacity of others, such as sub-contractors, to meet the conditions of participation",
            ", and subcontracting is how many SMEs take part",
        ),
    ];
    for (allowed, message, help_before_law, help_after_law) in routes {
        let Some(allowed) = allowed else {
            continue;
        };
        if **allowed {
            continue;
        }
        checker
            .report(allowed.span, message)
            .help(format!("{help_before_law}{law}{help_after_law}"))
            .fix(Fix::safe(vec![replace_value(source, allowed.span, "true")]));
    }
}
