//! TIME rules (see rules/time.toml and RULES.md).

use super::Rule;

pub const RULES: &[Rule] = &[];
