//! A placeholder is not a reason (RULES.md conventions): every free-text reason field
//! counts as absent when it is empty or a placeholder, so the rule it answers still fires;
//! a real reason silences it.

mod common;

use tenderlint::lint::lint_source;
use tenderlint::source::SourceFile;

/// (rule, the reason field, a tender in which `{reason}` is that field's value).
const REASON_FIELDS: &[(&str, &str, &str)] = &[
    (
        "LOT001",
        "no_lots_reason",
        "tender:\n  buyer: {kind: icb}\n  value: {total: \"£4.8m\"}\n  no_lots_reason: {reason}\n",
    ),
    (
        "TIME004",
        "market_engagement.no_notice_reason",
        "tender:\n  buyer: {kind: icb}\n  value: {total: \"£4.8m\"}\n  market_engagement:\n    held: true\n    no_notice_reason: {reason}\n",
    ),
    (
        "PROC001",
        "contract.term_reason",
        "tender:\n  procedure: framework\n  contract:\n    duration_months: 60\n    term_reason: {reason}\n",
    ),
    (
        "LOT007",
        "lots_policy.award_limit_mechanism",
        "tender:\n  buyer: {kind: icb}\n  value: {total: \"£4.8m\"}\n  lots: [{id: north}, {id: south}]\n  lots_policy:\n    max_lots_per_supplier: 1\n    award_limit_mechanism: {reason}\n",
    ),
    (
        "JUST002",
        "justifications.PAY001",
        "tender:\n  payment: {terms_days: 60}\n  justifications:\n    PAY001: {reason}\n",
    ),
];

const PLACEHOLDERS: &[&str] = &[
    "\"\"",
    "\"   \"",
    "tbc",
    "TBC",
    "tbd",
    "\"n/a\"",
    "N/A.",
    "na",
    "None",
    "\"-\"",
    "\"?\"",
    "todo",
    "\"TODO:\"",
    "xxx",
    "\"<why this contract is not divided into lots>\"",
    "\"<reason>\"",
];

const REAL_REASON: &str = "\"Agreed with the market at the engagement event on 12 January.\"";

fn rules_fired(text: &str) -> Vec<String> {
    let source = SourceFile::new("placeholder.tender.yaml".to_owned(), None, text.to_owned());
    lint_source(&source, &common::settings())
        .unwrap_or_else(|error| panic!("{text}\ndoes not parse: {error:?}"))
        .into_iter()
        .filter(|diagnostic| diagnostic.suppressed.is_none())
        .map(|diagnostic| diagnostic.rule.into_owned())
        .collect()
}

#[test]
fn every_reason_field_treats_a_placeholder_as_absent() {
    let mut failures = Vec::new();
    for (rule, field, template) in REASON_FIELDS {
        for placeholder in PLACEHOLDERS {
            let fired = rules_fired(&template.replace("{reason}", placeholder));
            if !fired.iter().any(|fired| fired == rule) {
                failures.push(format!("{field}: {placeholder} silenced {rule}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_reason_field_accepts_a_real_reason() {
    for (rule, field, template) in REASON_FIELDS {
        let fired = rules_fired(&template.replace("{reason}", REAL_REASON));
        assert!(
            !fired.iter().any(|fired| fired == rule),
            "{field}: a real reason should silence {rule}, got {fired:?}"
        );
    }
}

#[test]
fn a_placeholder_justification_leaves_its_finding_unsuppressed() {
    let fired = rules_fired(&REASON_FIELDS[4].2.replace("{reason}", "tbc"));
    assert!(fired.iter().any(|rule| rule == "PAY001"), "{fired:?}");
}
