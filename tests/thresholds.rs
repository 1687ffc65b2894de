//! Every configurable threshold in `rules/*.toml` changes the outcome when configured:
//! a tender on one side of the default moves to the other side under `tenderlint.toml`.
//! The table must name every threshold the registry declares.

mod common;

use std::collections::BTreeSet;

use tenderlint::config::{CliOverrides, Resolver};
use tenderlint::lint::lint_source;
use tenderlint::model::Date;
use tenderlint::registry::Registry;
use tenderlint::source::SourceFile;

/// One threshold's effect: (rule, threshold, its configured TOML value, a tender, whether
/// the rule fires on that tender by default). Configured, the rule does the opposite.
type Case = (&'static str, &'static str, &'static str, &'static str, bool);

const CASES: &[Case] = &[
    (
        "LOT002",
        "max_annual_value",
        "\"£7m\"",
        "tender:\n  value: {total: \"£12m\"}\n  contract: {duration_months: 24}\n",
        true,
    ),
    (
        "LOT003",
        "max_share",
        "80",
        "tender:\n  value: {total: \"£4m\"}\n  lots: [{id: a, value: \"£3m\"}, {id: b, value: \"£1m\"}]\n",
        true,
    ),
    (
        "LOT004",
        "tolerance",
        "2",
        "tender:\n  value: {total: \"£1m\"}\n  lots: [{id: a, value: \"£600k\"}, {id: b, value: \"£410k\"}]\n",
        true,
    ),
    (
        "PAY004",
        "max_months",
        "12",
        "tender:\n  contract: {duration_months: 9}\n  payment: {schedule: on_completion, terms_days: 30}\n",
        true,
    ),
    (
        "PAY005",
        "max_percent",
        "5",
        "tender:\n  payment: {terms_days: 30, retention_percent: 5}\n",
        true,
    ),
    (
        "PROC001",
        "max_months",
        "60",
        "tender:\n  procedure: framework\n  contract: {duration_months: 60}\n",
        true,
    ),
    (
        "PROC001",
        "max_months_utility_or_defence",
        "120",
        "tender:\n  buyer: {kind: utility}\n  procedure: framework\n  contract: {duration_months: 100}\n",
        true,
    ),
    (
        "PROC001",
        "open_framework_max_months",
        "120",
        "tender:\n  procedure: open_framework\n  contract: {duration_months: 100}\n",
        true,
    ),
    (
        "PROC004",
        "min_annual_value",
        "\"£10m\"",
        "tender:\n  value: {total: \"£24m\"}\n  contract: {duration_months: 36}\n",
        true,
    ),
    (
        "PROC005",
        "max_months",
        "120",
        "tender:\n  category: services\n  contract: {duration_months: 96}\n",
        true,
    ),
    (
        "PROC006",
        "min_annual_value",
        "\"£20m\"",
        "tender:\n  buyer: {kind: central_government}\n  category: services\n  value: {total: \"£24m\"}\n  contract: {duration_months: 36}\n",
        true,
    ),
    (
        "QUAL001",
        "max_multiple",
        "3",
        "tender:\n  buyer: {kind: icb}\n  value: {total: \"£3.6m\"}\n  contract: {duration_months: 36}\n  conditions_of_participation: {minimum_annual_turnover: \"£3m\"}\n",
        true,
    ),
    (
        "QUAL004",
        "max_cover",
        "\"£3m\"",
        "tender:\n  value: {total: \"£500k\"}\n  conditions_of_participation:\n    insurance: {professional_indemnity: \"£2m\"}\n",
        true,
    ),
    (
        "QUAL004",
        "max_employers_liability",
        "\"£15m\"",
        "tender:\n  conditions_of_participation:\n    insurance: {employers_liability: \"£12m\"}\n",
        true,
    ),
    (
        "QUAL006",
        "max_years",
        "3",
        "tender:\n  conditions_of_participation: {years_trading: 3}\n",
        true,
    ),
    (
        "QUAL008",
        "max_references",
        "5",
        "tender:\n  conditions_of_participation:\n    references: {count: 4}\n",
        true,
    ),
    (
        "QUAL010",
        "max_bond_percent",
        "20",
        "tender:\n  conditions_of_participation: {performance_bond_percent: 15}\n",
        true,
    ),
    (
        "QUAL012",
        "works_threshold_central",
        "\"£200k\"",
        "tender:\n  buyer: {kind: central_government}\n  category: works\n  value: {total: \"£120k\"}\n  conditions_of_participation: {years_trading: 3}\n",
        false,
    ),
    (
        "QUAL012",
        "works_threshold_sub_central",
        "\"£300k\"",
        "tender:\n  buyer: {kind: local_government}\n  category: works\n  value: {total: \"£180k\"}\n  conditions_of_participation: {years_trading: 3}\n",
        false,
    ),
    (
        "SPEC001",
        "brands",
        "[\"Zorblax\"]",
        "tender:\n  specification: Supply twenty Zorblax units.\n",
        false,
    ),
    (
        "SPEC004",
        "max_questions",
        "15",
        "tender:\n  submission: {quality_questions: 12}\n",
        true,
    ),
    (
        "SPEC004",
        "max_words",
        "15000",
        "tender:\n  submission: {word_limit_total: 12000}\n",
        true,
    ),
    (
        "SPEC004",
        "small_contract_value",
        "\"£3m\"",
        "tender:\n  value: {total: \"£2m\"}\n  submission: {quality_questions: 8}\n",
        false,
    ),
    (
        "SV001",
        "min_weight",
        "5",
        "tender:\n  buyer: {kind: central_government}\n  value: {total: \"£2m\"}\n  award_criteria:\n    - {name: Price, kind: price, weight: 92}\n    - {name: Social value, kind: social_value, weight: 8}\n",
        true,
    ),
    (
        "SV003",
        "min_quantity",
        "3",
        "tender:\n  social_value:\n    commitments: [{description: Apprenticeships, quantity: 2}]\n",
        true,
    ),
    (
        "SV005",
        "keywords",
        "[\"net zero\"]",
        "tender:\n  buyer: {kind: icb}\n  award_criteria: [{name: Social value, kind: social_value}]\n  social_value: {outcomes: [Cut carbon from travel]}\n",
        false,
    ),
    (
        "TIME002",
        "min_days",
        "25",
        "tender:\n  timeline: {tender_notice: 2026-03-02, submission_deadline: 2026-03-30}\n",
        true,
    ),
    // St Andrew's Day (Monday 30 November 2026) is a bank holiday in Scotland only.
    (
        "TIME007",
        "calendar",
        "\"scotland\"",
        "tender:\n  timeline: {tender_notice: 2026-10-19, submission_deadline: 2026-11-30}\n",
        false,
    ),
    // A devolved Scottish procurement takes the Scottish calendar by default; a calendar
    // written in the configuration, even England and Wales's, is the one used.
    (
        "TIME007",
        "calendar",
        "\"england-and-wales\"",
        "tender:\n  regime: pcsr_2015\n  timeline: {tender_notice: 2026-10-19, submission_deadline: 2026-11-30}\n",
        true,
    ),
    // St Patrick's Day (Tuesday 17 March 2026) is a bank holiday in Northern Ireland only.
    (
        "TIME007",
        "calendar",
        "\"northern-ireland\"",
        "tender:\n  timeline: {tender_notice: 2026-02-09, submission_deadline: 2026-03-17}\n",
        false,
    ),
    // 36 days over Christmas: short of 30 + 7, but not of 25 + 7.
    (
        "TIME007",
        "min_days",
        "25",
        "tender:\n  timeline: {tender_notice: 2026-12-01, submission_deadline: 2027-01-06}\n",
        true,
    ),
];

