//! Printing results. Printers only format what the engine decided.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
mod json_writer;
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
    /// An empty result left behind where one was taken out.
    pub fn spent() -> Self {
        Self {
            source: SourceFile::new(String::new(), None, String::new()),
            outcome: Ok(Vec::new()),
            fail_on: Severity::Error,
        }
    }

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
/// spaces, as it reads nested in a pretty-printed document.
pub(crate) fn write_json_nested(
    out: &mut dyn Write,
    value: &impl serde::Serialize,
    indent: usize,
) -> io::Result<()> {
    let mut buffer = Vec::new();
    serialize_nested(&mut buffer, value, indent).map_err(io::Error::other)?;
    out.write_all(&buffer)
}

/// Serialises `value` as [`write_json_nested`] writes it, after what `buffer` holds:
/// serde_json writes a token at a time, so into memory, to go out in one write.
fn serialize_nested(
    buffer: &mut Vec<u8>,
    value: &impl serde::Serialize,
    indent: usize,
) -> serde_json::Result<()> {
    let formatter = NestedFormatter {
        indent,
        depth: 0,
        has_value: false,
    };
    value.serialize(&mut serde_json::Serializer::with_formatter(
        buffer, formatter,
    ))
}

/// serde_json's pretty format (`PrettyFormatter`: a line per value, two spaces a level) for a
/// value nested in a pretty-printed document: every line after the first starts `indent`
/// spaces further in.
struct NestedFormatter {
    indent: usize,
    /// Arrays and objects open around the current value.
    depth: usize,
    /// Whether the innermost array or object has a value written.
    has_value: bool,
}

impl NestedFormatter {
    /// `separator` (ending in a line break), then the indentation of the current depth.
    fn new_line<W: ?Sized + Write>(&self, writer: &mut W, separator: &[u8]) -> io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        writer.write_all(separator)?;
        let mut left = self.indent + 2 * self.depth;
        while left > 0 {
            let now = left.min(SPACES.len());
            writer.write_all(&SPACES[..now])?;
            left -= now;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    /// A non-empty array or object closes on a line of its own; an empty one at once: `[]`, `{}`.
    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.new_line(writer, b"\n")?;
        }
        writer.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.new_line(writer, if first { b"\n" } else { b",\n" })
    }
}

impl serde_json::ser::Formatter for NestedFormatter {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// A JSON array written one item at a time, pretty-printed at `indent` spaces:
/// `[]` when empty, as serde_json writes it.
pub(crate) struct JsonArray {
    indent: usize,
    items: usize,
    /// Each item is written into it, with its separator, then out in one write.
    buffer: Vec<u8>,
}

impl JsonArray {
    pub fn new(indent: usize) -> JsonArray {
        JsonArray {
            indent,
            items: 0,
            buffer: Vec::new(),
        }
    }

    /// Writes `[` (call once, where the array starts).
    pub fn open(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"[")
    }

    pub fn item(&mut self, out: &mut dyn Write, value: &impl serde::Serialize) -> io::Result<()> {
        self.item_written(out, |buffer, indent| {
            serialize_nested(buffer, value, indent).map_err(io::Error::other)
        })
    }

    /// An item written by `write` into a buffer (given the item's indentation), then out.
    pub fn item_written(
        &mut self,
        out: &mut dyn Write,
        write: impl FnOnce(&mut Vec<u8>, usize) -> io::Result<()>,
    ) -> io::Result<()> {
        // The separator and the item's indentation go out with the item, in its buffer.
        self.buffer.clear();
        self.buffer
            .extend_from_slice(if self.items == 0 { b"\n" } else { b",\n" });
        let indent = self.indent + 2;
        self.buffer.resize(self.buffer.len() + indent, b' ');
        self.items += 1;
        write(&mut self.buffer, indent)?;
        out.write_all(&self.buffer)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_json_is_serde_json_s_pretty_json_indented() {
        let value = serde_json::json!({
            "empty array": [],
            "empty object": {},
            "text": "line\nbreak \"quoted\" \u{1b} é",
            "numbers": [1, -2.5, null, true],
            "deep": [[[{"a": [{}], "b": {"c": []}}]]],
        });
        for indent in [0, 2, 6, 70] {
            let pretty = serde_json::to_string_pretty(&value).unwrap();
            let expected = pretty.replace('\n', &format!("\n{}", " ".repeat(indent)));
            let mut out = Vec::new();
            write_json_nested(&mut out, &value, indent).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
        let mut array = JsonArray::new(2);
        let mut out = Vec::new();
        array.open(&mut out).unwrap();
        for item in [&value, &serde_json::json!([]), &value] {
            array.item(&mut out, item).unwrap();
        }
        array.close(&mut out).unwrap();
        let items = serde_json::json!([value, [], value]);
        let expected = serde_json::to_string_pretty(&items)
            .unwrap()
            .replace('\n', "\n  ");
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}
