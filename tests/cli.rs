//! The real binary, as users and CI run it: exit codes, inputs, bad input, configuration.

mod common;

use common::BIN;

use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const FIRES_PAY001: &str = "tender:\n  buyer: {name: Example Council, kind: local_government}\n  payment:\n    terms_days: 60\n";
const CLEAN: &str = "tender:\n  buyer: {name: Example Council, kind: local_government}\n  payment:\n    terms_days: 30\n";

/// A fresh, empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, contents).unwrap();
    path
}

/// `tenderlint check --no-color --date 2026-06-01 ARGS...`: reproducible output.
fn tenderlint(args: &[&str], cwd: &Path) -> Output {
    run(
        &[&["check", "--no-color", "--date", "2026-06-01"], args].concat(),
        cwd,
    )
}

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .output()
        .expect("run tenderlint")
}

fn tenderlint_stdin(args: &[&str], cwd: &Path, input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(["--no-color", "--date", "2026-06-01"])
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run tenderlint");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// The files with a PAY001 finding, in output order: other rules may fire on these small tenders.
fn pay001_files(json: &serde_json::Value) -> Vec<&str> {
    common::files_with(json, |diagnostic| {
        diagnostic["rule"] == "PAY001" && diagnostic["suppressed"].is_null()
    })
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn all_output(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn exit_codes_follow_findings_and_fail_level() {
    let dir = scratch("exit_codes");
    write(&dir, "bad.tender.yaml", FIRES_PAY001);
    write(&dir, "clean.tender.yaml", CLEAN);
    assert_eq!(
        tenderlint(&["bad.tender.yaml"], &dir).status.code(),
        Some(1)
    );
    assert_eq!(
        tenderlint(&["clean.tender.yaml"], &dir).status.code(),
        Some(0)
    );
    // `check` is the default command.
    assert_eq!(run(&["clean.tender.yaml"], &dir).status.code(), Some(0));
    assert_eq!(run(&["bad.tender.yaml"], &dir).status.code(), Some(1));
    // A warning alone passes by default and fails with --fail-on warning.
    write(
        &dir,
        "stale.tender.yaml",
        format!("{CLEAN}  justifications:\n    PAY001: \"Old reason.\"\n"),
    );
    assert_eq!(
        tenderlint(&["stale.tender.yaml"], &dir).status.code(),
        Some(0)
    );
    assert_eq!(
        tenderlint(&["--fail-on", "warning", "stale.tender.yaml"], &dir)
            .status
            .code(),
        Some(1)
    );
    // Usage errors are exit code 2.
    assert_eq!(
        tenderlint(&["--format", "xml", "clean.tender.yaml"], &dir)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        tenderlint(&["--select", "NOPE", "clean.tender.yaml"], &dir)
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn human_output_points_at_the_value_and_summarises() {
    let dir = scratch("human");
    write(&dir, "bad.tender.yaml", FIRES_PAY001);
    let output = tenderlint(&["--select", "PAY001", "bad.tender.yaml"], &dir);
    let text = stdout(&output);
    assert!(
        text.contains("error[PAY001] payment-terms-over-30-days"),
        "{text}"
    );
    assert!(text.contains("bad.tender.yaml:4:17"), "{text}");
    assert!(text.contains("help: set `terms_days: 30`"), "{text}");
    assert!(text.contains("source: PA23 s.68"), "{text}");
    assert!(
        text.contains("1 error, 0 warnings in 1 file; 1 fixable with --fix."),
        "{text}"
    );
    let quiet = stdout(&tenderlint(
        &["--select", "PAY001", "--quiet", "bad.tender.yaml"],
        &dir,
    ));
    assert!(!quiet.contains("in 1 file"), "{quiet}");
}

#[test]
fn json_output_is_one_sorted_object() {
    let dir = scratch("json");
    write(&dir, "b.tender.yaml", FIRES_PAY001);
    write(&dir, "a.tender.yaml", FIRES_PAY001);
    let output = tenderlint(&["--format", "json", "--select", "PAY001", "."], &dir);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(json["version"], 1);
    let files = common::files_with(&json, |_| true);
    assert_eq!(files, ["./a.tender.yaml", "./b.tender.yaml"]);
    let first = &json["diagnostics"][0];
    for key in [
        "rule",
        "name",
        "severity",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "help",
        "source",
        "fix",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert_eq!(first["fix"]["applicability"], "safe");
    assert_eq!(first["fix"]["edits"][0]["replacement"], "30");
    assert_eq!(json["summary"]["errors"], 2);
}

#[test]
fn reads_stdin_with_a_name() {
    let dir = scratch("stdin");
    let output = tenderlint_stdin(
        &[
            "--format",
            "json",
            "--stdin-filename",
            "draft.tender.yaml",
            "-",
        ],
        &dir,
        FIRES_PAY001.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["file"], "draft.tender.yaml");
}

#[test]
fn walks_directories_for_tender_files_honouring_gitignore() {
    let dir = scratch("walk");
    write(&dir, "a.tender.yaml", FIRES_PAY001);
    write(&dir, "nested/b.tender.yml", FIRES_PAY001);
    write(&dir, "notes.yaml", "not: a tender\n");
    write(&dir, "drafts/old.tender.yaml", "tender: [broken\n");
    write(&dir, ".gitignore", "drafts/\n");
    let output = tenderlint(&["--format", "json", "."], &dir);
    assert_eq!(output.status.code(), Some(1), "{}", all_output(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 2);
    // A file named explicitly is linted whatever its name.
    let named = tenderlint(&["notes.yaml"], &dir);
    assert_eq!(named.status.code(), Some(2));
    assert!(all_output(&named).contains("no top-level `tender` key"));
}

/// Each class of bad input: exit 2, a located plain-English message, no panic.
#[test]
fn bad_input_is_a_located_error() {
    let dir = scratch("bad_input");
    let cases: &[(&str, &[u8], &str, &str)] = &[
        (
            "syntax",
            b"tender:\n  id: [unclosed\n",
            "",
            "syntax.tender.yaml:2:",
        ),
        (
            "wrong_type",
            b"tender:\n  payment:\n    terms_days: thirty\n",
            "expected a whole number",
            "wrong_type.tender.yaml:3:17",
        ),
        (
            "quoted_count",
            b"tender:\n  payment:\n    terms_days: \"30\"\n",
            "remove the quotes",
            "quoted_count.tender.yaml:3:17",
        ),
        (
            "unknown_key",
            b"tender:\n  payment:\n    terms_day: 30\n",
            "did you mean `terms_days`?",
            "unknown_key.tender.yaml:3:5",
        ),
        (
            "bad_money",
            b"tender:\n  value:\n    total: about 5m\n",
            "expected an amount in pounds",
            "bad_money.tender.yaml:3:12",
        ),
        (
            "euro_money",
            b"tender:\n  value:\n    total: \"\xe2\x82\xac2m\"\n",
            "pounds sterling",
            "euro_money.tender.yaml:3:12",
        ),
        (
            "duplicate",
            b"tender:\n  id: A\n  id: B\n",
            "duplicate key `id`",
            "duplicate.tender.yaml:3:3",
        ),
        ("empty", b"", "the file is empty", "empty.tender.yaml:1:1"),
        (
            "comments_only",
            b"# nothing yet\n",
            "the file is empty",
            "comments_only.tender.yaml:1:1",
        ),
        (
            "no_tender",
            b"procurement:\n  id: A\n",
            "no top-level `tender` key",
            "no_tender.tender.yaml:1:1",
        ),
        (
            "yes_bool",
            b"tender:\n  suitability:\n    sme: yes\n",
            "write true or false",
            "yes_bool.tender.yaml:3:10",
        ),
        (
            "nhs_kind",
            b"tender:\n  buyer:\n    kind: nhs\n",
            "`nhs_trust` or `icb`",
            "nhs_kind.tender.yaml:3:11",
        ),
        (
            "enum_typo",
            b"tender:\n  procedure: opne\n",
            "did you mean `open`?",
            "enum_typo.tender.yaml:2:14",
        ),
        (
            "negative_money",
            b"tender:\n  value:\n    total: -5\n",
            "negative",
            "negative_money.tender.yaml:3:12",
        ),
        (
            "non_utf8",
            b"tender:\n  id: caf\xe9\n",
            "byte 0xE9 at line 2, column 10 (byte offset 17)",
            "non_utf8.tender.yaml",
        ),
    ];
    for (name, contents, expected, location) in cases {
        let file = format!("{name}.tender.yaml");
        write(&dir, &file, contents);
        let output = tenderlint(&[&file], &dir);
        let text = all_output(&output);
        assert_eq!(output.status.code(), Some(2), "{name}: {text}");
        assert!(!text.contains("panicked"), "{name}: {text}");
        assert!(
            text.contains(expected),
            "{name}: expected {expected:?} in:\n{text}"
        );
        assert!(
            text.contains(location),
            "{name}: expected location {location:?} in:\n{text}"
        );
    }
}

/// Each refused value names its key path, and the help names the fix that applies (and only it).
#[test]
fn parse_errors_name_the_key_and_the_fix() {
    let dir = scratch("parse_messages");
    let cases: &[(&str, &str, &[&str], &[&str])] = &[
        (
            "plain_word",
            "tender:\n  payment:\n    terms_days: thirty\n",
            &["payment.terms_days: expected a whole number such as 30, found \"thirty\""],
            &["remove the quotes"],
        ),
        (
            "quoted_number",
            "tender:\n  payment:\n    terms_days: \"30\"\n",
            &["payment.terms_days:", "remove the quotes"],
            &[],
        ),
        (
            "quoted_boolean",
            "tender:\n  suitability:\n    sme: \"true\"\n",
            &[
                "suitability.sme: expected `true` or `false`",
                "remove the quotes",
            ],
            &[],
        ),
        (
            "lot_value",
            "tender:\n  lots:\n    - id: a\n    - id: b\n      value: lots\n",
            &["lots[1].value: not an amount of money"],
            &[],
        ),
        (
            "empty_tender",
            "tender:\n",
            &["the `tender` key is empty"],
            &["no top-level `tender` key"],
        ),
        (
            "certifications_at_top",
            "tender:\n  certifications: [ISO 9001]\n",
            &[
                "belongs under `conditions_of_participation` (`conditions_of_participation.certifications`)",
            ],
            &["did you mean"],
        ),
        (
            "wrong_level",
            "tender:\n  terms_days: 30\n",
            &[
                "unknown key `terms_days` in `tender`",
                "`payment.terms_days`",
            ],
            &[],
        ),
        (
            "non_breaking_space",
            "tender:\n  payment:\n    terms_days:\u{a0}30\n",
            &["non-breaking space (U+00A0)", "ordinary space"],
            &[],
        ),
        (
            "non_breaking_space_after_a_key",
            "tender:\n  payment:\u{a0}\n    terms_days: 30\n",
            &["on the line before", "non-breaking space (U+00A0)"],
            &[],
        ),
        (
            "non_breaking_space_indent",
            "tender:\n\u{a0} payment:\n    terms_days: 30\n",
            &["the top-level key", "non-breaking space (U+00A0)"],
            &[],
        ),
        (
            "smart_quoted_word",
            "tender:\n  procedure: \u{2018}open\u{2019}\n",
            &["procedure:", "typographic (smart) quotes"],
            &[],
        ),
        (
            "smart_quotes",
            "tender:\n  payment:\n    terms_days: \u{201c}30\u{201d}\n",
            &["typographic (smart) quotes", "straight quotes"],
            &["remove the quotes"],
        ),
        (
            "tab_indent",
            "tender:\n  payment:\n\tterms_days: 30\n",
            &["a tab character indents this line", "replace each tab"],
            &[],
        ),
    ];
    for (name, contents, expected, unexpected) in cases {
        let file = format!("{name}.tender.yaml");
        write(&dir, &file, contents);
        for format in ["human", "concise", "json", "github", "sarif"] {
            let output = tenderlint(&["--format", format, &file], &dir);
            let text = all_output(&output);
            // Line formats escape or wrap differently: compare the text with JSON escapes undone.
            let text = text.replace("\\\"", "\"").replace("\\u00a0", "\u{a0}");
            let flat = text
                .split_whitespace()
                .filter(|word| *word != "│")
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(output.status.code(), Some(2), "{name} {format}: {text}");
            for phrase in *expected {
                let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(
                    flat.contains(&phrase),
                    "{name} {format}: expected {phrase:?} in:\n{text}"
                );
            }
            for phrase in *unexpected {
                assert!(
                    !text.contains(phrase),
                    "{name} {format}: {phrase:?} in:\n{text}"
                );
            }
        }
    }
}

/// A file with N independent errors (N up to 20) reports all N in one run, each in place;
/// past 20, the report says more follow.
#[test]
fn every_error_in_a_file_is_reported_in_one_run() {
    let dir = scratch("many_errors");
    let lines = [
        ("procedure: opne", "procedure:"),
        ("category: good", "category:"),
        ("regime: act", "regime:"),
        (
            "buyer:\n    kind: council\n    central_government_authority: maybe",
            "buyer.kind:",
        ),
        (
            "value:\n    total: lots\n    includes_vat: yes\n    vat: high",
            "value.",
        ),
        (
            "contract:\n    duration_months: two years\n    extension_months: \"12\"\n    defence_and_security: no",
            "contract.",
        ),
        (
            "payment:\n    terms_days: thirty\n    schedule: weekly\n    retention_percent: 200",
            "payment.",
        ),
        (
            "submission:\n    electronic: \"true\"\n    quality_questions: -3\n    word_limit_total: 1.5",
            "submission.",
        ),
        (
            "feedback:\n    assessment_summaries: on\n    verbal_debrief: true",
            "feedback",
        ),
        (
            "timeline:\n    tender_notice: soon",
            "timeline.tender_notice:",
        ),
    ];
    let body: String = lines
        .iter()
        .map(|(yaml, _)| format!("  {yaml}\n"))
        .collect();
    write(&dir, "twenty.tender.yaml", format!("tender:\n{body}"));
    let output = tenderlint(&["--format", "json", "twenty.tender.yaml"], &dir);
    assert_eq!(output.status.code(), Some(2), "{}", all_output(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let errors = json["errors"].as_array().expect("errors");
    let listed: Vec<String> = errors
        .iter()
        .map(|error| format!("{}:{} {}", error["line"], error["column"], error["message"]))
        .collect();
    assert_eq!(errors.len(), 20, "{listed:#?}");
    let mut lines_seen: Vec<u64> = errors
        .iter()
        .map(|error| error["line"].as_u64().unwrap())
        .collect();
    lines_seen.dedup();
    assert_eq!(
        lines_seen.len(),
        20,
        "one error per line, in file order: {listed:#?}"
    );
    for (_, key) in lines {
        assert!(
            listed.iter().any(|line| line.contains(key)),
            "no error names {key:?}: {listed:#?}"
        );
    }
    assert_eq!(json["summary"]["files_failed"], 1);
    let output = tenderlint(&["--diff", "twenty.tender.yaml"], &dir);
    let errors = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        errors.matches("error: twenty.tender.yaml:").count(),
        20,
        "--diff lists every error too:\n{errors}"
    );

    let unknown: String = (0..25).map(|index| format!("  key_{index}: 1\n")).collect();
    write(&dir, "many.tender.yaml", format!("tender:\n{unknown}"));
    let output = tenderlint(&["--format", "concise", "many.tender.yaml"], &dir);
    let text = stdout(&output);
    assert_eq!(text.matches("unknown key `key_").count(), 20, "{text}");
    assert!(text.contains("more errors follow"), "{text}");
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let dir = scratch("mixed");
    write(
        &dir,
        "a.tender.yaml",
        b"tender:\n  payment:\n    terms_day: 30\n",
    );
    write(&dir, "b.tender.yaml", FIRES_PAY001);
    let output = tenderlint(
        &["a.tender.yaml", "b.tender.yaml", "missing.tender.yaml"],
        &dir,
    );
    let text = all_output(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(text.contains("error[PAY001]"), "{text}");
    assert!(text.contains("unknown key `terms_day`"), "{text}");
    assert!(
        text.contains("missing.tender.yaml: no such file or directory"),
        "{text}"
    );
}

#[test]
fn nearest_configuration_wins_and_flags_override_it() {
    let dir = scratch("config_precedence");
    write(&dir, "tenderlint.toml", "ignore = [\"PAY\"]\n");
    write(&dir, "a.tender.yaml", FIRES_PAY001);
    write(&dir, "team/.tenderlint.toml", "select = [\"ALL\"]\n");
    write(&dir, "team/b.tender.yaml", FIRES_PAY001);
    let json = |args: &[&str]| -> serde_json::Value {
        serde_json::from_slice(&tenderlint(args, &dir).stdout).unwrap()
    };
    // The root file ignores PAY; the nearer team file selects everything.
    let both = json(&["--format", "json", "a.tender.yaml", "team/b.tender.yaml"]);
    assert_eq!(pay001_files(&both), ["team/b.tender.yaml"]);
    // --select replaces the file's selection; --ignore adds to it.
    let selected = json(&["--format", "json", "--select", "PAY001", "a.tender.yaml"]);
    assert_eq!(pay001_files(&selected), ["a.tender.yaml"]);
    let ignored = json(&[
        "--format",
        "json",
        "--ignore",
        "PAY001",
        "team/b.tender.yaml",
    ]);
    assert!(pay001_files(&ignored).is_empty());
    // --isolated ignores every file; --config names one for all.
    let isolated = json(&["--format", "json", "--isolated", "a.tender.yaml"]);
    assert_eq!(pay001_files(&isolated), ["a.tender.yaml"]);
    let explicit = json(&[
        "--format",
        "json",
        "--config",
        "tenderlint.toml",
        "team/b.tender.yaml",
    ]);
    assert!(pay001_files(&explicit).is_empty());
}

#[test]
fn configuration_sets_severity_fail_level_and_per_file_ignores() {
    let dir = scratch("config_values");
    write(
        &dir,
        "tenderlint.toml",
        "select = [\"PAY001\"]\nfail-on = \"warning\"\n[severity]\nPAY001 = \"warning\"\n[per-file-ignores]\n\"legacy/*.tender.yaml\" = [\"PAY001\"]\n",
    );
    write(&dir, "a.tender.yaml", FIRES_PAY001);
    write(&dir, "legacy/b.tender.yaml", FIRES_PAY001);
    let output = tenderlint(&["--format", "json", "."], &dir);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["summary"]["warnings"], 1);
    assert_eq!(json["diagnostics"][0]["file"], "./a.tender.yaml");
    assert_eq!(
        output.status.code(),
        Some(1),
        "fail-on = warning makes the warning fail the run"
    );
    assert_eq!(
        tenderlint(&["--fail-on", "error", "a.tender.yaml"], &dir)
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn configuration_errors_are_located_with_suggestions() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "unknown_key",
            "selct = [\"PAY\"]\n",
            "did you mean `select`?",
        ),
        (
            "unknown_rule",
            "ignore = [\"PAY01\"]\n",
            "did you mean `PAY001`?",
        ),
        (
            "unknown_severity_rule",
            "[severity]\nPAY0001 = \"warning\"\n",
            "is not a rule id or family",
        ),
        (
            "bad_severity",
            "[severity]\nPAY001 = \"warnin\"\n",
            "did you mean `warning`?",
        ),
        ("bad_fail_on", "fail-on = \"never\"\n", "is not a severity"),
        (
            "unknown_threshold",
            "[rules.PAY001]\nmax = 3\n",
            "PAY001 has no threshold `max`",
        ),
        (
            "bad_glob",
            "[per-file-ignores]\n\"a[\" = [\"PAY001\"]\n",
            "invalid glob pattern",
        ),
        ("toml_syntax", "select = [\n", "tenderlint.toml:"),
        (
            "bad_calendar",
            "[rules.TIME007]\ncalendar = \"wales\"\n",
            "`wales` is not accepted",
        ),
        (
            "bad_money",
            "[rules.LOT002]\nmax_annual_value = \"lots\"\n",
            "expected an amount in pounds",
        ),
    ];
    for (name, config, expected) in cases {
        let dir = scratch(&format!("config_error_{name}"));
        write(&dir, "tenderlint.toml", config);
        write(&dir, "a.tender.yaml", FIRES_PAY001);
        let output = tenderlint(&["a.tender.yaml"], &dir);
        let text = all_output(&output);
        assert_eq!(output.status.code(), Some(2), "{name}: {text}");
        assert!(
            text.contains(expected),
            "{name}: expected {expected:?} in:\n{text}"
        );
        assert!(
            text.contains("tenderlint.toml"),
            "{name}: the message names the file:\n{text}"
        );
    }
}

#[test]
fn rules_and_explain_document_the_catalog() {
    let dir = scratch("rules");
    let rules = run(&["rules"], &dir);
    assert_eq!(rules.status.code(), Some(0));
    insta::assert_snapshot!("rules", stdout(&rules));
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["rules", "--format", "json"], &dir).stdout).unwrap();
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .any(|rule| rule["id"] == "PAY001")
    );
    for id in ["PAY001", "JUST002", "SUP001"] {
        let output = run(&["explain", id], &dir);
        assert_eq!(output.status.code(), Some(0));
        insta::assert_snapshot!(format!("explain_{id}"), stdout(&output));
    }
    let unknown = run(&["explain", "PAY01"], &dir);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(all_output(&unknown).contains("did you mean `PAY001`?"));
}

/// Every word of every enumerated field, and both values of every boolean, found by walking
/// the published schema (so a field added later is covered), is accepted as written through
/// the real binary: never a refusal (exit 2), never a panic. Procedure names are tried under
/// each regime that owns them (RULES.md "Procedures").
#[test]
fn accepts_every_documented_enumeration_word() {
    let dir = scratch("enum_words");
    let schema = tenderlint::cli::schema::tender_schema();
    let mut fields = Vec::new();
    enumerated_fields(
        &schema,
        &schema["properties"]["tender"],
        &mut vec!["tender".to_owned()],
        &mut fields,
    );
    let field = |path: &str| fields.iter().find(|(at, _)| at.join(".") == path);
    for expected in [
        "tender.buyer.kind",
        "tender.buyer.central_government_authority",
        "tender.regime",
        "tender.procedure",
        "tender.category",
        "tender.value.vat",
        "tender.market_engagement.format",
        "tender.conditions_of_participation.insurance.evidence_required_at",
        "tender.award_criteria.[].kind",
        "tender.social_value.model",
        "tender.payment.schedule",
        "tender.subcontracting.reporting",
        "tender.lots.[].suitability.sme",
    ] {
        assert!(
            field(expected).is_some(),
            "the schema walk missed {expected}"
        );
    }
    let buyer_kinds = &field("tender.buyer.kind").unwrap().1;
    assert!(buyer_kinds.contains(&json!("other")), "{buyer_kinds:?}");

    const PA23: &str = "procurement_act_2023";
    let regimes_of = |procedure: &str| -> Vec<&str> {
        match procedure {
            "open" | "framework" | "call_off" => vec![PA23, "pcr_2015", "pcsr_2015"],
            "competitive_flexible" | "open_framework" | "dynamic_market" | "direct_award" => {
                vec![PA23]
            }
            "restricted"
            | "competitive_procedure_with_negotiation"
            | "competitive_dialogue"
            | "innovation_partnership"
            | "negotiated_without_prior_publication"
            | "dynamic_purchasing_system" => vec!["pcr_2015", "pcsr_2015"],
            "direct_award_a"
            | "direct_award_b"
            | "direct_award_c"
            | "most_suitable_provider"
            | "competitive_process" => vec!["provider_selection_regime"],
            other => panic!("procedure `{other}` belongs to no regime in this test's table"),
        }
    };
    let mut tried = 0;
    for (path, values) in &fields {
        for value in values {
            let mut tenders = Vec::new();
            if path.join(".") == "tender.procedure" {
                for regime in regimes_of(value.as_str().unwrap()) {
                    let mut tender = document(path, value.clone());
                    tender["tender"]["regime"] = json!(regime);
                    tenders.push(tender);
                }
            } else {
                tenders.push(document(path, value.clone()));
            }
            for tender in tenders {
                // JSON is YAML 1.2 flow style.
                write(&dir, "t.tender.yaml", tender.to_string());
                let output = tenderlint(&["--isolated", "t.tender.yaml"], &dir);
                let code = output.status.code();
                assert!(
                    matches!(code, Some(0 | 1)) && !all_output(&output).contains("panicked"),
                    "{tender}: exit {code:?}: {}",
                    all_output(&output)
                );
                tried += 1;
            }
        }
    }
    assert!(tried > 100, "only {tried} values tried");
}

/// The enumerated and boolean fields under `node`, each with its path (`[]` for a list
/// item) and every value it accepts.
fn enumerated_fields(
    root: &serde_json::Value,
    node: &serde_json::Value,
    path: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, Vec<serde_json::Value>)>,
) {
    let node = resolve(root, node);
    if let Some(properties) = node["properties"].as_object() {
        for (key, child) in properties {
            path.push(key.clone());
            enumerated_fields(root, child, path, out);
            path.pop();
        }
        return;
    }
    let alternatives: Vec<&serde_json::Value> = ["anyOf", "oneOf"]
        .iter()
        .filter_map(|key| node[*key].as_array())
        .flatten()
        .map(|alternative| resolve(root, alternative))
        .collect();
    let constants: Vec<serde_json::Value> = alternatives
        .iter()
        .filter_map(|alternative| alternative.get("const").cloned())
        .chain(node["enum"].as_array().into_iter().flatten().cloned())
        .filter(|value| !value.is_null())
        .collect();
    let types: Vec<&str> = match &node["type"] {
        serde_json::Value::String(one) => vec![one.as_str()],
        serde_json::Value::Array(many) => many.iter().filter_map(|t| t.as_str()).collect(),
        _ => Vec::new(),
    };
    if !constants.is_empty() {
        out.push((path.clone(), constants));
    } else if types.contains(&"boolean") {
        out.push((path.clone(), vec![json!(true), json!(false)]));
    } else if types.contains(&"array") {
        path.push("[]".to_owned());
        enumerated_fields(root, &node["items"], path, out);
        path.pop();
    } else {
        for alternative in alternatives {
            enumerated_fields(root, alternative, path, out);
        }
    }
}

/// `node`, or the definition its `$ref` names.
fn resolve<'a>(root: &'a serde_json::Value, node: &'a serde_json::Value) -> &'a serde_json::Value {
    match node["$ref"]
        .as_str()
        .and_then(|reference| reference.strip_prefix("#/$defs/"))
    {
        Some(name) => &root["$defs"][name],
        None => node,
    }
}

/// A document with `value` at `path` (a `[]` segment is a one-item list).
fn document(path: &[String], value: serde_json::Value) -> serde_json::Value {
    path.iter().rev().fold(value, |inner, segment| {
        if segment == "[]" {
            json!([inner])
        } else {
            json!({ segment.as_str(): inner })
        }
    })
}

#[test]
fn configured_social_value_minimum_is_enforced() {
    let dir = scratch("sv_minimum");
    let tender = "tender:
  buyer: {name: Department for Example, kind: central_government}
  category: services
  value: {total: \"£4.8m\"}
  award_criteria:
    - {name: Price, kind: price, weight: 40}
    - {name: Quality, kind: quality, weight: 45}
    - {name: Social value, kind: social_value, weight: 15}
";
    write(&dir, "a.tender.yaml", tender);
    let sv001 = |output: &Output| -> usize {
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "SV001")
            .count()
    };
    assert_eq!(
        sv001(&tenderlint(&["--format", "json", "a.tender.yaml"], &dir)),
        0
    );
    write(&dir, "tenderlint.toml", "[rules.SV001]\nmin_weight = 20\n");
    assert_eq!(
        sv001(&tenderlint(&["--format", "json", "a.tender.yaml"], &dir)),
        1
    );
}

const HOUSE_RULES: &str = r#"family = "HOUSE"
title = "Example Council house rules"

[[rule]]
id = "HOUSE001"
name = "incumbent-named"
severity = "warning"
scope = "every tender of this council"
summary = "The specification refers to the incumbent supplier"
what = "Fires wherever a specification says \"incumbent\"."
why = "Writing a specification around the incumbent's service favours it over new and smaller suppliers."
source = "Example Council contract procedure rules, rule 12"
fix = "Describe the outcome needed, not the current supplier's way of delivering it."
example = "specification: Match the incumbent's service levels."
example_fixed = "specification: Answer 95% of calls within 20 seconds."

[rule.pattern]
regex = "(?i)\\bincumbent\\b"
message = "the specification mentions the {match} supplier"
"#;

#[test]
fn rule_packs_add_house_rules_in_the_same_format() {
    let dir = scratch("rule_packs");
    write(&dir, "house-rules.toml", HOUSE_RULES);
    write(
        &dir,
        "tenderlint.toml",
        "rule-packs = [\"house-rules.toml\"]\n",
    );
    write(
        &dir,
        "a.tender.yaml",
        "tender:\n  specification: |\n    Continuity with the Incumbent is essential.\n",
    );
    let json = json_of(&dir, "a.tender.yaml");
    let house = findings_of(&json, "HOUSE001");
    assert_eq!(house.len(), 1, "{json}");
    assert_eq!(house[0]["name"], "incumbent-named");
    assert_eq!(
        house[0]["message"],
        "the specification mentions the Incumbent supplier"
    );
    assert_eq!(
        (house[0]["line"].as_u64(), house[0]["column"].as_u64()),
        (Some(3), Some(25))
    );
    assert_eq!(
        house[0]["source"],
        "Example Council contract procedure rules, rule 12"
    );
    // House rules are selected and ignored like built-in ones.
    let ignored = tenderlint(
        &["--format", "json", "--ignore", "HOUSE", "a.tender.yaml"],
        &dir,
    );
    assert!(!String::from_utf8_lossy(&ignored.stdout).contains("HOUSE001"));
    // A pack rule without a trigger, or reusing a built-in id, is a located error.
    write(
        &dir,
        "house-rules.toml",
        HOUSE_RULES.replace("[rule.pattern]", "[rule.elsewhere]"),
    );
    let output = tenderlint(&["a.tender.yaml"], &dir);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        all_output(&output).contains("unknown key `elsewhere`"),
        "{}",
        all_output(&output)
    );
    write(
        &dir,
        "house-rules.toml",
        HOUSE_RULES.replace("HOUSE001", "PAY001"),
    );
    let output = tenderlint(&["a.tender.yaml"], &dir);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        all_output(&output).contains("is a built-in rule id"),
        "{}",
        all_output(&output)
    );
}

#[test]
fn statistics_count_findings_per_rule_and_buyer() {
    let dir = scratch("statistics");
    write(&dir, "a.tender.yaml", FIRES_PAY001);
    write(
        &dir,
        "b.tender.yaml",
        FIRES_PAY001.replace("Example Council", "Other Council"),
    );
    write(&dir, "c.tender.yaml", FIRES_PAY001);
    write(&dir, "clean.tender.yaml", CLEAN);
    write(&dir, "broken.tender.yaml", "tender: [unclosed\n");
    let args = ["--select", "PAY001", "--statistics"];
    let human = tenderlint(&[&args[..], &["."]].concat(), &dir);
    assert_eq!(human.status.code(), Some(2), "{}", all_output(&human));
    assert_eq!(
        stdout(&human),
        "Findings by rule:\n  3  PAY001  payment-terms-over-30-days (3 fixable)\n\
         Findings by buyer:\n  2  Example Council\n  1  Other Council\n\
         3 errors, 0 warnings in 5 files (1 file could not be checked); 3 fixable with --fix.\n"
    );
    let json = tenderlint(&[&args[..], &["--format", "json", "."]].concat(), &dir);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        json["rules"],
        serde_json::json!([{"rule": "PAY001", "name": "payment-terms-over-30-days", "count": 3, "fixable": 3}])
    );
    assert_eq!(
        json["buyers"],
        serde_json::json!([{"buyer": "Example Council", "count": 2}, {"buyer": "Other Council", "count": 1}])
    );
    assert_eq!(json["summary"]["files_failed"], 1);
    let sarif = tenderlint(&[&args[..], &["--format", "sarif", "."]].concat(), &dir);
    assert_eq!(sarif.status.code(), Some(2));
    assert!(all_output(&sarif).contains("--statistics prints human or json"));
}

