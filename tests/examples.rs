//! The shipped examples in `examples/`, linted by the real binary exactly as a
//! user would run it, in human and JSON format.
//!
//! Each example declares, in a `# Expected findings:` comment, the rule ids it is
//! designed to trigger (`none` for the clean example). The tests check the
//! declarations against what the rules report, so an example that stops
//! demonstrating its rules, or a rule that fires where RULES.md says it must
//! not, fails here.
//!
//! Snapshots: `tests/snapshots/examples__human_<stem>.snap`,
//! `examples__json_<stem>.snap` and `examples__diff_<stem>.snap` (what
//! `--diff --unsafe-fixes` would change); accept changes with
//! `INSTA_UPDATE=always cargo test --test examples`, then read them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tenderlint::facts::Facts;
use tenderlint::model::Date;
use tenderlint::parse::parse_tender;
use tenderlint::registry::Registry;
use tenderlint::source::SourceFile;

/// A fixed run date, so tenders without a dated tender notice do not change with the calendar.
const RUN_DATE: &str = "2026-06-01";

const EXPECTED_MARKER: &str = "# Expected findings:";

struct Example {
    /// The path as passed to the binary, relative to the crate root: `examples/<file>`.
    arg: String,
    /// The file name without `.tender.yaml`, used to name snapshots.
    stem: String,
    text: String,
    /// The rule ids the example declares it triggers.
    expected: BTreeSet<String>,
}

impl Example {
    fn is_clean(&self) -> bool {
        self.stem.starts_with("clean")
    }

    fn is_psr(&self) -> bool {
        let source = SourceFile::new(self.arg.clone(), None, self.text.clone());
        let tender = parse_tender(&source).expect("examples parse");
        let run_date = Date::parse(RUN_DATE).expect("valid date");
        Facts::derive(&tender, run_date).is_psr()
    }
}

fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `examples/*.tender.yaml` (and `.tender.yml`), sorted by name.
fn examples() -> Vec<Example> {
    let dir = crate_root().join("examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/ exists")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path
                .file_name()
                .and_then(|name| name.to_str())
                .unwrap_or("");
            name.ends_with(".tender.yaml") || name.ends_with(".tender.yml")
        })
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no examples in examples/");
    paths.iter().map(|path| load(path)).collect()
}

fn load(path: &Path) -> Example {
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .expect("utf-8 file name")
        .to_owned();
    let stem = name
        .trim_end_matches(".tender.yaml")
        .trim_end_matches(".tender.yml")
        .to_owned();
    let text = std::fs::read_to_string(path).expect("readable example");
    let expected = expected_findings(&name, &text);
    Example {
        arg: format!("examples/{name}"),
        stem,
        text,
        expected,
    }
}

/// The ids on the example's `# Expected findings:` line (`none` for no findings).
fn expected_findings(name: &str, text: &str) -> BTreeSet<String> {
    let line = text
        .lines()
        .find_map(|line| line.trim().strip_prefix(EXPECTED_MARKER))
        .unwrap_or_else(|| panic!("{name}: no `{EXPECTED_MARKER}` comment"));
    if line.trim() == "none" {
        return BTreeSet::new();
    }
    let ids: BTreeSet<String> = line
        .split([',', ' '])
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect();
    for id in &ids {
        let (prefix, digits) = id.split_at(id.len().saturating_sub(3));
        assert!(
            !prefix.is_empty()
                && prefix.chars().all(|c| c.is_ascii_uppercase())
                && digits.len() == 3
                && digits.chars().all(|c| c.is_ascii_digit()),
            "{name}: `{id}` in `{EXPECTED_MARKER}` is not a rule id"
        );
    }
    ids
}

/// Runs the real binary from the crate root, so reported paths are `examples/<file>`.
fn tenderlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tenderlint"))
        .current_dir(crate_root())
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .expect("the tenderlint binary runs")
}

