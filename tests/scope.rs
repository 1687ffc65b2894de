//! The scope table (rules/scope.toml) against the engine and everything that describes it:
//! `explain` says a rule runs under a regime iff the engine can fire it there; across a
//! grid of generated tenders no rule fires outside its row or above its severity; `rules
//! --format json` and docs/rules.md print the table; the regional calendars reach TIME007.

mod common;

use std::path::Path;
use std::process::Command;

use common::{BIN, root, settings};
use tenderlint::diagnostic::Severity;
use tenderlint::facts::Facts;
use tenderlint::lint::lint_source;
use tenderlint::model::Regime;
use tenderlint::parse::parse_tender;
use tenderlint::registry::Registry;
use tenderlint::rules;
use tenderlint::scope::{self, REGIMES, regime_key, scope_text};
use tenderlint::source::SourceFile;

/// A rule's `example` from rules/ as a tender under `regime`, with a procedure that belongs
/// to the regime (the PSR's competitive process; the PCR/PCSR open procedure).
fn example_under(example: &str, regime: Regime) -> String {
    let mut lines: Vec<String> = example
        .lines()
        .filter(|line| !line.trim_start().starts_with("regime:"))
        .map(|line| {
            let procedure = line.trim_start().strip_prefix("procedure:");
            match (procedure, regime) {
                (Some(_), Regime::ProviderSelectionRegime) => {
                    "procedure: competitive_process".to_owned()
                }
                (Some(word), Regime::Pcr2015 | Regime::Pcsr2015)
                    if !matches!(word.trim(), "open" | "framework" | "call_off") =>
                {
                    "procedure: open".to_owned()
                }
                _ => line.to_owned(),
            }
        })
        .collect();
    if regime == Regime::ProviderSelectionRegime
        && !lines.iter().any(|line| line.starts_with("procedure:"))
    {
        lines.push("procedure: competitive_process".to_owned());
    }
    lines.push(format!("regime: {}", regime_key(regime)));
    let body: String = lines.iter().map(|line| format!("  {line}\n")).collect();
    format!("tender:\n{body}")
}

/// Whether the engine reports `rule` on `text`, and the tender's facts.
fn fires(rule: &str, name: &str, text: &str) -> (bool, Facts) {
    let source = SourceFile::new(name, None, text.to_owned());
    let settings = settings();
    let tender = parse_tender(&source).unwrap_or_else(|error| panic!("{name}: {error:?}\n{text}"));
    let facts = Facts::derive(&tender, settings.run_date);
    let findings = lint_source(&source, &settings).expect("parsed above");
    (findings.iter().any(|finding| finding.rule == rule), facts)
}

