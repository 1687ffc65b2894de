//! LOT004 lot-values-mismatch.

use super::unreconciled_lot_values;
use crate::diagnostic::{Edit, Fix};
use crate::rules::Checker;
use crate::rules::qual::money_literal;

/// The lot values do not add up to `value.total`, beyond `tolerance` of the total. Every
/// value-based rule depends on these figures agreeing.
///
/// Needs `value.total` and a value for every lot; otherwise quiet. Reported at `value.total`,
/// with an unsafe fix that sets it to the sum (which figure is wrong is the buyer's call).
pub fn check(checker: &mut Checker) {
    let tolerance = checker.percent("tolerance");
    let Some((sum, total)) = unreconciled_lot_values(checker.tender, tolerance) else {
        return;
    };
    let original = checker.source.slice(total.span);
    let replacement = money_literal(original, sum);
    checker
        .report(
            total.span,
            format!(
                "the lot values add up to {sum}, not the total {}",
                **total
            ),
        )
        .help(format!(
            "correct the lot values or set `value.total` to {sum}: every value-based check relies on them agreeing"
        ))
        .fix(Fix::unsafe_(vec![Edit::replace(total.span, replacement)]));
}
