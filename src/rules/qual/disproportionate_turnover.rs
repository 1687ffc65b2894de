//! QUAL001 disproportionate-turnover.

use crate::diagnostic::{Fix, Severity};
use crate::edits::money_literal;
use crate::edits::replace_value;
use crate::model::{Lot, Money, Node};
use crate::rules::Checker;
use crate::rules::lot::{lot_label, lots};

/// A minimum annual turnover out of proportion to the contract.
///
/// - PA23-above: more than `max_multiple` × the annual value. The Act sets no cap; s.22(1)
///   and (5) ask that conditions be proportionate to the nature, complexity and cost of the
///   contract, and twice the annual value is a configurable benchmark. A warning.
/// - PCR-above: more than twice the estimated contract value (the whole value, not the
///   annual one): PCR reg 58(9) sets that cap except in duly justified cases. An error.
///
/// **Lots.** A supplier who bids for one lot alone is judged against that lot, so each lot
/// is checked against its own value. The figure that applies
/// to a lot is its own `minimum_annual_turnover` when it has one, else the tender-wide
/// `conditions_of_participation.minimum_annual_turnover`. Hence:
/// - a lot's own figure is its own offending value: one finding at it when it exceeds that
///   lot's cap;
/// - the tender-wide figure is "reported once naming the smallest lot": the smallest of the
///   lots it applies to (those without their own figure) sets the tightest cap, so the
///   figure is checked against that lot and, when too high, reported once at the figure,
///   naming the lot; the fix lowers it to that lot's cap, which then suits every lot.
///   Lots with no known value are skipped (a known smaller lot would only tighten the cap).
/// - the tender-wide figure is checked against the whole contract when no lot can be bid
///   for alone (`lots_policy.bid_for_all_lots_required: true`), when every lot carries its
///   own figure (it then only governs bids for several lots), and when there are no lots.
///
/// Unknown is not zero: without the value (or, under the Act, `duration_months`) the rule
/// stays quiet. Unsafe fix: the cap rounded down to two significant figures.
pub fn check(checker: &mut Checker) {
    let source = checker.source;
    let facts = checker.facts;
    let pcr = facts.pcr_above();
    if !(facts.pa23_above() || pcr) {
        return;
    }
    let multiple = if pcr {
        2
    } else {
        i64::from(checker.count("max_multiple"))
    };
    let tender = checker.tender;
    let shared = tender
        .conditions_of_participation
        .as_ref()
        .and_then(|conditions| conditions.minimum_annual_turnover.as_ref());
    // The figure the cap multiplies: annual value under the Act, whole value under the PCR.
    let lot_basis = |lot: &Node<Lot>| -> Option<Money> {
        if pcr {
            lot.value.as_deref().copied()
        } else {
            facts.lot_annual_value(lot)
        }
    };
    let whole_basis = if pcr {
        facts.whole_life_value
    } else {
        facts.annual_value
    };
    let all_required = tender
        .lots_policy
        .as_ref()
        .and_then(|policy| policy.bid_for_all_lots_required.as_deref().copied())
        .unwrap_or(false);

    let mut findings: Vec<(&Node<Money>, Money, Against)> = Vec::new();
    match lots(tender) {
        Some(lots) => {
            for (index, lot) in lots.iter().enumerate() {
                if let (Some(own), Some(basis)) = (&lot.minimum_annual_turnover, lot_basis(lot)) {
                    findings.push((own, basis, Against::OwnLot(lot_label(lot, index))));
                }
            }
            let mut covered = lots
                .iter()
                .enumerate()
                .filter(|(_, lot)| lot.minimum_annual_turnover.is_none())
                .peekable();
            if let Some(shared) = shared {
                if all_required || covered.peek().is_none() {
                    if let Some(basis) = whole_basis {
                        findings.push((shared, basis, Against::WholeContract));
                    }
                } else if let Some((basis, label)) = covered
                    .filter_map(|(index, lot)| Some((lot_basis(lot)?, lot_label(lot, index))))
                    .min_by_key(|(basis, _)| *basis)
                {
                    findings.push((shared, basis, Against::SmallestLot(label)));
                }
            }
        }
        None => {
            if let (Some(shared), Some(basis)) = (shared, whole_basis) {
                findings.push((shared, basis, Against::WholeContract));
            }
        }
    }

    let severity = if pcr {
        Severity::Error
    } else {
        checker.default_severity()
    };
    let measure = if pcr {
        "the estimated contract value"
    } else {
        "the annual value"
    };
    for (turnover, basis, against) in findings {
        let cap = basis.mul_div(multiple, 1);
        if **turnover <= cap {
            continue;
        }
        let of_what = match &against {
            Against::WholeContract => String::new(),
            Against::OwnLot(label) => format!(" of {label}"),
            Against::SmallestLot(label) => {
                format!(" of {label}, the smallest lot a supplier may bid for alone")
            }
        };
        let message = format!(
            "minimum turnover {} is more than {multiple} × {measure} {basis}{of_what}",
            turnover.inner
        );
        let suggested = cap.round_down_significant(2);
        let help = if pcr {
            format!(
                "ask for no more than {suggested}, or record the justification in `justifications`: PCR reg 58(9) caps minimum yearly turnover at twice the estimated contract value except in duly justified cases"
            )
        } else {
            format!(
                "ask for no more than {suggested}, or record why more is needed in `justifications`: the Act sets no cap, but conditions must be proportionate to the nature, complexity and cost of the contract (s.22(1), (5))"
            )
        };
        let replacement = money_literal(checker.source.slice(turnover.span), suggested);
        checker
            .report(turnover.span, message)
            .severity(severity)
            .help(help)
            .fix(Fix::unsafe_(vec![replace_value(
                source,
                turnover.span,
                replacement,
            )]));
    }
}

/// What a turnover figure is measured against.
enum Against {
    /// No lots, no lot that may be bid for alone, or every lot has its own figure.
    WholeContract,
    /// A lot's own `minimum_annual_turnover`, against that lot.
    OwnLot(String),
    /// The tender-wide figure, against the smallest lot it applies to.
    SmallestLot(String),
}
