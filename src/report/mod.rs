//! Printing results. Printers only format what the engine decided.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod rules_doc;
pub mod sarif;

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::parse::ParseError;
use crate::source::SourceFile;

/// The outcome of checking one file.
#[derive(Debug, Clone)]
pub struct FileResult {
    pub source: SourceFile,
    /// The findings, or why the file could not be checked.
    pub outcome: Result<Vec<Diagnostic>, ParseError>,
    /// Findings at or above this severity fail the run (from the file's configuration).
    pub fail_on: Severity,
}

impl FileResult {
    pub fn diagnostics(&self) -> &[Diagnostic] {
        self.outcome.as_deref().unwrap_or(&[])
    }
}

/// Totals over a run, as printed in the closing line and the JSON `summary`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    /// Files that could not be read or parsed.
    pub files_failed: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings justified or suppressed inline; not counted above.
    pub suppressed: usize,
    /// Findings `--fix` would repair (safe fixes).
    pub fixable: usize,
    /// Further findings `--fix --unsafe-fixes` would repair.
    pub unsafe_fixable: usize,
}

impl Summary {
    pub fn of(results: &[FileResult]) -> Summary {
        let mut summary = Summary {
            files: results.len(),
            ..Summary::default()
        };
        for result in results {
            if result.outcome.is_err() {
                summary.files_failed += 1;
            }
            for diagnostic in result.diagnostics() {
                if diagnostic.suppressed.is_some() {
                    summary.suppressed += 1;
                    continue;
                }
                match diagnostic.severity {
                    Severity::Error => summary.errors += 1,
                    Severity::Warning => summary.warnings += 1,
                    Severity::Info => summary.infos += 1,
                }
                match diagnostic.fix.as_ref().map(|fix| fix.applicability) {
                    Some(Applicability::Safe) => summary.fixable += 1,
                    Some(Applicability::Unsafe) => summary.unsafe_fixable += 1,
                    None => {}
                }
            }
        }
        summary
    }
}

/// Sorts results by file name so output never depends on walk or thread order.
pub fn sort_results(results: &mut [FileResult]) {
    results.sort_by(|a, b| a.source.name.cmp(&b.source.name));
}

/// How a finding reads in the line-oriented formats (concise, GitHub): as in the
/// human output, a justified or inline-suppressed finding is shown as info, with
/// the reason, and never counts against the run.
pub fn displayed(diagnostic: &Diagnostic) -> (Severity, String) {
    match &diagnostic.suppressed {
        None => (diagnostic.severity, diagnostic.message.clone()),
        Some(crate::diagnostic::Suppression::Justification { reason }) => (
            Severity::Info,
            format!("{} (justified: \"{reason}\")", diagnostic.message),
        ),
        Some(crate::diagnostic::Suppression::Inline) => (
            Severity::Info,
            format!("{} (suppressed inline)", diagnostic.message),
        ),
    }
}

/// A parse error in one line: the message, then its help when there is one.
pub fn error_line(error: &ParseError) -> String {
    match &error.help {
        Some(help) => format!("{}; {help}", error.message),
        None => error.message.clone(),
    }
}
