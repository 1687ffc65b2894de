//! Published notices (OCDS): hand-checked findings on small notices and on the real notices of
//! `../shared/corpora/uk-notices` (skipped with a note when the corpus is absent), every corpus
//! notice read and located, and `import` round-tripping through the YAML front end.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use common::{BIN, root};
use serde_json::Value;
use tenderlint::registry::{NoticePolicy, Registry};

fn corpus_dir() -> Option<PathBuf> {
    common::shared_corpus("uk-notices")
}

/// `tenderlint check --format json`, isolated and on a fixed date.
fn check_command() -> Command {
    let mut command = Command::new(BIN);
    command.args([
        "check",
        "--isolated",
        "--date",
        "2026-06-01",
        "--format",
        "json",
    ]);
    command
}

/// `tenderlint check --format json` on `paths`: the parsed output and the exit code.
fn check_json(paths: &[PathBuf]) -> (Value, i32) {
    let output = check_command()
        .args(paths)
        .output()
        .expect("tenderlint runs");
    let json = serde_json::from_slice(&output.stdout).expect("JSON output");
    (json, output.status.code().unwrap_or(-1))
}

/// Rule ids found per checked tender (its name after the file's directory).
fn findings_by_tender(output: &Value) -> BTreeMap<String, Vec<String>> {
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for notice in output["notices"].as_array().into_iter().flatten() {
        found
            .entry(notice["file"].as_str().unwrap().to_owned())
            .or_default();
    }
    for diagnostic in output["diagnostics"].as_array().unwrap() {
        found
            .entry(diagnostic["file"].as_str().unwrap().to_owned())
            .or_default()
            .push(diagnostic["rule"].as_str().unwrap().to_owned());
    }
    for rules in found.values_mut() {
        rules.sort();
    }
    found
}

#[test]
fn hand_checked_notices_give_the_expected_findings() {
    let expected = std::fs::read_to_string(root().join("tests/notices/expected.txt")).unwrap();
    let corpus = corpus_dir();
    let mut checked = 0;
    for line in expected
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
    {
        let (entry, reason) = line
            .split_once("  # ")
            .expect("every expectation gives its reason");
        assert!(!reason.trim().is_empty());
        let mut words = entry.split_whitespace();
        let target = words.next().unwrap();
        let rules: Vec<String> = words
            .filter(|word| *word != "-")
            .map(str::to_owned)
            .collect();
        let (file, ocid) = target
            .split_once('#')
            .map_or((target, None), |(f, o)| (f, Some(o)));
        let path = match file.strip_prefix("corpus:") {
            Some(name) => match &corpus {
                Some(dir) => dir.join(name),
                None => continue,
            },
            None => root().join("tests/notices").join(file),
        };
        let (output, _) = check_json(std::slice::from_ref(&path));
        assert_eq!(output["errors"], serde_json::json!([]), "{target}");
        let found = findings_by_tender(&output);
        let mine: Vec<&Vec<String>> = found
            .iter()
            .filter(|(name, _)| ocid.is_none_or(|ocid| name.contains(&format!("#{ocid}"))))
            .map(|(_, rules)| rules)
            .collect();
        assert_eq!(
            mine.len(),
            1,
            "{target}: one checked tender, found {found:?}"
        );
        assert_eq!(mine[0], &rules, "{target}: {reason}");
        checked += 1;
    }
    if corpus.is_some() {
        assert!(
            checked >= 15,
            "at least 15 hand-checked notices, found {checked}"
        );
    } else {
        eprintln!("note: ../shared/corpora/uk-notices is absent; corpus expectations skipped");
    }
}

#[test]
fn a_json_file_that_is_not_ocds_is_refused_naming_the_key() {
    let (output, code) = check_json(&[root().join("tests/notices/not-ocds.json")]);
    assert_eq!(code, 2);
    let error = &output["errors"][0];
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("first key is `name`"),
        "{error}"
    );
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(1), Some(2))
    );
}

