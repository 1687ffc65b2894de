//! `check --fix`, `--unsafe-fixes`, `--diff` and `--show-fixes`: what a run does
//! with each file's fixes (write it, print it, diff it) and what it says about them.

use std::io::{self, Write};
use std::sync::Mutex;

use super::{CheckArgs, exit};
use crate::fix::write::LockedFile;
use crate::fix::{AppliedFix, FixOptions, Unfixed, fix_source, keep_verified_fixes, unified_diff};
use crate::parse::Document;
use crate::parse::ParseError;
use crate::report::{FileResult, Summary};
use crate::settings::Settings;
use crate::source::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `--fix`: write files in place, standard input to standard output.
    Write,
    /// `--diff`: print what would change.
    Diff,
}

/// The fixes of one run, file by file; files may be fixed in parallel.
pub struct FixSession {
    mode: Option<Mode>,
    options: FixOptions,
    show_fixes: bool,
    /// `--max-file-size`, which the fixed text must respect too.
    max_file_size: u64,
    files: Mutex<Vec<FileFixes>>,
    /// With `--fix -`: the document to print on standard output.
    stdout_document: Mutex<Option<String>>,
}

struct FileFixes {
    name: String,
    /// Applied (`--fix`) or that would be applied (`--diff`).
    applied: Vec<AppliedFix>,
    unfixed: Vec<(Unfixed, (usize, usize))>,
    diff: String,
}

impl FixSession {
    pub fn new(args: &CheckArgs) -> Self {
        let mode = if args.diff {
            Some(Mode::Diff)
        } else if args.fix {
            Some(Mode::Write)
        } else {
            None
        };
        Self {
            mode,
            options: FixOptions {
                unsafe_fixes: args.unsafe_fixes,
            },
            show_fixes: args.show_fixes,
            max_file_size: args.max_file_size,
            files: Mutex::new(Vec::new()),
            stdout_document: Mutex::new(None),
        }
    }

    pub fn is_active(&self) -> bool {
        self.mode.is_some()
    }

    pub fn is_diff(&self) -> bool {
        self.mode == Some(Mode::Diff)
    }

    /// Whether standard output carries the fixed document, so the report must go to standard error.
    pub fn takes_stdout(&self) -> bool {
        lock(&self.stdout_document).is_some()
    }

    /// Fixes one source; the result reports the findings that remain (spans into the fixed text).
    pub fn fix(&self, source: SourceFile, settings: &Settings) -> FileResult {
        let fail_on = settings.fail_on;
        let failed = |source: SourceFile, error: ParseError| FileResult {
            source,
            outcome: Err(error),
            fail_on,
        };
        let from_stdin = source.path.is_none();
        let echo_stdin = from_stdin && self.mode == Some(Mode::Write);
        // `--fix` holds the file's lock from here until it is replaced.
        let locked = match (self.mode, source.path.as_deref()) {
            (Some(Mode::Write), Some(path)) => match LockedFile::open(path) {
                Ok(locked) => Some(locked),
                Err(error) => return failed(source, not_written(&error.message)),
            },
            _ => None,
        };
        let mut source = source;
        if let Some(locked) = &locked
            && locked.text() != Some(source.text.as_str())
        {
            // Changed since it was read: another fix finished first. Fix its result, unless
            // the path is a symlink, which may since have been pointed at another file.
            match locked.text() {
                Some(text)
                    if !locked.through_symlink() && text.len() as u64 <= self.max_file_size =>
                {
                    source =
                        SourceFile::new(source.name.clone(), source.path.clone(), text.to_owned());
                }
                _ => {
                    return failed(
                        source,
                        not_written("the file changed after it was read; run --fix again"),
                    );
                }
            }
        }
        let fixed = match fix_source(&source, settings, &self.options) {
            Ok(fixed) => fixed,
            Err(error) => {
                if echo_stdin {
                    // A pipeline keeps its document even when it cannot be fixed.
                    *lock(&self.stdout_document) = Some(source.text.clone());
                }
                return failed(source, error.into_parse_error());
            }
        };
        let mut fixed = fixed;
        if !self.options.unsafe_fixes {
            // Promise "N more with --unsafe-fixes" only for fixes that would be applied.
            keep_verified_fixes(
                &Document::parse(&fixed.source),
                settings,
                &mut fixed.remaining,
            );
        }
        let changed = fixed.source.text != source.text;
        let mut diff = String::new();
        match self.mode {
            Some(Mode::Diff) => diff = unified_diff(&source.name, &source.text, &fixed.source.text),
            Some(Mode::Write) if from_stdin => {
                *lock(&self.stdout_document) = Some(fixed.source.text.clone());
            }
            _ => {}
        }
        if let Some(locked) = locked
            && changed
            && let Err(error) = locked.replace(&fixed.source.text, self.max_file_size)
        {
            return failed(source, not_written(&error.message));
        }
        let unfixed = fixed
            .unfixed
            .iter()
            .map(|unfixed| (unfixed.clone(), fixed.source.line_col(unfixed.span.start)))
            .collect();
        lock(&self.files).push(FileFixes {
            name: source.name.clone(),
            applied: fixed.applied,
            unfixed,
            diff,
        });
        FileResult {
            source: fixed.source,
            outcome: Ok(fixed.remaining),
            fail_on,
        }
    }

