//! SPEC rules (see rules/spec.toml and RULES.md).

use super::Rule;

pub const RULES: &[Rule] = &[];