#[test]
fn json_lines_findings_keep_the_line_numbers_of_the_whole_file() {
    let (output, _) = check_json(&[root().join("tests/notices/jsonl-two.jsonl")]);
    let lot003 = output["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|diagnostic| diagnostic["rule"] == "LOT003")
        .unwrap();
    assert_eq!(lot003["line"], 3);
    assert_eq!(lot003["json_path"], "tender.lots[0].value.amount");
    assert!(
        lot003["file"]
            .as_str()
            .unwrap()
            .ends_with("jsonl-two.jsonl#ocds-test-0004:3")
    );
}

/// A notice piped in and named by `--stdin-filename` is read as one (JSON, or JSON Lines a
/// line at a time), with the same findings as the file; without the name it is a tender.
#[test]
fn a_notice_on_standard_input_is_read_as_the_file_is() {
    for name in ["turnover-weights.json", "jsonl-two.jsonl", "not-ocds.json"] {
        let path = root().join("tests/notices").join(name);
        let run = |stdin: bool| {
            let mut command = check_command();
            if stdin {
                command
                    .args(["--stdin-filename", &path.display().to_string(), "-"])
                    .stdin(std::fs::File::open(&path).expect("the notice opens"));
            } else {
                command.arg(&path);
            }
            let output = command.output().expect("tenderlint runs");
            (output.stdout, output.status.code())
        };
        let (piped, piped_code) = run(true);
        let (from_file, file_code) = run(false);
        assert_eq!(
            String::from_utf8_lossy(&piped),
            String::from_utf8_lossy(&from_file),
            "{name}"
        );
        assert_eq!(piped_code, file_code, "{name}");
    }
}

#[test]
fn fix_leaves_notices_untouched_and_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["saturday-midnight.json", "turnover-weights.json"] {
        std::fs::copy(
            root().join("tests/notices").join(name),
            dir.path().join(name),
        )
        .unwrap();
    }
    let before = std::fs::read(dir.path().join("turnover-weights.json")).unwrap();
    let output = Command::new(BIN)
        .args(["check", "--isolated", "--fix", "--unsafe-fixes"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr
            .matches("fixes do not apply to published notices")
            .count(),
        1,
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("turnover-weights.json")).unwrap(),
        before
    );
}

#[test]
fn every_rule_says_whether_it_runs_on_notices() {
    for name in ["lot", "meta", "pay", "proc", "qual", "spec", "sv", "time"] {
        let text = std::fs::read_to_string(root().join(format!("rules/{name}.toml"))).unwrap();
        assert_eq!(
            text.matches("\n[[rule]]").count(),
            text.matches("\nnotices = ").count(),
            "rules/{name}.toml"
        );
    }
}

#[test]
fn every_corpus_notice_is_read_and_every_finding_located() {
    let Some(dir) = corpus_dir() else {
        eprintln!("note: ../shared/corpora/uk-notices is absent; skipped");
        return;
    };
    let (output, _) = check_json(&[dir]);
    assert_eq!(output["errors"], serde_json::json!([]));
    assert_eq!(output["summary"]["files"], 232);
    for diagnostic in output["diagnostics"].as_array().unwrap() {
        assert!(
            diagnostic["json_path"]
                .as_str()
                .unwrap()
                .starts_with("tender"),
            "{diagnostic}"
        );
        assert!(diagnostic["line"].as_u64().unwrap() > 1, "{diagnostic}");
        assert!(
            diagnostic["fix"].is_null(),
            "no fixes on notices: {diagnostic}"
        );
    }
}

/// Rules that fire only on what a notice shows: on the imported YAML they must agree.
fn answerable(rule: &str) -> bool {
    Registry::builtin()
        .get(rule)
        .is_some_and(|meta| meta.notices == NoticePolicy::Runs)
}

