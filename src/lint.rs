//! One file through the pipeline: parse → facts → scope → rules → severity → sorted findings.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::diagnostic::Diagnostic;
use crate::facts::Facts;
use crate::model::{Node, Tender};
use crate::parse::{ParseError, parse_tender};
use crate::read::ocds::Mapped;
use crate::registry::{NoticePolicy, Registry, RuleMeta};
use crate::rules::{self, Checker, Rule};
use crate::scope::{self, Applied, RuleScope, UNCONFIRMED_THRESHOLD_NOTE};
use crate::settings::{Settings, ThresholdValue};
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

/// Lints a parsed tender file (for callers that need the tender too).
pub fn lint_tender(
    source: &SourceFile,
    tender: &Node<Tender>,
    settings: &Settings,
) -> Vec<Diagnostic> {
    lint_with(source, tender, settings, &|_| true)
}

/// Lints a tender read from a published notice: only the rules that can judge a notice run
/// (their `notices` metadata), and none when the notice's regime is unknown. When the lots'
/// award criteria differ, the tender is checked once with each lot's criteria.
pub fn lint_notice(
    source: &SourceFile,
    mapped: &mut Mapped,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let notice = &mapped.notice;
    if !notice.regime_known {
        return Vec::new();
    }
    let runs = |meta: &RuleMeta| match &meta.notices {
        NoticePolicy::Runs => true,
        NoticePolicy::WhenField(field) => notice.has_field(field),
        NoticePolicy::No => false,
    };
    if mapped.criteria_per_lot.is_empty() {
        return lint_with(source, &mapped.tender, settings, &runs);
    }
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    for criteria in std::mem::take(&mut mapped.criteria_per_lot) {
        mapped.tender.award_criteria = Some(criteria);
        for diagnostic in lint_with(source, &mapped.tender, settings, &runs) {
            // Findings that do not depend on the criteria come once, not once per lot.
            if !diagnostics.contains(&diagnostic) {
                diagnostics.push(diagnostic);
            }
        }
    }
    mapped.tender.award_criteria = None;
    sort(&mut diagnostics);
    diagnostics
}

/// Lints a tender with the rules `runs` admits (all of them for a tender file).
fn lint_with(
    source: &SourceFile,
    tender: &Node<Tender>,
    settings: &Settings,
    runs: &dyn Fn(&RuleMeta) -> bool,
) -> Vec<Diagnostic> {
    let facts = Facts::derive(tender, settings.run_date);
    let mut diagnostics = Vec::new();
    let mut run = |meta: &'static RuleMeta,
                   thresholds: &BTreeMap<String, ThresholdValue>,
                   applied: Applied,
                   check: &dyn Fn(&mut Checker)| {
        if !runs(meta) {
            return;
        }
        // The table's severity is both the rule's default and the most it reaches here.
        let severity = applied.severity.unwrap_or(meta.severity);
        let mut checker = Checker::new(source, tender, &facts, meta, settings, thresholds)
            .with_severity(severity);
        check(&mut checker);
        for mut diagnostic in checker.into_diagnostics() {
            diagnostic.severity = diagnostic.severity.min(severity);
            if applied.unconfirmed_threshold {
                let help = diagnostic.help.as_deref().unwrap_or(meta.fix.trim());
                diagnostic.help = Some(format!("{help}; {UNCONFIRMED_THRESHOLD_NOTE}"));
            }
            if let Some(&severity) = settings.severity_overrides.get(&meta.id) {
                diagnostic.severity = severity;
            }
            diagnostic.source = Some(applied.source.clone());
            diagnostics.push(diagnostic);
        }
    };
    for builtin in builtin_rules()
        .iter()
        .filter(|builtin| settings.enabled.contains_builtin(builtin.position))
    {
        let Some(applied) = builtin.scope.and_then(|scope| scope.applies(&facts)) else {
            continue;
        };
        let thresholds = settings.builtin_thresholds(builtin.position);
        run(builtin.meta, thresholds, applied, &builtin.rule.check);
    }
    // House rules are policy, so they run under every regime.
    for pack_rule in settings
        .packs
        .iter()
        .filter(|rule| settings.is_enabled(&rule.meta.id))
    {
        let applied = Applied {
            severity: None,
            source: scope::source_for_buyer(pack_rule.meta.source.trim(), facts.is_nhs_buyer())
                .into(),
            unconfirmed_threshold: false,
        };
        // House rules take no thresholds.
        run(pack_rule.meta, &BTreeMap::new(), applied, &|checker| {
            rules::pattern::check(checker, pack_rule)
        });
    }
    suppress::apply_justifications(tender, settings, &mut diagnostics);
    suppress::apply_inline_suppressions(source, settings, &mut diagnostics);
    // The meta rules (JUST, SUP) report from suppress: they cite the table like any rule.
    for diagnostic in diagnostics.iter_mut().filter(|d| d.source.is_none()) {
        diagnostic.source = scope::applies(&diagnostic.rule, &facts).map(|applied| applied.source);
    }
    sort(&mut diagnostics);
    diagnostics
}

/// A built-in rule with its metadata and its row of the scope table, found once per run
/// rather than by id for every file.
struct BuiltinRule {
    rule: &'static Rule,
    meta: &'static RuleMeta,
    /// Its place in [`Registry::rules`], by which settings keep its values.
    position: usize,
    /// `None`: the table has no row for it, so it never runs.
    scope: Option<&'static RuleScope>,
}

/// Every built-in rule, in catalog order.
fn builtin_rules() -> &'static [BuiltinRule] {
    static RULES: OnceLock<Vec<BuiltinRule>> = OnceLock::new();
    RULES.get_or_init(|| {
        let registry = Registry::builtin();
        rules::all()
            .map(|rule| {
                let position = registry
                    .position(rule.id)
                    .unwrap_or_else(|| panic!("rule {} has no entry in rules/", rule.id));
                BuiltinRule {
                    rule,
                    meta: registry.rules().nth(position).expect("a rule's position"),
                    position,
                    scope: scope::rule_scope(rule.id),
                }
            })
            .collect()
    })
}

fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
    });
}
