//! `--format concise`: one line per finding, `path:line:col: severity[ID] message`,
//! the shape editors' problem matchers and `grep` expect. Files that could not be
//! checked read `path:line:col: error: message` (`path: error: message` when the
//! problem has no place in the file). The closing summary follows unless `--quiet`.

use std::io::{self, Write};

use super::human::summary_line;
use super::{FileResult, Printer, Summary, display_name, displayed, error_line, print_all};

pub fn print(out: &mut dyn Write, results: &[FileResult], quiet: bool) -> io::Result<()> {
    print_all(&mut Concise { quiet }, out, results)
}

pub struct Concise {
    /// Only the findings: no closing summary.
    pub quiet: bool,
}

impl Printer for Concise {
    fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, out: &mut dyn Write, result: &FileResult) -> io::Result<()> {
        let source = &result.source;
        let name = display_name(&source.name);
        match &result.outcome {
            Ok(diagnostics) => {
                for diagnostic in diagnostics {
                    let (line, column) = source.line_col(diagnostic.span.start);
                    let (severity, message) = displayed(diagnostic);
                    writeln!(
                        out,
                        "{}:{line}:{column}: {}[{}] {}",
                        name,
                        severity.as_str(),
                        diagnostic.rule,
                        one_line(&message)
                    )?;
                }
            }
            Err(errors) => {
                for error in errors.all() {
                    match error.span {
                        Some(span) => {
                            let (line, column) = source.line_col(span.start);
                            writeln!(
                                out,
                                "{}:{line}:{column}: error: {}",
                                name,
                                one_line(&error_line(error))
                            )?;
                        }
                        None => writeln!(out, "{}: error: {}", name, one_line(&error_line(error)))?,
                    }
                }
            }
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if !self.quiet {
            writeln!(out, "{}", summary_line(summary))?;
        }
        Ok(())
    }
}

/// Keeps one finding on one line whatever its message holds.
fn one_line(text: &str) -> String {
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
