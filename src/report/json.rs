//! `--format json`: one object, `{"version": 1, "diagnostics": [...], "summary": {...}}`.
//! The schema is documented in the README; fields are only ever added.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileResult, Summary};
use crate::diagnostic::{Applicability, Diagnostic, Suppression};
use crate::registry::Registry;
use crate::source::SourceFile;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    errors: Vec<JsonFileError<'a>>,
    /// Published notices checked, with what was inferred from each (absent for tenders).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notices: Vec<JsonNotice<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonNotice<'a> {
    file: &'a str,
    ocid: &'a str,
    inferred: &'a [crate::read::ocds::Inference],
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    name: &'a str,
    severity: &'static str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// On a notice, the JSON path of what the finding is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    json_path: Option<&'a str>,
    message: &'a str,
    help: &'a str,
    source: &'a str,
    fix: Option<JsonFix<'a>>,
    suppressed: Option<JsonSuppression<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: Applicability,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    /// Byte offsets into the file as read.
    start: usize,
    end: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonSuppression<'a> {
    kind: &'static str,
    reason: Option<&'a str>,
}

/// A file that could not be checked (exit code 2).
#[derive(Serialize)]
struct JsonFileError<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    help: Option<&'a str>,
}

pub fn print(out: &mut dyn Write, results: &[FileResult]) -> io::Result<()> {
    let registry = Registry::builtin();
    let mut diagnostics = Vec::new();
    let mut errors = Vec::new();
    let mut notices = Vec::new();
    for result in results {
        if let Some(notice) = &result.source.notice {
            notices.push(JsonNotice {
                file: &result.source.name,
                ocid: &notice.ocid,
                inferred: &notice.inferred,
            });
        }
        match &result.outcome {
            Ok(found) => diagnostics.extend(
                found
                    .iter()
                    .map(|diagnostic| to_json(&result.source, diagnostic, registry)),
            ),
            Err(refused) => {
                for error in refused.all() {
                    let position = error.span.map(|span| result.source.line_col(span.start));
                    errors.push(JsonFileError {
                        file: &result.source.name,
                        line: position.map(|(line, _)| line),
                        column: position.map(|(_, column)| column),
                        message: &error.message,
                        help: error.help.as_deref(),
                    });
                }
            }
        }
    }
    let output = Output {
        version: 1,
        diagnostics,
        errors,
        notices,
        summary: Summary::of(results),
    };
    serde_json::to_writer_pretty(&mut *out, &output).map_err(io::Error::other)?;
    writeln!(out)
}

fn to_json<'a>(
    source: &'a SourceFile,
    diagnostic: &'a Diagnostic,
    registry: &'a Registry,
) -> JsonDiagnostic<'a> {
    let meta = registry.get(&diagnostic.rule);
    let (line, column) = source.line_col(diagnostic.span.start);
    let (end_line, end_column) = source.line_col(diagnostic.span.end);
    JsonDiagnostic {
        rule: &diagnostic.rule,
        name: meta.map_or("", |meta| &meta.name),
        severity: diagnostic.severity.as_str(),
        file: &source.name,
        line,
        column,
        end_line,
        end_column,
        json_path: diagnostic.json_path.as_deref(),
        message: &diagnostic.message,
        help: diagnostic
            .help
            .as_deref()
            .or(meta.map(|meta| meta.fix.trim()))
            .unwrap_or(""),
        source: diagnostic
            .source
            .as_deref()
            .or(meta.map(|meta| meta.source.trim()))
            .unwrap_or(""),
        fix: diagnostic.fix.as_ref().map(|fix| JsonFix {
            applicability: fix.applicability,
            edits: fix
                .edits
                .iter()
                .map(|edit| JsonEdit {
                    start: edit.span.start,
                    end: edit.span.end,
                    replacement: &edit.replacement,
                })
                .collect(),
        }),
        suppressed: diagnostic
            .suppressed
            .as_ref()
            .map(|suppression| match suppression {
                Suppression::Justification { reason } => JsonSuppression {
                    kind: "justification",
                    reason: Some(reason),
                },
                Suppression::Inline => JsonSuppression {
                    kind: "inline",
                    reason: None,
                },
            }),
    }
}
