//! `tenderlint check`: lint, report, and choose the exit code.

use std::io::{BufWriter, IsTerminal, Write};
use std::sync::Arc;

use super::discover::{Input, discover};
use super::fix::FixSession;
use super::{CheckArgs, OutputFormat, exit};
use crate::config::{self, CliOverrides, Resolver};
use crate::lint::lint_source;
use crate::parse::{ParseError, parse_tender};
use crate::report::{self, FileResult, human::HumanOptions};
use crate::settings::Settings;
use crate::source::{ReadError, SourceFile};
use crate::span::Span;
use rayon::prelude::*;

pub fn run(args: &CheckArgs) -> u8 {
    let selectors = args
        .select
        .iter()
        .flatten()
        .chain(&args.extend_select)
        .chain(&args.ignore);
    if let Err(message) = config::validate_selectors(&selectors.cloned().collect::<Vec<_>>()) {
        eprintln!("error: {message}");
        return exit::ERROR;
    }
    if let Some(path) = args.config.as_ref().filter(|path| !path.is_file()) {
        eprintln!("error: --config {}: no such file", path.display());
        return exit::ERROR;
    }
    let overrides = CliOverrides {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
        fail_on: args.fail_on.map(|fail_on| fail_on.severity()),
        run_date: args.date,
    };
    let mut resolver = Resolver::new(overrides, args.config.clone(), args.isolated);
    // Settings are resolved in order (configuration files are cached); files are then checked in parallel.
    let mut work: Vec<(Input, Arc<Settings>)> = Vec::new();
    let mut results: Vec<FileResult> = Vec::new();
    for input in discover(&args.paths) {
        let config_path = match &input {
            Input::Stdin => Some(std::path::Path::new(&args.stdin_filename)),
            Input::File(path) | Input::Unreadable(path, _) => Some(path.as_path()),
        };
        match resolver.settings_for(config_path) {
            Ok(settings) => work.push((input, settings)),
            Err(failure) => {
                // One report per broken configuration file, however many tenders it governs.
                if !results
                    .iter()
                    .any(|result| result.source.name == failure.source.name)
                {
                    results.push(FileResult {
                        source: *failure.source,
                        outcome: Err(failure.error),
                        fail_on: crate::diagnostic::Severity::Error,
                    });
                }
            }
        }
    }
    let fixes = FixSession::new(args);
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool,
        Err(error) => {
            eprintln!(
                "error: cannot start {} threads: {error}",
                args.threads.unwrap_or(0)
            );
            return exit::ERROR;
        }
    };
    results.extend(pool.install(|| {
        work.par_iter()
            .map(|(input, settings)| check_input(input, args, settings, &fixes))
            .collect::<Vec<_>>()
    }));
    report::sort_results(&mut results);
    if fixes.is_diff() {
        return fixes.finish_diff(&results, args.quiet);
    }
    if fixes.print_stdout_document().is_err() {
        return exit::ERROR;
    }

    // With `--fix -` standard output carries the fixed document: the report goes to standard error.
    // Buffered: a lock alone flushes at every line.
    let to_stderr = fixes.takes_stdout();
    let mut out: Box<dyn Write> = if to_stderr {
        Box::new(BufWriter::new(std::io::stderr().lock()))
    } else {
        Box::new(BufWriter::new(std::io::stdout().lock()))
    };
    let printed = match args.format {
        OutputFormat::Human => {
            let color = !args.no_color
                && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
                && if to_stderr {
                    std::io::stderr().is_terminal()
                } else {
                    std::io::stdout().is_terminal()
                };
            report::human::print(
                &mut out,
                &results,
                &HumanOptions {
                    color,
                    quiet: args.quiet,
                },
            )
        }
        OutputFormat::Json => report::json::print(&mut out, &results),
        OutputFormat::Sarif => report::sarif::print(&mut out, &results),
        OutputFormat::Github => report::github::print(&mut out, &results),
        OutputFormat::Concise => report::concise::print(&mut out, &results, args.quiet),
    };
    let printed = printed.and_then(|()| {
        if !fixes.is_active() {
            return Ok(());
        }
        // Machine formats keep their stream to themselves: fix notes go to standard error.
        if args.format == OutputFormat::Human {
            fixes.print_summary(&mut out, &results, args.quiet)?;
        } else {
            fixes.print_summary(&mut std::io::stderr().lock(), &results, true)?;
        }
        fixes.print_unfixed()
    });
    if printed.and_then(|()| out.flush()).is_err() {
        // A closed pipe (`tenderlint | head`) is not a lint failure, but the output is incomplete.
        return exit::ERROR;
    }
    exit_code(&results)
}

fn check_input(
    input: &Input,
    args: &CheckArgs,
    settings: &Settings,
    fixes: &FixSession,
) -> FileResult {
    let read = match input {
        Input::Stdin => SourceFile::read_stdin(&args.stdin_filename, args.max_file_size),
        Input::File(path) => SourceFile::read(path, args.max_file_size),
        Input::Unreadable(_, reason) => Err(ReadError::new(reason.clone())),
    };
    let fail_on = settings.fail_on;
    match read {
        Ok(source) if fixes.is_active() => fixes.fix(source, settings),
        Ok(source) => {
            let outcome = if args.parse_only {
                parse_tender(&source).map(|_| Vec::new())
            } else {
                // Results are held until the whole run is printed: no spare capacity.
                lint_source(&source, settings).map(|mut diagnostics| {
                    crate::fix::keep_verified_fixes(&source, settings, &mut diagnostics);
                    diagnostics.shrink_to_fit();
                    diagnostics
                })
            };
            FileResult {
                source,
                outcome,
                fail_on,
            }
        }
        Err(error) => {
            let name = match input {
                Input::Stdin => args.stdin_filename.clone(),
                Input::File(path) | Input::Unreadable(path, _) => path.display().to_string(),
            };
            // An encoding error is shown in place, on the text with bad bytes replaced.
            let (text, span) = match (error.lossy_text, error.offset) {
                (Some(text), Some(offset)) if offset < text.len() => {
                    let width = text[offset..].chars().next().map_or(0, char::len_utf8);
                    (text, Some(Span::new(offset, offset + width)))
                }
                _ => (String::new(), None),
            };
            let outcome = Err(ParseError::new(error.message, span, None));
            FileResult {
                source: SourceFile::new(name, None, text),
                outcome,
                fail_on,
            }
        }
    }
}

fn exit_code(results: &[FileResult]) -> u8 {
    if results.iter().any(|result| result.outcome.is_err()) {
        return exit::ERROR;
    }
    let failing = results.iter().any(|result| {
        result.diagnostics().iter().any(|diagnostic| {
            diagnostic.suppressed.is_none() && diagnostic.severity >= result.fail_on
        })
    });
    if failing { exit::FINDINGS } else { exit::CLEAN }
}
