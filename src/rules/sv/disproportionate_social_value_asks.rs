//! SV003 disproportionate-social-value-asks.

use crate::model::Quantity;
use crate::rules::Checker;

/// A fixed social value ask weighs far more on a small supplier ("2 apprentices is 20%
/// of the workforce" of an SME): apply social value proportionately. One finding per
/// commitment.
pub fn check(checker: &mut Checker) {
    // Scope: policy, every regime and buyer.
    let Some(commitments) = checker
        .tender
        .social_value
        .as_ref()
        .and_then(|social_value| social_value.commitments.as_ref())
    else {
        return;
    };
    let min_quantity = Quantity::whole(u64::from(checker.count("min_quantity")));
    for commitment in commitments.iter() {
        // Trigger: a quantity of `min_quantity` or more, not scaled to the supplier's size.
        let Some(quantity) = commitment.quantity.as_ref() else {
            continue;
        };
        let scaled = commitment
            .scaled_to_supplier_size
            .as_deref()
            .copied()
            .unwrap_or(false);
        if **quantity < min_quantity || scaled {
            continue;
        }
        let what = match commitment.unit.as_deref() {
            Some(unit) => format!("{} {unit}", **quantity),
            None => quantity.to_string(),
        };
        let message = match commitment.description.as_deref() {
            Some(description) => format!(
                "social value commitment `{description}` asks for {what} whatever the \
                 supplier's size"
            ),
            None => format!("social value commitment asks for {what} whatever the supplier's size"),
        };
        checker.report(quantity.span, message).help(
            "express the ask per £1m of contract value or per head of the supplier's workforce, \
             and set `scaled_to_supplier_size: true`",
        );
    }
}
