//! The resolved settings one file is linted with: which rules run, at what
//! severity, with which thresholds. Built from rule defaults, then
//! `tenderlint.toml`, then command-line flags.

use std::collections::BTreeMap;

use crate::diagnostic::Severity;
use crate::model::{Date, Money, Percent};
use crate::registry::{Registry, RuleMeta, ThresholdKind, ThresholdMeta};
use crate::suggest::did_you_mean;

/// A threshold's value, typed by its [`ThresholdKind`].
#[derive(Debug, Clone, PartialEq)]
pub enum ThresholdValue {
    Money(Money),
    Percent(Percent),
    Count(u32),
    Words(Vec<String>),
    Word(String),
}

impl ThresholdValue {
    /// Reads a TOML value as the threshold `meta` declares, with a message that says what was expected.
    pub fn from_toml(meta: &ThresholdMeta, value: &toml::Value) -> Result<ThresholdValue, String> {
        let parsed = Self::from_toml_kind(meta.kind, value)?;
        if let ThresholdValue::Word(word) = &parsed
            && !meta.choices.is_empty()
            && !meta.choices.contains(word)
        {
            let help = match did_you_mean(word, meta.choices.iter().map(String::as_str)) {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => format!("expected one of: {}", meta.choices.join(", ")),
            };
            return Err(format!("`{word}` is not accepted; {help}"));
        }
        Ok(parsed)
    }

    fn from_toml_kind(kind: ThresholdKind, value: &toml::Value) -> Result<ThresholdValue, String> {
        match (kind, value) {
            (ThresholdKind::Money, toml::Value::String(text)) => {
                Money::parse(text).map(ThresholdValue::Money)
            }
            (ThresholdKind::Money, toml::Value::Integer(pounds)) if *pounds >= 0 => {
                Ok(ThresholdValue::Money(Money::from_pounds(*pounds)))
            }
            (ThresholdKind::Percent, toml::Value::String(text)) => {
                Percent::parse(text).map(ThresholdValue::Percent)
            }
            (ThresholdKind::Percent, toml::Value::Integer(whole)) if (0..=100).contains(whole) => {
                Ok(ThresholdValue::Percent(Percent::from_whole(*whole as u32)))
            }
            (ThresholdKind::Percent, toml::Value::Float(number)) => {
                Percent::parse(&number.to_string()).map(ThresholdValue::Percent)
            }
            (ThresholdKind::Count, toml::Value::Integer(count)) => u32::try_from(*count)
                .map(ThresholdValue::Count)
                .map_err(|_| format!("expected a whole number of 0 or more, found {count}")),
            (ThresholdKind::Words, toml::Value::Array(items)) => items
                .iter()
                .map(|item| {
                    item.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| format!("expected a list of strings, found {item}"))
                })
                .collect::<Result<_, _>>()
                .map(ThresholdValue::Words),
            (ThresholdKind::Word, toml::Value::String(word)) => {
                Ok(ThresholdValue::Word(word.clone()))
            }
            (kind, other) => Err(format!("expected {}, found {other}", kind_expected(kind))),
        }
    }
}

fn kind_expected(kind: ThresholdKind) -> &'static str {
    match kind {
        ThresholdKind::Money => "an amount such as \"£5m\" or 5000000",
        ThresholdKind::Percent => "a percentage from 0 to 100",
        ThresholdKind::Count => "a whole number",
        ThresholdKind::Words => "a list of strings",
        ThresholdKind::Word => "a string",
    }
}

/// A rule-pack rule ready to run: its metadata and compiled pattern.
#[derive(Debug, Clone)]
pub struct PackRule {
    pub meta: &'static RuleMeta,
    pub regex: regex::Regex,
}

/// The rules a run has on. Built-in rules are one flag each, in [`Registry::rules`] order, so
/// the engine asks about every rule for every file without comparing ids; house rules (few)
/// are kept by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnabledRules {
    builtin: Vec<bool>,
    house: Vec<String>,
}

