//! The scope table in `rules/scope.toml`: which rule runs under which regime, at which
//! severity, citing what. The engine gates on it and `explain`, `rules` and docs/rules.md
//! print it, so what the tool says about a rule's scope is what it does.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::facts::Facts;
use crate::model::Regime;
use crate::registry::RuleMeta;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScopeFile {
    /// Guidance written for health sector buyers: cited to others as good practice.
    health_guidance: Vec<String>,
    rule: Vec<RuleScope>,
}

/// One rule's row: the regimes it runs under.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleScope {
    pub id: String,
    pub procurement_act_2023: Option<RegimeScope>,
    pub pcr_2015: Option<RegimeScope>,
    pub provider_selection_regime: Option<RegimeScope>,
    pub pcsr_2015: Option<RegimeScope>,
}

/// How a rule runs under one regime.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegimeScope {
    #[serde(default)]
    pub value: ValueCondition,
    /// The most a finding reaches; `None`: the rule's own severity.
    pub severity: Option<Severity>,
    pub scope: String,
    /// What a finding cites (for a buyer outside the health service, worded by
    /// [`source_for_buyer`] unless `source_outside_health` says otherwise).
    pub source: String,
    /// What binds a buyer outside the health service, where another document binds them.
    source_outside_health: Option<String>,
    /// What a buyer outside the health service is told, made once.
    #[serde(skip)]
    source_elsewhere: OnceLock<String>,
}

impl RegimeScope {
    /// What the rule cites for this buyer.
    fn source_for(&self, health_buyer: bool) -> &str {
        if health_buyer {
            return &self.source;
        }
        self.source_elsewhere.get_or_init(|| {
            self.source_outside_health
                .clone()
                .unwrap_or_else(|| source_for_buyer(&self.source, false))
        })
    }
}

/// Which contract values the rule runs at, against the regime's threshold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueCondition {
    #[default]
    Any,
    Above,
    Below,
}

/// Every regime, in the order `explain` prints them.
pub const REGIMES: [Regime; 4] = [
    Regime::ProcurementAct2023,
    Regime::Pcr2015,
    Regime::ProviderSelectionRegime,
    Regime::Pcsr2015,
];

/// The regime's name for people.
pub fn regime_title(regime: Regime) -> &'static str {
    match regime {
        Regime::ProcurementAct2023 => "Procurement Act 2023",
        Regime::Pcr2015 => "PCR 2015",
        Regime::ProviderSelectionRegime => "Provider Selection Regime",
        Regime::Pcsr2015 => "Scotland (PCSR 2015, PR(S)A 2014)",
    }
}

/// The regime's word in a tender file: its serde name, so there is one spelling.
pub fn regime_key(regime: Regime) -> &'static str {
    static WORDS: OnceLock<[String; 4]> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        REGIMES.map(|regime| match serde_json::to_value(regime) {
            Ok(serde_json::Value::String(word)) => word,
            other => panic!("a regime serializes as its word, not {other:?}"),
        })
    });
    let index = REGIMES
        .iter()
        .position(|&listed| listed == regime)
        .expect("REGIMES lists every regime");
    &words[index]
}

/// What the table decides for one rule on one tender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The most a finding reaches (`None`: the rule's own severity).
    pub severity: Option<Severity>,
    /// What the finding cites, worded for the tender's buyer.
    pub source: Cow<'static, str>,
    /// Set when the rule's scope turns on a threshold figure that is not confirmed.
    pub unconfirmed_threshold: bool,
}

impl RuleScope {
    pub fn under(&self, regime: Regime) -> Option<&RegimeScope> {
        match regime {
            Regime::ProcurementAct2023 => self.procurement_act_2023.as_ref(),
            Regime::Pcr2015 => self.pcr_2015.as_ref(),
            Regime::ProviderSelectionRegime => self.provider_selection_regime.as_ref(),
            Regime::Pcsr2015 => self.pcsr_2015.as_ref(),
        }
    }

    /// Whether the rule of this row runs on this tender, and if so at what severity and
    /// citing what. Unknown values (no figure, or a buyer class at the margin) do not meet a
    /// value condition.
    pub fn applies(&'static self, facts: &Facts) -> Option<Applied> {
        let scope = self.under(facts.regime)?;
        let meets = match scope.value {
            ValueCondition::Any => true,
            ValueCondition::Above => facts.above_threshold == Some(true),
            ValueCondition::Below => facts.above_threshold == Some(false),
        };
        if !meets {
            return None;
        }
        let unconfirmed_threshold =
            scope.value != ValueCondition::Any && !facts.threshold_confirmed;
        let severity = if unconfirmed_threshold {
            Some(
                scope
                    .severity
                    .map_or(Severity::Warning, |cap| cap.min(Severity::Warning)),
            )
        } else {
            scope.severity
        };
        Some(Applied {
            severity,
            source: Cow::Borrowed(scope.source_for(facts.is_nhs_buyer())),
            unconfirmed_threshold,
        })
    }
}

