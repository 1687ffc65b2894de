//! Justifications and inline suppressions, and the meta rules that keep them honest.
//!
//! A `justifications:` entry records why the buyer lawfully departs from a rule:
//! the finding becomes a note quoting the reason and no longer fails the run.
//! `# tenderlint: ignore[ID]` on a finding's line (or the line above) silences
//! it for CI noise. Stale or empty entries are findings themselves (JUST001,
//! JUST002, SUP001), so neither mechanism can quietly rot.

use std::sync::OnceLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Suppression};
use crate::model::{Node, Tender, is_placeholder};
use crate::registry::Registry;
use crate::settings::Settings;
use crate::source::SourceFile;
use crate::span::Span;
use crate::suggest::did_you_mean;

pub const UNUSED_JUSTIFICATION: &str = "JUST001";
pub const EMPTY_JUSTIFICATION: &str = "JUST002";
pub const UNUSED_SUPPRESSION: &str = "SUP001";

/// Marks justified findings and reports JUST001 / JUST002.
pub fn apply_justifications(
    tender: &Node<Tender>,
    settings: &Settings,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(justifications) = tender.justifications.as_ref() else {
        return;
    };
    let registry = Registry::builtin();
    let mut meta_findings = Vec::new();
    for (rule, reason) in &justifications.0 {
        let reason_text = reason.trim();
        let placeholder = is_placeholder(reason_text);
        if placeholder && settings.is_enabled(EMPTY_JUSTIFICATION) {
            let message = if reason_text.is_empty() {
                format!("the justification for {} is empty", rule.inner)
            } else {
                format!(
                    "the justification for {} is a placeholder (\"{reason_text}\")",
                    rule.inner
                )
            };
            meta_findings.push(meta_finding(
                EMPTY_JUSTIFICATION,
                reason.span,
                message,
                None,
                settings,
            ));
        }
        let known = registry.get(&rule.inner).is_some();
        let mut fired = false;
        for diagnostic in diagnostics
            .iter_mut()
            .filter(|diagnostic| diagnostic.rule.eq_ignore_ascii_case(&rule.inner))
        {
            fired = true;
            if !placeholder {
                diagnostic.suppressed = Some(Suppression::Justification {
                    reason: reason_text.to_owned(),
                });
            }
        }
        if !fired
            && settings.is_enabled(UNUSED_JUSTIFICATION)
            && (!known || settings.is_enabled(&rule.inner))
        {
            let (message, help) = if known {
                (
                    format!("{} is justified but did not fire", rule.inner),
                    "remove the stale justification".to_owned(),
                )
            } else {
                let ids = registry.rules().map(|meta| meta.id.as_str());
                let help = match did_you_mean(&rule.inner, ids) {
                    Some(id) => format!("did you mean `{id}`?"),
                    None => "justifications are keyed by rule id, e.g. `PROC005`; see `tenderlint rules`".to_owned(),
                };
                (format!("`{}` is not a tenderlint rule", rule.inner), help)
            };
            meta_findings.push(meta_finding(
                UNUSED_JUSTIFICATION,
                rule.span,
                message,
                Some(help),
                settings,
            ));
        }
    }
    diagnostics.extend(meta_findings);
}

/// One `# tenderlint: ignore[...]` comment.
struct InlineIgnore {
    /// 1-based line of the comment; it covers this line and the next.
    line: usize,
    rules: Vec<(String, Span)>,
}

fn ignore_comment() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?:^|\s)#\s*tenderlint:\s*ignore\[([^\]]*)\]").expect("valid pattern")
    })
}

fn inline_ignores(source: &SourceFile) -> Vec<InlineIgnore> {
    let mut ignores = Vec::new();
    let mut line_start = 0;
    for (index, line) in source.text.split('\n').enumerate() {
        if line.contains("tenderlint:")
            && let Some(captures) = ignore_comment().captures(line)
        {
            let list = captures.get(1).expect("group 1 always participates");
            let mut rules = Vec::new();
            let mut offset = line_start + list.start();
            for id in list.as_str().split(',') {
                let trimmed = id.trim();
                let start = offset + (id.len() - id.trim_start().len());
                if !trimmed.is_empty() {
                    rules.push((trimmed.to_owned(), Span::new(start, start + trimmed.len())));
                }
                offset += id.len() + 1;
            }
            ignores.push(InlineIgnore {
                line: index + 1,
                rules,
            });
        }
        line_start += line.len() + 1;
    }
    ignores
}

/// Marks findings covered by an inline ignore and reports SUP001 for ids that silenced nothing.
pub fn apply_inline_suppressions(
    source: &SourceFile,
    settings: &Settings,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut unused = Vec::new();
    for ignore in inline_ignores(source) {
        for (rule, span) in &ignore.rules {
            let mut used = false;
            for diagnostic in diagnostics.iter_mut() {
                let line = source.line_col(diagnostic.span.start).0;
                let covered = line == ignore.line || line == ignore.line + 1;
                if covered
                    && diagnostic.rule.eq_ignore_ascii_case(rule)
                    && diagnostic.rule != UNUSED_SUPPRESSION
                {
                    used = true;
                    if diagnostic.suppressed.is_none() {
                        diagnostic.suppressed = Some(Suppression::Inline);
                    }
                }
            }
            let disabled_known_rule =
                Registry::builtin().get(rule).is_some() && !settings.is_enabled(rule);
            if !used && !disabled_known_rule && settings.is_enabled(UNUSED_SUPPRESSION) {
                unused.push(meta_finding(
                    UNUSED_SUPPRESSION,
                    *span,
                    format!("`# tenderlint: ignore[{rule}]` suppressed nothing"),
                    Some(
                        "remove it, or move it onto the finding's line or the line above"
                            .to_owned(),
                    ),
                    settings,
                ));
            }
        }
    }
    diagnostics.extend(unused);
}

fn meta_finding(
    rule: &str,
    span: Span,
    message: String,
    help: Option<String>,
    settings: &Settings,
) -> Diagnostic {
    let meta = Registry::builtin()
        .get(rule)
        .unwrap_or_else(|| panic!("{rule} is described in rules/meta.toml"));
    let severity = settings
        .severity_overrides
        .get(rule)
        .copied()
        .unwrap_or(meta.severity);
    let mut diagnostic = Diagnostic::new(rule, severity, span, message);
    diagnostic.help = help;
    diagnostic
}
