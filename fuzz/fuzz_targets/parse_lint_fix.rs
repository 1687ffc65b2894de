//! Arbitrary bytes through the whole pipeline: decode, parse, lint, print (every format),
//! then every fix applied to the text on its own and the result parsed and linted again,
//! then the fix engine (`--fix --unsafe-fixes`) over the whole file.
//!
//! Invariants: nothing panics; every finding and edit lies inside the file on character
//! boundaries; a fix's edits do not overlap; a fixed file still parses as a tender. (The
//! engine may refuse a fix it cannot verify: that is its documented, graceful outcome.)

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tenderlint::diagnostic::{Diagnostic, Edit};
use tenderlint::fix::{FixOptions, fix_source};
use tenderlint::lint::lint_source;
use tenderlint::model::Date;
use tenderlint::report::{self, FileResult, human::HumanOptions};
use tenderlint::settings::Settings;
use tenderlint::source::SourceFile;

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| Settings::defaults(Date::from_ymd(2026, 6, 1).unwrap()))
}

fuzz_target!(|data: &[u8]| {
    // Invalid UTF-8 is refused before parsing (tests/hostile.rs covers that path).
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = SourceFile::new("fuzz.tender.yaml", None, text.to_owned());
    let outcome = lint_source(&source, settings());
    if let Ok(diagnostics) = &outcome {
        for diagnostic in diagnostics {
            check_finding(text, diagnostic);
            if let Some(fix) = &diagnostic.fix {
                let fixed = apply(text, &fix.edits);
                let fixed = SourceFile::new("fixed.tender.yaml", None, fixed);
                if let Err(error) = lint_source(&fixed, settings()) {
                    panic!(
                        "{} fix broke the file: {error:?}\n--- before\n{text}\n--- after\n{}",
                        diagnostic.rule, fixed.text
                    );
                }
            }
        }
    } else if let Err(error) = &outcome
        && let Some(span) = error.span
    {
        assert!(
            span.start <= span.end && span.end <= text.len(),
            "{error:?}"
        );
    }
    let options = FixOptions { unsafe_fixes: true };
    if let Ok(fixed) = fix_source(&source, settings(), &options) {
        let text = &fixed.source.text;
        assert!(
            tenderlint::parse::parse_tender(&fixed.source).is_ok(),
            "the fix engine produced a file that does not parse:\n{text}"
        );
    }
    let results = [FileResult {
        source,
        outcome,
        fail_on: tenderlint::diagnostic::Severity::Error,
    }];
    let options = HumanOptions {
        color: false,
        quiet: false,
    };
    let mut out = Vec::new();
    report::human::print(&mut out, &results, &options).unwrap();
    report::json::print(&mut out, &results).unwrap();
    report::sarif::print(&mut out, &results).unwrap();
    report::github::print(&mut out, &results).unwrap();
    report::concise::print(&mut out, &results, false).unwrap();
});

fn check_finding(text: &str, diagnostic: &Diagnostic) {
    let span = diagnostic.span;
    assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{} span {span:?} outside the text or not on a character boundary",
        diagnostic.rule
    );
    if let Some(fix) = &diagnostic.fix {
        let mut edits: Vec<&Edit> = fix.edits.iter().collect();
        edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
        for edit in &edits {
            let span = edit.span;
            assert!(
                span.start <= span.end
                    && span.end <= text.len()
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end),
                "{} edit {span:?} outside the text or not on a character boundary",
                diagnostic.rule
            );
        }
        for pair in edits.windows(2) {
            assert!(
                pair[0].span.end <= pair[1].span.start,
                "{} fix has overlapping edits {:?} and {:?}",
                diagnostic.rule,
                pair[0].span,
                pair[1].span
            );
        }
    }
}

/// Applies non-overlapping edits from the end of the text backwards, so earlier offsets hold.
fn apply(text: &str, edits: &[Edit]) -> String {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|edit| std::cmp::Reverse((edit.span.start, edit.span.end)));
    let mut fixed = text.to_owned();
    for edit in edits {
        fixed.replace_range(edit.span.start..edit.span.end, &edit.replacement);
    }
    fixed
}