/// (a) For every rule × regime, `explain`'s scope text says the rule runs (at the example's
/// value) iff the engine fires it on the rule's own example moved to that regime.
#[test]
fn explain_scope_matches_what_fires_for_every_rule_and_regime() {
    let registry = Registry::builtin();
    let mut mismatches = Vec::new();
    for rule in rules::all() {
        let meta = registry.get(rule.id).expect("every rule has metadata");
        for regime in REGIMES {
            // Easter Monday is not a bank holiday in Scotland: a Saturday is a day off everywhere.
            let example = meta.example.replace("2026-04-06", "2026-04-04");
            let text = example_under(&example, regime);
            let name = format!("{}-{}.tender.yaml", rule.id, regime_key(regime));
            let (fired, facts) = fires(rule.id, &name, &text);
            let said = scope_text(rule.id, regime);
            let runs_at_this_value = if said.starts_with("runs above threshold") {
                facts.above_threshold == Some(true)
            } else if said.starts_with("runs below threshold") {
                facts.above_threshold == Some(false)
            } else {
                said.starts_with("runs at any value")
            };
            if fired != runs_at_this_value {
                mismatches.push(format!(
                    "{} under {}: explain says \"{said}\" but the example {}",
                    rule.id,
                    regime_key(regime),
                    if fired { "fires" } else { "is quiet" }
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

const BUYER_KINDS: [&str; 7] = [
    "central_government",
    "nhs_trust",
    "icb",
    "local_government",
    "school",
    "utility",
    "other",
];

/// A tender that gives most rules something to find, varied along the grid.
fn grid_tender(regime: Regime, kind: &str, total: &str, lots: &str, criteria: &str) -> String {
    let procedure = match regime {
        Regime::ProviderSelectionRegime => "competitive_process",
        _ => "open",
    };
    format!(
        "tender:
  regime: {regime}
  procedure: {procedure}
  buyer: {{kind: {kind}}}
  category: services
  value: {{total: \"{total}\"}}
  contract: {{duration_months: 24}}
{lots}
  lots_policy: {{max_lots_per_supplier: 1, bid_for_all_lots_required: true}}
  market_engagement: {{held: true, format: in_person}}
  timeline:
    tender_notice: 2026-03-02
    submission_deadline: 2026-03-09
    award_decision: 2026-03-05
  conditions_of_participation:
    minimum_annual_turnover: \"£90m\"
    years_trading: 5
    audited_accounts_required: true
    alternative_financial_evidence_accepted: false
    previous_contract_with_authority_required: true
    consortia_allowed: false
    insurance: {{professional_indemnity: \"£50m\", evidence_required_at: bid}}
    certifications: [ISO 9001]
    references: {{count: 5}}
    parent_company_guarantee_required: true
{criteria}
  social_value: {{model: ppn_06_20, commitments: [{{description: Apprentices, quantity: 3}}]}}
  payment: {{terms_days: 60, flow_down_to_subcontracts: false, schedule: on_completion, retention_percent: 10}}
  submission: {{quality_questions: 30}}
  feedback: {{assessment_summaries: false, verbal_debrief_offered: false}}
  specification: Must use Microsoft Excel and meet BS 7671.
",
        regime = regime_key(regime)
    )
}

/// (b) Over the grid regime × buyer kind × above/below threshold × lots with/without values
/// × weighted/partly weighted/ranked criteria, no rule fires outside its row of the table,
/// and no finding is more severe than the row allows.
#[test]
fn no_rule_fires_outside_the_scope_table() {
    let lot_shapes = [
        "  lots:\n    - {id: A, value: \"£40m\"}\n    - {id: B, value: \"£20m\"}",
        "  lots:\n    - {id: A}\n    - {id: B}",
        "",
    ];
    let criteria_shapes = [
        "  award_criteria:\n    - {name: Price, kind: price, weight: 60}\n    - {name: Social value, kind: social_value, weight: 5}\n    - {name: Quality, kind: quality, weight: 35}",
        "  award_criteria:\n    - {name: Price, kind: price, weight: 60}\n    - {name: Social value, kind: social_value, weight: 5}\n    - {name: Quality, kind: quality}",
        "  award_criteria:\n    - {name: Price, kind: price}\n    - {name: Social value, kind: social_value}",
    ];
    let mut checked = 0;
    let mut problems = Vec::new();
    for regime in REGIMES {
        for kind in BUYER_KINDS {
            for total in ["£60m", "£60,000"] {
                for lots in lot_shapes {
                    for criteria in criteria_shapes {
                        let text = grid_tender(regime, kind, total, lots, criteria);
                        let source = SourceFile::new("grid.tender.yaml", None, text.clone());
                        let settings = settings();
                        let tender = parse_tender(&source).expect("the grid tender parses");
                        let facts = Facts::derive(&tender, settings.run_date);
                        for finding in lint_source(&source, &settings).expect("parses") {
                            checked += 1;
                            let Some(applied) = scope::applies(&finding.rule, &facts) else {
                                problems.push(format!(
                                    "{} fired outside its scope: {} {kind} {total}\n{text}",
                                    finding.rule,
                                    regime_key(regime)
                                ));
                                continue;
                            };
                            let row = scope::rule_scope(&finding.rule)
                                .and_then(|row| row.under(regime))
                                .expect("applies implies a row");
                            let most = applied.severity.or(row.severity).unwrap_or(Severity::Error);
                            if finding.severity > most {
                                problems.push(format!(
                                    "{} at {:?} above the table's {most:?} under {}",
                                    finding.rule,
                                    finding.severity,
                                    regime_key(regime)
                                ));
                            }
                            let source = finding.source.as_deref().unwrap_or_default();
                            if !facts.is_nhs_buyer()
                                && source.contains("guidance 2026")
                                && !source.contains("ood practice for SMEs, as set out in")
                            {
                                problems.push(format!(
                                    "{} cites health guidance to a {kind} buyer as its own policy",
                                    finding.rule
                                ));
                            }
                            // Social value weights: a PPN binds central government, NHS
                            // England's guidance binds the NHS; neither is cited to the other.
                            let cites_ppn =
                                source.contains("PPN 002") || source.contains("PPN 06/20");
                            let cites_nhs = source.contains("procurement of NHS goods");
                            if finding.rule == "SV001"
                                && regime != Regime::ProviderSelectionRegime
                                && (facts.is_nhs_buyer() == cites_ppn
                                    || facts.is_nhs_buyer() != cites_nhs)
                            {
                                problems.push(format!(
                                    "SV001 cites {source:?} to a {kind} buyer under {}",
                                    regime_key(regime)
                                ));
                            }
                            let registry = Registry::builtin();
                            let help = finding.help.clone().unwrap_or_else(|| {
                                registry
                                    .get(&finding.rule)
                                    .map_or(String::new(), |meta| meta.fix.clone())
                            });
                            if !facts.is_pa23()
                                && ["(s.", "PA23", "PR24", " s.2", " s.5"]
                                    .iter()
                                    .any(|cited| help.contains(cited))
                            {
                                problems.push(format!(
                                    "{}'s help cites the Act under {}: {help}",
                                    finding.rule,
                                    regime_key(regime)
                                ));
                            }
                            if !facts.is_pa23() && source.contains("PA23") {
                                problems.push(format!(
                                    "{} cites PA23 under {}: {source}",
                                    finding.rule,
                                    regime_key(regime)
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 1000, "the grid produced only {checked} findings");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The PSR tender gets findings, not "No problems found".
#[test]
fn psr_competitive_process_is_checked() {
    let text = grid_tender(Regime::ProviderSelectionRegime, "icb", "£1m", "", "");
    let source = SourceFile::new("psr.tender.yaml", None, text);
    let findings = lint_source(&source, &settings()).expect("parses");
    for rule in ["TIME002", "TIME006", "QUAL001", "QUAL006", "QUAL009"] {
        assert!(
            findings.iter().any(|finding| finding.rule == rule),
            "{rule} is missing under the PSR"
        );
    }
    assert!(
        findings
            .iter()
            .all(|finding| finding.severity <= Severity::Warning
                || matches!(&*finding.rule, "TIME006" | "LOT004" | "SV002"))
    );
}

fn run(args: &[&str], cwd: &Path) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

/// (c) `explain RULE --regime X` prints the table's scope and source for every rule and
/// regime; `rules --format json` and docs/rules.md carry the same rows.
#[test]
fn explain_rules_json_and_docs_print_the_table() {
    let registry = Registry::builtin();
    let json = run(&["rules", "--format", "json"], root());
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let docs = std::fs::read_to_string(root().join("docs/rules.md")).expect("docs/rules.md");
    for meta in registry.rules() {
        let row = rows
            .as_array()
            .and_then(|rows| rows.iter().find(|row| row["id"] == meta.id.as_str()))
            .unwrap_or_else(|| panic!("{} missing from `rules --format json`", meta.id));
        for regime in REGIMES {
            let key = regime_key(regime);
            let said = scope_text(&meta.id, regime);
            let source = scope::source_text(&meta.id, regime);
            assert_eq!(
                row["regimes"][key]["scope"],
                said.as_str(),
                "{} {key}",
                meta.id
            );
            assert_eq!(
                row["regimes"][key]["runs"],
                source.is_some(),
                "{} {key}",
                meta.id
            );
            let output = run(&["explain", &meta.id, "--regime", key], root());
            let explained = String::from_utf8_lossy(&output.stdout);
            assert!(explained.contains(&said), "{} {key}: {explained}", meta.id);
            if let Some(source) = source {
                assert!(explained.contains(source), "{} {key}: {explained}", meta.id);
                assert!(
                    docs.contains(&source.replace('|', "\\|")),
                    "{} {key} source",
                    meta.id
                );
            }
            // What a buyer outside the health service is told: in explain and JSON always,
            // in docs/rules.md where another document binds them (not a rewording).
            let elsewhere = scope::source_text_for(&meta.id, regime, false);
            assert_eq!(
                row["regimes"][key]["source_outside_health"].as_str(),
                elsewhere,
                "{} {key}",
                meta.id
            );
            if let (Some(source), Some(elsewhere)) = (source, elsewhere) {
                assert!(
                    explained.contains(elsewhere),
                    "{} {key}: {explained}",
                    meta.id
                );
                if elsewhere != scope::source_for_buyer(source, false) {
                    assert!(
                        docs.contains(elsewhere),
                        "{} {key} other buyers' source",
                        meta.id
                    );
                }
            }
            assert!(
                docs.contains(&said),
                "{} {key} scope not in docs/rules.md",
                meta.id
            );
        }
    }
    assert!(!docs.contains("(seeds)"), "docs/rules.md cites \"(seeds)\"");
}

/// A procedure name of another regime is a located error (exit 2) with a hint to set `regime`.
#[test]
fn another_regimes_procedure_is_refused() {
    let dir = std::env::temp_dir().join(format!("tenderlint-scope-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("restricted.tender.yaml");
    std::fs::write(&file, "tender:\n  procedure: restricted\n").expect("write");
    let output = run(
        &["check", "--no-color", file.to_str().expect("utf-8")],
        &dir,
    );
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("procedure"), "{stderr}");
    assert!(stderr.contains("regime: pcr_2015"), "{stderr}");
    std::fs::write(
        &file,
        "tender:\n  regime: pcr_2015\n  procedure: restricted\n",
    )
    .expect("write");
    let output = run(
        &["check", "--no-color", file.to_str().expect("utf-8")],
        &dir,
    );
    assert_eq!(output.status.code(), Some(0));
    std::fs::remove_dir_all(&dir).ok();
}

/// (e) The Scotland and Northern Ireland calendars, configured, reach TIME007.
#[test]
fn regional_calendars_reach_time007() {
    for (calendar, deadline) in [
        ("scotland", "2026-11-30"),
        ("northern-ireland", "2026-07-13"),
    ] {
        let dir = std::env::temp_dir().join(format!(
            "tenderlint-calendar-{calendar}-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let tender = format!(
            "tender:\n  timeline:\n    tender_notice: 2026-06-01\n    submission_deadline: {deadline}\n"
        );
        std::fs::write(dir.join("t.tender.yaml"), tender).expect("write");
        let quiet = run(&["check", "--no-color", "t.tender.yaml"], &dir);
        assert!(!String::from_utf8_lossy(&quiet.stdout).contains("TIME007"));
        std::fs::write(
            dir.join("tenderlint.toml"),
            format!("[rules.TIME007]\ncalendar = \"{calendar}\"\n"),
        )
        .expect("write");
        let output = run(&["check", "--no-color", "t.tender.yaml"], &dir);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains("TIME007"), "{calendar}: {stdout}");
        std::fs::remove_dir_all(&dir).ok();
    }
}

/// Every built-in rule has exactly one row, and the rows follow RULES.md "Regimes beyond the
/// Act": the do-not-run lists, the PSR's warning cap and its data-consistency exceptions.
#[test]
fn table_follows_regimes_beyond_the_act() {
    let registry = Registry::builtin();
    let ids: Vec<&str> = registry.rules().map(|meta| meta.id.as_str()).collect();
    for id in &ids {
        assert!(
            scope::rule_scope(id).is_some(),
            "{id} has no row in rules/scope.toml"
        );
    }
    for row in scope::rows() {
        assert!(
            ids.contains(&row.id.as_str()),
            "rules/scope.toml: unknown rule {}",
            row.id
        );
    }
    let psr_off = [
        "LOT001", "LOT006", "LOT007", "QUAL002", "QUAL003", "QUAL005", "QUAL007", "QUAL011",
        "QUAL012", "TIME001", "TIME004", "SV004", "PROC001", "PROC002", "PROC006", "PROC007",
    ];
    let pcsr_off = [
        "LOT006", "QUAL002", "QUAL007", "QUAL011", "QUAL012", "TIME004", "SV001", "SV004", "SV005",
        "PROC001", "PROC002", "PROC006",
    ];
    for id in &ids {
        let row = scope::rule_scope(id).expect("checked above");
        let psr = row.under(Regime::ProviderSelectionRegime);
        assert_eq!(psr.is_none(), psr_off.contains(id), "{id} under the PSR");
        assert_eq!(
            row.under(Regime::Pcsr2015).is_none(),
            pcsr_off.contains(id),
            "{id} under pcsr_2015"
        );
        if let Some(psr) = psr {
            let own_severity = matches!(*id, "TIME006" | "LOT004" | "SV002")
                || id.starts_with("JUST")
                || id.starts_with("SUP");
            let most = psr.severity.unwrap_or(Severity::Error);
            assert!(
                own_severity || most <= Severity::Warning,
                "{id} may exceed warning under the PSR"
            );
            assert!(
                !psr.source.contains("s.68"),
                "{id} cites PA23 s.68 under the PSR"
            );
        }
        for regime in REGIMES {
            if let Some(entry) = row.under(regime) {
                assert!(!entry.source.contains("(seeds)"), "{id} cites \"(seeds)\"");
                if regime != Regime::ProcurementAct2023 {
                    assert!(
                        !entry.source.contains("PA23"),
                        "{id} cites PA23 under {regime:?}"
                    );
                }
            }
        }
    }
    let time003 =
        scope::rule_scope("TIME003").and_then(|row| row.under(Regime::ProviderSelectionRegime));
    assert_eq!(
        time003.and_then(|entry| entry.severity),
        Some(Severity::Info)
    );
}
