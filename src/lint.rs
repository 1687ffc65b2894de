//! One file through the pipeline: parse → facts → rules → severity → sorted findings.

use crate::diagnostic::{Diagnostic, Severity};
use crate::facts::Facts;
use crate::model::{Node, Tender};
use crate::parse::{ParseError, parse_tender};
use crate::registry::{Registry, RuleMeta};
use crate::rules::{self, Checker};
use crate::settings::Settings;
use crate::source::SourceFile;
use crate::suppress;

/// Lints one source. A parse error ends the file's check (exit code 2), never the run.
pub fn lint_source(
    source: &SourceFile,
    settings: &Settings,
) -> Result<Vec<Diagnostic>, ParseError> {
    let tender = parse_tender(source)?;
    Ok(lint_tender(source, &tender, settings))
}

/// Lints a parsed tender (for callers that need the tender too).
pub fn lint_tender(
    source: &SourceFile,
    tender: &Node<Tender>,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let facts = Facts::derive(tender, settings.run_date);
    let registry = Registry::builtin();
    let mut diagnostics = Vec::new();
    let mut run = |meta: &RuleMeta, check: &dyn Fn(&mut Checker)| {
        let mut checker = Checker::new(source, tender, &facts, meta, settings);
        check(&mut checker);
        for mut diagnostic in checker.into_diagnostics() {
            if let Some(&severity) = settings.severity_overrides.get(&meta.id) {
                diagnostic.severity = severity;
            }
            if facts.is_psr() {
                // The Act's sections do not apply under the PSR (PR24 reg 43): findings are policy.
                diagnostic.severity = diagnostic.severity.min(Severity::Warning);
            }
            diagnostics.push(diagnostic);
        }
    };
    for rule in rules::all() {
        if settings.is_enabled(rule.id) && (!facts.is_psr() || runs_under_psr(rule.id)) {
            let meta = registry
                .get(rule.id)
                .unwrap_or_else(|| panic!("rule {} has no entry in rules/", rule.id));
            run(meta, &rule.check);
        }
    }
    // House rules are policy, so they run under every regime.
    for pack_rule in settings
        .packs
        .iter()
        .filter(|rule| settings.is_enabled(&rule.meta.id))
    {
        run(pack_rule.meta, &|checker| {
            rules::pattern::check(checker, pack_rule)
        });
    }
    suppress::apply_justifications(tender, settings, &mut diagnostics);
    suppress::apply_inline_suppressions(source, settings, &mut diagnostics);
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
    });
    diagnostics
}

/// Under the Provider Selection Regime only these rules run (RULES.md "Scope").
fn runs_under_psr(rule: &str) -> bool {
    ["SV", "PAY", "SPEC"]
        .iter()
        .any(|family| rule.starts_with(family))
        || matches!(rule, "LOT002" | "LOT003" | "LOT004")
}
