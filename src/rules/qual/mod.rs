//! QUAL rules (see rules/qual.toml and RULES.md).

use super::Rule;

pub const RULES: &[Rule] = &[];