fn file() -> &'static ScopeFile {
    static FILE: OnceLock<ScopeFile> = OnceLock::new();
    FILE.get_or_init(|| crate::registry::embedded("scope.toml"))
}

fn table() -> &'static BTreeMap<&'static str, &'static RuleScope> {
    static TABLE: OnceLock<BTreeMap<&'static str, &'static RuleScope>> = OnceLock::new();
    TABLE.get_or_init(|| {
        file()
            .rule
            .iter()
            .map(|rule| (rule.id.as_str(), rule))
            .collect()
    })
}

/// A built-in rule's row; `None` for a house rule (policy: it runs under every regime).
pub fn rule_scope(rule: &str) -> Option<&'static RuleScope> {
    table().get(rule).copied()
}

/// Every row, in the file's order.
pub fn rows() -> impl Iterator<Item = &'static RuleScope> {
    file().rule.iter()
}

/// Whether `rule` runs on this tender, and if so at what severity and citing what
/// ([`RuleScope::applies`]); `None` for a rule without a row.
pub fn applies(rule: &str, facts: &Facts) -> Option<Applied> {
    rule_scope(rule)?.applies(facts)
}

/// The note a finding carries when its scope rests on an unconfirmed threshold figure.
pub const UNCONFIRMED_THRESHOLD_NOTE: &str = "the Scottish threshold for this contract is not confirmed, so the UK figure is assumed to apply";

/// Health sector guidance binds health buyers; anyone else is told it is good practice for SMEs.
pub fn source_for_buyer(source: &str, health_buyer: bool) -> String {
    if health_buyer {
        return source.to_owned();
    }
    let worded = file()
        .health_guidance
        .iter()
        .fold(source.to_owned(), |text, title| {
            text.replace(
                title.as_str(),
                &format!("good practice for SMEs, as set out in {title}"),
            )
        });
    // "Applied as good practice; good practice for SMEs, as set out in …" says it twice.
    let worded = match worded.strip_prefix(GOOD_PRACTICE_PREFIX) {
        Some(rest) if worded != source => rest.to_owned(),
        _ => worded,
    };
    // A source that now opens with the rewording starts a sentence.
    match worded.strip_prefix("good practice") {
        Some(rest) => format!("Good practice{rest}"),
        None => worded,
    }
}

/// How the table says a rule resting on another regime's law is applied as good practice.
const GOOD_PRACTICE_PREFIX: &str = "Applied as good practice; ";

/// How `explain` and docs/rules.md describe the rule under `regime`.
pub fn scope_text(rule: &str, regime: Regime) -> String {
    match rule_scope(rule).and_then(|scope| scope.under(regime)) {
        Some(scope) => format!("runs {}", scope.scope),
        None if rule_scope(rule).is_none() => {
            "runs at any value (a house rule is policy)".to_owned()
        }
        None => "does not run".to_owned(),
    }
}

/// What the rule cites under `regime` (worded for a health buyer); `None` where it does not run.
pub fn source_text(rule: &str, regime: Regime) -> Option<&'static str> {
    source_text_for(rule, regime, true)
}

/// What the rule cites under `regime`, for every buyer in one text: the source, or where
/// another document binds buyers outside the health service, both (a rewording of health
/// guidance as good practice is not another document). `None` where the rule does not run.
pub fn source_by_buyer(rule: &str, regime: Regime) -> Option<String> {
    let health = source_text(rule, regime)?;
    match source_text_for(rule, regime, false) {
        Some(elsewhere) if elsewhere != source_for_buyer(health, false) => Some(format!(
            "NHS trusts and ICBs: {health}. Other buyers: {elsewhere}"
        )),
        _ => Some(health.to_owned()),
    }
}

/// What the rule cites under `regime` to a health buyer or to any other; `None` where it
/// does not run.
pub fn source_text_for(rule: &str, regime: Regime, health_buyer: bool) -> Option<&'static str> {
    rule_scope(rule)
        .and_then(|scope| scope.under(regime))
        .map(|scope| scope.source_for(health_buyer))
}

/// The rule's scope under every regime in one line, for `rules`, SARIF and docs/rules.md.
/// A house rule's own `scope` text stands, since it runs under every regime.
pub fn scope_summary(meta: &RuleMeta) -> String {
    if rule_scope(&meta.id).is_none() {
        return meta.scope.trim().to_owned();
    }
    REGIMES
        .iter()
        .map(|&regime| format!("{}: {}", regime_title(regime), scope_text(&meta.id, regime)))
        .collect::<Vec<_>>()
        .join(". ")
}

/// The rule's sources under every regime it runs in, in one line.
pub fn source_summary(meta: &RuleMeta) -> String {
    if rule_scope(&meta.id).is_none() {
        return meta.source.trim().to_owned();
    }
    REGIMES
        .iter()
        .filter_map(|&regime| {
            source_by_buyer(&meta.id, regime)
                .map(|source| format!("{}: {source}", regime_title(regime)))
        })
        .collect::<Vec<_>>()
        .join(". ")
}
