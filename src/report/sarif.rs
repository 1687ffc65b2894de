//! `--format sarif`: SARIF 2.1.0 (OASIS), for GitHub code scanning and other
//! static-analysis dashboards.
//!
//! One run. The driver lists every built-in rule as a `reportingDescriptor`
//! (summary, what it checks, help = fix + why + source, default level, and a
//! `helpUri` into `docs/rules.md`). Each finding is a result at its region;
//! fixes are byte-range `replacements`; justified findings carry an `external`
//! suppression with the buyer's reason and inline-suppressed ones an `inSource`
//! suppression. Files that could not be read or parsed are error notifications
//! in `invocations[0].toolExecutionNotifications`. Columns count Unicode code points
//! (`columnKind`); byte offsets index the file as read.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::rules_doc::{fix_applicability, help_uri};
use super::{FileResult, JsonArray, Printer, Summary, print_all, write_json_nested};
use crate::diagnostic::{Applicability, Diagnostic, Severity, Suppression};
use crate::parse::ParseError;
use crate::registry::{Registry, RuleMeta};
use crate::source::SourceFile;
use crate::span::Span;

/// The official OASIS schema (errata 01) that the output is tested against.
pub const SARIF_SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

const INFORMATION_URI: &str = "https://github.com/tenderlint/tenderlint";

pub fn print(out: &mut dyn Write, results: &[FileResult]) -> io::Result<()> {
    print_all(&mut Sarif::new(Registry::builtin()), out, results)
}

/// The SARIF log for one run over `results`: the document [`Sarif`] prints, read back.
pub fn log(results: &[FileResult], registry: &Registry) -> Value {
    let mut document = Vec::new();
    print_all(&mut Sarif::new(registry), &mut document, results)
        .expect("writing to memory cannot fail");
    serde_json::from_slice(&document).expect("the printer writes valid JSON")
}

/// SARIF 2.1.0, one run: the tool and its rules first, then each file's results as it
/// arrives, then the invocation, whose notifications (files that could not be checked)
/// are kept until the end.
pub struct Sarif<'a> {
    registry: &'a Registry,
    rules: Vec<&'a RuleMeta>,
    results: JsonArray,
    notifications: Vec<Value>,
}

impl<'a> Sarif<'a> {
    pub fn new(registry: &'a Registry) -> Sarif<'a> {
        Sarif {
            registry,
            rules: registry.rules().collect(),
            results: JsonArray::new(6),
            notifications: Vec::new(),
        }
    }
}

impl Printer for Sarif<'_> {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let tool = json!({
            "driver": {
                "name": "tenderlint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": INFORMATION_URI,
                "rules": self.rules.iter().map(|rule| descriptor(rule, self.registry)).collect::<Vec<_>>(),
            }
        });
        write!(
            out,
            "{{\n  \"$schema\": {},\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": ",
            json!(SARIF_SCHEMA)
        )?;
        write_json_nested(out, &tool, 6)?;
        write!(
            out,
            ",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": "
        )?;
        self.results.open(out)
    }

    fn file(&mut self, out: &mut dyn Write, result: &FileResult) -> io::Result<()> {
        match &result.outcome {
            Ok(diagnostics) => {
                for diagnostic in diagnostics {
                    self.results
                        .item(out, &to_result(&result.source, diagnostic, &self.rules))?;
                }
            }
            Err(error) => self
                .notifications
                .extend(error.all().map(|error| notification(&result.source, error))),
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        self.results.close(out)?;
        let invocations = json!([{
            "executionSuccessful": self.notifications.is_empty(),
            "toolExecutionNotifications": std::mem::take(&mut self.notifications),
        }]);
        write!(out, ",\n      \"invocations\": ")?;
        write_json_nested(out, &invocations, 6)?;
        writeln!(out, "\n    }}\n  ]\n}}")
    }
}

fn descriptor(rule: &RuleMeta, registry: &Registry) -> Value {
    let family = registry
        .families
        .iter()
        .find(|family| family.rules.iter().any(|other| other.id == rule.id))
        .map_or("", |family| family.title.as_str());
    let fix = paragraph(&rule.fix);
    let why = paragraph(&rule.why);
    let source = crate::scope::source_summary(rule);
    json!({
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": paragraph(&rule.summary)},
        "fullDescription": {"text": paragraph(&rule.what)},
        "help": {
            "text": format!("{fix}\n\nWhy: {why}\n\nSource: {source}"),
            "markdown": format!("{fix}\n\n**Why it matters.** {why}\n\n**Source.** {source}"),
        },
        "helpUri": help_uri(rule),
        "defaultConfiguration": {"level": level(rule.severity)},
        "properties": {
            "tags": [family],
            "scope": crate::scope::scope_summary(rule),
            "fix": fix_applicability(rule),
        },
    })
}

