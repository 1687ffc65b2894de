//! Inputs that once crashed tenderlint (most found by `scripts/fuzz`), kept in
//! tests/regressions/. Each goes through what the fuzz target does: lint, print in every
//! format, apply every fix on its own and lint the result, run the fix engine. None may panic, and each must still
//! produce a located error or findings inside the file.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use tenderlint::diagnostic::{Diagnostic, Edit, Severity};
use tenderlint::fix::{FixOptions, fix_source};
use tenderlint::lint::lint_source;
use tenderlint::model::Date;
use tenderlint::report::{self, FileResult, human::HumanOptions};
use tenderlint::settings::Settings;
use tenderlint::source::SourceFile;

fn check(name: &str, text: String) {
    let settings = Settings::defaults(Date::from_ymd(2026, 6, 1).unwrap());
    let source = SourceFile::new(name, None, text);
    let outcome = lint_source(&source, &settings);
    match &outcome {
        Ok(diagnostics) => {
            for diagnostic in diagnostics {
                assert!(
                    diagnostic.span.end <= source.text.len(),
                    "{name}: {diagnostic:?}"
                );
                relint_fixed(name, &source.text, diagnostic, &settings);
            }
        }
        Err(error) => {
            let span = error
                .span
                .expect("a parse error in a non-empty file has a place");
            assert!(span.end <= source.text.len(), "{name}: {error:?}");
        }
    }
    let options = FixOptions { unsafe_fixes: true };
    if let Ok(fixed) = fix_source(&source, &settings, &options) {
        assert!(
            tenderlint::parse::parse_tender(&fixed.source).is_ok(),
            "{name}: the fix engine produced a file that does not parse:\n{}",
            fixed.source.text
        );
    }
    let results = [FileResult {
        source,
        outcome,
        fail_on: Severity::Error,
    }];
    let mut out = Vec::new();
    let options = HumanOptions {
        color: false,
        quiet: false,
        verbose: false,
    };
    report::human::print(&mut out, &results, &options).unwrap();
    report::json::print(&mut out, &results).unwrap();
    report::sarif::print(&mut out, &results).unwrap();
    report::github::print(&mut out, &results).unwrap();
    report::concise::print(&mut out, &results, false).unwrap();
}

fn relint_fixed(name: &str, text: &str, diagnostic: &Diagnostic, settings: &Settings) {
    let Some(fix) = &diagnostic.fix else { return };
    let mut edits: Vec<&Edit> = fix.edits.iter().collect();
    edits.sort_by_key(|edit| std::cmp::Reverse((edit.span.start, edit.span.end)));
    let mut fixed = text.to_owned();
    for edit in edits {
        fixed.replace_range(edit.span.start..edit.span.end, &edit.replacement);
    }
    let fixed = SourceFile::new(name, None, fixed);
    if let Err(error) = lint_source(&fixed, settings) {
        panic!(
            "{name}: the {} fix broke the file: {error:?}",
            diagnostic.rule
        );
    }
}

#[test]
fn past_crashes_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no regression inputs in {}",
        dir.display()
    );
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = String::from_utf8(std::fs::read(&path).unwrap()).expect("UTF-8 input");
        if catch_unwind(AssertUnwindSafe(|| check(&name, text))).is_err() {
            panic!("{name}: tenderlint panicked (see the message above)");
        }
    }
}
