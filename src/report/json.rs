//! `--format json`: one object, `{"version": 1, "diagnostics": [...], "summary": {...}}`.
//! The schema is documented in the README; fields are only ever added.

use std::io::{self, Write};

use serde::Serialize;

use super::json_writer::{Object, write_array};
use super::{FileResult, JsonArray, Printer, Summary, print_all, write_json_nested};
use crate::diagnostic::{Applicability, Diagnostic, Suppression};
use crate::registry::Registry;
use crate::source::SourceFile;

/// A finding, written by [`JsonDiagnostic::write`] (serde's derive only pins that in tests).
#[cfg_attr(test, derive(Serialize))]
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
    #[cfg_attr(test, serde(skip_serializing_if = "Option::is_none"))]
    json_path: Option<&'a str>,
    message: &'a str,
    help: &'a str,
    source: &'a str,
    fix: Option<JsonFix<'a>>,
    suppressed: Option<JsonSuppression<'a>>,
}

impl JsonDiagnostic<'_> {
    /// Writes the finding as serde_json's pretty printer would, its first line indented by
    /// `indent` spaces (see [`super::json_writer`] for why by hand).
    fn write(&self, buffer: &mut Vec<u8>, indent: usize) {
        let mut object = Object::open(buffer, indent);
        object.string("rule", self.rule);
        object.string("name", self.name);
        object.string("severity", self.severity);
        object.string("file", self.file);
        object.scalar("line", &self.line);
        object.scalar("column", &self.column);
        object.scalar("end_line", &self.end_line);
        object.scalar("end_column", &self.end_column);
        if let Some(json_path) = self.json_path {
            object.string("json_path", json_path);
        }
        object.string("message", self.message);
        object.string("help", self.help);
        object.string("source", self.source);
        match &self.fix {
            Some(fix) => {
                let fix_indent = object.field_indent();
                let mut fix_object = Object::open(object.key("fix"), fix_indent);
                fix_object.scalar("applicability", &fix.applicability);
                let edits_indent = fix_object.field_indent();
                write_array(
                    fix_object.key("edits"),
                    edits_indent,
                    &fix.edits,
                    |buffer, edit_indent, edit| {
                        let mut edit_object = Object::open(buffer, edit_indent);
                        edit_object.scalar("start", &edit.start);
                        edit_object.scalar("end", &edit.end);
                        edit_object.string("replacement", edit.replacement);
                        edit_object.close();
                    },
                );
                fix_object.close();
            }
            None => object.null("fix"),
        }
        match &self.suppressed {
            Some(suppressed) => {
                let suppressed_indent = object.field_indent();
                let mut suppressed_object =
                    Object::open(object.key("suppressed"), suppressed_indent);
                suppressed_object.string("kind", suppressed.kind);
                suppressed_object.optional_string("reason", suppressed.reason);
                suppressed_object.close();
            }
            None => object.null("suppressed"),
        }
        object.close();
    }
}

/// A published notice checked, with what was inferred from it.
#[derive(Serialize)]
struct JsonNotice<'a> {
    file: &'a str,
    ocid: &'a str,
    inferred: &'a [crate::read::ocds::Inference],
}

#[cfg_attr(test, derive(Serialize))]
struct JsonFix<'a> {
    applicability: Applicability,
    edits: Vec<JsonEdit<'a>>,
}

#[cfg_attr(test, derive(Serialize))]
struct JsonEdit<'a> {
    /// Byte offsets into the file as read.
    start: usize,
    end: usize,
    replacement: &'a str,
}

#[cfg_attr(test, derive(Serialize))]
struct JsonSuppression<'a> {
    kind: &'static str,
    reason: Option<&'a str>,
}

/// A file that could not be checked (exit code 2). Owned: the errors are written after
/// every finding, so they are kept until the end (a few lines per failed file).
#[derive(Serialize)]
struct JsonFileError {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    help: Option<String>,
}

pub fn print(out: &mut dyn Write, results: &[FileResult]) -> io::Result<()> {
    print_all(&mut Json::default(), out, results)
}

/// `{"version": 1, "diagnostics": [...], "errors": [...], "notices": [...], "summary": {...}}`,
/// pretty-printed, the findings written as each file arrives. `notices` (what was inferred from
/// each published notice) is absent when no notice was checked; its entries are kept
/// serialised, a few hundred bytes a notice, until the findings are done.
#[derive(Default)]
pub struct Json {
    diagnostics: Option<JsonArray>,
    errors: Vec<JsonFileError>,
    notices: Option<(JsonArray, Vec<u8>)>,
}

