//! Human output: rustc-style snippets rendered by miette, then a closing summary.

use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan,
    MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::{FileResult, Printer, Summary, display_name, print_all};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::registry::Registry;
use crate::source::SourceFile;
use crate::span::Span;

pub struct HumanOptions {
    pub color: bool,
    /// Only the findings: no closing summary.
    pub quiet: bool,
    /// Also what was inferred from each published notice, and from what.
    pub verbose: bool,
}

/// Width used for wrapping, fixed so output does not depend on the terminal.
const WIDTH: usize = 100;

/// Lines longer than this (in bytes) are not quoted in snippets: a hostile file with a
/// multi-megabyte line would otherwise be copied to the terminal in full.
const MAX_QUOTED_LINE: usize = 1_000;

pub fn print(
    out: &mut dyn Write,
    results: &[FileResult],
    options: &HumanOptions,
) -> io::Result<()> {
    print_all(&mut Human::new(options), out, results)
}

pub struct Human {
    handler: GraphicalReportHandler,
    quiet: bool,
    verbose: bool,
}

impl Human {
    pub fn new(options: &HumanOptions) -> Human {
        let theme = if options.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(WIDTH)
            .with_links(false);
        Human {
            handler,
            quiet: options.quiet,
            verbose: options.verbose,
        }
    }
}

impl Printer for Human {
    fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, out: &mut dyn Write, result: &FileResult) -> io::Result<()> {
        let registry = Registry::builtin();
        if self.verbose
            && let Some(notice) = &result.source.notice
        {
            for inference in &notice.inferred {
                writeln!(
                    out,
                    "{}: inferred {} = {} (from {})",
                    display_name(&result.source.name),
                    inference.field,
                    inference.value,
                    inference.from
                )?;
            }
        }
        match &result.outcome {
            Ok(diagnostics) => {
                for diagnostic in diagnostics {
                    render(
                        out,
                        &self.handler,
                        &finding(&result.source, diagnostic, registry).fit(),
                    )?;
                }
            }
            Err(errors) => {
                for error in errors.all() {
                    let report = Report {
                        source: &result.source,
                        message: match error.span {
                            Some(_) => error.message.clone(),
                            None => {
                                format!("{}: {}", display_name(&result.source.name), error.message)
                            }
                        },
                        code: None,
                        severity: Severity::Error,
                        label: error.span.map(|span| (span, "here".to_owned())),
                        help: error.help.clone(),
                    };
                    render(out, &self.handler, &report.fit())?;
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

fn finding<'a>(source: &'a SourceFile, diagnostic: &Diagnostic, registry: &Registry) -> Report<'a> {
    let meta = registry.get(&diagnostic.rule);
    let name = meta.map_or("", |meta| meta.name.as_str());
    let mut help = diagnostic
        .help
        .clone()
        .or_else(|| meta.map(|meta| meta.fix.trim().to_owned()))
        .unwrap_or_default();
    if let Some(fix) = &diagnostic.fix {
        help.push_str(&format!(" ({})", describe_fix(source, fix)));
    }
    if let Some(meta) = meta {
        help.push_str(&format!(
            "\nsource: {}",
            diagnostic.source.as_deref().unwrap_or(meta.source.trim())
        ));
    }
    // The same label as every line-oriented format.
    let (severity, message) = super::displayed(diagnostic);
    Report {
        source,
        message,
        code: Some(format!("{}[{}] {name}", severity.as_str(), diagnostic.rule)),
        severity,
        label: Some((diagnostic.span, name.to_owned())),
        help: Some(help),
    }
}

/// `fix: replace `60` with `30``, `unsafe fix: insert `terms_days: 30``: the edits in brief.
fn describe_fix(source: &SourceFile, fix: &Fix) -> String {
    let label = match fix.applicability {
        Applicability::Safe => "fix",
        Applicability::Unsafe => "unsafe fix",
    };
    let edits: Vec<String> = fix
        .edits
        .iter()
        .map(|edit| {
            let old = one_line(source.slice(edit.span));
            let new = one_line(&edit.replacement);
            match (old.is_empty(), new.is_empty()) {
                (true, _) => format!("insert `{new}`"),
                (false, true) => format!("delete `{old}`"),
                (false, false) => format!("replace `{old}` with `{new}`"),
            }
        })
        .collect();
    format!("{label}: {}", edits.join("; "))
}

/// Multi-line edit text on one line: trimmed lines joined by ` ↵ `.
fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ↵ ")
}

fn render(
    out: &mut dyn Write,
    handler: &GraphicalReportHandler,
    report: &Report,
) -> io::Result<()> {
    let mut text = String::new();
    handler
        .render_report(&mut text, report)
        .map_err(io::Error::other)?;
    // A blank line between reports, as rustc prints them.
    text.push('\n');
    out.write_all(text.as_bytes())
}

/// `3 errors, 2 warnings in 4 files; 2 fixable with --fix`.
pub fn summary_line(summary: &Summary) -> String {
    let plural =
        |count: usize, word: &str| format!("{count} {word}{}", if count == 1 { "" } else { "s" });
    let files = plural(summary.files, "file");
    if summary.errors + summary.warnings + summary.infos + summary.files_failed == 0 {
        let suppressed = match summary.suppressed {
            0 => String::new(),
            count => format!(" ({} justified or suppressed)", plural(count, "finding")),
        };
        return format!("No problems found in {files}{suppressed}.");
    }
    let mut counts = vec![
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
    ];
    if summary.infos > 0 {
        counts.push(format!("{} info", summary.infos));
    }
    let mut line = format!("{} in {files}", counts.join(", "));
    if summary.files_failed > 0 {
        line.push_str(&format!(
            " ({} could not be checked)",
            plural(summary.files_failed, "file")
        ));
    }
    if summary.suppressed > 0 {
        line.push_str(&format!("; {} justified or suppressed", summary.suppressed));
    }
    if summary.fixable > 0 {
        line.push_str(&format!("; {} fixable with --fix", summary.fixable));
    }
    if summary.unsafe_fixable > 0 {
        line.push_str(&format!(
            "; {} more with --unsafe-fixes",
            summary.unsafe_fixable
        ));
    }
    line.push('.');
    line
}

/// One miette report: a finding or a file error, borrowing the file's text.
#[derive(Debug)]
struct Report<'a> {
    source: &'a SourceFile,
    message: String,
    code: Option<String>,
    severity: Severity,
    label: Option<(Span, String)>,
    help: Option<String>,
}

