//! `tenderlint rules` and `tenderlint explain ID`: the catalog from `rules/`.

use std::fmt::Write as _;
use std::io::Write;

use serde::Serialize;

use super::{RulesFormat, exit};
use crate::diagnostic::Applicability;
use crate::registry::{Registry, RuleMeta};
use crate::suggest::did_you_mean;

#[derive(Serialize)]
struct RuleRow<'a> {
    id: &'a str,
    name: &'a str,
    family: &'a str,
    severity: &'static str,
    fix: &'static str,
    summary: &'a str,
    scope: &'a str,
    source: &'a str,
}

pub fn fix_label(meta: &RuleMeta) -> &'static str {
    match meta.fix_applicability {
        Some(Applicability::Safe) => "safe",
        Some(Applicability::Unsafe) => "unsafe",
        None => "none",
    }
}

pub fn list(format: RulesFormat) -> u8 {
    let registry = Registry::builtin();
    let rows: Vec<RuleRow> = registry
        .families
        .iter()
        .flat_map(|family| family.rules.iter().map(move |meta| (family, meta)))
        .map(|(family, meta)| RuleRow {
            id: &meta.id,
            name: &meta.name,
            family: &family.title,
            severity: meta.severity.as_str(),
            fix: fix_label(meta),
            summary: meta.summary.trim(),
            scope: meta.scope.trim(),
            source: meta.source.trim(),
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

pub fn explain(id: &str) -> u8 {
    let registry = Registry::builtin();
    let Some(meta) = registry.get(id) else {
        let hint = match did_you_mean(id, registry.rules().map(|meta| meta.id.as_str())) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => "`tenderlint rules` lists every rule".to_owned(),
        };
        eprintln!("error: `{id}` is not a tenderlint rule; {hint}");
        return exit::ERROR;
    };
    write_out(&explanation(meta))
}

/// The full documentation of one rule, from its `rules/` entry.
pub fn explanation(meta: &RuleMeta) -> String {
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
    writeln!(text, "Scope:    {}", meta.scope.trim()).unwrap();
    writeln!(text, "Notices:  {}", meta.notices.describe()).unwrap();
    writeln!(text, "Summary:  {}\n", meta.summary.trim()).unwrap();
    writeln!(text, "What it checks\n{}\n", indent(&meta.what)).unwrap();
    writeln!(text, "Why it matters for SMEs\n{}\n", indent(&meta.why)).unwrap();
    writeln!(text, "Source\n{}\n", indent(&meta.source)).unwrap();
    writeln!(text, "Example that fires\n{}\n", indent(&meta.example)).unwrap();
    writeln!(text, "Fixed\n{}\n", indent(&meta.example_fixed)).unwrap();
    let safety = match meta.fix_applicability {
        Some(Applicability::Safe) => {
            "safe: there is exactly one compliant value, and `tenderlint check --fix` applies it."
        }
        Some(Applicability::Unsafe) => {
            "unsafe: the fix needs a judgement (a figure, a date, a rebalance), so it is applied only with `--fix --unsafe-fixes`. Review the change."
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
