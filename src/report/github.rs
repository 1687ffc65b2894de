//! `--format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request's diff:
//! `::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=ID name::message`.
//!
//! Severity maps error → `::error`, warning → `::warning`, info → `::notice`; a
//! justified or inline-suppressed finding is a notice carrying its reason, as in the
//! human output. Files that could not be checked are `::error` annotations on the file
//! (and line, when known). Values are escaped as the runner expects: in the message
//! `%`, CR and LF (and other control characters); in properties also `:` and `,`.

use std::io::{self, Write};

use super::{FileResult, Printer, Summary, displayed, error_line, print_all};
use crate::diagnostic::Severity;
use crate::registry::Registry;

pub fn print(out: &mut dyn Write, results: &[FileResult]) -> io::Result<()> {
    print_all(&mut Github, out, results)
}

pub struct Github;

impl Printer for Github {
    fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, out: &mut dyn Write, result: &FileResult) -> io::Result<()> {
        let registry = Registry::builtin();
        let source = &result.source;
        match &result.outcome {
            Ok(diagnostics) => {
                for diagnostic in diagnostics {
                    let ((line, column), (end_line, end_column)) =
                        source.span_line_cols(diagnostic.span);
                    let (severity, message) = displayed(diagnostic);
                    let title = match registry.get(&diagnostic.rule) {
                        Some(meta) => format!("{} {}", diagnostic.rule, meta.name),
                        None => diagnostic.rule.to_string(),
                    };
                    writeln!(
                        out,
                        "::{} file={},line={line},col={column},endLine={end_line},endColumn={end_column},title={}::{}",
                        command(severity),
                        escape_property(&source.name),
                        escape_property(&title),
                        escape_data(&message)
                    )?;
                }
            }
            Err(errors) => {
                for error in errors.all() {
                    let position = match error.span {
                        Some(span) => {
                            let (line, column) = source.line_col(span.start);
                            format!(",line={line},col={column}")
                        }
                        None => String::new(),
                    };
                    writeln!(
                        out,
                        "::error file={}{position},title={}::{}",
                        escape_property(&source.name),
                        escape_property("tenderlint could not check this file"),
                        escape_data(&error_line(error))
                    )?;
                }
            }
        }
        Ok(())
    }

    /// Annotations only: the runner counts them.
    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Escapes a message (the text after `::`): `%`, CR and LF as the runner decodes them, and
/// any other control character (which the runner leaves alone) percent-encoded too, so it
/// cannot reach a terminal or log viewer.
pub fn escape_data(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => escaped.push_str("%25"),
            c if c.is_control() && u32::from(c) < 0x100 => {
                escaped.push_str(&format!("%{:02X}", u32::from(c)));
            }
            c => escaped.push(c),
        }
    }
    escaped
}

/// Escapes a property value (`file=`, `title=`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(escape_data("50% off\r\nnext"), "50%25 off%0D%0Anext");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A".to_owned());
        // `%` first, so the escapes themselves are not escaped again.
        assert_eq!(escape_property("%3A"), "%253A");
        assert_eq!(escape_data("a\u{1b}[31mb\tc"), "a%1B[31mb%09c");
    }
}