    /// Prints the fixed standard input, if any, on standard output.
    pub fn print_stdout_document(&self) -> io::Result<()> {
        if let Some(document) = lock(&self.stdout_document).as_ref() {
            let mut stdout = io::stdout().lock();
            stdout.write_all(document.as_bytes())?;
            stdout.flush()?;
        }
        Ok(())
    }

    /// The files fixed so far, by name (parallel checking finishes them in any order).
    fn sorted_files(&self) -> std::sync::MutexGuard<'_, Vec<FileFixes>> {
        let mut files = lock(&self.files);
        files.sort_by(|a, b| a.name.cmp(&b.name));
        files
    }

    fn applied_count(&self) -> usize {
        lock(&self.files)
            .iter()
            .map(|file| file.applied.len())
            .sum()
    }

    /// `Fixed 3 findings (2 remaining).`, then the `--show-fixes` list.
    pub fn print_summary(
        &self,
        out: &mut dyn Write,
        results: &[FileResult],
        quiet: bool,
    ) -> io::Result<()> {
        if !quiet {
            let summary = Summary::of(results);
            let remaining = summary.errors + summary.warnings + summary.infos;
            writeln!(
                out,
                "Fixed {} ({remaining} remaining).",
                plural(self.applied_count(), "finding")
            )?;
        }
        if self.show_fixes {
            self.print_fix_list(out, "Applied fixes:", "No fixes applied.")?;
        }
        Ok(())
    }

    fn print_fix_list(&self, out: &mut dyn Write, heading: &str, none: &str) -> io::Result<()> {
        if self.applied_count() == 0 {
            return writeln!(out, "{none}");
        }
        writeln!(out, "{heading}")?;
        for file in self.sorted_files().iter() {
            if file.applied.is_empty() {
                continue;
            }
            writeln!(out, "  {}:", file.name)?;
            for fix in &file.applied {
                writeln!(out, "    {} {}", fix.rule, fix.message)?;
            }
        }
        Ok(())
    }

    /// Warns, on standard error, about findings whose fix could not be applied.
    pub fn print_unfixed(&self) -> io::Result<()> {
        let mut err = io::stderr().lock();
        for file in self.sorted_files().iter() {
            for (unfixed, (line, column)) in &file.unfixed {
                writeln!(
                    err,
                    "warning: {}:{line}:{column}: could not fix {} ({}): {}",
                    file.name,
                    unfixed.rule,
                    unfixed.message,
                    unfixed.reason.describe()
                )?;
            }
        }
        Ok(())
    }

    /// `--diff`: the diffs on standard output, a count on standard error. Exit 1 when
    /// there is a diff, 0 when there is none, 2 when a file could not be checked or fixed.
    pub fn finish_diff(&self, results: &[FileResult], quiet: bool) -> u8 {
        let mut stdout = io::stdout().lock();
        let mut any_diff = false;
        for file in self.sorted_files().iter() {
            if file.diff.is_empty() {
                continue;
            }
            any_diff = true;
            if stdout.write_all(file.diff.as_bytes()).is_err() {
                return exit::ERROR;
            }
        }
        if stdout.flush().is_err() {
            return exit::ERROR;
        }
        let mut err = io::stderr().lock();
        let mut said = Ok(());
        for result in results {
            let Err(errors) = &result.outcome else {
                continue;
            };
            for error in errors.all() {
                let place = error.span.map_or(String::new(), |span| {
                    let (line, column) = result.source.line_col(span.start);
                    format!(":{line}:{column}")
                });
                said = said.and(writeln!(
                    err,
                    "error: {}{place}: {}",
                    result.source.name, error.message
                ));
            }
        }
        if !quiet {
            said = said.and(writeln!(
                err,
                "Would fix {}.",
                plural(self.applied_count(), "finding")
            ));
        }
        if self.show_fixes {
            said = said.and(self.print_fix_list(&mut err, "Would apply:", "No fixes to apply."));
        }
        let _ = said.and(self.print_unfixed());
        if results.iter().any(|result| result.outcome.is_err()) {
            exit::ERROR
        } else if any_diff {
            exit::FINDINGS
        } else {
            exit::CLEAN
        }
    }
}

/// The error for a file whose fixes were not written.
fn not_written(reason: &str) -> ParseError {
    ParseError::new(
        format!("could not write the fixes: {reason}; the file was left unchanged"),
        None,
        Some(
            "nothing was written: deal with the reason above (for example make the file and \
             its directory writable) and run --fix again, or run with --diff to see the fixes"
                .to_owned(),
        ),
    )
}

/// A poisoned lock only means another file's check panicked; its data is still whole.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn plural(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}
