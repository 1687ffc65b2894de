//! The machine formats: SARIF validated against the official OASIS schema for every
//! tender in the repository, and GitHub annotations and concise lines snapshotted.

mod common;

use std::process::Command;

use serde_json::Value;
use tenderlint::registry::Registry;
use tenderlint::report::rules_doc::{RULES_DOC_PATH, RULES_DOC_URL, anchor};
use tenderlint::report::{FileResult, concise, github, sarif};

/// The vendored official SARIF 2.1.0 schema (see tests/data/README.md).
fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(common::root().join("tests/data/sarif-schema-2.1.0.json"))
        .expect("the vendored SARIF schema");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the official schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect()
}

#[test]
fn sarif_of_every_tender_validates_against_the_official_schema() {
    let validator = sarif_validator();
    let registry = Registry::builtin();
    let mut failures = Vec::new();
    let mut all = Vec::new();
    for path in common::corpus() {
        let result = common::lint_file(&path);
        let log = sarif::log(std::slice::from_ref(&result), registry);
        for error in schema_errors(&validator, &log) {
            failures.push(format!("{}: {error}", path.display()));
        }
        all.push(result);
    }
    all.extend(common::showcase());
    for error in schema_errors(&validator, &sarif::log(&all, registry)) {
        failures.push(format!("whole corpus: {error}"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The schema is not a rubber stamp: it refuses a log that breaks it.
#[test]
fn the_sarif_schema_refuses_a_broken_log() {
    let validator = sarif_validator();
    let mut log = sarif::log(&common::showcase(), Registry::builtin());
    assert!(validator.is_valid(&log));
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&log));
    let mut log = sarif::log(&common::showcase(), Registry::builtin());
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"] =
        serde_json::json!({"endColumn": 3});
    assert!(!validator.is_valid(&log));
}

#[test]
fn sarif_from_the_binary_validates() {
    let output = Command::new(common::BIN)
        .args([
            "check",
            "--format",
            "sarif",
            "--date",
            "2026-06-01",
            "tests/fixtures",
        ])
        .current_dir(common::root())
        .output()
        .expect("run tenderlint");
    assert_eq!(output.status.code(), Some(1), "findings exit 1");
    let log: Value = serde_json::from_slice(&output.stdout).expect("SARIF is JSON");
    let errors = schema_errors(&sarif_validator(), &log);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() > 50, "the fixtures raise many findings");
    let uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        uri.starts_with("tests/fixtures/"),
        "relative path as given: {uri}"
    );
}

#[test]
fn sarif_describes_every_rule_and_links_its_section_of_the_reference() {
    let registry = Registry::builtin();
    let log = sarif::log(&[], registry);
    let driver = &log["runs"][0]["tool"]["driver"];
    let descriptors = driver["rules"].as_array().unwrap();
    let rules: Vec<_> = registry.rules().collect();
    assert_eq!(descriptors.len(), rules.len());
    let reference = std::fs::read_to_string(common::root().join(RULES_DOC_PATH)).unwrap();
    let anchors: Vec<String> = reference
        .lines()
        .filter_map(|line| line.strip_prefix("## "))
        .map(anchor)
        .collect();
    for (descriptor, rule) in descriptors.iter().zip(&rules) {
        assert_eq!(descriptor["id"], rule.id.as_str());
        assert_eq!(descriptor["name"], rule.name.as_str());
        assert!(
            !descriptor["shortDescription"]["text"]
                .as_str()
                .unwrap()
                .is_empty()
        );
        assert!(
            !descriptor["fullDescription"]["text"]
                .as_str()
                .unwrap()
                .is_empty()
        );
        let help = descriptor["help"]["text"].as_str().unwrap();
        assert!(
            help.contains("Why: ") && help.contains("Source: "),
            "{help}"
        );
        let level = descriptor["defaultConfiguration"]["level"]
            .as_str()
            .unwrap();
        let expected = match rule.severity.as_str() {
            "info" => "note",
            other => other,
        };
        assert_eq!(level, expected, "{}", rule.id);
        let uri = descriptor["helpUri"].as_str().unwrap();
        let fragment = uri
            .strip_prefix(&format!("{RULES_DOC_URL}#"))
            .unwrap_or_else(|| panic!("{uri} is not in the rule reference"));
        assert!(
            anchors.iter().any(|anchor| anchor == fragment),
            "{uri}: no such section in {RULES_DOC_PATH}"
        );
    }
}

