//! QUAL003 insurance-before-award.

use super::requote;
use crate::diagnostic::Fix;
use crate::edits::replace_value;
use crate::model::EvidenceStage;
use crate::rules::Checker;

/// On a public contract under the Act, a condition of participation may not require
/// insurance relating to the performance of the contract to be in place before award
/// (s.22(3)(b)); under the PCSR, the buyer accepts the SPD self-declaration at submission
/// instead of certificates (reg 60(1)). Fires on `insurance.evidence_required_at: bid`.
pub fn check(checker: &mut Checker) {
    let source = checker.source;
    let Some(stage) = checker
        .tender
        .conditions_of_participation
        .as_ref()
        .and_then(|conditions| conditions.insurance.as_ref())
        .and_then(|insurance| insurance.evidence_required_at.as_ref())
    else {
        return;
    };
    if **stage != EvidenceStage::Bid {
        return;
    }
    let replacement = requote(checker.source.slice(stage.span), "award");
    let help = if checker.facts.is_pcsr() {
        "set `evidence_required_at: award`: at submission the buyer accepts the SPD self-declaration instead of certificates (PCSR reg 60(1)); bidders can commit to hold the cover from the start of the contract"
    } else {
        "set `evidence_required_at: award`: insurance relating to the contract's performance may not be required before award (s.22(3)(b)); bidders can commit to hold it from the start of the contract"
    };
    checker
        .report(stage.span, "insurance evidence is required at bid")
        .help(help)
        .fix(Fix::safe(vec![replace_value(
            source,
            stage.span,
            replacement,
        )]));
}
