//! `tenderlint rules` and `tenderlint explain ID`: the catalog from `rules/`.

use std::fmt::Write as _;
use std::io::Write;

use std::collections::BTreeMap;

use serde::Serialize;

use super::{ConfigArgs, RulesFormat, exit};
use crate::config::{CliOverrides, Resolver};
use crate::diagnostic::Applicability;
use crate::model::Regime;
use crate::registry::{Registry, RuleMeta, pack_rules};
use crate::scope;
use crate::suggest::did_you_mean;

#[derive(Serialize)]
struct RuleRow<'a> {
    id: &'a str,
    name: &'a str,
    family: &'a str,
    severity: &'static str,
    fix: &'static str,
    summary: &'a str,
    scope: String,
    source: String,
    /// Per regime (`procurement_act_2023`, ...): the scope sentence and, where it runs, the source.
    regimes: BTreeMap<&'static str, RegimeRow>,
}

#[derive(Serialize)]
struct RegimeRow {
    runs: bool,
    scope: String,
    /// What an NHS trust or ICB is told.
    source: Option<&'static str>,
    /// What any other buyer is told.
    source_outside_health: Option<&'static str>,
}

pub fn fix_label(meta: &RuleMeta) -> &'static str {
    match meta.fix_applicability {
        Some(Applicability::Safe) => "safe",
        Some(Applicability::Unsafe) => "unsafe",
        None => "none",
    }
}

/// Loads the configuration `config` names or the current directory's, registering the house
/// rules of its rule packs. `Err` carries the exit code after reporting why it failed.
fn load_house_rules(config: &ConfigArgs) -> Result<(), u8> {
    if config.isolated {
        return Ok(());
    }
    if let Some(path) = config.config.as_ref().filter(|path| !path.is_file()) {
        eprintln!("error: --config {}: no such file", path.display());
        return Err(exit::ERROR);
    }
    let mut resolver = Resolver::new(CliOverrides::default(), config.config.clone(), false);
    match resolver.settings_for(None) {
        Ok(_) => Ok(()),
        Err(failure) => {
            let location = failure.error.span.map_or(String::new(), |span| {
                let (line, column) = failure.source.line_col(span.start);
                format!(":{line}:{column}")
            });
            eprintln!(
                "error: {}{location}: {}",
                failure.source.name, failure.error.message
            );
            Err(exit::ERROR)
        }
    }
}

/// The family column of a house rule.
const HOUSE_RULES: &str = "House rules";

pub fn list(format: RulesFormat, config: &ConfigArgs) -> u8 {
    if let Err(code) = load_house_rules(config) {
        return code;
    }
    let registry = Registry::builtin();
    let builtin = registry.families.iter().flat_map(|family| {
        family
            .rules
            .iter()
            .map(move |meta| (family.title.as_str(), meta))
    });
    let house = pack_rules().into_iter().map(|meta| (HOUSE_RULES, meta));
    let rows: Vec<RuleRow> = builtin
        .chain(house)
        .map(|(family, meta)| RuleRow {
            id: &meta.id,
            name: &meta.name,
            family,
            severity: meta.severity.as_str(),
            fix: fix_label(meta),
            summary: meta.summary.trim(),
            scope: scope::scope_summary(meta),
            source: scope::source_summary(meta),
            regimes: scope::REGIMES
                .iter()
                .map(|&regime| {
                    let source = scope::source_text(&meta.id, regime);
                    let row = RegimeRow {
                        runs: source.is_some() || scope::rule_scope(&meta.id).is_none(),
                        scope: scope::scope_text(&meta.id, regime),
                        source,
                        source_outside_health: scope::source_text_for(&meta.id, regime, false),
                    };
                    (scope::regime_key(regime), row)
                })
                .collect(),
        })
        .collect();
    let text = match format {
        RulesFormat::Json => serde_json::to_string_pretty(&rows)
            .map(|json| json + "\n")
            .unwrap_or_default(),
        RulesFormat::Human => {
            let name_width = rows.iter().map(|row| row.name.len()).max().unwrap_or(0);
            let mut text = String::new();
            for row in &rows {
                let (id, name, severity, fix, summary) =
                    (row.id, row.name, row.severity, row.fix, row.summary);
                writeln!(
                    text,
                    "{id:<8} {name:<name_width$}  {severity:<7}  fix: {fix:<6}  {summary}"
                )
                .unwrap();
            }
            writeln!(
                text,
                "\n{} rules. `tenderlint explain ID` prints one in full.",
                rows.len()
            )
            .unwrap();
            text
        }
    };
    write_out(&text)
}