#[test]
fn a_house_pattern_that_matches_everywhere_is_linted_in_full() {
    // 50,000 matches on one 100,000-character line: each used to re-scan the text.
    let dir = scratch("rule_pack_everywhere");
    write(
        &dir,
        "house-rules.toml",
        HOUSE_RULES.replace("(?i)\\\\bincumbent\\\\b", "e"),
    );
    write(
        &dir,
        "tenderlint.toml",
        "rule-packs = [\"house-rules.toml\"]\n",
    );
    let line = "e ".repeat(50_000);
    write(
        &dir,
        "a.tender.yaml",
        format!("tender:\n  specification: |\n    {line}\n"),
    );
    let json = json_of(&dir, "a.tender.yaml");
    let house = findings_of(&json, "HOUSE001");
    assert_eq!(house.len(), 50_000);
    let last = &house[49_999];
    assert_eq!(
        (last["line"].as_u64(), last["column"].as_u64()),
        (Some(3), Some(5 + 2 * 49_999))
    );
}

/// `tenderlint --format json FILE` run in `dir`, parsed.
fn json_of(dir: &Path, file: &str) -> serde_json::Value {
    let output = tenderlint(&["--format", "json", file], dir);
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The findings of `rule` in a JSON report.
fn findings_of<'a>(json: &'a serde_json::Value, rule: &str) -> Vec<&'a serde_json::Value> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .collect()
}
