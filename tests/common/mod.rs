//! Helpers shared by the integration tests that read the whole corpus of tenders.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use tenderlint::diagnostic::Severity;
use tenderlint::lint::lint_source;
use tenderlint::model::Date;
use tenderlint::parse::ParseError;
use tenderlint::report::FileResult;
use tenderlint::settings::Settings;
use tenderlint::source::SourceFile;

pub const BIN: &str = env!("CARGO_BIN_EXE_tenderlint");

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A corpus in `../shared/corpora` (`uk-notices`, `yaml-test-suite`), read in place; `None` when
/// it is absent (tests that need it skip). `TENDERLINT_CORPORA` names another folder; a git
/// worktree sits one level deeper than the checkout.
pub fn shared_corpus(name: &str) -> Option<PathBuf> {
    std::env::var_os("TENDERLINT_CORPORA")
        .map(PathBuf::from)
        .into_iter()
        .chain([
            root().join("../shared/corpora"),
            root().join("../../shared/corpora"),
        ])
        .map(|corpora| corpora.join(name))
        .find(|dir| dir.join("index.tsv").is_file())
}

/// The fixtures' run date, so undated tenders do not change with the calendar.
pub fn settings() -> Settings {
    Settings::defaults(Date::from_ymd(2026, 6, 1).expect("valid date"))
}

/// Every tender in the repository: `tests/fixtures/*/*.tender.yaml` and, when the
/// directory exists, `examples/**/*.tender.y{a,}ml`. Relative to the repository root, sorted.
pub fn corpus() -> Vec<PathBuf> {
    let mut files = Vec::new();
    collect(&root().join("tests/fixtures"), &mut files);
    collect(&root().join("examples"), &mut files);
    let mut files: Vec<PathBuf> = files
        .into_iter()
        .map(|path| {
            path.strip_prefix(root())
                .expect("under the root")
                .to_path_buf()
        })
        .collect();
    files.sort();
    assert!(
        files.len() >= 2,
        "expected tenders under tests/fixtures, found {files:?}"
    );
    files
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| name.ends_with(".tender.yaml") || name.ends_with(".tender.yml"))
        {
            files.push(path);
        }
    }
}

/// Lints `text` as the file `name`, as `tenderlint check` would.
pub fn lint(name: &str, text: &str) -> FileResult {
    let source = SourceFile::new(name, None, text.to_owned());
    let outcome = lint_source(&source, &settings());
    FileResult {
        source,
        outcome,
        fail_on: Severity::Error,
    }
}

/// Lints a corpus file, named by its path relative to the repository root.
pub fn lint_file(relative: &Path) -> FileResult {
    let text = std::fs::read_to_string(root().join(relative)).expect("readable tender");
    lint(&relative.to_string_lossy().replace('\\', "/"), &text)
}

/// A file that could not be read at all: no text, no location.
pub fn unreadable(name: &str, message: &str) -> FileResult {
    FileResult {
        source: SourceFile::new(name, None, String::new()),
        outcome: Err(ParseError::new(message, None, None)),
        fail_on: Severity::Error,
    }
}

/// A small set of tenders that exercise everything a printer must render: findings of
/// every severity, a fix, a justified and an inline-suppressed finding, a message and a
/// path that need escaping, a parse error with a location and help, and an unreadable file.
pub fn showcase() -> Vec<FileResult> {
    vec![
        lint(
            "tenders/council, cleaning: 50%.tender.yaml",
            "# A council cleaning contract with departures, one justified, one suppressed.\n\
             tender:\n  \
               buyer: {name: Example Council, kind: local_government}\n  \
               value: {total: \"£600k\"}\n  \
               contract: {duration_months: 24}\n  \
               no_lots_reason: \"One site, one team.\"\n  \
               suitability: {sme: true}\n  \
               market_engagement: {held: true, format: online, notice_date: 2026-05-01}\n  \
               conditions_of_participation:\n    \
                 years_trading: 5\n    \
                 consortia_allowed: false  # tenderlint: ignore[QUAL009]\n  \
               payment:\n    \
                 terms_days: 60\n    \
                 retention_percent: 5\n  \
               justifications:\n    \
                 QUAL006: \"Regulated care: the regulator asks for five years of inspection history.\"\n",
        ),
        lint(
            "tenders/typo.tender.yaml",
            "tender:\n  payment:\n    terms_day: 30\n",
        ),
        unreadable("tenders/missing.tender.yaml", "no such file or directory"),
    ]
}

/// The files of the findings in a JSON report that `wanted` keeps, in output order.
pub fn files_with(
    json: &serde_json::Value,
    wanted: impl Fn(&serde_json::Value) -> bool,
) -> Vec<&str> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .filter(|diagnostic| wanted(diagnostic))
        .map(|diagnostic| diagnostic["file"].as_str().expect("a file name"))
        .collect()
}