impl Printer for Json {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "{{\n  \"version\": 1,\n  \"diagnostics\": ")?;
        let diagnostics = JsonArray::new(2);
        diagnostics.open(out)?;
        self.diagnostics = Some(diagnostics);
        Ok(())
    }

    fn file(&mut self, out: &mut dyn Write, result: &FileResult) -> io::Result<()> {
        let registry = Registry::builtin();
        if let Some(notice) = &result.source.notice {
            let (notices, written) = self
                .notices
                .get_or_insert_with(|| (JsonArray::new(2), Vec::new()));
            notices.item(
                written,
                &JsonNotice {
                    file: &result.source.name,
                    ocid: &notice.ocid,
                    inferred: &notice.inferred,
                },
            )?;
        }
        match &result.outcome {
            Ok(found) => {
                let diagnostics = self
                    .diagnostics
                    .as_mut()
                    .expect("start() opens the document");
                for diagnostic in found {
                    let diagnostic = to_json(&result.source, diagnostic, registry);
                    diagnostics.item_written(out, |buffer, indent| {
                        diagnostic.write(buffer, indent);
                        Ok(())
                    })?;
                }
            }
            Err(refused) => {
                for error in refused.all() {
                    let position = error.span.map(|span| result.source.line_col(span.start));
                    self.errors.push(JsonFileError {
                        file: result.source.name.clone(),
                        line: position.map(|(line, _)| line),
                        column: position.map(|(_, column)| column),
                        message: error.message.clone(),
                        help: error.help.clone(),
                    });
                }
            }
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if let Some(diagnostics) = &self.diagnostics {
            diagnostics.close(out)?;
        }
        write!(out, ",\n  \"errors\": ")?;
        let mut errors = JsonArray::new(2);
        errors.open(out)?;
        for error in self.errors.drain(..) {
            errors.item(out, &error)?;
        }
        errors.close(out)?;
        if let Some((notices, written)) = self.notices.take() {
            write!(out, ",\n  \"notices\": ")?;
            notices.open(out)?;
            out.write_all(&written)?;
            notices.close(out)?;
        }
        write!(out, ",\n  \"summary\": ")?;
        write_json_nested(out, summary, 2)?;
        writeln!(out, "\n}}")
    }
}

fn to_json<'a>(
    source: &'a SourceFile,
    diagnostic: &'a Diagnostic,
    registry: &'a Registry,
) -> JsonDiagnostic<'a> {
    let meta = registry.get(&diagnostic.rule);
    let ((line, column), (end_line, end_column)) = source.span_line_cols(diagnostic.span);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_is_written_as_serde_json_writes_it() {
        let awkward = "a \"quoted\" \\ line\nwith\tcontrols \u{1} \u{1f} and é 日本";
        let edits = [
            JsonEdit {
                start: 3,
                end: 17,
                replacement: awkward,
            },
            JsonEdit {
                start: 0,
                end: 0,
                replacement: "",
            },
        ];
        let finding = |json_path, fix, suppressed| JsonDiagnostic {
            rule: "QUAL005",
            name: "some-name",
            severity: "warning",
            file: "dir/a \"file\".yaml",
            line: 1,
            column: 22,
            end_line: 333,
            end_column: 4444,
            json_path,
            message: awkward,
            help: "",
            source: "Regulation 2024/1, art. 3",
            fix,
            suppressed,
        };
        let fix = |applicability, edits: &[JsonEdit<'static>]| {
            Some(JsonFix {
                applicability,
                edits: edits.iter().map(|edit| JsonEdit { ..*edit }).collect(),
            })
        };
        let findings = [
            finding(None, None, None),
            finding(
                Some("$.tender.items[0]"),
                fix(Applicability::Safe, &edits),
                None,
            ),
            finding(
                None,
                fix(Applicability::Unsafe, &[]),
                Some(JsonSuppression {
                    kind: "justification",
                    reason: Some(awkward),
                }),
            ),
            finding(
                None,
                None,
                Some(JsonSuppression {
                    kind: "inline",
                    reason: None,
                }),
            ),
        ];
        for finding in &findings {
            let (mut by_hand, mut by_serde) = (JsonArray::new(2), JsonArray::new(2));
            let (mut written, mut expected) = (Vec::new(), Vec::new());
            by_hand
                .item_written(&mut written, |buffer, indent| {
                    finding.write(buffer, indent);
                    Ok(())
                })
                .unwrap();
            by_serde.item(&mut expected, finding).unwrap();
            assert_eq!(
                String::from_utf8(written).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }
}
