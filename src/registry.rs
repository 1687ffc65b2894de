//! Rule metadata, read from the `rules/*.toml` data files embedded at build time.
//!
//! The files are written for policy staff to review: each `[[rule]]` carries the
//! id, name, severity, scope, summary, rationale, source, fix and thresholds of
//! one rule. Code only decides when a rule fires; everything said about it is here.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use serde::Deserialize;

use crate::diagnostic::{Applicability, Severity};

include!(concat!(env!("OUT_DIR"), "/rule_data_files.rs"));

/// A data file in `rules/` (thresholds, brands, holidays, scope), read into `T`. Panics only
/// if the embedded data does not fit `T`, which the test suite checks.
pub fn embedded<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let (_, _, json) = RULE_DATA_FILES
        .iter()
        .find(|(file, _, _)| *file == name)
        .unwrap_or_else(|| panic!("rules/{name} is embedded"));
    serde_json::from_str(json).unwrap_or_else(|error| panic!("rules/{name} is malformed: {error}"))
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
    /// A house rule's scope in words. Built-in rules take theirs from rules/scope.toml.
    #[serde(default)]
    pub scope: String,
    /// One line, shown in `tenderlint rules`.
    pub summary: String,
    /// What it checks, in full.
    pub what: String,
    /// Why it matters for SMEs.
    pub why: String,
    /// What a house rule cites. Built-in rules cite per regime and buyer from rules/scope.toml.
    #[serde(default)]
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
    /// Whether the rule runs on published notices (NOTICES.md); house rules run on them.
    #[serde(default)]
    pub notices: NoticePolicy,
    /// Only in a user's rule pack: the text that makes this house rule fire.
    #[serde(default)]
    pub pattern: Option<PatternMeta>,
}

/// Whether a rule runs on a published notice, which shows some facts and has no place for others.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum NoticePolicy {
    /// It fires only on what the notice affirmatively shows.
    #[default]
    Runs,
    /// It is about something missing: it runs only on notices whose format has this field
    /// of the tender model (`when-field:suitability`).
    WhenField(String),
    /// The notice format has no place for what it checks: it never runs on notices.
    No,
}

impl TryFrom<String> for NoticePolicy {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        match text.as_str() {
            "runs" => Ok(NoticePolicy::Runs),
            "no" => Ok(NoticePolicy::No),
            _ => match text.strip_prefix("when-field:") {
                Some(field) if !field.is_empty() => Ok(NoticePolicy::WhenField(field.to_owned())),
                _ => Err(format!(
                    "`notices = \"{text}\"`: expected \"runs\", \"no\" or \"when-field:<tender field>\""
                )),
            },
        }
    }
}

impl NoticePolicy {
    /// How `explain` and docs/rules.md say it.
    pub fn describe(&self) -> String {
        match self {
            NoticePolicy::Runs => "yes: fires on what a notice shows".to_owned(),
            NoticePolicy::WhenField(field) => {
                format!("only on notices whose form has a `{field}` field and leaves it empty")
            }
            NoticePolicy::No => "no: a notice has no field for it".to_owned(),
        }
    }
}

/// A house rule's trigger: a regular expression searched for in the specification
/// texts (the tender's and each lot's). One finding per match, at the matched words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternMeta {
    pub regex: String,
    /// The finding's message; `{match}` is replaced by the matched text. Default: the summary.
    #[serde(default)]
    pub message: Option<String>,
}

/// A configurable figure a rule compares against.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdMeta {
    pub kind: ThresholdKind,
    pub default: toml::Value,
    pub description: String,
    /// For a `word`: the only words accepted.
    #[serde(default)]
    pub choices: Vec<String>,
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
    /// Every rule as `(id in upper case, family index, rule index, position in [`Self::rules`])`,
    /// sorted by id: the engine and the printers look a rule up per finding, so by binary
    /// search, not a walk.
    by_id: Vec<(String, usize, usize, usize)>,
    /// `by_id`'s ids as [`IdKey`]s, in the same order: searched without a string comparison.
    id_keys: Vec<IdKey>,
}

/// An id of at most eight bytes as a number that orders as the id does (its bytes, big-end
/// first, then zeros: no id holds a zero byte). Longer ids have none: no built-in rule has one.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct IdKey(u64);

impl IdKey {
    fn of(id: &str) -> Option<IdKey> {
        let bytes = id.as_bytes();
        let mut key = [0u8; 8];
        key.get_mut(..bytes.len())?.copy_from_slice(bytes);
        Some(IdKey(u64::from_be_bytes(key)))
    }
}

