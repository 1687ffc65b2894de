//! `tenderlint init` through the real binary: a starter that lints clean, and no
//! overwriting.

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
fn writes_a_starter_that_passes_with_only_placeholders_to_fill() {
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

        // Default --fail-on: exit 0. Every finding (if a rule ever has one) is below error.
        let check = run(
            &["check", "--format", "json", "--date", date, &name],
            dir.path(),
        );
        assert_eq!(
            check.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
        let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
        for diagnostic in json["diagnostics"].as_array().unwrap() {
            assert_ne!(diagnostic["severity"], "error", "{diagnostic}");
        }
        // Today it raises nothing at all, not even a note.
        assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0, "{json}");
    }
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