#[test]
fn import_writes_yaml_that_parses_and_lints_as_the_notice_does() {
    let Some(dir) = corpus_dir() else {
        eprintln!("note: ../shared/corpora/uk-notices is absent; skipped");
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let mut notices: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    notices.sort();
    assert_eq!(notices.len(), 232);
    for notice in notices {
        let imported = Command::new(BIN)
            .arg("import")
            .arg(&notice)
            .output()
            .unwrap();
        assert!(imported.status.success(), "{}", notice.display());
        let yaml = scratch.path().join("imported.tender.yaml");
        std::fs::write(&yaml, &imported.stdout).unwrap();
        let (from_yaml, code) = check_json(&[yaml]);
        assert_ne!(code, 2, "{}: {from_yaml}", notice.display());
        let (from_notice, _) = check_json(std::slice::from_ref(&notice));
        let regime_known = !String::from_utf8_lossy(&imported.stdout).contains("# regime: unknown");
        if !regime_known {
            continue;
        }
        let rules = |output: &Value| -> Vec<String> {
            let mut rules: Vec<String> = output["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["rule"].as_str().unwrap().to_owned())
                .filter(|rule| answerable(rule))
                .collect();
            rules.sort();
            rules
        };
        assert_eq!(
            rules(&from_yaml),
            rules(&from_notice),
            "{}",
            notice.display()
        );
    }
}

#[test]
fn verbose_output_says_what_was_inferred_and_from_what() {
    let output = Command::new(BIN)
        .args(["check", "--isolated", "--verbose"])
        .arg(root().join("tests/notices/saturday-midnight.json"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(
            "inferred tender.tenderPeriod.endDate = 2026-05-15 (from a deadline at 00:00"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("inferred buyer class = sub-central (from UK_CA_TYPE"),
        "{stdout}"
    );
}

#[test]
fn hostile_and_broken_notices_are_refused_with_a_location_and_the_rest_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let deep = write("deep.json", "[".repeat(200_000).as_bytes());
    let empty = write("empty.json", b"");
    let truncated = write("truncated.json", br#"{"ocid": "x", "tender": {"#);
    let latin1 = write("latin1.json", b"{\"ocid\": \"caf\xe9\"}");
    let good = std::fs::read_to_string(root().join("tests/notices/saturday-midnight.json"))
        .unwrap()
        .replace('\n', " ");
    let mixed = write(
        "mixed.jsonl",
        format!("{good}\n{{\"ocid\": \n{good}\n").as_bytes(),
    );
    let mut latin1_bytes = format!("{good}\n{{\"ocid\": \"caf").into_bytes();
    latin1_bytes.extend_from_slice(b"\xe9\"}\n");
    let latin1_line = write("latin1.jsonl", &latin1_bytes);
    // A package.json in a walked folder is not a notice and not an error.
    write("package.json", br#"{"name": "x", "version": "1.0.0"}"#);
    for (path, line) in [(&deep, 1), (&empty, 1), (&truncated, 1), (&latin1, 1)] {
        let (output, code) = check_json(std::slice::from_ref(path));
        assert_eq!(code, 2, "{}", path.display());
        assert_eq!(
            output["errors"][0]["line"],
            line,
            "{}: {output}",
            path.display()
        );
    }
    let (output, code) = check_json(std::slice::from_ref(&latin1_line));
    assert_eq!(code, 2);
    assert_eq!(output["errors"][0]["line"], 2, "{output}");
    assert_eq!(output["notices"].as_array().unwrap().len(), 1, "{output}");
    let (output, code) = check_json(std::slice::from_ref(&mixed));
    assert_eq!(code, 2);
    assert_eq!(output["errors"].as_array().unwrap().len(), 1, "{output}");
    assert_eq!(output["errors"][0]["line"], 2);
    let files: Vec<&str> = output["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|notice| notice["file"].as_str().unwrap())
        .collect();
    assert!(
        files[0].ends_with("mixed.jsonl#ocds-test-0001:1"),
        "{files:?}"
    );
    assert!(
        files[1].ends_with("mixed.jsonl#ocds-test-0001:3"),
        "{files:?}"
    );
    let (walked, _) = check_json(&[dir.path().to_path_buf()]);
    let failed: Vec<&str> = walked["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["file"].as_str().unwrap())
        .collect();
    assert!(
        !failed.iter().any(|file| file.ends_with("package.json")),
        "{failed:?}"
    );
}

#[test]
fn sarif_points_at_the_file_with_the_json_path_as_a_logical_location() {
    let output = Command::new(BIN)
        .args([
            "check",
            "--isolated",
            "--date",
            "2026-06-01",
            "--format",
            "sarif",
        ])
        .arg(root().join("tests/notices/jsonl-two.jsonl"))
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let lot003 = results
        .iter()
        .find(|result| result["ruleId"] == "LOT003")
        .unwrap();
    let location = &lot003["locations"][0];
    let uri = location["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(uri.ends_with("jsonl-two.jsonl"), "{uri}");
    assert_eq!(location["physicalLocation"]["region"]["startLine"], 3);
    assert_eq!(
        location["logicalLocations"][0]["fullyQualifiedName"],
        "tender.lots[0].value.amount"
    );
}

/// The corpus at a glance, as an analyst reads a month of notices: findings per rule and per
/// buyer. Pinned so a change in what tenderlint says about real notices is reviewed.
#[test]
fn corpus_statistics_are_pinned() {
    let Some(dir) = corpus_dir() else {
        eprintln!("note: ../shared/corpora/uk-notices is absent; skipped");
        return;
    };
    let statistics = |format: &str| {
        Command::new(BIN)
            .args([
                "check",
                "--date",
                "2026-06-01",
                "--statistics",
                "--no-color",
            ])
            .args(["--format", format])
            .arg(&dir)
            .current_dir(root())
            .output()
            .expect("tenderlint runs")
            .stdout
    };
    let stdout = String::from_utf8(statistics("human")).expect("utf-8");
    insta::assert_snapshot!("corpus_statistics", stdout);
    let parsed: Value = serde_json::from_slice(&statistics("json")).expect("statistics JSON");
    assert_eq!(parsed["summary"]["files"], 232, "{parsed}");
}