impl Registry {
    /// The built-in rules. Panics only if the embedded data is malformed, which the
    /// test suite checks; a user's rule pack is validated with a located error instead.
    pub fn builtin() -> &'static Registry {
        static REGISTRY: OnceLock<Registry> = OnceLock::new();
        REGISTRY.get_or_init(|| {
            let mut families: Vec<RuleFile> = RULE_DATA_FILES
                .iter()
                .filter(|(_, family, _)| *family)
                .map(|(name, _, _)| embedded::<RuleFile>(name))
                .collect();
            families.sort_by_key(|family| {
                CATALOG_ORDER
                    .iter()
                    .position(|prefix| *prefix == family.family)
            });
            let mut by_id: Vec<(String, usize, usize, usize)> = families
                .iter()
                .enumerate()
                .flat_map(|(family_index, family)| {
                    family.rules.iter().enumerate().map(move |(index, rule)| {
                        (rule.id.to_ascii_uppercase(), family_index, index)
                    })
                })
                .enumerate()
                .map(|(position, (id, family, index))| (id, family, index, position))
                .collect();
            by_id.sort();
            if let Some(pair) = by_id.windows(2).find(|pair| pair[0].0 == pair[1].0) {
                panic!("rules/ describes rule {} twice", pair[0].0);
            }
            let id_keys = by_id
                .iter()
                .map(|(id, ..)| {
                    IdKey::of(id).unwrap_or_else(|| panic!("rule id {id} is longer than 8 bytes"))
                })
                .collect();
            Registry {
                families,
                by_id,
                id_keys,
            }
        })
    }

    pub fn rules(&self) -> impl Iterator<Item = &RuleMeta> {
        self.families.iter().flat_map(|family| family.rules.iter())
    }

    /// Where the built-in rule `id` (spelt exactly as `rules/` spells it) comes in
    /// [`Self::rules`]: settings keep their per-rule values in that order.
    pub fn position(&self, id: &str) -> Option<usize> {
        let found = self.find(id)?;
        let (_, family, index, position) = self.by_id[found];
        (self.families[family].rules[index].id == id).then_some(position)
    }

    /// A built-in rule, or a rule from a rule pack loaded in this run.
    pub fn get(&self, id: &str) -> Option<&RuleMeta> {
        self.find(id)
            .map(|found| {
                let (_, family, index, _) = self.by_id[found];
                &self.families[family].rules[index]
            })
            .or_else(|| {
                pack_rules()
                    .into_iter()
                    .find(|rule| rule.id.eq_ignore_ascii_case(id))
            })
    }

    /// The built-in rule `id` in any case, as an index into `by_id`.
    fn find(&self, id: &str) -> Option<usize> {
        // Ids are written in upper case; only another spelling (a user's) is converted.
        let upper: Cow<str> = if id.bytes().any(|byte| byte.is_ascii_lowercase()) {
            Cow::Owned(id.to_ascii_uppercase())
        } else {
            Cow::Borrowed(id)
        };
        // An id holding a zero byte would pack like a shorter one.
        if upper.contains('\0') {
            return None;
        }
        self.id_keys.binary_search(&IdKey::of(&upper)?).ok()
    }
}

/// Rules from the rule packs configuration files named in this run, with the pack each came from.
static PACK_RULES: Mutex<Vec<(&'static RuleMeta, PathBuf)>> = Mutex::new(Vec::new());

/// The rule-pack rules loaded so far in this run.
pub fn pack_rules() -> Vec<&'static RuleMeta> {
    PACK_RULES
        .lock()
        .map(|rules| rules.iter().map(|(meta, _)| *meta).collect())
        .unwrap_or_default()
}

/// Makes a rule-pack rule known for the rest of the run (printers look rules up by id).
/// Loading the same pack again returns the rule already registered; another pack's rule
/// with the same id, or a built-in id, is an error.
pub fn register_pack_rule(meta: RuleMeta, pack: &Path) -> Result<&'static RuleMeta, String> {
    if Registry::builtin()
        .rules()
        .any(|rule| rule.id.eq_ignore_ascii_case(&meta.id))
    {
        return Err(format!(
            "`{}` is a built-in rule id; house rules need ids of their own",
            meta.id
        ));
    }
    // Built-in rules take scope and source from rules/scope.toml; a house rule states its own.
    for (field, text) in [("scope", &meta.scope), ("source", &meta.source)] {
        if text.trim().is_empty() {
            return Err(format!("`{}`: a house rule needs a `{field}`", meta.id));
        }
    }
    let mut rules = PACK_RULES
        .lock()
        .map_err(|_| "rule pack registry is unavailable".to_owned())?;
    if let Some((existing, from)) = rules
        .iter()
        .find(|(rule, _)| rule.id.eq_ignore_ascii_case(&meta.id))
    {
        return if from == pack {
            Ok(existing)
        } else {
            Err(format!(
                "`{}` is already defined by the rule pack {}",
                meta.id,
                from.display()
            ))
        };
    }
    // Leaked once per rule per run: rule metadata lives as long as the process, like the built-ins.
    let meta: &'static RuleMeta = Box::leak(Box::new(meta));
    rules.push((meta, pack.to_path_buf()));
    Ok(meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The packed search finds what a comparison of the ids finds: every rule by its id in
    /// any case, and nothing for near misses, longer ids or a zero byte.
    #[test]
    fn finds_each_rule_by_id_and_nothing_else() {
        let registry = Registry::builtin();
        let linear = |id: &str| {
            let upper = id.to_ascii_uppercase();
            registry.by_id.iter().position(|(key, ..)| *key == upper)
        };
        let mut probes: Vec<String> = vec![
            String::new(),
            "SPEC0011".to_owned(),
            "SPEC00".to_owned(),
            "SPEC001\0".to_owned(),
            "\0".to_owned(),
            "ZZZ999".to_owned(),
            "A".to_owned(),
        ];
        for (id, ..) in &registry.by_id {
            probes.push(id.clone());
            probes.push(id.to_ascii_lowercase());
            probes.push(id[..id.len() - 1].to_owned());
            probes.push(format!("{id}0"));
        }
        for probe in &probes {
            assert_eq!(registry.find(probe), linear(probe), "{probe:?}");
        }
        for rule in registry.rules() {
            assert_eq!(registry.get(&rule.id).map(|meta| &meta.id), Some(&rule.id));
        }
    }
}
