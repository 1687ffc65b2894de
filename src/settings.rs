//! The resolved settings one file is linted with: which rules run, at what
//! severity, with which thresholds. Built from rule defaults, then
//! `tenderlint.toml`, then command-line flags.

use std::collections::BTreeMap;

use crate::diagnostic::Severity;
use crate::model::{Date, Money, Percent};
use crate::registry::{Registry, ThresholdKind};

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
    /// Reads a TOML value as `kind`, with a message that says what was expected.
    pub fn from_toml(kind: ThresholdKind, value: &toml::Value) -> Result<ThresholdValue, String> {
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

#[derive(Debug, Clone)]
pub struct Settings {
    /// Stands in for the start date when a tender's notice is undated (`--date`).
    pub run_date: Date,
    /// Rules that run; rules not listed are off.
    pub enabled: Vec<String>,
    pub severity_overrides: BTreeMap<String, Severity>,
    /// Findings at or above this severity fail the run (exit code 1).
    pub fail_on: Severity,
    /// Rule id → threshold name → value, defaults included.
    pub thresholds: BTreeMap<String, BTreeMap<String, ThresholdValue>>,
}

impl Settings {
    /// Every built-in rule on, at its default severity and thresholds.
    pub fn defaults(run_date: Date) -> Settings {
        let registry = Registry::builtin();
        let thresholds = registry
            .rules()
            .map(|rule| {
                let values = rule
                    .thresholds
                    .iter()
                    .map(|(name, meta)| {
                        let value = ThresholdValue::from_toml(meta.kind, &meta.default)
                            .unwrap_or_else(|error| {
                                panic!(
                                    "rules/: default of {}.{name} is malformed: {error}",
                                    rule.id
                                )
                            });
                        (name.clone(), value)
                    })
                    .collect();
                (rule.id.clone(), values)
            })
            .collect();
        Settings {
            run_date,
            enabled: registry.rules().map(|rule| rule.id.clone()).collect(),
            severity_overrides: BTreeMap::new(),
            fail_on: Severity::Error,
            thresholds,
        }
    }

    pub fn is_enabled(&self, rule: &str) -> bool {
        self.enabled.iter().any(|id| id == rule)
    }

    pub fn threshold(&self, rule: &str, name: &str) -> Option<&ThresholdValue> {
        self.thresholds.get(rule)?.get(name)
    }
}
