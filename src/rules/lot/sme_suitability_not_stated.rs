//! LOT006 sme-suitability-not-stated.

use super::{lot_label, lots};
use crate::model::{Node, Suitability};
use crate::rules::Checker;

/// Under the Act (any value), the tender notice says whether the contract, or each lot, may
/// be particularly suitable for SMEs and VCSEs (PR24 reg 18(2)(t); reg 24(2)(h) below
/// threshold). Fires when the tender does not state `suitability.sme` and either it has no
/// lots or some lot does not state it.
///
/// One finding for an unlotted tender, else one per lot that does not say; each points at
/// the nearest existing key: the `suitability` section that lacks `sme`; for a lot without
/// one, the lot's `id` (else the lot itself); for the tender, `tender`.
pub fn check(checker: &mut Checker) {
    let tender = checker.tender;
    if states_sme(&tender.suitability) {
        return;
    }
    const HELP: &str = "state `suitability.sme` (and `vcse`) as true or false, for the whole tender or for each lot: the tender notice must say whether the contract, or each lot, may be particularly suitable for SMEs and VCSEs";
    let Some(lots) = lots(tender) else {
        let span = checker.section_span(
            tender.suitability.as_ref().map(|section| section.span),
            "suitability",
        );
        checker
            .report(
                span,
                "the tender does not say whether the contract is suitable for SMEs",
            )
            .help(HELP);
        return;
    };
    for (index, lot) in lots.iter().enumerate() {
        if states_sme(&lot.suitability) {
            continue;
        }
        let span = match (&lot.suitability, &lot.id) {
            (Some(section), _) => checker.key_span(section.span, "suitability"),
            (None, Some(id)) => checker.key_span(id.span, "id"),
            (None, None) => lot.span,
        };
        checker
            .report(
                span,
                format!(
                    "{} does not say whether it is suitable for SMEs, and the tender does not say for the whole contract",
                    lot_label(lot, index)
                ),
            )
            .help(HELP);
    }
}

fn states_sme(suitability: &Option<Node<Suitability>>) -> bool {
    suitability
        .as_ref()
        .is_some_and(|suitability| suitability.sme.is_some())
}
