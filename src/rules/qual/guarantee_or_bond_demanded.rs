//! QUAL010 guarantee-or-bond-demanded.

use crate::rules::Checker;

/// Financial security demands that many SMEs cannot give: a parent company guarantee, a
/// performance bond above `max_bond_percent`, or a minimum credit score while other
/// financial risk mitigations are not accepted. The SME guidance asks buyers to amend
/// standard terms that create barriers and accommodate the different ways SMEs work.
/// Policy: every regime. One finding per demand.
pub fn check(checker: &mut Checker) {
    let max_bond = checker.percent("max_bond_percent");
    let Some(conditions) = checker.tender.conditions_of_participation.as_deref() else {
        return;
    };
    if let Some(guarantee) = &conditions.parent_company_guarantee_required
        && **guarantee
    {
        checker
            .report(guarantee.span, "a parent company guarantee is required")
            .help(
                "drop the guarantee or accept alternatives: most SMEs have no parent company to give one",
            );
    }
    if let Some(bond) = &conditions.performance_bond_percent
        && **bond > max_bond
    {
        checker
            .report(
                bond.span,
                format!(
                    "a performance bond of {} is more than {max_bond}",
                    bond.inner
                ),
            )
            .help(format!(
                "ask for a bond of no more than {max_bond}, or accept other ways to manage the risk: a bond ties up a small supplier's credit"
            ));
    }
    if let Some(score) = &conditions.credit_score_minimum
        && !score.trim().is_empty()
    {
        let mitigations_accepted = conditions
            .financial_risk_mitigations_accepted
            .as_deref()
            .is_some_and(|accepted| *accepted);
        if !mitigations_accepted {
            checker
                .report(
                    score.span,
                    format!(
                        "a minimum credit score ({}) is required without accepting other financial risk mitigations",
                        score.trim()
                    ),
                )
                .help(
                    "set `financial_risk_mitigations_accepted: true` and say which (for example a bond, an escrow or staged payments): a credit score alone weighs against young and small firms",
                );
        }
    }
}