fn exit_code(output: &Output) -> i32 {
    output
        .status
        .code()
        .expect("exited normally, not by a signal")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

struct Run {
    human: Output,
    json_output: Output,
    json: Value,
}

/// `tenderlint --no-color --date 2026-06-01 <example>` in human and JSON format.
fn lint(example: &Example) -> Run {
    let base = ["--no-color", "--date", RUN_DATE, example.arg.as_str()];
    let human = tenderlint(&base);
    let json_output = tenderlint(&[&base[..], &["--format", "json"]].concat());
    let json: Value = serde_json::from_slice(&json_output.stdout).unwrap_or_else(|error| {
        panic!(
            "{}: --format json printed invalid JSON ({error}):\n{}",
            example.arg,
            stdout(&json_output)
        )
    });
    Run {
        human,
        json_output,
        json,
    }
}

fn diagnostics(json: &Value) -> &Vec<Value> {
    json["diagnostics"].as_array().expect("`diagnostics` array")
}

/// The rule ids reported, justified and suppressed findings included.
fn fired(json: &Value) -> BTreeSet<String> {
    diagnostics(json)
        .iter()
        .map(|diagnostic| diagnostic["rule"].as_str().expect("rule id").to_owned())
        .collect()
}

fn has_unsuppressed_error(json: &Value) -> bool {
    diagnostics(json)
        .iter()
        .any(|diagnostic| diagnostic["severity"] == "error" && diagnostic["suppressed"].is_null())
}

#[test]
fn examples_output_snapshots() {
    for example in examples() {
        let run = lint(&example);
        let name = &example.arg;
        for (format, output) in [("human", &run.human), ("json", &run.json_output)] {
            assert!(
                output.stderr.is_empty(),
                "{name} ({format}): unexpected stderr:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
            assert_ne!(
                exit_code(output),
                2,
                "{name} ({format}): could not be checked:\n{}",
                stdout(output)
            );
        }
        assert_eq!(
            run.json["errors"].as_array().map(Vec::len),
            Some(0),
            "{name}: parse or schema errors in {}",
            run.json["errors"]
        );
        assert_eq!(
            exit_code(&run.human),
            exit_code(&run.json_output),
            "{name}: human and JSON runs exit differently"
        );
        // With the default --fail-on error, exit 1 exactly when an unsuppressed error remains.
        let expected_code = i32::from(has_unsuppressed_error(&run.json));
        assert_eq!(
            exit_code(&run.human),
            expected_code,
            "{name}: exit code does not follow the unsuppressed errors"
        );
        insta::assert_snapshot!(format!("human_{}", example.stem), stdout(&run.human));
        insta::assert_snapshot!(format!("json_{}", example.stem), stdout(&run.json_output));
    }
}

#[test]
fn clean_example_has_no_findings() {
    let all = examples();
    let clean: Vec<&Example> = all.iter().filter(|example| example.is_clean()).collect();
    assert!(!clean.is_empty(), "no clean-*.tender.yaml example");
    for example in clean {
        assert!(
            example.expected.is_empty(),
            "{}: a clean example expects no findings (`{EXPECTED_MARKER} none`)",
            example.arg
        );
        let run = lint(example);
        assert_eq!(
            exit_code(&run.human),
            0,
            "{}: the clean example must exit 0:\n{}",
            example.arg,
            stdout(&run.human)
        );
        assert!(
            diagnostics(&run.json).is_empty(),
            "{}: the clean example must produce no findings at all, info included:\n{}",
            example.arg,
            stdout(&run.human)
        );
        let summary = &run.json["summary"];
        for field in ["errors", "warnings", "infos", "suppressed", "files_failed"] {
            assert_eq!(summary[field], 0, "{}: summary.{field}", example.arg);
        }
    }
}

/// Every other example fails a CI run. Under the Provider Selection Regime findings
/// never rise above warning (RULES.md, Scope), so there the run fails at
/// `--fail-on warning`; everywhere else at the default `--fail-on error`.
#[test]
fn other_examples_exit_1() {
    for example in examples() {
        if example.is_clean() {
            continue;
        }
        assert!(
            !example.expected.is_empty(),
            "{}: only clean-* examples may expect no findings",
            example.arg
        );
        let mut args = vec!["--no-color", "--quiet", "--date", RUN_DATE];
        if example.is_psr() {
            args.extend(["--fail-on", "warning"]);
        }
        args.push(&example.arg);
        let output = tenderlint(&args);
        assert_eq!(
            exit_code(&output),
            1,
            "{}: expected exit 1 with {:?}:\n{}",
            example.arg,
            args,
            stdout(&output)
        );
    }
}

/// Each example reports exactly the rules its `# Expected findings:` line names.
#[test]
fn examples_fire_the_rules_they_declare() {
    let mut failures = Vec::new();
    for example in examples() {
        let fired = fired(&lint(&example).json);
        let missing: Vec<&String> = example
            .expected
            .iter()
            .filter(|id| !fired.contains(*id))
            .collect();
        if !missing.is_empty() {
            failures.push(format!(
                "{}: declared but did not fire: {missing:?}",
                example.arg
            ));
        }
        let unexpected: Vec<&String> = fired.difference(&example.expected).collect();
        if !unexpected.is_empty() {
            failures.push(format!(
                "{}: fired but not declared: {unexpected:?}",
                example.arg
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Between them the examples demonstrate every rule in the catalog.
#[test]
fn examples_cover_every_rule() {
    let declared: BTreeSet<String> = examples()
        .into_iter()
        .flat_map(|example| example.expected)
        .collect();
    let catalog: BTreeSet<&str> = Registry::builtin()
        .rules()
        .map(|meta| meta.id.as_str())
        .collect();
    let uncovered: Vec<&str> = catalog
        .into_iter()
        .filter(|id| !declared.contains(*id))
        .collect();
    assert!(
        uncovered.is_empty(),
        "no example is designed to trigger: {uncovered:?}"
    );
}

/// examples/README.md has a line for every example.
#[test]
fn examples_readme_lists_every_example() {
    let readme = std::fs::read_to_string(crate_root().join("examples/README.md"))
        .expect("examples/README.md exists");
    for example in examples() {
        let file = example.arg.trim_start_matches("examples/");
        assert!(
            readme.contains(file),
            "examples/README.md does not mention {file}"
        );
    }
}

/// What `--fix --unsafe-fixes` would change in each example, as a unified diff;
/// the examples themselves are never modified.
#[test]
fn examples_diff_snapshots() {
    for example in examples() {
        let before = std::fs::read(crate_root().join(&example.arg)).expect("readable example");
        let output = tenderlint(&[
            "--no-color",
            "--date",
            RUN_DATE,
            "--diff",
            "--unsafe-fixes",
            &example.arg,
        ]);
        assert_ne!(
            exit_code(&output),
            2,
            "{}: {}",
            example.arg,
            String::from_utf8_lossy(&output.stderr)
        );
        let after = std::fs::read(crate_root().join(&example.arg)).expect("readable example");
        assert_eq!(
            before, after,
            "{}: --diff must not change the file",
            example.arg
        );
        insta::assert_snapshot!(format!("diff_{}", example.stem), stdout(&output));
    }
}