pub fn explain(id: &str, regime: Option<Regime>, config: &ConfigArgs) -> u8 {
    if let Err(code) = load_house_rules(config) {
        return code;
    }
    let registry = Registry::builtin();
    let Some(meta) = registry.get(id) else {
        let hint = match did_you_mean(id, registry.rules().map(|meta| meta.id.as_str())) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => "`tenderlint rules` lists every rule".to_owned(),
        };
        eprintln!("error: `{id}` is not a tenderlint rule; {hint}");
        return exit::ERROR;
    };
    write_out(&explanation(meta, regime))
}

/// The full documentation of one rule, from its `rules/` entry and its row of the scope
/// table: under every regime, or only `regime`.
pub fn explanation(meta: &RuleMeta, regime: Option<Regime>) -> String {
    let mut text = String::new();
    let indent = |body: &str| {
        body.trim()
            .lines()
            .map(|line| format!("    {line}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    writeln!(text, "{} {}\n", meta.id, meta.name).unwrap();
    writeln!(text, "Severity: {}", meta.severity.as_str()).unwrap();
    writeln!(text, "Notices:  {}", meta.notices.describe()).unwrap();
    writeln!(text, "Summary:  {}\n", meta.summary.trim()).unwrap();
    writeln!(text, "What it checks\n{}\n", indent(&meta.what)).unwrap();
    writeln!(text, "Why it matters for SMEs\n{}\n", indent(&meta.why)).unwrap();
    let regimes: Vec<Regime> = match regime {
        Some(regime) => vec![regime],
        None => scope::REGIMES.to_vec(),
    };
    writeln!(text, "Scope and source by regime").unwrap();
    for regime in regimes {
        writeln!(
            text,
            "    {} (`regime: {}`): {}",
            scope::regime_title(regime),
            scope::regime_key(regime),
            scope::scope_text(&meta.id, regime)
        )
        .unwrap();
        let (source, elsewhere) = match scope::rule_scope(&meta.id) {
            None => (
                Some(meta.source.trim()),
                Some(scope::source_for_buyer(meta.source.trim(), false)),
            ),
            Some(_) => (
                scope::source_text(&meta.id, regime),
                scope::source_text_for(&meta.id, regime, false).map(str::to_owned),
            ),
        };
        if let Some(source) = source {
            writeln!(text, "        source: {source}").unwrap();
            if let Some(elsewhere) = elsewhere.filter(|elsewhere| elsewhere != source) {
                writeln!(
                    text,
                    "        for a buyer other than an NHS trust or ICB: {elsewhere}"
                )
                .unwrap();
            }
        }
    }
    writeln!(text).unwrap();
    writeln!(text, "Example that fires\n{}\n", indent(&meta.example)).unwrap();
    writeln!(text, "Fixed\n{}\n", indent(&meta.example_fixed)).unwrap();
    let safety = match meta.fix_applicability {
        Some(Applicability::Safe) => {
            "safe: `tenderlint check --fix` (and the `tenderlint-fix` hook) applies it where the text above says it is safe; a fix that does not verify, or would bring a new finding, is refused and the finding stays."
        }
        Some(Applicability::Unsafe) => {
            "unsafe: the fix needs a judgement (a figure, a date, a rebalance), so it is applied only with `--fix --unsafe-fixes`, and refused like a safe one when it does not verify. Review the change."
        }
        None => "none: the remedy needs the buyer's judgement; the help line says what to do.",
    };
    writeln!(
        text,
        "Fix\n{}\n    Fix safety: {safety}\n",
        indent(&meta.fix)
    )
    .unwrap();
    if meta.thresholds.is_empty() {
        writeln!(text, "Configurable thresholds\n    none").unwrap();
    } else {
        writeln!(
            text,
            "Configurable thresholds (in tenderlint.toml under [rules.{}])",
            meta.id
        )
        .unwrap();
        for (name, threshold) in &meta.thresholds {
            writeln!(
                text,
                "    {name} = {}    # {}",
                threshold.default,
                threshold.description.trim()
            )
            .unwrap();
        }
    }
    text
}

fn write_out(text: &str) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => exit::CLEAN,
        Err(_) => exit::ERROR,
    }
}
