//! LOT rules: lotting (PA23 s.18, s.20, s.23; PR24 reg 18). See rules/lot.toml and RULES.md.

mod all_lots_required;
mod dominant_lot;
mod lot_award_limit_without_mechanism;
mod lot_too_large;
mod lot_values_mismatch;
mod no_lots_without_reason;
mod sme_suitability_not_stated;

use std::fmt;

use super::Rule;
use crate::model::{Lot, Money, Node, Percent, Tender};

pub const RULES: &[Rule] = &[
    Rule {
        id: "LOT001",
        check: no_lots_without_reason::check,
    },
    Rule {
        id: "LOT002",
        check: lot_too_large::check,
    },
    Rule {
        id: "LOT003",
        check: dominant_lot::check,
    },
    Rule {
        id: "LOT004",
        check: lot_values_mismatch::check,
    },
    Rule {
        id: "LOT005",
        check: all_lots_required::check,
    },
    Rule {
        id: "LOT006",
        check: sme_suitability_not_stated::check,
    },
    Rule {
        id: "LOT007",
        check: lot_award_limit_without_mechanism::check,
    },
];

/// How a finding names a lot: "lot `platform`" by its id, else by its title, else by
/// its position ("lot 2", counting from 1 as a buyer would).
pub(crate) fn lot_label(lot: &Node<Lot>, index: usize) -> LotLabel<'_> {
    fn named(field: &Option<Node<String>>) -> Option<&str> {
        field
            .as_deref()
            .map(|text| text.trim())
            .filter(|text| !text.is_empty())
    }
    LotLabel {
        name: named(&lot.id).or_else(|| named(&lot.title)),
        index,
    }
}

/// A lot's name in a message ([`lot_label`]), written where the message is: labels of lots a
/// rule considers but reports nothing about cost nothing.
#[derive(Clone, Copy)]
pub(crate) struct LotLabel<'a> {
    name: Option<&'a str>,
    index: usize,
}

impl fmt::Display for LotLabel<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name {
            Some(name) => write!(f, "lot `{name}`"),
            None => write!(f, "lot {}", self.index + 1),
        }
    }
}

/// The tender's lots, or `None` when it is not lotted (no `lots`, or an empty list).
pub(crate) fn lots(tender: &Tender) -> Option<&[Node<Lot>]> {
    tender
        .lots
        .as_deref()
        .map(Vec::as_slice)
        .filter(|lots| !lots.is_empty())
}

/// When `value.total` and a value for every lot are given and they differ by more than
/// `tolerance` of the total (LOT004's finding): the lot values' sum and the total. No share
/// of the total can be trusted then, so rules that divide by it stay quiet.
pub(crate) fn unreconciled_lot_values(
    tender: &Tender,
    tolerance: Percent,
) -> Option<(Money, &Node<Money>)> {
    let lots = lots(tender)?;
    let total = tender.value.as_ref()?.total.as_ref()?;
    let sum = lots.iter().try_fold(Money::ZERO, |sum, lot| {
        sum.checked_add(*lot.value.as_deref()?)
    })?;
    // |sum - total| > tolerance × total, in exact integers (hundredths of a percent).
    let difference = i128::from((sum.pence() - total.pence()).abs());
    let allowed = i128::from(tolerance.hundredths()) * i128::from(total.pence());
    (difference * 10_000 > allowed).then_some((sum, total))
}