impl Report<'_> {
    /// A label on a line too long to quote becomes a `file:line:column` prefix instead.
    fn fit(mut self) -> Self {
        if let Some((span, _)) = &self.label {
            let (first, _) = self.source.line_col(span.start);
            let (last, _) = self.source.line_col(span.end);
            if (first..=last).any(|line| self.source.line_text(line).len() > MAX_QUOTED_LINE) {
                let (line, column) = self.source.line_col(span.start);
                self.message = format!(
                    "{}:{line}:{column}: {} (line too long to show)",
                    display_name(&self.source.name),
                    self.message
                );
                self.label = None;
            }
        }
        self
    }

    /// How many of `wanted` context lines next to `line` exist and are short enough to quote,
    /// stepping by `step` (-1 above, 1 below).
    fn context(&self, line: usize, wanted: usize, step: isize) -> usize {
        (1..=wanted)
            .map_while(|distance| line.checked_add_signed(step * distance as isize))
            .take_while(|&neighbour| {
                self.source.has_line(neighbour)
                    && self.source.line_text(neighbour).len() <= MAX_QUOTED_LINE
            })
            .count()
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl MietteDiagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.code
            .as_ref()
            .map(|code| Box::new(code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.label.as_ref().map(|_| self as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (span, text) = self.label.as_ref()?;
        let span = SourceSpan::new(span.start.into(), span.len());
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(text.clone()), span),
        )))
    }
}

/// Quotes whole lines from the file's own line index: the cost is that of the lines shown,
/// not of the file (miette's `&str` reader scans from the top for every snippet).
impl SourceCode for Report<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text = &self.source.text;
        let start = span.offset();
        let end = start + span.len();
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let (first, column) = self.source.line_col(start);
        let (last, _) = self.source.line_col(end.saturating_sub(1).max(start));
        let name = display_name(&self.source.name).into_owned();
        if context_lines_before == 0 && context_lines_after == 0 {
            // Miette asks for the bare span to place the `file:line:column` header.
            return Ok(Box::new(MietteSpanContents::new_named(
                name,
                &text.as_bytes()[start..end],
                *span,
                first - 1,
                column - 1,
                last - first + 1,
            )));
        }
        let first = first - self.context(first, context_lines_before, -1);
        let last = last + self.context(last, context_lines_after, 1);
        let data_start = self.source.offset_of(first, 1).unwrap_or(0);
        let data_end = self.source.offset_of(last + 1, 1).unwrap_or(text.len());
        Ok(Box::new(MietteSpanContents::new_named(
            name,
            &text.as_bytes()[data_start..data_end],
            SourceSpan::new(data_start.into(), data_end - data_start),
            first - 1,
            0,
            last - first + 1,
        )))
    }
}
