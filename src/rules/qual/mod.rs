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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requote_keeps_quotes() {
        assert_eq!(requote("bid", "award"), "award");
        assert_eq!(requote("\"bid\"", "award"), "\"award\"");
        assert_eq!(requote("'bid'", "award"), "'award'");
    }
}
