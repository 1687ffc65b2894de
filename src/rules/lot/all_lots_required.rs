//! LOT005 all-lots-required.

use crate::diagnostic::Fix;
use crate::edits::replace_value;
use crate::rules::Checker;

/// `lots_policy.bid_for_all_lots_required: true` shuts out every supplier who can deliver
/// only part of the requirement. The Act lets a buyer cap the lots one supplier may bid for
/// (s.20(7)) or win (s.23(4)); it does not provide for demanding bids for all, and s.12(4)
/// asks buyers to have regard to the barriers SMEs face. Policy: every regime.
pub fn check(checker: &mut Checker) {
    let source = checker.source;
    let Some(required) = checker
        .tender
        .lots_policy
        .as_ref()
        .and_then(|policy| policy.bid_for_all_lots_required.as_ref())
    else {
        return;
    };
    if !**required {
        return;
    }
    // The Act's own provisions are cited only to a procurement under the Act.
    let help = if checker.facts.is_pa23() {
        "let suppliers bid for the lots they can deliver; to limit concentration, cap the lots one supplier may bid for (s.20(7)) or win (s.23(4)) instead"
    } else {
        "let suppliers bid for the lots they can deliver; to limit concentration, cap the lots one supplier may bid for or win instead"
    };
    checker
        .report(required.span, "suppliers must bid for every lot")
        .help(help)
        .fix(Fix::unsafe_(vec![replace_value(
            source,
            required.span,
            "false",
        )]));
}
