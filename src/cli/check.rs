//! `tenderlint check`: lint, report, and choose the exit code.

use std::io::{IsTerminal, Write};

use super::discover::{Input, discover};
use super::{CheckArgs, OutputFormat, exit};
use crate::diagnostic::Severity;
use crate::lint::lint_source;
use crate::model::Date;
use crate::parse::ParseError;
use crate::report::{self, FileResult, human::HumanOptions};
use crate::settings::Settings;
use crate::source::{ReadError, SourceFile};

pub fn run(args: &CheckArgs) -> u8 {
    let settings = Settings::defaults(args.date.unwrap_or_else(Date::today));
    let mut results: Vec<FileResult> = discover(&args.paths)
        .into_iter()
        .map(|input| check_input(&input, args, &settings))
        .collect();
    report::sort_results(&mut results);

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let printed = match args.format {
        OutputFormat::Human => {
            let color = !args.no_color
                && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
                && std::io::stdout().is_terminal();
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
    if printed.and_then(|()| out.flush()).is_err() {
        // A closed pipe (`tenderlint | head`) is not a lint failure, but the output is incomplete.
        return exit::ERROR;
    }
    let fail_on = args
        .fail_on
        .map_or(Severity::Error, |fail_on| fail_on.severity());
    exit_code(&results, fail_on)
}

fn check_input(input: &Input, args: &CheckArgs, settings: &Settings) -> FileResult {
    let read = match input {
        Input::Stdin => SourceFile::read_stdin(&args.stdin_filename, args.max_file_size),
        Input::File(path) => SourceFile::read(path, args.max_file_size),
        Input::Unreadable(_, reason) => Err(ReadError {
            message: reason.clone(),
            offset: None,
        }),
    };
    match read {
        Ok(source) => {
            let outcome = lint_source(&source, settings);
            FileResult { source, outcome }
        }
        Err(error) => {
            let name = match input {
                Input::Stdin => args.stdin_filename.clone(),
                Input::File(path) | Input::Unreadable(path, _) => path.display().to_string(),
            };
            FileResult {
                source: SourceFile::new(name, None, String::new()),
                outcome: Err(read_failure(error)),
            }
        }
    }
}

fn read_failure(error: ReadError) -> ParseError {
    ParseError::new(error.message, None, None)
}

fn exit_code(results: &[FileResult], fail_on: Severity) -> u8 {
    if results.iter().any(|result| result.outcome.is_err()) {
        return exit::ERROR;
    }
    let failing = results
        .iter()
        .flat_map(FileResult::diagnostics)
        .any(|diagnostic| diagnostic.suppressed.is_none() && diagnostic.severity >= fail_on);
    if failing { exit::FINDINGS } else { exit::CLEAN }
}
