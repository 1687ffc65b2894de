//! The YAML Test Suite's 402 inputs as tender files: tenderlint must never panic, must
//! refuse every input the suite marks as an error, and must locate its parse errors.
//!
//! The inputs live outside the repository (`../shared/corpora/yaml-test-suite`, see its
//! README.md); the test is skipped with a note when they are absent. Set
//! `TENDERLINT_CORPORA` to point at another copy of the `corpora` folder.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use tenderlint::diagnostic::Diagnostic;
use tenderlint::lint::lint_source;
use tenderlint::model::Date;
use tenderlint::parse::ParseError;
use tenderlint::settings::Settings;
use tenderlint::source::SourceFile;

fn suite_dir() -> Option<PathBuf> {
    common::shared_corpus("yaml-test-suite")
}

/// Error cases the parser accepts. saphyr-parser refuses all of them, including the three
/// granit-parser (serde-saphyr's) let through: continuation lines of a flow sequence or
/// quoted scalar indented less than their key (9C9N, DK95-01, QB6E). Any entry is a regression.
const KNOWN_LENIENT: [&str; 0] = [];

struct Case {
    id: String,
    is_error_case: bool,
    text: String,
}

fn cases(dir: &Path) -> Vec<Case> {
    let index = std::fs::read_to_string(dir.join("index.tsv")).unwrap();
    index
        .lines()
        .skip(1)
        .map(|row| {
            let mut fields = row.split('\t');
            let id = fields.next().unwrap().to_owned();
            let is_error_case = fields.next() == Some("true");
            let text = std::fs::read_to_string(dir.join(format!("{id}.yaml")))
                .unwrap_or_else(|error| panic!("{id}.yaml: {error}"));
            Case {
                id,
                is_error_case,
                text,
            }
        })
        .collect()
}

fn settings() -> Settings {
    Settings::defaults(Date::from_ymd(2026, 6, 1).unwrap())
}

/// Lints `text`, turning a panic into a test failure that names the case.
fn lint(id: &str, name: &str, text: String) -> (SourceFile, Result<Vec<Diagnostic>, ParseError>) {
    let source = SourceFile::new(name, None, text);
    let settings = settings();
    let result = catch_unwind(AssertUnwindSafe(|| lint_source(&source, &settings)))
        .unwrap_or_else(|_| panic!("{id} ({name}): tenderlint panicked"));
    (source, result)
}

/// Every parse error of a non-blank file must point into the file.
fn assert_located(id: &str, source: &SourceFile, error: &ParseError) {
    let span = error
        .span
        .unwrap_or_else(|| panic!("{id}: error without a location: {error:?}"));
    assert!(
        span.start <= span.end && span.end <= source.text.len(),
        "{id}: span {span:?} outside the file ({} bytes)",
        source.text.len()
    );
    assert!(!error.message.is_empty(), "{id}: empty message");
}

#[test]
fn suite_inputs_never_panic_and_errors_are_refused_in_place() {
    let Some(dir) = suite_dir() else {
        eprintln!(
            "note: yaml-test-suite not found next to the repository (../shared/corpora); skipped"
        );
        return;
    };
    let cases = cases(&dir);
    assert_eq!(cases.len(), 402, "index.tsv lists 402 tests");
    let (mut refused, mut linted) = (0, 0);
    let mut accepted_invalid = Vec::new();
    for case in &cases {
        let (source, result) = lint(&case.id, "suite.tender.yaml", case.text.clone());
        match result {
            Err(error) => {
                refused += 1;
                assert_located(&case.id, &source, &error);
                // "No tender key" means the YAML itself was accepted.
                if case.is_error_case && error.message.contains("no top-level `tender` key") {
                    accepted_invalid.push(case.id.as_str());
                }
            }
            Ok(_) => {
                linted += 1;
                assert!(
                    !case.is_error_case,
                    "{}: invalid YAML accepted as a tender",
                    case.id
                );
            }
        }
    }
    eprintln!("yaml-test-suite: {refused} inputs refused with a located error, {linted} linted");
    assert_eq!(
        accepted_invalid, KNOWN_LENIENT,
        "invalid YAML the parser accepts (update KNOWN_LENIENT only after reading the case)"
    );
    // Most inputs are not tenders: they are refused with a reason, never silently passed.
    assert!(refused > linted, "refused {refused}, linted {linted}");
}

#[test]
fn suite_inputs_nested_in_a_tender_never_panic() {
    let Some(dir) = suite_dir() else {
        eprintln!(
            "note: yaml-test-suite not found next to the repository (../shared/corpora); skipped"
        );
        return;
    };
    for case in cases(&dir) {
        // The whole input as the tender's specification (a block under `tender:`).
        let nested: String = case
            .text
            .lines()
            .map(|line| format!("    {line}\n"))
            .collect();
        let text = format!("tender:\n  buyer: {{name: A, kind: icb}}\n  specification:\n{nested}");
        let (source, result) = lint(&case.id, "nested.tender.yaml", text);
        if let Err(error) = result {
            assert_located(&case.id, &source, &error);
        }
        // And verbatim after a complete tender, as the rest of the file.
        let text = format!("tender: {{id: A}}\nsuite:\n{}", case.text);
        let (source, result) = lint(&case.id, "after.tender.yaml", text);
        if let Err(error) = result {
            assert_located(&case.id, &source, &error);
        }
    }
}
