//! The README's configuration examples work as written, house rules a configuration loads
//! are visible to `rules` and `explain`, and every printer labels a suppressed finding alike.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(common::BIN)
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run tenderlint")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The README's ```toml blocks, in order.
fn readme_toml_blocks() -> Vec<String> {
    let readme = std::fs::read_to_string(common::root().join("README.md")).expect("README.md");
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in readme.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```toml") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), line) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

/// A directory holding the README's configuration as `tenderlint.toml`, its rule pack as
/// `house-rules.toml` (the block that names itself so), and a small tender.
fn readme_configured_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let blocks = readme_toml_blocks();
    assert!(
        blocks.len() >= 2,
        "the README shows a configuration and a rule pack"
    );
    for block in &blocks {
        let name = if block.starts_with("# house-rules.toml") {
            "house-rules.toml"
        } else {
            "tenderlint.toml"
        };
        assert!(
            !dir.path().join(name).exists(),
            "two README blocks would be {name}"
        );
        std::fs::write(dir.path().join(name), block).unwrap();
    }
    std::fs::write(
        dir.path().join("t.tender.yaml"),
        "tender:\n  specification: Match the incumbent's service levels.\n",
    )
    .unwrap();
    dir
}

#[test]
fn every_toml_block_in_the_readme_is_a_working_configuration() {
    let dir = readme_configured_dir();
    let output = run(
        &[
            "check",
            "--format",
            "concise",
            "--date",
            "2026-06-01",
            "t.tender.yaml",
        ],
        dir.path(),
    );
    let report = text(&output);
    assert_ne!(output.status.code(), Some(2), "{report}");
    // The rule pack the configuration names is loaded and its rule fires.
    assert!(report.contains("[HOUSE001]"), "{report}");
}

#[test]
fn rules_and_explain_show_the_house_rules_a_configuration_loads() {
    let dir = readme_configured_dir();
    // Discovered from the current directory ...
    let listed = run(&["rules", "--format", "json"], dir.path());
    assert_eq!(listed.status.code(), Some(0), "{}", text(&listed));
    let rows: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let house = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["id"] == "HOUSE001")
        .unwrap_or_else(|| panic!("HOUSE001 not listed: {rows}"));
    assert_eq!(house["name"], "incumbent-named");
    let explained = run(&["explain", "HOUSE001"], dir.path());
    assert_eq!(explained.status.code(), Some(0), "{}", text(&explained));
    assert!(text(&explained).contains("refers to the incumbent supplier"));

    // ... or named, from anywhere.
    let elsewhere = tempfile::tempdir().unwrap();
    let config = dir.path().join("tenderlint.toml");
    let config = config.to_str().unwrap();
    let named = run(
        &["explain", "HOUSE001", "--config", config],
        elsewhere.path(),
    );
    assert_eq!(named.status.code(), Some(0), "{}", text(&named));
    let human = run(&["rules", "--config", config], elsewhere.path());
    assert!(text(&human).contains("HOUSE001"), "{}", text(&human));

    // Without a configuration, only the built-in rules.
    let isolated = run(&["rules", "--isolated"], dir.path());
    assert!(!text(&isolated).contains("HOUSE001"));
    let unknown = run(&["explain", "HOUSE001"], elsewhere.path());
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn a_broken_configuration_is_reported_by_rules_and_explain() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tenderlint.toml"), "selec = [\"ALL\"]\n").unwrap();
    for args in [&["rules"][..], &["explain", "PAY001"][..]] {
        let output = run(args, dir.path());
        assert_eq!(output.status.code(), Some(2), "{}", text(&output));
        assert!(
            text(&output).contains("tenderlint.toml"),
            "{}",
            text(&output)
        );
    }
}

#[test]
fn human_and_concise_output_label_a_suppressed_finding_alike() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("s.tender.yaml"),
        "tender:\n  payment:\n    terms_days: 60  # tenderlint: ignore[PAY001]\n  justifications:\n    PAY003: \"Sub-contracting is barred for this service by statute.\"\n",
    )
    .unwrap();
    let mut labels = Vec::new();
    for format in ["human", "concise"] {
        let output = run(
            &[
                "check",
                "--isolated",
                "--no-color",
                "--format",
                format,
                "s.tender.yaml",
            ],
            dir.path(),
        );
        let report = text(&output);
        assert!(report.contains("info[PAY001]"), "{format}: {report}");
        assert!(report.contains("(suppressed inline)"), "{format}: {report}");
        assert!(report.contains("info[PAY003]"), "{format}: {report}");
        assert!(report.contains("(justified: \""), "{format}: {report}");
        labels.push(report.lines().last().unwrap_or_default().to_owned());
    }
    assert_eq!(labels[0], labels[1], "the closing summaries agree");
}
