//! `tenderlint schema`: every tender in the repository validates against it, and it
//! refuses what the parser refuses (unknown keys, wrong types, missing `tender`).

mod common;

use std::process::Command;

use serde_json::{Value, json};
use tenderlint::cli::schema::tender_schema;
use tenderlint::parse::parse_tender;
use tenderlint::source::SourceFile;

fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&tender_schema())
        .expect("the generated schema compiles")
}

/// A YAML document as the JSON value an editor's validator sees (YAML 1.2: `yes` is a string).
fn to_json(yaml: &str) -> Value {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    serde_saphyr::from_str_with_options(yaml, options).expect("valid YAML")
}

fn errors(validator: &jsonschema::Validator, yaml: &str) -> Vec<String> {
    validator
        .iter_errors(&to_json(yaml))
        .map(|error| format!("{error} at {}", error.instance_path()))
        .collect()
}

fn parses(yaml: &str) -> bool {
    parse_tender(&SourceFile::new("t.tender.yaml", None, yaml.to_owned())).is_ok()
}

#[test]
fn is_draft_2020_12_with_descriptions_on_every_field() {
    let schema = tender_schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["required"], json!(["tender"]));
    assert!(
        schema.get("additionalProperties").is_none(),
        "other top-level keys are allowed"
    );
    let definitions = schema["$defs"].as_object().unwrap();
    let tender = ("tender".to_owned(), schema["properties"]["tender"].clone());
    assert!(
        tender.1["properties"]["payment"].is_object(),
        "the tender's sections"
    );
    let mut undocumented = Vec::new();
    for (name, definition) in definitions.iter().chain([(&tender.0, &tender.1)]) {
        let Some(properties) = definition.get("properties").and_then(Value::as_object) else {
            continue;
        };
        assert_eq!(
            definition["additionalProperties"], false,
            "{name}: deny_unknown_fields becomes additionalProperties: false"
        );
        for (field, property) in properties {
            if property.get("description").is_none() {
                undocumented.push(format!("{name}.{field}"));
            }
        }
    }
    assert!(
        undocumented.is_empty(),
        "fields without a description: {undocumented:?}"
    );
    assert!(definitions.contains_key("Payment") && definitions.contains_key("Money"));
}

#[test]
fn every_tender_in_the_repository_validates() {
    let validator = validator();
    let mut failures = Vec::new();
    for path in common::corpus() {
        let text = std::fs::read_to_string(common::root().join(&path)).unwrap();
        if !parses(&text) {
            // Examples may show a parse error on purpose; fixtures all parse (tests/fixtures.rs).
            assert!(!path.starts_with("tests/fixtures"), "{}", path.display());
            continue;
        }
        for error in errors(&validator, &text) {
            failures.push(format!("{}: {error}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn refuses_unknown_keys_wrong_types_and_a_missing_tender() {
    let validator = validator();
    for (yaml, why) in [
        (
            "tender:\n  payment:\n    terms_day: 30\n",
            "a misspelled key",
        ),
        ("tender:\n  colour: blue\n", "an unknown section"),
        (
            "tender:\n  payment: {terms_days: \"30\"}\n",
            "a quoted count",
        ),
        ("tender:\n  payment: {terms_days: -1}\n", "a negative count"),
        ("tender:\n  procedure: opne\n", "an unknown procedure"),
        ("tender:\n  buyer: {kind: nhs}\n", "the ambiguous `nhs`"),
        (
            "tender:\n  timeline: {urgency: yes}\n",
            "a YAML 1.1 boolean",
        ),
        (
            "tender:\n  suitability: {sme: \"true\"}\n",
            "a quoted boolean",
        ),
        ("tender:\n  value: {total: about 5m}\n", "vague money"),
        (
            "tender:\n  payment: {retention_percent: 101}\n",
            "a percentage over 100",
        ),
        (
            "tender:\n  timeline: {tender_notice: 02/03/2026}\n",
            "a non-ISO date",
        ),
        (
            "tender:\n  conditions_of_participation:\n    certifications:\n      - {name: ISO 9001, equivalent: true}\n",
            "an unknown certification key",
        ),
        (
            "tender:\n  justifications: {PAY001: \"\"}\n",
            "an empty justification",
        ),
        ("title: a tender without the tender key\n", "no `tender`"),
        ("tender: null\n", "a null tender"),
    ] {
        assert!(
            !parses(yaml) || why == "an empty justification",
            "the parser should refuse {why}"
        );
        assert!(
            !errors(&validator, yaml).is_empty(),
            "the schema should refuse {why}"
        );
    }
}

#[test]
fn accepts_what_the_parser_accepts() {
    let validator = validator();
    for yaml in [
        "tender: {}\nbuyer_tooling: {owner: procurement team}\n",
        "tender:\n  value: {total: 4800000}\n",
        "tender:\n  timeline: {tender_notice: 2026-03-02T09:00:00Z}\n",
        "tender:\n  conditions_of_participation:\n    credit_score_minimum: null\n    certifications:\n      - ISO 9001\n      - {name: Cyber Essentials, equivalents_accepted: true}\n",
        "tender:\n  payment: {retention_percent: \"2.5%\"}\n",
        "tender:\n  justifications: {PROC005: \"Estates works need a 10-year term.\"}\n",
    ] {
        assert!(parses(yaml), "the parser should accept {yaml}");
        let errors = errors(&validator, yaml);
        assert!(errors.is_empty(), "{yaml}: {errors:?}");
    }
}

/// The money and percentage patterns agree with the parser on the forms buyers write.
#[test]
fn money_and_percent_patterns_agree_with_the_parser() {
    let validator = validator();
    for money in [
        "\"£4,800,000\"",
        "\"£4.8m\"",
        "\"£250k\"",
        "\"4.8 million\"",
        "\"GBP 4800000\"",
        "\"£1.5bn\"",
        "\"£ 2m\"",
        "\"4_800_000\"",
        "\"£1,234.50\"",
        "\"about 5m\"",
        "\"€2m\"",
        "\"-£5\"",
        "\"£1,20,000\"",
        "\"5 quid\"",
        "\"$3m\"",
        "\"\"",
        "\"£\"",
        "4800000",
    ] {
        let yaml = format!("tender:\n  value: {{total: {money}}}\n");
        assert_eq!(
            errors(&validator, &yaml).is_empty(),
            parses(&yaml),
            "schema and parser disagree on money {money}"
        );
    }
    for percent in [
        "10",
        "12.5",
        "\"10%\"",
        "\"12.5 %\"",
        "\"ten\"",
        "\"%\"",
        "\"-5%\"",
        "150",
    ] {
        let yaml = format!("tender:\n  payment: {{retention_percent: {percent}}}\n");
        assert_eq!(
            errors(&validator, &yaml).is_empty(),
            parses(&yaml),
            "schema and parser disagree on percentage {percent}"
        );
    }
}

#[test]
fn the_binary_prints_the_schema() {
    let output = Command::new(common::BIN).arg("schema").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let printed: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(printed, tender_schema());
}
