//! QUAL001 disproportionate-turnover.

use crate::diagnostic::Fix;
use crate::edits::{money_literal, replace_value};
use crate::model::{Lot, Money, Node, Regime};
use crate::rules::Checker;
use crate::rules::lot::{LotLabel, lot_label, lots};

/// A minimum annual turnover out of proportion to the contract.
///
/// The bound follows the tender's regime:
/// - PA23: more than `max_multiple` × the annual value. The Act sets no cap; s.22(1) and (5)
///   ask that conditions be proportionate to the nature, complexity and cost of the
///   contract, and twice the annual value is a configurable benchmark.
/// - PCR, PSR and PCSR: more than twice the estimated contract value (the whole value, not
///   the annual one): PCR reg 58(9), SI 2023/1348 Sch 16 para 3(3) and PCSR reg 59.
///
/// **Lots.** A supplier who bids for one lot alone is judged against that lot. The figure
/// that applies to a lot is its own `minimum_annual_turnover` when it has one, else the
/// tender-wide `conditions_of_participation.minimum_annual_turnover`: a lot's own figure is
/// bounded by its lot, the tender-wide figure by the smallest lot it applies to (lots with
/// no known value are skipped: a known smaller lot would only tighten the bound). The whole
/// contract is the bound instead when no lot can be bid for alone
/// (`lots_policy.bid_for_all_lots_required: true`, every figure), when no lot has a value
/// (every figure), and for the tender-wide figure when every lot carries its own (it then
/// only governs bids for several lots) or there are no lots.
///
/// **Reported once** (RULES.md): at the figure binding the smallest offending lot; the help
/// names any other figure that is also too high. Unknown is not zero: without the value
/// (or, under the Act, `duration_months`) the rule stays quiet. Unsafe fix: the cap rounded
/// down to two significant figures.
pub fn check(checker: &mut Checker) {
    let source = checker.source;
    let facts = checker.facts;
    // Whether it runs, and at which severity, is the scope table's (rules/scope.toml).
    let bound = Bound::for_regime(facts.regime, checker.count("max_multiple"));
    let tender = checker.tender;
    let shared = tender
        .conditions_of_participation
        .as_ref()
        .and_then(|conditions| conditions.minimum_annual_turnover.as_ref());
    let lot_basis = |lot: &Node<Lot>| -> Option<Money> {
        match bound {
            Bound::AnnualValue(_) => facts.lot_annual_value(lot),
            Bound::WholeValue(_) => lot.value.as_deref().copied(),
        }
    };
    let whole_basis = match bound {
        Bound::AnnualValue(_) => facts.annual_value,
        Bound::WholeValue(_) => facts.whole_life_value,
    };
    let all_required = tender
        .lots_policy
        .as_ref()
        .and_then(|policy| policy.bid_for_all_lots_required.as_deref().copied())
        .unwrap_or(false);

    let mut candidates: Vec<Candidate> = Vec::new();
    match lots(tender) {
        Some(lots) => {
            let per_lot = !all_required && lots.iter().any(|lot| lot_basis(lot).is_some());
            for (index, lot) in lots.iter().enumerate() {
                let Some(own) = &lot.minimum_annual_turnover else {
                    continue;
                };
                if !per_lot {
                    candidates.extend(against_whole(own, whole_basis));
                } else if let Some(basis) = lot_basis(lot) {
                    candidates.push(Candidate {
                        figure: own,
                        basis,
                        against: Against::OwnLot(lot_label(lot, index)),
                    });
                }
            }
            if let Some(shared) = shared {
                let mut covered = lots
                    .iter()
                    .enumerate()
                    .filter(|(_, lot)| lot.minimum_annual_turnover.is_none())
                    .peekable();
                if !per_lot || covered.peek().is_none() {
                    candidates.extend(against_whole(shared, whole_basis));
                } else if let Some((basis, label)) = covered
                    .filter_map(|(index, lot)| Some((lot_basis(lot)?, lot_label(lot, index))))
                    .min_by_key(|(basis, _)| *basis)
                {
                    candidates.push(Candidate {
                        figure: shared,
                        basis,
                        against: Against::SmallestLot(label),
                    });
                }
            }
        }
        None => {
            if let Some(shared) = shared {
                candidates.extend(against_whole(shared, whole_basis));
            }
        }
    }

    let multiple = bound.multiple();
    candidates.retain(|candidate| candidate.figure.inner > candidate.basis.mul_div(multiple, 1));
    // The smallest offending lot's figure; the first in file order among equals.
    let Some(binding) = candidates
        .iter()
        .enumerate()
        .min_by_key(|(_, candidate)| candidate.basis)
        .map(|(index, _)| index)
    else {
        return;
    };
    let reported = candidates.remove(binding);
    let (turnover, basis) = (reported.figure, reported.basis);
    let cap = basis.mul_div(multiple, 1);
    let of_what = match &reported.against {
        Against::WholeContract if lots(tender).is_some() => " of the whole contract".to_owned(),
        Against::WholeContract => String::new(),
        Against::OwnLot(label) => format!(" of {label}"),
        Against::SmallestLot(label) => {
            format!(" of {label}, the smallest lot a supplier may bid for alone")
        }
    };
    let measure = match bound {
        Bound::AnnualValue(_) => "the annual value",
        Bound::WholeValue(_) => "the estimated contract value",
    };
    let message = format!(
        "minimum turnover {} is more than {multiple} × {measure} {basis}{of_what}",
        turnover.inner
    );
    let suggested = cap.round_down_significant(2);
    let mut help = format!(
        "ask for no more than {suggested}, or record {}",
        bound.reason()
    );
    if !candidates.is_empty() {
        let others: Vec<String> = candidates
            .iter()
            .map(|candidate| match &candidate.against {
                Against::OwnLot(label) => {
                    format!("{label}'s own figure {}", candidate.figure.inner)
                }
                Against::SmallestLot(_) | Against::WholeContract => {
                    format!("the tender-wide figure {}", candidate.figure.inner)
                }
            })
            .collect();
        help.push_str(&format!("; also too high: {}", others.join(", ")));
    }
    let replacement = money_literal(checker.source.slice(turnover.span), suggested);
    checker
        .report(turnover.span, message)
        .help(help)
        .fix(Fix::unsafe_(vec![replace_value(
            source,
            turnover.span,
            replacement,
        )]));
}

