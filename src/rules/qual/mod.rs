//! QUAL rules: conditions of participation (PA23 s.22, s.85; PR24 reg 10; PCR reg 58).
//! See rules/qual.toml and RULES.md.

mod audited_accounts_required;
mod below_threshold_suitability_gate;
mod certification_without_equivalents;
mod consortia_or_subcontracting_barred;
mod disproportionate_insurance;
mod disproportionate_references;
mod disproportionate_turnover;
mod excessive_trading_history;
mod guarantee_or_bond_demanded;
mod insurance_before_award;
mod no_alternative_financial_evidence;
mod prior_authority_contract_required;

use super::Rule;
use crate::model::Money;

pub const RULES: &[Rule] = &[
    Rule {
        id: "QUAL001",
        check: disproportionate_turnover::check,
    },
    Rule {
        id: "QUAL002",
        check: audited_accounts_required::check,
    },
    Rule {
        id: "QUAL003",
        check: insurance_before_award::check,
    },
    Rule {
        id: "QUAL004",
        check: disproportionate_insurance::check,
    },
    Rule {
        id: "QUAL005",
        check: certification_without_equivalents::check,
    },
    Rule {
        id: "QUAL006",
        check: excessive_trading_history::check,
    },
    Rule {
        id: "QUAL007",
        check: no_alternative_financial_evidence::check,
    },
    Rule {
        id: "QUAL008",
        check: disproportionate_references::check,
    },
    Rule {
        id: "QUAL009",
        check: consortia_or_subcontracting_barred::check,
    },
    Rule {
        id: "QUAL010",
        check: guarantee_or_bond_demanded::check,
    },
    Rule {
        id: "QUAL011",
        check: prior_authority_contract_required::check,
    },
    Rule {
        id: "QUAL012",
        check: below_threshold_suitability_gate::check,
    },
];

/// The text that replaces the scalar `original` with `text`, in the same quoting style.
pub(crate) fn requote(original: &str, text: &str) -> String {
    match original.chars().next() {
        Some(quote @ ('"' | '\'')) => format!("{quote}{text}{quote}"),
        _ => text.to_owned(),
    }
}

/// The text that replaces the money scalar `original` with `money`, written the way the
/// buyer wrote it where that is safe: a plain number (`4800000`, `4_800_000`) stays a
/// plain number of pounds; a quoted string keeps its quotes and becomes `£4,800,000`; a
/// plain string (`£4.8m`) becomes `"£4,800,000"`, quoted because a comma would end a
/// plain scalar inside a flow mapping.
pub(crate) fn money_literal(original: &str, money: Money) -> String {
    let plain_number = !original.is_empty()
        && original
            .chars()
            .all(|c| c.is_ascii_digit() || c == '_' || c == '.');
    if plain_number && money.pence() % 100 == 0 {
        return (money.pence() / 100).to_string();
    }
    match original.chars().next() {
        Some('\'') => format!("'{money}'"),
        _ => format!("\"{money}\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_keeps_the_buyers_style() {
        let money = Money::from_pounds(2_400_000);
        assert_eq!(money_literal("3000000", money), "2400000");
        assert_eq!(money_literal("3_000_000", money), "2400000");
        assert_eq!(money_literal("\"£3m\"", money), "\"£2,400,000\"");
        assert_eq!(money_literal("'£3m'", money), "'£2,400,000'");
        assert_eq!(money_literal("£3m", money), "\"£2,400,000\"");
        assert_eq!(
            money_literal("3000000", Money::from_pence(150)),
            "\"£1.50\""
        );
    }

    #[test]
    fn requote_keeps_quotes() {
        assert_eq!(requote("bid", "award"), "award");
        assert_eq!(requote("\"bid\"", "award"), "\"award\"");
        assert_eq!(requote("'bid'", "award"), "'award'");
    }
}
