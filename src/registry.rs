//! Rule metadata, read from the `rules/*.toml` data files embedded at build time.
//!
//! The files are written for policy staff to review: each `[[rule]]` carries the
//! id, name, severity, scope, summary, rationale, source, fix and thresholds of
//! one rule. Code only decides when a rule fires; everything said about it is here.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::diagnostic::{Applicability, Severity};

include!(concat!(env!("OUT_DIR"), "/rule_data_files.rs"));

/// The contents of a data file in `rules/` (thresholds, brands, holidays), by name.
pub fn data_file(name: &str) -> Option<&'static str> {
    RULE_DATA_FILES
        .iter()
        .find(|(file, _)| *file == name)
        .map(|(_, contents)| *contents)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// The family's id prefix, e.g. `LOT`.
    pub family: String,
    /// The family's heading, e.g. `Lotting`.
    pub title: String,
    #[serde(default, rename = "rule")]
    pub rules: Vec<RuleMeta>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleMeta {
    pub id: String,
    pub name: String,
    pub severity: Severity,
    /// Who, what and which law the rule applies to, in RULES.md's words.
    pub scope: String,
    /// One line, shown in `tenderlint rules`.
    pub summary: String,
    /// What it checks, in full.
    pub what: String,
    /// Why it matters for SMEs.
    pub why: String,
    /// The statute, regulation or policy the rule rests on.
    pub source: String,
    /// What the buyer should do; the `help:` line of a finding unless the rule says more.
    pub fix: String,
    #[serde(default)]
    pub fix_applicability: Option<Applicability>,
    /// A snippet of tender YAML on which the rule fires, and the same snippet fixed.
    pub example: String,
    pub example_fixed: String,
    #[serde(default)]
    pub thresholds: BTreeMap<String, ThresholdMeta>,
}

/// A configurable figure a rule compares against.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdMeta {
    pub kind: ThresholdKind,
    pub default: toml::Value,
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThresholdKind {
    /// Pounds, written as in a tender (`"£5m"` or `5000000`).
    Money,
    /// A percentage from 0 to 100.
    Percent,
    /// A whole number (days, months, years, counts, words).
    Count,
    /// A list of words or names.
    Words,
    /// One word from a fixed set (e.g. a holiday calendar).
    Word,
}

/// Families in the order of RULES.md.
const CATALOG_ORDER: [&str; 8] = ["LOT", "QUAL", "PAY", "SV", "TIME", "SPEC", "PROC", "META"];

pub struct Registry {
    pub families: Vec<RuleFile>,
}

impl Registry {
    /// The built-in rules. Panics only if the embedded data is malformed, which the
    /// test suite checks; a user's rule pack is validated with a located error instead.
    pub fn builtin() -> &'static Registry {
        static REGISTRY: OnceLock<Registry> = OnceLock::new();
        REGISTRY.get_or_init(|| {
            let mut families: Vec<RuleFile> = RULE_DATA_FILES
                .iter()
                .filter(|(_, contents)| contents.contains("[[rule]]"))
                .map(|(name, contents)| {
                    toml::from_str::<RuleFile>(contents).unwrap_or_else(|error| {
                        panic!("embedded rules/{name} is malformed: {error}")
                    })
                })
                .collect();
            families.sort_by_key(|family| {
                CATALOG_ORDER
                    .iter()
                    .position(|prefix| *prefix == family.family)
            });
            Registry { families }
        })
    }

    pub fn rules(&self) -> impl Iterator<Item = &RuleMeta> {
        self.families.iter().flat_map(|family| family.rules.iter())
    }

    pub fn get(&self, id: &str) -> Option<&RuleMeta> {
        self.rules().find(|rule| rule.id.eq_ignore_ascii_case(id))
    }
}
