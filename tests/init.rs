//! `tenderlint init` through the real binary: a starter whose placeholders are reported
//! until filled in, and no overwriting.

mod common;

use std::process::{Command, Output};

fn run(args: &[&str], cwd: &std::path::Path) -> Output {
    Command::new(common::BIN)
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run tenderlint")
}

#[test]
fn writes_a_starter_that_reports_its_placeholders_until_they_are_filled() {
    let dir = tempfile::tempdir().unwrap();
    // Across a year of run dates the laid-out timeline stays lawful.
    for date in [
        "2026-06-01",
        "2026-11-09",
        "2026-12-14",
        "2027-02-26",
        "2027-06-30",
    ] {
        let name = format!("starter-{date}.tender.yaml");
        let output = run(&["init", &name, "--date", date], dir.path());
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains(&format!("Wrote {name}")));
        let text = std::fs::read_to_string(dir.path().join(&name)).unwrap();
        assert!(text.contains("title: \"<what you are buying>\""));
        assert!(text.contains("# yaml-language-server: $schema="));
        for section in [
            "buyer:",
            "suitability:",
            "value:",
            "contract:",
            "no_lots_reason:",
            "market_engagement:",
            "timeline:",
            "conditions_of_participation:",
            "award_criteria:",
            "social_value:",
            "payment:",
            "subcontracting:",
            "submission:",
            "feedback:",
            "specification:",
            "justifications:",
        ] {
            assert!(text.contains(section), "{section} missing from the starter");
        }

        // Untouched, the starter's placeholder reason is no reason: LOT001 says so (a
        // warning, so the default --fail-on still exits 0).
        let rules = lint_rules(&name, date, dir.path());
        assert_eq!(rules, ["LOT001"], "the untouched starter");

        // Every placeholder replaced with the buyer's own words: nothing left to report.
        let filled = fill_placeholders(&text);
        assert!(!filled.contains('<'), "{filled}");
        let filled_name = format!("filled-{date}.tender.yaml");
        std::fs::write(dir.path().join(&filled_name), filled).unwrap();
        assert!(lint_rules(&filled_name, date, dir.path()).is_empty());
    }
}

/// The rules `check` reports for `name` (exit 0 required: nothing at error).
fn lint_rules(name: &str, date: &str, dir: &std::path::Path) -> Vec<String> {
    let check = run(&["check", "--format", "json", "--date", date, name], dir);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|diagnostic| diagnostic["rule"].as_str().unwrap().to_owned())
        .collect()
}

/// The starter with each `<placeholder>` replaced by real text, as a buyer would.
fn fill_placeholders(text: &str) -> String {
    let mut filled = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let close = open + rest[open..].find('>').expect("placeholders close");
        filled.push_str(&rest[..open]);
        filled.push_str("Recorded by the buyer in plain words");
        rest = &rest[close + 1..];
    }
    filled.push_str(rest);
    filled
}

#[test]
fn defaults_to_new_tender_yaml_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let first = run(&["init"], dir.path());
    assert_eq!(first.status.code(), Some(0), "{first:?}");
    let path = dir.path().join("new.tender.yaml");
    let written = std::fs::read_to_string(&path).unwrap();

    std::fs::write(&path, "tender: {title: my own work}\n").unwrap();
    let second = run(&["init"], dir.path());
    assert_eq!(second.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains("new.tender.yaml already exists"),
        "{stderr}"
    );
    assert!(stderr.contains("never overwrites"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "tender: {title: my own work}\n",
        "the existing file is untouched"
    );
    assert!(written.starts_with("# yaml-language-server"));

    let missing_dir = run(&["init", "no/such/dir/x.tender.yaml"], dir.path());
    assert_eq!(missing_dir.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing_dir.stderr).contains("cannot create"));
}
