//! Every rule's fixtures: `tests/fixtures/<RULE>/fires*.tender.yaml` must raise
//! that rule at least once, `quiet*.tender.yaml` (the near misses) must not.
//! Each fixture's findings are snapshotted, ruff-style: its own rule's in full (with the
//! fix as a diff), every other rule's as one line, so a quiet fixture that leaves a case
//! to another rule shows that rule firing. Every `fires` fixture, fixed with
//! `--fix --unsafe-fixes`, must have no rule with more warnings or errors than before.

use std::fmt::Write;
use std::path::Path;

use std::collections::HashMap;

use tenderlint::diagnostic::{Diagnostic, Severity};
use tenderlint::fix::{FixOptions, fix_source};
use tenderlint::lint::lint_source;
use tenderlint::model::Date;
use tenderlint::settings::Settings;
use tenderlint::source::SourceFile;

/// A fixed run date so undated fixtures do not change with the calendar.
pub fn fixture_settings() -> Settings {
    Settings::defaults(Date::from_ymd(2026, 6, 1).expect("valid date"))
}

/// Fixture files of one rule directory, sorted by name.
fn fixture_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .collect()
        })
        .unwrap_or_default();
    files.retain(|path| path.to_string_lossy().ends_with(".tender.yaml"));
    files.sort();
    files
}

fn rule_dirs() -> Vec<(String, std::path::PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut dirs: Vec<_> = std::fs::read_dir(root)
        .expect("tests/fixtures exists")
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .map(|entry| {
            (
                entry.file_name().to_string_lossy().into_owned(),
                entry.path(),
            )
        })
        .collect();
    dirs.sort();
    dirs
}

/// Lints one fixture and renders its rule's findings; `Err` says how it broke its contract.
fn check_fixture(rule: &str, path: &Path) -> Result<String, String> {
    let file_name = path
        .file_name()
        .and_then(|name| name.to_str())
        .expect("utf-8 name");
    let text = std::fs::read_to_string(path).expect("readable fixture");
    let source = SourceFile::new(format!("{rule}/{file_name}"), None, text);
    let diagnostics = lint_source(&source, &fixture_settings())
        .map_err(|error| format!("{}: does not parse: {error:?}", source.name))?;
    let own: Vec<_> = diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == rule)
        .collect();
    if file_name.starts_with("fires") && own.is_empty() {
        return Err(format!("{}: {rule} should fire but did not", source.name));
    }
    if file_name.starts_with("quiet") && !own.is_empty() {
        return Err(format!(
            "{}: {rule} must not fire, but reported {:?}",
            source.name, own
        ));
    }
    if !file_name.starts_with("fires") && !file_name.starts_with("quiet") {
        return Err(format!(
            "{}: fixture names start with `fires` or `quiet`",
            source.name
        ));
    }
    if file_name.starts_with("fires") {
        no_new_finding_after_fixing(&source, &diagnostics)?;
    }
    let mut rendered = format!("== {file_name}\n");
    for diagnostic in diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule != rule)
    {
        let (line, column) = source.line_col(diagnostic.span.start);
        writeln!(
            rendered,
            "{line}:{column} also {}[{}] {}",
            diagnostic.severity.as_str(),
            diagnostic.rule,
            diagnostic.message
        )
        .unwrap();
    }
    for diagnostic in &own {
        let (line, column) = source.line_col(diagnostic.span.start);
        let snippet = source.slice(diagnostic.span);
        writeln!(
            rendered,
            "{line}:{column} {}[{}] {}",
            diagnostic.severity.as_str(),
            diagnostic.rule,
            diagnostic.message
        )
        .unwrap();
        writeln!(rendered, "  at: {snippet:?}").unwrap();
        if let Some(help) = &diagnostic.help {
            writeln!(rendered, "  help: {help}").unwrap();
        }
        if let Some(fix) = &diagnostic.fix {
            let mut fixed = source.text.clone();
            for edit in fix.edits.iter().rev() {
                fixed.replace_range(edit.span.range(), &edit.replacement);
            }
            writeln!(rendered, "  fix ({:?}):", fix.applicability).unwrap();
            for line in diff_lines(&source.text, &fixed) {
                writeln!(rendered, "    {line}").unwrap();
            }
        }
    }
    Ok(rendered)
}

/// Unsuppressed warnings and errors, by rule.
fn serious_by_rule(diagnostics: &[Diagnostic]) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for diagnostic in diagnostics {
        if diagnostic.suppressed.is_none() && diagnostic.severity >= Severity::Warning {
            *counts.entry(&*diagnostic.rule).or_insert(0) += 1;
        }
    }
    counts
}

/// `Err` when `--fix --unsafe-fixes` leaves some rule with more warnings or errors.
fn no_new_finding_after_fixing(source: &SourceFile, before: &[Diagnostic]) -> Result<(), String> {
    let fixed = fix_source(
        source,
        &fixture_settings(),
        &FixOptions { unsafe_fixes: true },
    )
    .map_err(|error| format!("{}: --fix failed: {error:?}", source.name))?;
    let before = serious_by_rule(before);
    for (rule, count) in serious_by_rule(&fixed.remaining) {
        if count > before.get(rule).copied().unwrap_or(0) {
            return Err(format!(
                "{}: after --fix --unsafe-fixes a new {rule} finding appears",
                source.name
            ));
        }
    }
    Ok(())
}

#[test]
fn fixtures() {
    let mut failures = Vec::new();
    let mut snapshots = Vec::new();
    for (rule, dir) in rule_dirs() {
        let mut rendered = String::new();
        for path in fixture_files(&dir) {
            match check_fixture(&rule, &path) {
                Ok(text) => rendered.push_str(&text),
                Err(failure) => failures.push(failure),
            }
        }
        snapshots.push((rule, rendered));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for (rule, rendered) in snapshots {
        insta::assert_snapshot!(format!("fixture_{rule}"), rendered);
    }
}

/// The lines that differ between `before` and `after`, as `-`/`+` pairs (fixes are local).
fn diff_lines(before: &str, after: &str) -> Vec<String> {
    let old: Vec<&str> = before.lines().collect();
    let new: Vec<&str> = after.lines().collect();
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let removed = old[prefix..old.len() - suffix]
        .iter()
        .map(|line| format!("-{line}"));
    let added = new[prefix..new.len() - suffix]
        .iter()
        .map(|line| format!("+{line}"));
    removed.chain(added).collect()
}

/// The catalog is complete: every built-in rule has metadata in `rules/`, fixtures
/// that fire and near misses that do not.
#[test]
fn every_rule_has_metadata_and_fixtures() {
    let registry = tenderlint::registry::Registry::builtin();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut missing = Vec::new();
    for meta in registry.rules() {
        if meta.pattern.is_some() {
            missing.push(format!(
                "{}: built-in rules are code, not `[rule.pattern]`",
                meta.id
            ));
        }
        let dir = fixtures.join(&meta.id);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        for kind in ["fires", "quiet"] {
            if !names.iter().any(|name| name.starts_with(kind)) {
                missing.push(format!(
                    "{}: no {kind}*.tender.yaml in tests/fixtures/{}",
                    meta.id, meta.id
                ));
            }
        }
    }
    for rule in tenderlint::rules::all() {
        if registry.get(rule.id).is_none() {
            missing.push(format!(
                "{}: implemented but not described in rules/",
                rule.id
            ));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
