//! QUAL008 disproportionate-references.

use crate::rules::Checker;
use crate::rules::lot::{lot_label, lots};

/// More references than `max_references`, or references from contracts worth more than the
/// annual value (of the smallest lot, when lotted). Proportionality (s.22(1)) and the SME
/// guidance: avoid qualifications that exclude capable SMEs. Policy: every regime.
///
/// The annual value needs `duration_months`; with lots, the smallest lot with a known value
/// is used (an unknown smaller lot could only tighten the test), and where no lot has a
/// value the whole contract bounds every lot. One finding per figure.
pub fn check(checker: &mut Checker) {
    let max_references = checker.count("max_references");
    let Some(references) = checker
        .tender
        .conditions_of_participation
        .as_ref()
        .and_then(|conditions| conditions.references.as_deref())
    else {
        return;
    };
    if let Some(count) = &references.count
        && count.get() > max_references
    {
        checker
            .report(
                count.span,
                format!(
                    "{} references are required, more than {max_references}",
                    count.get()
                ),
            )
            .help(format!(
                "ask for no more than {max_references} references: every extra one is a barrier for a young or small supplier"
            ));
    }
    let Some(minimum) = &references.minimum_contract_value else {
        return;
    };
    let facts = checker.facts;
    let whole_contract = || facts.annual_value.map(|annual| (annual, None));
    // The smallest lot is named only once found, and only for a finding.
    let annual = match lots(checker.tender) {
        // Where no lot has a value, the whole contract bounds every lot.
        Some(lots) if lots.iter().all(|lot| lot.value.is_none()) => whole_contract(),
        Some(lots) => lots
            .iter()
            .enumerate()
            .filter_map(|(index, lot)| Some((facts.lot_annual_value(lot)?, Some((index, lot)))))
            .min_by_key(|(annual, _)| *annual),
        None => whole_contract(),
    };
    let Some((annual, smallest_lot)) = annual else {
        return;
    };
    if **minimum <= annual {
        return;
    }
    let of_what = match smallest_lot {
        Some((index, lot)) => format!(" of {}, the smallest lot", lot_label(lot, index)),
        None => String::new(),
    };
    checker
        .report(
            minimum.span,
            format!(
                "references must come from contracts worth at least {}, more than the annual value {annual}{of_what}",
                minimum.inner
            ),
        )
        .help(format!(
            "ask for references from contracts worth no more than {annual}, so that suppliers whose experience is of smaller contracts can qualify"
        ));
}
