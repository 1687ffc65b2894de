//! SV rules: social value (PPN 002; PPN 06/20; NHS England net zero and social
//! value guidance). See rules/sv.toml.

mod disproportionate_social_value_asks;
mod nhs_net_zero_outcome_missing;
mod social_value_weight_below_minimum;
mod superseded_social_value_model;
mod weights_not_100;

use super::Rule;

pub const RULES: &[Rule] = &[
    Rule {
        id: "SV001",
        check: social_value_weight_below_minimum::check,
    },
    Rule {
        id: "SV002",
        check: weights_not_100::check,
    },
    Rule {
        id: "SV003",
        check: disproportionate_social_value_asks::check,
    },
    Rule {
        id: "SV004",
        check: superseded_social_value_model::check,
    },
    Rule {
        id: "SV005",
        check: nhs_net_zero_outcome_missing::check,
    },
];

/// Hundredths of a percent as a YAML number (`12.5`); sums of weights can exceed what
/// `Percent` holds.
fn percent_number(hundredths: u32) -> String {
    let whole = hundredths / 100;
    match hundredths % 100 {
        0 => format!("{whole}"),
        fraction if fraction % 10 == 0 => format!("{whole}.{}", fraction / 10),
        fraction => format!("{whole}.{fraction:02}"),
    }
}

/// Hundredths of a percent for a message (`12.5%`).
fn percent_text(hundredths: u32) -> String {
    format!("{}%", percent_number(hundredths))
}
