//! Printing results. Printers only format what the engine decided.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod rules_doc;
pub mod sarif;
pub mod statistics;

use std::io::{self, Write};

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
        let mut summary = Summary::default();
        for result in results {
            summary.add(result);
        }
        summary
    }

    /// Counts one more file's result.
    pub fn add(&mut self, result: &FileResult) {
        self.files += 1;
        if result.outcome.is_err() {
            self.files_failed += 1;
        }
        for diagnostic in result.diagnostics() {
            if diagnostic.suppressed.is_some() {
                self.suppressed += 1;
                continue;
            }
            match diagnostic.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
            match diagnostic.fix.as_ref().map(|fix| fix.applicability) {
                Some(Applicability::Safe) => self.fixable += 1,
                Some(Applicability::Unsafe) => self.unsafe_fixable += 1,
                None => {}
            }
        }
    }
}

/// An output format, written file by file as results arrive (in sorted order), so a run
/// holds only the files being checked and the counts, however many files it has.
pub trait Printer {
    /// Before the first file: a document's opening.
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()>;
    /// One file's findings, or why it could not be checked.
    fn file(&mut self, out: &mut dyn Write, result: &FileResult) -> io::Result<()>;
    /// After the last file: the closing summary, a document's end.
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

/// Prints results already in hand (sorted) through `printer`.
pub fn print_all(
    printer: &mut dyn Printer,
    out: &mut dyn Write,
    results: &[FileResult],
) -> io::Result<()> {
    printer.start(out)?;
    for result in results {
        printer.file(out, result)?;
    }
    printer.finish(out, &Summary::of(results))
}

/// Writes `value` as pretty JSON with every line after the first indented by `indent`
/// spaces, as it reads nested in a pretty-printed document (JSON strings hold no raw
/// line breaks, so splitting at them is safe).
pub(crate) fn write_json_nested(
    out: &mut dyn Write,
    value: &impl serde::Serialize,
    indent: usize,
) -> io::Result<()> {
    // serde_json writes a token at a time: into a buffer, then indented in one write.
    // It escapes line breaks inside strings, so each `\n` in its output starts a line.
    let mut pretty = Vec::with_capacity(512);
    serde_json::to_writer_pretty(&mut pretty, value).map_err(io::Error::other)?;
    let mut indented = Vec::with_capacity(pretty.len() + pretty.len() / 8 * indent);
    for (index, line) in pretty.split(|&byte| byte == b'\n').enumerate() {
        if index > 0 {
            indented.push(b'\n');
            indented.resize(indented.len() + indent, b' ');
        }
        indented.extend_from_slice(line);
    }
    out.write_all(&indented)
}

/// A JSON array written one item at a time, pretty-printed at `indent` spaces:
/// `[]` when empty, as serde_json writes it.
pub(crate) struct JsonArray {
    indent: usize,
    items: usize,
}

impl JsonArray {
    pub fn new(indent: usize) -> JsonArray {
        JsonArray { indent, items: 0 }
    }

    /// Writes `[` (call once, where the array starts).
    pub fn open(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"[")
    }

    pub fn item(&mut self, out: &mut dyn Write, value: &impl serde::Serialize) -> io::Result<()> {
        let separator = if self.items == 0 { "" } else { "," };
        write!(out, "{separator}\n{}", " ".repeat(self.indent + 2))?;
        self.items += 1;
        write_json_nested(out, value, self.indent + 2)
    }

    pub fn close(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.items == 0 {
            out.write_all(b"]")
        } else {
            write!(out, "\n{}]", " ".repeat(self.indent))
        }
    }
}

/// A file name as the text formats show it: control characters (a newline, an escape)
/// written as Rust escapes (`\n`, `\u{1b}`), so a name can neither break a line
/// apart nor drive the terminal.
pub fn display_name(name: &str) -> std::borrow::Cow<'_, str> {
    if !name.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(name);
    }
    let escaped = name
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_debug().to_string()
            } else {
                c.to_string()
            }
        })
        .collect();
    std::borrow::Cow::Owned(escaped)
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