impl EnabledRules {
    /// No rule on.
    pub fn none() -> EnabledRules {
        EnabledRules {
            builtin: vec![false; Registry::builtin().rules().count()],
            house: Vec::new(),
        }
    }

    /// Whether rule `id` (spelt exactly as its definition spells it) is on.
    pub fn contains(&self, id: &str) -> bool {
        match Registry::builtin().position(id) {
            Some(position) => self.builtin[position],
            None => self.house.iter().any(|house| house == id),
        }
    }

    /// Whether the built-in rule at `position` in [`Registry::rules`] is on.
    pub fn contains_builtin(&self, position: usize) -> bool {
        self.builtin[position]
    }

    pub fn insert(&mut self, id: String) {
        match Registry::builtin().position(&id) {
            Some(position) => self.builtin[position] = true,
            None if !self.house.contains(&id) => self.house.push(id),
            None => {}
        }
    }

    pub fn remove(&mut self, id: &str) {
        match Registry::builtin().position(id) {
            Some(position) => self.builtin[position] = false,
            None => self.house.retain(|house| house != id),
        }
    }
}

impl Extend<String> for EnabledRules {
    fn extend<I: IntoIterator<Item = String>>(&mut self, ids: I) {
        for id in ids {
            self.insert(id);
        }
    }
}

impl FromIterator<String> for EnabledRules {
    fn from_iter<I: IntoIterator<Item = String>>(ids: I) -> EnabledRules {
        let mut enabled = EnabledRules::none();
        enabled.extend(ids);
        enabled
    }
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// Stands in for the start date when a tender's notice is undated (`--date`).
    pub run_date: Date,
    /// Rules that run; rules not listed are off.
    pub enabled: EnabledRules,
    pub severity_overrides: BTreeMap<String, Severity>,
    /// Findings at or above this severity fail the run (exit code 1).
    pub fail_on: Severity,
    /// House rules from the configuration's rule packs.
    pub packs: Vec<PackRule>,
    /// Per built-in rule, in [`Registry::rules`] order (house rules take none): threshold
    /// name → value, defaults included.
    pub thresholds: Vec<BTreeMap<String, ThresholdValue>>,
    /// The (rule id, threshold name) pairs a configuration file set, even to the default:
    /// a default that depends on the tender (TIME007's calendar under `pcsr_2015`) yields
    /// to a value written down.
    pub configured: std::collections::BTreeSet<(String, String)>,
}

impl Settings {
    /// Every built-in rule on, at its default severity and thresholds.
    pub fn defaults(run_date: Date) -> Settings {
        let registry = Registry::builtin();
        let thresholds = registry
            .rules()
            .map(|rule| {
                rule.thresholds
                    .iter()
                    .map(|(name, meta)| {
                        let value = ThresholdValue::from_toml(meta, &meta.default).unwrap_or_else(
                            |error| {
                                panic!(
                                    "rules/: default of {}.{name} is malformed: {error}",
                                    rule.id
                                )
                            },
                        );
                        (name.clone(), value)
                    })
                    .collect()
            })
            .collect();
        Settings {
            run_date,
            enabled: registry.rules().map(|rule| rule.id.clone()).collect(),
            severity_overrides: BTreeMap::new(),
            fail_on: Severity::Error,
            packs: Vec::new(),
            thresholds,
            configured: std::collections::BTreeSet::new(),
        }
    }

    pub fn is_configured(&self, rule: &str, name: &str) -> bool {
        self.configured
            .contains(&(rule.to_owned(), name.to_owned()))
    }

    pub fn is_enabled(&self, rule: &str) -> bool {
        self.enabled.contains(rule)
    }

    pub fn threshold(&self, rule: &str, name: &str) -> Option<&ThresholdValue> {
        self.builtin_thresholds(Registry::builtin().position(rule)?)
            .get(name)
    }

    /// The thresholds of the built-in rule at `position` in [`Registry::rules`].
    pub fn builtin_thresholds(&self, position: usize) -> &BTreeMap<String, ThresholdValue> {
        &self.thresholds[position]
    }
}
