//! PAY rules: payment terms (PA23 s.68, s.73, s.88; PCR reg 113). See rules/pay.toml.

mod payment_terms_over_30_days;

use super::Rule;

pub const RULES: &[Rule] = &[Rule {
    id: "PAY001",
    check: payment_terms_over_30_days::check,
}];