fn fires(rule: &str, tender: &str, config: Option<&str>) -> bool {
    let dir = tempfile::tempdir().unwrap();
    let overrides = CliOverrides {
        run_date: Some(Date::from_ymd(2026, 6, 1).expect("valid date")),
        ..CliOverrides::default()
    };
    let explicit = config.map(|text| {
        let path = dir.path().join("tenderlint.toml");
        std::fs::write(&path, text).unwrap();
        path
    });
    let isolated = explicit.is_none();
    let settings = Resolver::new(overrides, explicit, isolated)
        .settings_for(None)
        .unwrap_or_else(|failure| panic!("{config:?}: {:?}", failure.error));
    let source = SourceFile::new("t.tender.yaml", None, tender.to_owned());
    lint_source(&source, &settings)
        .unwrap_or_else(|error| panic!("{tender}: {error:?}"))
        .iter()
        .any(|diagnostic| diagnostic.rule == rule)
}

#[test]
fn every_threshold_changes_the_outcome_when_configured() {
    let mut failures = Vec::new();
    for (rule, threshold, value, tender, by_default) in CASES {
        if fires(rule, tender, None) != *by_default {
            failures.push(format!(
                "{rule}.{threshold}: by default fires = {}",
                !by_default
            ));
            continue;
        }
        let config = format!("[rules.{rule}]\n{threshold} = {value}\n");
        if fires(rule, tender, Some(&config)) == *by_default {
            failures.push(format!(
                "{rule}.{threshold} = {value} did not change the outcome"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_table_covers_every_declared_threshold() {
    let declared: BTreeSet<(String, String)> = Registry::builtin()
        .rules()
        .flat_map(|meta| {
            meta.thresholds
                .keys()
                .map(|name| (meta.id.clone(), name.clone()))
        })
        .collect();
    let covered: BTreeSet<(String, String)> = CASES
        .iter()
        .map(|(rule, threshold, ..)| (rule.to_string(), threshold.to_string()))
        .collect();
    let missing: Vec<_> = declared.difference(&covered).collect();
    assert!(missing.is_empty(), "thresholds without a test: {missing:?}");
}
