//! LOT002 lot-too-large.

use super::{lot_label, lots};
use crate::rules::Checker;

/// A lot whose annual value (or, when the tender is not lotted, the contract's) exceeds
/// `max_annual_value`. A house threshold from the SME guidance ("break larger contracts into
/// smaller, manageable lots"), not a statutory one, so it runs under every regime.
///
/// The annual value needs `contract.duration_months`: without it the rule stays quiet.
/// One finding per lot, at the lot's `value`; for an unlotted contract at `value.total`.
pub fn check(checker: &mut Checker) {
    let limit = checker.money("max_annual_value");
    let facts = checker.facts;
    let tender = checker.tender;
    let mut findings = Vec::new();
    if let Some(lots) = lots(tender) {
        for (index, lot) in lots.iter().enumerate() {
            let (Some(value), Some(annual)) = (&lot.value, facts.lot_annual_value(lot)) else {
                continue;
            };
            if annual > limit {
                findings.push((
                    value.span,
                    format!(
                        "{} is worth {annual} a year, more than {limit}",
                        lot_label(lot, index)
                    ),
                ));
            }
        }
    } else if let (Some(total), Some(annual)) = (
        tender.value.as_ref().and_then(|value| value.total.as_ref()),
        facts.annual_value,
    ) && annual > limit
    {
        findings.push((
            total.span,
            format!("the contract is worth {annual} a year, more than {limit}, and is not lotted"),
        ));
    }
    for (span, message) in findings {
        checker.report(span, message).help(
            "consider splitting it into smaller lots (by locality, specialism or phase) so that SMEs and specialist suppliers can bid",
        );
    }
}
