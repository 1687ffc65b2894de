//! SV rules (see rules/sv.toml and RULES.md).

use super::Rule;

pub const RULES: &[Rule] = &[];
