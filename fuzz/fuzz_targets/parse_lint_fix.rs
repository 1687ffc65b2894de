//! Arbitrary bytes through the whole pipeline: decode, parse, lint, print (every format),
//! then every fix applied to the text on its own and the result parsed and linted again,
//! then the fix engine (`--fix --unsafe-fixes`) over the whole file.
//!
//! Invariants: nothing panics; every finding and edit lies inside the file on character
//! boundaries; a fix's edits do not overlap; and what tests/fix_property.rs checks of the
//! engine: the fixed file still parses as a tender, every comment line survives, no rule
//! has more warnings or errors than before, the passes settled (a second run changes
//! nothing), and every fixable finding left is reported unfixed with its rule. (The
//! engine may refuse a fix it cannot verify: that is its documented, graceful outcome.)

#![no_main]

use std::collections::HashMap;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tenderlint::diagnostic::{Diagnostic, Edit, Severity};
use tenderlint::fix::{FixOptions, Fixed, fix_source};
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
                if let Err(error) = lint_source(&fixed, settings())
                    && !relies_on_lenient_indentation(text)
                {
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
    if let (Ok(before), Ok(fixed)) = (&outcome, fix_source(&source, settings(), &options)) {
        check_engine(text, before, &fixed);
    }
    let results = [FileResult {
        source,
        outcome,
        fail_on: Severity::Error,
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

fn check_engine(original: &str, before: &[Diagnostic], fixed: &Fixed) {
    let text = &fixed.source.text;
    assert!(
        tenderlint::parse::parse_tender(&fixed.source).is_ok(),
        "the fix engine produced a file that does not parse:\n{text}"
    );
    let kept: Vec<&str> = text.lines().map(str::trim).collect();
    for line in original.lines().map(str::trim) {
        assert!(
            !line.starts_with('#') || kept.contains(&line),
            "the fixes lost the comment line {line:?}\n--- before\n{original}\n--- after\n{text}"
        );
    }
    let serious = |diagnostics: &[Diagnostic]| {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for diagnostic in diagnostics {
            if diagnostic.suppressed.is_none() && diagnostic.severity >= Severity::Warning {
                *counts.entry(diagnostic.rule.clone()).or_default() += 1;
            }
        }
        counts
    };
    let counts = serious(before);
    for (rule, count) in serious(&fixed.remaining) {
        assert!(
            count <= counts.get(&rule).copied().unwrap_or(0),
            "the fixes brought a new {rule} finding\n--- before\n{original}\n--- after\n{text}"
        );
    }
    let options = FixOptions { unsafe_fixes: true };
    for diagnostic in fixed.remaining.iter().filter(|d| options.would_fix(d)) {
        assert!(
            fixed.unfixed.iter().any(|unfixed| unfixed.rule == diagnostic.rule),
            "{} is neither fixed nor reported unfixed",
            diagnostic.rule
        );
    }
    if let Ok(again) = fix_source(&fixed.source, settings(), &options) {
        assert_eq!(
            &again.source.text, text,
            "the passes did not settle: a second run changed the text\n--- before\n{original}"
        );
    }
}

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

/// Whether a multi-line flow collection or quoted scalar continues on a line indented no
/// deeper than the line it opened on. YAML forbids that, but the parser accepts it (the YAML
/// Test Suite's 9C9N, QB6E, DK95-01), and text edits that place keys by indentation are then
/// misled. The fix engine verifies every fix and refuses such a result, leaving the file as it
/// was, so here it is not a finding.
fn relies_on_lenient_indentation(text: &str) -> bool {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut opened_at: Option<usize> = None;
    for line in text.lines() {
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if let Some(opener) = opened_at
            && !content.is_empty()
            && indent <= opener
        {
            return true;
        }
        let mut previous = None;
        let mut chars = content.chars().peekable();
        while let Some(c) = chars.next() {
            match quote {
                Some('"') if c == '\\' => {
                    chars.next();
                }
                Some(open) if c == open => quote = None,
                Some(_) => {}
                None => match c {
                    '#' if previous.is_none_or(char::is_whitespace) => break,
                    '"' | '\'' if previous.is_none_or(|p: char| " \t:-[{,?".contains(p)) => {
                        quote = Some(c)
                    }
                    '{' | '[' => depth += 1,
                    '}' | ']' => depth = depth.saturating_sub(1),
                    _ => {}
                },
            }
            previous = Some(c);
        }
        if depth == 0 && quote.is_none() {
            opened_at = None;
        } else if opened_at.is_none() {
            opened_at = Some(indent);
        }
    }
    false
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
