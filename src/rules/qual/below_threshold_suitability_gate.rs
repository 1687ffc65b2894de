//! QUAL012 below-threshold-suitability-gate.

use crate::model::{BuyerKind, Category, Conditions, EvidenceStage, Procedure};
use crate::rules::Checker;
use crate::rules::lot::{lot_label, lots};

/// A regulated below-threshold contract whose conditions of participation restrict who may
/// tender. When a contracting authority invites tenders for a regulated below-threshold
/// contract it may not restrict the submission of tenders by an assessment of suitability
/// (legal and financial capacity, technical ability) (s.85(1)–(2)).
///
/// Scope (s.84–85): the Act, known to be below threshold; not a utility buyer (utilities
/// contracts are not regulated below-threshold contracts), not a school (s.84(2)), not a
/// call-off under a framework (s.85(5)(c)), and not a works contract whose value with VAT is
/// at least `works_threshold_central` (central government authorities) or
/// `works_threshold_sub_central` (others) (s.85(3)). When the buyer's class is unknown and
/// the works figure would decide, the rule stays quiet.
///
/// Gates: a minimum turnover (tender-wide or a lot's, even without `conditions_of_participation`), years trading above 0, audited
/// accounts, insurance evidence at bid, certifications, references, a credit score, a parent
/// company guarantee, a previous contract with the authority; statutory `registrations` are
/// not gates. One finding at `conditions_of_participation` (else the first lot's figure),
/// listing them.
pub fn check(checker: &mut Checker) {
    let facts = checker.facts;
    // Scope (below threshold, the Act only) is rules/scope.toml's; these are the row's exceptions.
    if facts.is_utility_buyer()
        || facts.buyer_kind == Some(BuyerKind::School)
        || facts.procedure == Some(Procedure::CallOff)
    {
        return;
    }
    if facts.category == Some(Category::Works) {
        let central = checker.money("works_threshold_central");
        let sub_central = checker.money("works_threshold_sub_central");
        let Some(value) = facts.value_with_vat else {
            return;
        };
        let figure = if facts.is_central() {
            central
        } else if facts.is_sub_central() {
            sub_central
        } else {
            // Unknown class: exempt under at least one reading once at the lower figure.
            central.min(sub_central)
        };
        if value >= figure {
            return;
        }
    }
    let tender = checker.tender;
    let conditions = tender.conditions_of_participation.as_ref();
    let mut gates = Vec::new();
    if let Some(turnover) =
        conditions.and_then(|conditions| conditions.minimum_annual_turnover.as_deref())
        && turnover.pence() > 0
    {
        gates.push(format!("a minimum turnover of {turnover}"));
    }
    // A lot's own figure is a gate whether or not `conditions_of_participation` is written.
    let mut first_lot_gate = None;
    for (index, lot) in lots(tender).unwrap_or_default().iter().enumerate() {
        if let Some(turnover) = &lot.minimum_annual_turnover
            && turnover.pence() > 0
        {
            first_lot_gate.get_or_insert(turnover.span);
            gates.push(format!(
                "a minimum turnover of {} for {}",
                turnover.inner,
                lot_label(lot, index)
            ));
        }
    }
    if let Some(conditions) = conditions {
        gates.extend(condition_gates(conditions));
    }
    if gates.is_empty() {
        return;
    }
    let span = match (conditions, first_lot_gate) {
        (Some(conditions), _) => checker.key_span(conditions.span, "conditions_of_participation"),
        (None, Some(lot_gate)) => lot_gate,
        (None, None) => checker.section_span(None, "conditions_of_participation"),
    };
    checker
        .report(
            span,
            format!(
                "below threshold, these conditions of participation restrict who may tender: {}",
                gates.join(", ")
            ),
        )
        .help(
            "assess these at award or make them contract terms: for a regulated below-threshold contract, tenders may not be restricted by an assessment of suitability (legal and financial capacity, technical ability) (s.85(1)–(2))",
        );
}

/// The suitability gates in `conditions_of_participation` other than its minimum turnover.
/// `registrations` are not among them: a registration the law requires to deliver the
/// service (CQC, GPhC, Ofsted) is not a suitability assessment the buyer imposes.
fn condition_gates(conditions: &Conditions) -> Vec<String> {
    let mut gates = Vec::new();
    if let Some(years) = conditions.years_trading.as_deref()
        && years.get() > 0
    {
        let plural = if years.get() == 1 { "" } else { "s" };
        gates.push(format!("{} year{plural} of trading", years.get()));
    }
    if conditions.audited_accounts_required.as_deref() == Some(&true) {
        gates.push("audited accounts".to_owned());
    }
    if let Some(insurance) = conditions.insurance.as_deref()
        && insurance.evidence_required_at.as_deref() == Some(&EvidenceStage::Bid)
    {
        gates.push("insurance evidence at bid".to_owned());
    }
    if let Some(certifications) = conditions.certifications.as_deref()
        && !certifications.is_empty()
    {
        let names: Vec<&str> = certifications
            .iter()
            .filter_map(|certification| certification.name.as_deref().map(String::as_str))
            .collect();
        gates.push(if names.is_empty() {
            "certifications".to_owned()
        } else {
            format!("certifications ({})", names.join(", "))
        });
    }
    if let Some(references) = conditions.references.as_deref() {
        match references.count.as_deref().map(|count| count.get()) {
            Some(0) => {}
            Some(1) => gates.push("1 reference".to_owned()),
            Some(count) => gates.push(format!("{count} references")),
            None if references.minimum_contract_value.is_some() => {
                gates.push("references".to_owned());
            }
            None => {}
        }
    }
    if conditions
        .credit_score_minimum
        .as_deref()
        .is_some_and(|score| !score.trim().is_empty())
    {
        gates.push("a minimum credit score".to_owned());
    }
    if conditions.parent_company_guarantee_required.as_deref() == Some(&true) {
        gates.push("a parent company guarantee".to_owned());
    }
    if conditions
        .previous_contract_with_authority_required
        .as_deref()
        == Some(&true)
    {
        gates.push("a previous contract with the authority".to_owned());
    }
    gates
}
