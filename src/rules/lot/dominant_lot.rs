//! LOT003 dominant-lot.

use super::{lot_label, lots, unreconciled_lot_values};
use crate::rules::Checker;

/// With two or more lots, one lot holds more than `max_share` of the whole-life value:
/// lotting that leaves most of the value in one lot opens little of it to SMEs.
///
/// The whole-life value is `value.total`, else the sum of the lot values; unknown values stay
/// quiet, and so are lot values that LOT004 finds do not add up to the total. One finding
/// per dominant lot, at its `value`.
pub fn check(checker: &mut Checker) {
    let max_share = checker.percent("max_share");
    let Some(lots) = lots(checker.tender) else {
        return;
    };
    // Lot values that do not reconcile with the total (LOT004) give no share to trust.
    let tolerance = checker.percent_of("LOT004", "tolerance");
    if unreconciled_lot_values(checker.tender, tolerance).is_some() {
        return;
    }
    let Some(whole) = checker.facts.whole_life_value else {
        return;
    };
    if lots.len() < 2 || whole.pence() <= 0 {
        return;
    }
    for (index, lot) in lots.iter().enumerate() {
        let Some(value) = &lot.value else {
            continue;
        };
        // lot / whole > max_share / 100, in exact integers (hundredths of a percent).
        let lot_pence = i128::from(value.pence());
        let whole_pence = i128::from(whole.pence());
        if lot_pence * 10_000 <= i128::from(max_share.hundredths()) * whole_pence {
            continue;
        }
        let tenths = lot_pence * 1_000 / whole_pence;
        let share = if tenths % 10 == 0 {
            format!("{}%", tenths / 10)
        } else {
            format!("{}.{}%", tenths / 10, tenths % 10)
        };
        checker
            .report(
                value.span,
                format!(
                    "{} ({}) holds {share} of the whole-life value {whole}, more than {max_share}",
                    lot_label(lot, index),
                    value.inner
                ),
            )
            .help(
                "split the dominant lot further or rebalance the lots so that no one lot holds most of the value",
            );
    }
}
