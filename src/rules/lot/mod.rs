//! LOT rules (see rules/lot.toml and RULES.md).

use super::Rule;

pub const RULES: &[Rule] = &[];
