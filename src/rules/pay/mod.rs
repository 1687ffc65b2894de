//! PAY rules: payment terms (PA23 s.68, s.73, s.88; PCR reg 113). See rules/pay.toml.

mod excessive_retention;
mod no_flow_down;
mod payment_on_completion;
mod payment_terms_not_stated;
mod payment_terms_over_30_days;

use super::Rule;

pub const RULES: &[Rule] = &[
    Rule {
        id: "PAY001",
        check: payment_terms_over_30_days::check,
    },
    Rule {
        id: "PAY002",
        check: payment_terms_not_stated::check,
    },
    Rule {
        id: "PAY003",
        check: no_flow_down::check,
    },
    Rule {
        id: "PAY004",
        check: payment_on_completion::check,
    },
    Rule {
        id: "PAY005",
        check: excessive_retention::check,
    },
];