#[test]
fn sarif_carries_fixes_suppressions_and_parse_errors() {
    let showcase = common::showcase();
    let log = sarif::log(&showcase, Registry::builtin());
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    let by_rule = |id: &str| {
        results
            .iter()
            .find(|result| result["ruleId"] == id)
            .unwrap_or_else(|| panic!("no {id} result"))
    };

    let justified = &by_rule("QUAL006")["suppressions"][0];
    assert_eq!(justified["kind"], "external");
    assert_eq!(
        justified["justification"],
        "Regulated care: the regulator asks for five years of inspection history."
    );
    assert_eq!(by_rule("QUAL009")["suppressions"][0]["kind"], "inSource");
    assert!(by_rule("PAY001").get("suppressions").is_none());

    // Applying the SARIF replacements gives the text the engine's own fix gives.
    let pay001 = by_rule("PAY001");
    let change = &pay001["fixes"][0]["artifactChanges"][0];
    let mut fixed = showcase[0].source.text.clone();
    let mut replacements: Vec<&Value> = change["replacements"].as_array().unwrap().iter().collect();
    replacements.sort_by_key(|replacement| replacement["deletedRegion"]["byteOffset"].as_u64());
    for replacement in replacements.iter().rev() {
        let start = replacement["deletedRegion"]["byteOffset"].as_u64().unwrap() as usize;
        let length = replacement["deletedRegion"]["byteLength"].as_u64().unwrap() as usize;
        let text = replacement["insertedContent"]["text"]
            .as_str()
            .unwrap_or("");
        fixed.replace_range(start..start + length, text);
    }
    assert!(fixed.contains("terms_days: 30\n"), "{fixed}");
    assert_eq!(pay001["fixes"][0]["properties"]["applicability"], "safe");
    assert_eq!(
        pay001["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "tenders/council,%20cleaning%3A%2050%25.tender.yaml"
    );

    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notifications.len(), 2);
    assert_eq!(notifications[0]["level"], "error");
    assert_eq!(
        notifications[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );

    insta::assert_json_snapshot!(
        "sarif_showcase",
        serde_json::json!({
            "results": run["results"],
            "invocations": run["invocations"],
        })
    );
}

fn printed(print: impl Fn(&mut Vec<u8>, &[FileResult]) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    print(&mut out, &common::showcase()).expect("printing to memory");
    String::from_utf8(out).expect("UTF-8 output")
}

#[test]
fn github_annotations() {
    let text = printed(|out, results| github::print(out, results));
    for line in text.lines() {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file="),
            "not a workflow command: {line}"
        );
    }
    assert!(text.contains("file=tenders/council%2C cleaning%3A 50%25.tender.yaml,line="));
    insta::assert_snapshot!("github_showcase", text);
}

#[test]
fn concise_lines() {
    let text = printed(|out, results| concise::print(out, results, false));
    insta::assert_snapshot!("concise_showcase", text);
    let quiet = {
        let mut out = Vec::new();
        concise::print(&mut out, &common::showcase(), true).unwrap();
        String::from_utf8(out).unwrap()
    };
    assert_eq!(
        quiet.lines().count() + 1,
        text.lines().count(),
        "--quiet drops the summary"
    );
    assert!(quiet.contains("tenders/typo.tender.yaml:3:5: error: unknown key `terms_day`"));
    assert!(quiet.contains("tenders/missing.tender.yaml: error: no such file or directory"));
}

#[test]
fn formats_are_offered_by_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("late.tender.yaml"),
        "tender:\n  buyer: {name: Example Council, kind: local_government}\n  payment:\n    terms_days: 60\n",
    )
    .unwrap();
    for (format, expected) in [
        ("concise", "late.tender.yaml:4:17: error[PAY001] "),
        (
            "github",
            "::error file=late.tender.yaml,line=4,col=17,endLine=4,endColumn=19,title=PAY001 payment-terms-over-30-days::",
        ),
    ] {
        let output = Command::new(common::BIN)
            .args([
                "--format",
                format,
                "--date",
                "2026-06-01",
                "late.tender.yaml",
            ])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{format}: {stdout}");
        assert!(stdout.contains(expected), "{format}: {stdout}");
    }
}
