//! LOT004 lot-values-mismatch.

use super::{lots, unreconciled_lot_values};
use crate::diagnostic::Fix;
use crate::edits::{money_literal, replace_value};
use crate::rules::Checker;

/// The lot values do not add up to `value.total`, beyond `tolerance` of the total. Every
/// value-based rule depends on these figures agreeing.
///
/// Needs `value.total` and a value for every lot; otherwise quiet. Reported at `value.total`,
/// with an unsafe fix that sets it to the sum (which figure is wrong is the buyer's call).
/// When every lot restates the total (2+ lots each valued at it), the lots are not the
/// total's parts: summing them would be wrong, so there is no fix.
pub fn check(checker: &mut Checker) {
    let tolerance = checker.percent("tolerance");
    let tender = checker.tender;
    let Some((sum, total)) = unreconciled_lot_values(tender, tolerance) else {
        return;
    };
    let restates_total = lots(tender).is_some_and(|lots| {
        lots.len() > 1
            && lots
                .iter()
                .all(|lot| lot.value.as_deref().is_some_and(|value| *value == **total))
    });
    let fix = (!restates_total).then(|| {
        let replacement = money_literal(checker.source.slice(total.span), sum);
        Fix::unsafe_(vec![replace_value(checker.source, total.span, replacement)])
    });
    let finding = checker
        .report(
            total.span,
            format!(
                "the lot values add up to {sum}, not the total {}",
                **total
            ),
        )
        .help(if restates_total {
            format!(
                "each lot states the whole total {}: give each lot its own estimated value, so the lots add up to the total; every value-based check relies on them agreeing",
                **total
            )
        } else {
            format!(
                "correct the lot values or set `value.total` to {sum}: every value-based check relies on them agreeing"
            )
        });
    if let Some(fix) = fix {
        finding.fix(fix);
    }
}