/// What bounds a minimum turnover under the tender's regime.
#[derive(Clone, Copy)]
enum Bound {
    /// PA23: `max_multiple` × the annual value (a configurable benchmark).
    AnnualValue(u32),
    /// PCR, PSR, PCSR: twice the whole estimated value, set by the regime's own regulation.
    WholeValue(Regime),
}

impl Bound {
    fn for_regime(regime: Regime, max_multiple: u32) -> Bound {
        match regime {
            Regime::ProcurementAct2023 => Bound::AnnualValue(max_multiple),
            other => Bound::WholeValue(other),
        }
    }

    fn multiple(self) -> i64 {
        match self {
            Bound::AnnualValue(multiple) => i64::from(multiple),
            Bound::WholeValue(_) => 2,
        }
    }

    /// Why the bound holds, completing "or record ...".
    fn reason(self) -> &'static str {
        match self {
            Bound::AnnualValue(_) => {
                "why more is needed in `justifications`: the Act sets no cap, but conditions must be proportionate to the nature, complexity and cost of the contract (s.22(1), (5))"
            }
            Bound::WholeValue(Regime::Pcr2015 | Regime::ProcurementAct2023) => {
                "the justification in `justifications`: PCR reg 58(9) caps minimum yearly turnover at twice the estimated contract value except in duly justified cases"
            }
            Bound::WholeValue(Regime::ProviderSelectionRegime) => {
                "why a higher minimum is appropriate and proportionate in `justifications`: SI 2023/1348 Sch 16 para 3(3) caps minimum yearly turnover at twice the estimated contract or framework value unless the relevant authority is satisfied that a higher minimum is"
            }
            Bound::WholeValue(Regime::Pcsr2015) => {
                "the justification in `justifications`: PCSR reg 59 caps minimum yearly turnover at twice the estimated contract value except in duly justified cases"
            }
        }
    }
}

/// A turnover figure and the value that bounds it.
struct Candidate<'a> {
    figure: &'a Node<Money>,
    basis: Money,
    against: Against<'a>,
}

/// `figure` bounded by the whole contract, when its value is known.
fn against_whole(figure: &Node<Money>, whole_basis: Option<Money>) -> Option<Candidate<'_>> {
    whole_basis.map(|basis| Candidate {
        figure,
        basis,
        against: Against::WholeContract,
    })
}

/// What a turnover figure is measured against.
enum Against<'a> {
    /// No lots, no lot that may be bid for alone, no lot values, or every lot has its own figure.
    WholeContract,
    /// A lot's own `minimum_annual_turnover`, against that lot.
    OwnLot(LotLabel<'a>),
    /// The tender-wide figure, against the smallest lot it applies to.
    SmallestLot(LotLabel<'a>),
}