fn to_result(source: &SourceFile, diagnostic: &Diagnostic, rules: &[&RuleMeta]) -> Value {
    // A notice is named `FILE#ocid`; its artifact is the file.
    let uri = match (&source.notice, &source.path) {
        (Some(_), Some(path)) => artifact_uri(&path.display().to_string()),
        _ => artifact_uri(&source.name),
    };
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let mut result = json!({
        "ruleId": diagnostic.rule,
        "level": level(diagnostic.severity),
        "message": {"text": message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": region(source, diagnostic.span),
            }
        }],
    });
    if let Some(path) = &diagnostic.json_path {
        result["locations"][0]["logicalLocations"] =
            json!([{"fullyQualifiedName": path, "kind": "member"}]);
    }
    let fields = result.as_object_mut().expect("a JSON object");
    if let Some(cited) = &diagnostic.source {
        fields.insert("properties".to_owned(), json!({"source": cited}));
    }
    if let Some(index) = rules.iter().position(|rule| rule.id == diagnostic.rule) {
        fields.insert("ruleIndex".to_owned(), json!(index));
    }
    if let Some(fix) = &diagnostic.fix {
        let description = diagnostic.help.clone().unwrap_or_else(|| {
            rules
                .iter()
                .find(|rule| rule.id == diagnostic.rule)
                .map_or_else(String::new, |rule| paragraph(&rule.fix))
        });
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|edit| {
                let mut replacement = json!({
                    "deletedRegion": {
                        "byteOffset": edit.span.start,
                        "byteLength": edit.span.len(),
                    }
                });
                if !edit.replacement.is_empty() {
                    replacement["insertedContent"] = json!({"text": edit.replacement});
                }
                replacement
            })
            .collect();
        fields.insert(
            "fixes".to_owned(),
            json!([{
                "description": {"text": description},
                "artifactChanges": [{
                    "artifactLocation": {"uri": uri},
                    "replacements": replacements,
                }],
                "properties": {"applicability": match fix.applicability {
                    Applicability::Safe => "safe",
                    Applicability::Unsafe => "unsafe",
                }},
            }]),
        );
    }
    if let Some(suppression) = &diagnostic.suppressed {
        let suppression = match suppression {
            Suppression::Justification { reason } => json!({
                "kind": "external",
                "status": "accepted",
                "justification": reason,
            }),
            Suppression::Inline => json!({"kind": "inSource", "status": "accepted"}),
        };
        fields.insert("suppressions".to_owned(), json!([suppression]));
    }
    result
}

/// A file that could not be checked: an error notification, located when possible.
fn notification(source: &SourceFile, error: &ParseError) -> Value {
    let mut text = format!("{}: {}", source.name, error.message);
    if let Some(help) = &error.help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    let mut location = json!({"artifactLocation": {"uri": artifact_uri(&source.name)}});
    if let Some(span) = error.span {
        location["region"] = region(source, span);
    }
    json!({
        "level": "error",
        "message": {"text": text},
        "locations": [{"physicalLocation": location}],
    })
}

/// Line and column (1-based, code points, end exclusive) plus the byte range.
fn region(source: &SourceFile, span: Span) -> Value {
    let ((start_line, start_column), (end_line, end_column)) = source.span_line_cols(span);
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "byteOffset": span.start,
        "byteLength": span.len(),
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The path as given, as a relative URI reference: `/` separators, no leading `./`,
/// and anything a URI cannot hold percent-encoded. Absolute paths become `file://` URIs.
pub fn artifact_uri(path: &str) -> String {
    let mut path = path.replace('\\', "/");
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.trim_start_matches('/').to_owned();
    }
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && &bytes[1..3] == b":/";
    let encoded = percent_encode(&path, drive);
    if drive {
        format!("file:///{encoded}")
    } else if path.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

/// Percent-encodes all but RFC 3986's unreserved and sub-delimiter characters and `/`.
/// A colon is kept only as a Windows drive letter's (`drive`): in the first segment of
/// a relative reference it would read as a scheme.
fn percent_encode(path: &str, drive: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for (index, byte) in path.bytes().enumerate() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || matches!(byte, b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+')
            || matches!(byte, b',' | b';' | b'=' | b'@')
            || (byte == b':' && drive && index == 1);
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A metadata text as one paragraph (its hard line breaks become spaces).
fn paragraph(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            artifact_uri("examples/ok.tender.yaml"),
            "examples/ok.tender.yaml"
        );
        assert_eq!(artifact_uri("./a/b c.tender.yaml"), "a/b%20c.tender.yaml");
        assert_eq!(artifact_uri("a\\b.tender.yaml"), "a/b.tender.yaml");
        assert_eq!(
            artifact_uri("/tmp/x.tender.yaml"),
            "file:///tmp/x.tender.yaml"
        );
        assert_eq!(artifact_uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(artifact_uri("é.yaml"), "%C3%A9.yaml");
        assert_eq!(artifact_uri("a:b.yaml"), "a%3Ab.yaml");
        assert_eq!(artifact_uri("C:\\t\\x.yaml"), "file:///C:/t/x.yaml");
    }
}
