//! PROC rules (see rules/proc.toml and RULES.md).

use super::Rule;

pub const RULES: &[Rule] = &[];
