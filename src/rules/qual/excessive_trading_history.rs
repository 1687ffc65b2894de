//! QUAL006 excessive-trading-history.

use crate::diagnostic::Fix;
use crate::edits::replace_value;
use crate::rules::Checker;

/// `years_trading` above `max_years`. The regulations provide for suppliers that have been in
/// business for only their most recent financial year (PR24 reg 10(2)(e)(ii)); a long
/// trading history shuts out start-ups, which are SMEs too. Policy: every regime.
///
/// Unsafe fix: lower it to `max_years` (whether a shorter history will do is the buyer's call).
pub fn check(checker: &mut Checker) {
    let source = checker.source;
    let max_years = checker.count("max_years");
    let Some(years) = checker
        .tender
        .conditions_of_participation
        .as_ref()
        .and_then(|conditions| conditions.years_trading.as_ref())
    else {
        return;
    };
    if years.get() <= max_years {
        return;
    }
    // PR24 governs procurements under the Act; elsewhere the point is policy alone.
    let help = if checker.facts.is_pa23() {
        format!(
            "ask for no more than {max_years} years: the regulations provide for suppliers in business for only their most recent financial year (PR24 reg 10(2)(e)(ii)), and start-ups are SMEs too"
        )
    } else {
        format!("ask for no more than {max_years} years: start-ups are SMEs too")
    };
    checker
        .report(
            years.span,
            format!(
                "{} years' trading history is required, more than {max_years}",
                years.get()
            ),
        )
        .help(help)
        .fix(Fix::unsafe_(vec![replace_value(
            source,
            years.span,
            max_years.to_string(),
        )]));
}
