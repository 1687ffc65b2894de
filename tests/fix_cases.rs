//! Fix cases through the real binary: `tests/fix_cases/<case>/` holds `args` (the flags
//! of `tenderlint check`, with `--fix`), `input.tender.yaml`, the committed
//! `expected.tender.yaml`, and optionally `stderr` (lines standard error must contain,
//! such as the rule a refused fix names).
//!
//! For every case: `--fix` writes exactly the expected text and exits as a normal run
//! (never 2); `--diff` shows exactly that change; a second `--fix` changes nothing; and
//! the fixed text has no warning or error of a rule beyond what the input had.
//! `UPDATE_FIX_CASES=1 cargo test --test fix_cases` writes the expected files (review them).

mod common;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{BIN, lint, root};
use tenderlint::diagnostic::Severity;
use tenderlint::fix::unified_diff;

const NAME: &str = "t.tender.yaml";

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(root().join("tests/fix_cases"))
        .expect("tests/fix_cases exists")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    cases
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(["check", "--no-color", "--date", "2026-06-01", "--isolated"])
        .args(args)
        .arg(NAME)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("run tenderlint")
}

fn serious_by_rule(name: &str, text: &str) -> HashMap<String, usize> {
    let result = lint(name, text);
    let mut counts = HashMap::new();
    for diagnostic in result.outcome.expect("parses") {
        if diagnostic.suppressed.is_none() && diagnostic.severity >= Severity::Warning {
            *counts.entry(diagnostic.rule.into_owned()).or_insert(0) += 1;
        }
    }
    counts
}

/// Checks one case; `Err` says what broke.
fn check_case(case: &Path) -> Result<(), String> {
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let args_text = fs::read_to_string(case.join("args")).expect("args");
    let args: Vec<&str> = args_text.split_whitespace().collect();
    let input = fs::read_to_string(case.join("input.tender.yaml")).expect("input");
    let scratch =
        std::env::temp_dir().join(format!("tenderlint-fix-case-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&scratch);
    fs::create_dir_all(&scratch).unwrap();
    let file = scratch.join(NAME);
    fs::write(&file, &input).unwrap();

    let diff_args: Vec<&str> = args
        .iter()
        .map(|arg| if *arg == "--fix" { "--diff" } else { arg })
        .collect();
    let diff = run(&scratch, &diff_args);
    let fixed_run = run(&scratch, &args);
    let fixed = fs::read_to_string(&file).unwrap();
    let again = run(&scratch, &args);
    let fixed_twice = fs::read_to_string(&file).unwrap();
    fs::remove_dir_all(&scratch).unwrap();

    let expected_path = case.join("expected.tender.yaml");
    if std::env::var_os("UPDATE_FIX_CASES").is_some() {
        fs::write(&expected_path, &fixed).unwrap();
    }
    let expected = fs::read_to_string(&expected_path)
        .map_err(|_| format!("{name}: no expected.tender.yaml (UPDATE_FIX_CASES=1 writes it)"))?;
    let stderr = String::from_utf8_lossy(&fixed_run.stderr);
    let stdout = String::from_utf8_lossy(&fixed_run.stdout);
    if fixed_run.status.code() == Some(2) || diff.status.code() == Some(2) {
        return Err(format!(
            "{name}: exit code 2\n{stdout}\n{stderr}\n{}",
            String::from_utf8_lossy(&diff.stderr)
        ));
    }
    if fixed != expected {
        return Err(format!(
            "{name}: --fix wrote\n{fixed:?}\nexpected\n{expected:?}"
        ));
    }
    let diff_text = String::from_utf8_lossy(&diff.stdout);
    if diff_text != unified_diff(NAME, &input, &expected) {
        return Err(format!(
            "{name}: --diff shows something else than --fix writes:\n{diff_text}"
        ));
    }
    if fixed_twice != fixed || again.status.code() == Some(2) {
        return Err(format!("{name}: a second --fix changed the file again"));
    }
    if let Ok(wanted) = fs::read_to_string(case.join("stderr")) {
        for line in wanted.lines() {
            if !stderr.contains(line) {
                return Err(format!("{name}: standard error lacks {line:?}:\n{stderr}"));
            }
        }
    }
    let before = serious_by_rule(NAME, &input);
    for (rule, count) in serious_by_rule(NAME, &fixed) {
        if count > before.get(&rule).copied().unwrap_or(0) {
            return Err(format!("{name}: the fix brought a new {rule} finding"));
        }
    }
    Ok(())
}

#[test]
fn fix_cases() {
    let cases = cases();
    assert!(cases.len() >= 10, "expected fix cases, found {cases:?}");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| check_case(case).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
