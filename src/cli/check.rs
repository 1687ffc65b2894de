//! `tenderlint check`: lint, report, and choose the exit code.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use super::discover::{Input, discover};
use super::fix::FixSession;
use super::{CheckArgs, OutputFormat, exit};
use crate::config::{self, CliOverrides, Resolver};
use crate::lint::{lint_notice, lint_tender};
use crate::model::{Node, Tender};
use crate::parse::{Document, ParseError, parse_tender};
use crate::read::ocds;
use crate::report::statistics::Statistics;
use crate::report::{self, FileResult, Printer, Summary, human::HumanOptions};
use crate::settings::Settings;
use crate::source::{ReadError, SourceFile, display_name};
use crate::span::Span;

/// One unit of work, in the order of the report (by name).
enum Job {
    Check {
        name: String,
        input: Input,
        settings: Arc<Settings>,
    },
    /// A broken configuration file, reported once however many tenders it governs.
    Failed(FileResult),
}

/// One checked tender: its result and, for `--statistics`, the name of its buyer.
struct Checked {
    result: FileResult,
    buyer: Option<String>,
}

/// What checking one job gives, to be emitted in job order.
enum Output {
    Checked(Vec<Checked>),
    /// A published notice file (OCDS JSON or JSON Lines): read release by release where it is
    /// printed, so a file of 100,000 releases is never held whole.
    Notices(ocds::NoticeInput, Arc<Settings>),
}

impl Job {
    fn name(&self) -> &str {
        match self {
            Job::Check { name, .. } => name,
            Job::Failed(result) => &result.source.name,
        }
    }
}

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
    let jobs = jobs(args);
    let threads = thread_count(args.threads, jobs.len());
    let fixes = FixSession::new(args);
    let check = |job: &Job| match job {
        Job::Check {
            input: Input::File(path),
            settings,
            ..
        } if ocds::is_notice_path(path) => {
            Output::Notices(ocds::NoticeInput::File(path.clone()), Arc::clone(settings))
        }
        // A notice piped in, named so by `--stdin-filename`; `--fix -` keeps the document
        // flowing through instead (it echoes what it cannot fix).
        Job::Check {
            input: Input::Stdin,
            settings,
            ..
        } if !fixes.is_active()
            && ocds::is_notice_path(std::path::Path::new(&args.stdin_filename)) =>
        {
            Output::Notices(
                ocds::NoticeInput::Stdin(args.stdin_filename.clone()),
                Arc::clone(settings),
            )
        }
        Job::Check {
            input, settings, ..
        } => Output::Checked(check_input(input, args, settings, &fixes)),
        Job::Failed(result) => Output::Checked(vec![Checked {
            result: result.clone(),
            buyer: None,
        }]),
    };
    if fixes.is_active() {
        // Fixing reports after the files are written (and `--fix -` decides the report's
        // stream only then): the results are collected first.
        let mut results = Vec::new();
        let mut notices = false;
        in_order(&jobs, threads, check, |output| {
            notices |= matches!(output, Output::Notices(..));
            each_checked(output, args, &mut |checked| {
                results.push(std::mem::replace(&mut checked.result, FileResult::spent()));
                Ok(())
            })
        })
        .expect("collecting cannot fail");
        if notices {
            eprintln!(
                "note: fixes do not apply to published notices: .json and .jsonl files are left untouched"
            );
        }
        return finish_fixes(args, &fixes, &results);
    }

    if args.statistics && matches!(args.format, OutputFormat::Sarif | OutputFormat::Github) {
        eprintln!(
            "error: --statistics prints human or json output, not --format {}",
            format_name(args.format)
        );
        return exit::ERROR;
    }
    // Buffered: a lock alone flushes at every line, and the default 8 KiB buffer takes a
    // write system call per 8 KiB of a report that runs to tens of megabytes.
    let mut out = BufWriter::with_capacity(OUTPUT_BUFFER, io::stdout());
    let mut printer = printer(args, io::stdout().is_terminal());
    let mut statistics = args.statistics.then(Statistics::default);
    let mut summary = Summary::default();
    let mut code = exit::CLEAN;
    let started = match statistics {
        Some(_) => Ok(()),
        None => printer.start(&mut out),
    };
    let printed = started.and_then(|()| {
        in_order(&jobs, threads, check, |output| {
            each_checked(output, args, &mut |Checked { result, buyer }| {
                summary.add(result);
                code = code.max(exit_code(result));
                match statistics.as_mut() {
                    Some(statistics) => statistics.add(result, buyer.as_deref()),
                    None => printer.file(&mut out, result)?,
                }
                Ok(())
            })
        })
    });
    let finished = printed.and_then(|()| match &statistics {
        Some(statistics) if args.format == OutputFormat::Json => {
            statistics.print_json(&mut out, &summary)
        }
        Some(statistics) => statistics.print_human(&mut out, &summary, args.quiet),
        None => printer.finish(&mut out, &summary),
    });
    if finished.and_then(|()| out.flush()).is_err() {
        // A closed pipe (`tenderlint | head`) is not a lint failure, but the output is incomplete.
        return exit::ERROR;
    }
    code
}

fn format_name(format: OutputFormat) -> &'static str {
    match format {
        OutputFormat::Human => "human",
        OutputFormat::Json => "json",
        OutputFormat::Sarif => "sarif",
        OutputFormat::Github => "github",
        OutputFormat::Concise => "concise",
    }
}

/// Every input with its settings, and each broken configuration file once, by name.
fn jobs(args: &CheckArgs) -> Vec<Job> {
    let overrides = CliOverrides {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
        fail_on: args.fail_on.map(|fail_on| fail_on.severity()),
        run_date: args.date,
    };
    let mut resolver = Resolver::new(overrides, args.config.clone(), args.isolated);
    let mut jobs = Vec::new();
    let mut broken_configs = HashSet::new();
    for input in discover(&args.paths) {
        let name = match &input {
            Input::Stdin => args.stdin_filename.clone(),
            Input::File(path) | Input::Unreadable(path, _) => display_name(path),
        };
        let config_path = match &input {
            Input::Stdin => std::path::Path::new(&args.stdin_filename),
            Input::File(path) | Input::Unreadable(path, _) => path.as_path(),
        };
        match resolver.settings_for(Some(config_path)) {
            Ok(settings) => jobs.push(Job::Check {
                name,
                input,
                settings,
            }),
            Err(failure) => {
                if broken_configs.insert(failure.source.name.clone()) {
                    jobs.push(Job::Failed(FileResult {
                        source: *failure.source,
                        outcome: Err(failure.error),
                        fail_on: crate::diagnostic::Severity::Error,
                    }));
                }
            }
        }
    }
    // Sorted by name so output never depends on walk or thread order.
    jobs.sort_by(|a, b| a.name().cmp(b.name()));
    jobs
}

/// `--threads`, or one per CPU; never more than the CPUs (the work is CPU-bound: more
/// threads only add switching) nor than the jobs, never fewer than one.
fn thread_count(requested: Option<usize>, jobs: usize) -> usize {
    let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let wanted = match requested {
        None | Some(0) => cpus,
        Some(threads) => threads.min(cpus),
    };
    wanted.min(jobs).max(1)
}

/// How many checked jobs may wait for an earlier one per thread: bounds memory when one
/// file is slow while the others race ahead.
const WAITING_PER_THREAD: usize = 4;

/// The most jobs a worker takes at once.
const MAX_CHUNK: usize = 4;

/// Standard output's buffer for a report.
const OUTPUT_BUFFER: usize = 64 * 1024;

/// Runs `check` over `jobs` on `threads` threads and hands each job's output to `emit` in
/// job order, as soon as every job before it has been emitted. Jobs are taken in order and
/// no job starts more than `WAITING_PER_THREAD × threads` chunks ahead of the next to emit,
/// so memory depends on the threads, not on the number of jobs. Stops at `emit`'s first error.
///
/// No thread only prints: the worker that finishes the next chunk in order emits it, and
/// the chunks ready behind it, while the others go on checking. A printing thread had to be
/// woken for every chunk (7,000 context switches on 10,000 files) and freed every result in
/// an allocator arena a worker was using (a lock each time): 10% of the run's processor time.
fn in_order<J: Sync, T: Send>(
    jobs: &[J],
    threads: usize,
    check: impl Fn(&J) -> T + Sync,
    mut emit: impl FnMut(&mut T) -> io::Result<()> + Send,
) -> io::Result<()> {
    if threads <= 1 {
        // One file, or one thread asked for: a thread and its hand-offs would cost more than
        // checking the file (a pre-commit hook checks one at a time).
        return jobs.iter().try_for_each(|job| emit(&mut check(job)));
    }
    // Jobs are taken and handed on a few at a time on long runs: a small tender takes little
    // longer to check than a hand-off.
    let chunk = (jobs.len() / (threads * 16)).clamp(1, MAX_CHUNK);
    let window = Window {
        state: Mutex::new(WindowState {
            emitted: 0,
            emitting: false,
            ready: BTreeMap::new(),
            spent: (0..threads).map(|_| Vec::new()).collect(),
            stopped: false,
            failed: None,
            waiting: 0,
        }),
        moved: Condvar::new(),
        size: WAITING_PER_THREAD * threads * chunk,
        emit: Mutex::new(&mut emit),
    };
    let next_job = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for worker in 0..threads {
            let (window, next_job, check) = (&window, &next_job, &check);
            scope.spawn(move || {
                let _stop = StopOnPanic(window);
                loop {
                    let first = next_job.fetch_add(chunk, Ordering::Relaxed);
                    let end = first.saturating_add(chunk).min(jobs.len());
                    if first >= jobs.len() || !window.wait_for(end - 1) {
                        break;
                    }
                    let outputs = jobs[first..end].iter().map(check).collect();
                    if !window.hand_on(Chunk {
                        first,
                        worker,
                        outputs,
                    }) {
                        break;
                    }
                }
            });
        }
    });
    match window.lock().failed.take() {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// Outputs of consecutive jobs, from `first` on, checked by `worker`.
struct Chunk<T> {
    first: usize,
    worker: usize,
    outputs: Vec<T>,
}

type Emit<'e, T> = &'e mut (dyn FnMut(&mut T) -> io::Result<()> + Send);

struct Window<'e, T> {
    state: Mutex<WindowState<T>>,
    moved: Condvar,
    size: usize,
    /// Locked only by the worker that is emitting (`WindowState::emitting`): never waited for.
    emit: Mutex<Emit<'e, T>>,
}

struct WindowState<T> {
    emitted: usize,
    /// A worker is emitting: the others leave their chunks in `ready` for it.
    emitting: bool,
    /// Chunks checked but not yet emitted, by their first job.
    ready: BTreeMap<usize, Chunk<T>>,
    /// Emitted chunks by the worker that checked them, when another worker emitted them: each
    /// worker drops its own, so memory goes back to the allocator arena it came from.
    spent: Vec<Vec<Vec<T>>>,
    /// The run ends early (an output error, a panic): take no more jobs.
    stopped: bool,
    /// The first output error.
    failed: Option<io::Error>,
    /// Workers waiting for the window to move: only they need waking (a wake is a system
    /// call even with nobody to wake).
    waiting: usize,
}

impl<T> Window<'_, T> {
    fn lock(&self) -> std::sync::MutexGuard<'_, WindowState<T>> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Waits until job `index` may start; `false` if the run stopped instead.
    fn wait_for(&self, index: usize) -> bool {
        let mut state = self.lock();
        while !state.stopped && index >= state.emitted + self.size {
            state.waiting += 1;
            state = self
                .moved
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            state.waiting -= 1;
        }
        !state.stopped
    }

    /// Hands on a checked chunk: if every job before it has been emitted and no other worker
    /// is emitting, emits it and then the chunks ready behind it; otherwise leaves it for the
    /// worker that will. `false` if the run has stopped.
    fn hand_on(&self, chunk: Chunk<T>) -> bool {
        let worker = chunk.worker;
        // Declared before the lock's guard, so dropped after it is released.
        let mut to_drop;
        let mut state = self.lock();
        to_drop = std::mem::take(&mut state.spent[worker]);
        if state.stopped {
            return false;
        }
        if state.emitting || chunk.first != state.emitted {
            state.ready.insert(chunk.first, chunk);
            return true;
        }
        state.emitting = true;
        let mut next = chunk;
        loop {
            drop(state);
            let mut outputs = next.outputs;
            let emitted = {
                let mut emit = self
                    .emit
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                outputs.iter_mut().try_for_each(&mut **emit)
            };
            let count = outputs.len();
            let foreign = if next.worker == worker {
                to_drop.push(outputs);
                None
            } else {
                Some(outputs)
            };
            state = self.lock();
            if let Some(outputs) = foreign {
                state.spent[next.worker].push(outputs);
            }
            state.emitted += count;
            if let Err(error) = emitted {
                state.emitting = false;
                state.stopped = true;
                state.failed = Some(error);
                drop(state);
                self.moved.notify_all();
                return false;
            }
            if state.waiting > 0 {
                self.moved.notify_all();
            }
            let emitted = state.emitted;
            match state.ready.remove(&emitted) {
                Some(chunk) => next = chunk,
                None => {
                    state.emitting = false;
                    return true;
                }
            }
        }
    }

    fn stop(&self) {
        self.lock().stopped = true;
        self.moved.notify_all();
    }
}

/// Stops the run when a worker panics, so no other worker waits for a job that never comes.
struct StopOnPanic<'a, 'e, T>(&'a Window<'e, T>);

impl<T> Drop for StopOnPanic<'_, '_, T> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}

/// The printer for `--format`.
fn printer(args: &CheckArgs, to_terminal: bool) -> Box<dyn Printer + Send> {
    match args.format {
        OutputFormat::Human => {
            let color = !args.no_color
                && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
                && to_terminal;
            Box::new(report::human::Human::new(&HumanOptions {
                color,
                quiet: args.quiet,
                verbose: args.verbose,
            }))
        }
        OutputFormat::Json => Box::new(report::json::Json::default()),
        OutputFormat::Sarif => Box::new(report::sarif::Sarif::new(
            crate::registry::Registry::builtin(),
        )),
        OutputFormat::Github => Box::new(report::github::Github),
        OutputFormat::Concise => Box::new(report::concise::Concise { quiet: args.quiet }),
    }
}

/// `--fix` and `--diff`: write or diff the fixed files, then report what remains.
fn finish_fixes(args: &CheckArgs, fixes: &FixSession, results: &[FileResult]) -> u8 {
    if fixes.is_diff() {
        return fixes.finish_diff(results, args.quiet);
    }
    if fixes.print_stdout_document().is_err() {
        return exit::ERROR;
    }
    // With `--fix -` standard output carries the fixed document: the report goes to standard error.
    let to_stderr = fixes.takes_stdout();
    let mut out: Box<dyn Write> = if to_stderr {
        Box::new(BufWriter::with_capacity(OUTPUT_BUFFER, io::stderr().lock()))
    } else {
        Box::new(BufWriter::with_capacity(OUTPUT_BUFFER, io::stdout().lock()))
    };
    let to_terminal = if to_stderr {
        io::stderr().is_terminal()
    } else {
        io::stdout().is_terminal()
    };
    let printed = report::print_all(printer(args, to_terminal).as_mut(), &mut out, results)
        .and_then(|()| {
            // Machine formats keep their stream to themselves: fix notes go to standard error.
            if args.format == OutputFormat::Human {
                fixes.print_summary(&mut out, results, args.quiet)?;
            } else {
                fixes.print_summary(&mut io::stderr().lock(), results, true)?;
            }
            fixes.print_unfixed()
        });
    if printed.and_then(|()| out.flush()).is_err() {
        return exit::ERROR;
    }
    results.iter().map(exit_code).max().unwrap_or(exit::CLEAN)
}

fn check_input(
    input: &Input,
    args: &CheckArgs,
    settings: &Settings,
    fixes: &FixSession,
) -> Vec<Checked> {
    let read = match input {
        Input::Stdin => SourceFile::read_stdin(&args.stdin_filename, args.max_file_size),
        Input::File(path) => SourceFile::read(path, args.max_file_size),
        Input::Unreadable(_, reason) => Err(ReadError::new(reason.clone())),
    };
    let fail_on = settings.fail_on;
    let mut buyer = None;
    let result = match read {
        Ok(source) if fixes.is_active() => fixes.fix(source, settings),
        Ok(source) => {
            let outcome = if args.parse_only {
                parse_tender(&source).map(|_| Vec::new())
            } else {
                let document = Document::parse(&source);
                document.tender().map(|tender| {
                    if args.statistics {
                        buyer = buyer_name(&tender);
                    }
                    let mut diagnostics = lint_tender(&source, &tender, settings);
                    // Only fixes that `--fix` would apply are offered (and counted).
                    crate::fix::keep_verified_fixes(&document, settings, &mut diagnostics);
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
                Input::File(path) | Input::Unreadable(path, _) => display_name(path),
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
    };
    vec![Checked { result, buyer }]
}

/// Hands every checked tender of one job's output to `emit`, in order; a notice file is read
/// and checked here, one release at a time. Stops at `emit`'s first error.
fn each_checked(
    output: &mut Output,
    args: &CheckArgs,
    emit: &mut dyn FnMut(&mut Checked) -> io::Result<()>,
) -> io::Result<()> {
    match output {
        Output::Checked(checked) => checked.iter_mut().try_for_each(emit),
        Output::Notices(input, settings) => {
            let mut emitted = Ok(());
            ocds::for_each_release(input, args.max_file_size, &mut |release| {
                if emitted.is_ok() {
                    emitted = emit(&mut check_release(release, args, settings));
                }
            });
            emitted
        }
    }
}

/// One release of a notice file to its checked tender, located by JSON path as well as
/// line. Fixes never apply to notices: a notice is republished, not edited.
fn check_release(
    release: Result<ocds::ReleaseText, (SourceFile, ParseError)>,
    args: &CheckArgs,
    settings: &Settings,
) -> Checked {
    let fail_on = settings.fail_on;
    let failed = |source, error| Checked {
        result: FileResult {
            source,
            outcome: Err(error),
            fail_on,
        },
        buyer: None,
    };
    let release = match release {
        Ok(release) => release,
        Err((source, error)) => return failed(source, error),
    };
    let json = match ocds::parse_release(&release) {
        Ok(json) => json,
        Err(error) => return failed(release.source, error),
    };
    let mut mapped = ocds::map_release(&json, release.start);
    let mut diagnostics = if args.parse_only {
        Vec::new()
    } else {
        lint_notice(&release.source, &mut mapped, settings)
    };
    for diagnostic in &mut diagnostics {
        let offset = diagnostic.span.start.saturating_sub(release.start);
        diagnostic.json_path = Some(json.path_to(offset));
        diagnostic.fix = None;
    }
    drop(json);
    let buyer = buyer_name(&mapped.tender);
    let mut source = release.source;
    source.notice = Some(Arc::new(mapped.notice));
    Checked {
        result: FileResult {
            source,
            outcome: Ok(diagnostics),
            fail_on,
        },
        buyer,
    }
}

/// `tender.buyer.name`, if written.
fn buyer_name(tender: &Node<Tender>) -> Option<String> {
    let name = tender.buyer.as_ref()?.name.as_ref()?;
    Some(name.trim().to_owned()).filter(|name| !name.is_empty())
}

/// A result's exit code: 2 when the file could not be checked, 1 when a finding at or
/// above its fail level remains, else 0. A run's is the highest of its results'.
fn exit_code(result: &FileResult) -> u8 {
    if result.outcome.is_err() {
        return exit::ERROR;
    }
    let failing = result
        .diagnostics()
        .iter()
        .any(|diagnostic| diagnostic.suppressed.is_none() && diagnostic.severity >= result.fail_on);
    if failing { exit::FINDINGS } else { exit::CLEAN }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every job is emitted once, in job order, whatever the threads and however the jobs
    /// are taken (one at a time on short runs, a few at a time on long ones).
    #[test]
    fn jobs_are_emitted_in_order_on_any_number_of_threads() {
        for count in [0, 1, 2, 5, 31, 32, 33, 129, 1000] {
            let jobs: Vec<usize> = (0..count).collect();
            for threads in [1, 2, 3, 8] {
                let mut emitted = Vec::new();
                // Uneven work, so that workers finish out of order.
                let check = |job: &usize| {
                    let spin = (job * 7919) % 500;
                    std::hint::black_box((0..spin).fold(*job, |acc, step| acc ^ step));
                    *job
                };
                in_order(&jobs, threads, check, |job| {
                    emitted.push(*job);
                    Ok(())
                })
                .unwrap();
                assert_eq!(emitted, jobs, "{count} jobs on {threads} threads");
            }
        }
    }

    #[test]
    fn the_first_output_error_stops_the_run() {
        let jobs: Vec<usize> = (0..1000).collect();
        let mut emitted = 0;
        let result = in_order(
            &jobs,
            2,
            |job| *job,
            |job| {
                if *job == 100 {
                    return Err(io::Error::other("closed"));
                }
                emitted += 1;
                Ok(())
            },
        );
        assert!(result.is_err());
        assert_eq!(emitted, 100);
    }

    /// Outputs are dropped by the worker that made them (their memory goes back to its
    /// allocator arena), except the few still waiting for it when it ran out of jobs.
    #[test]
    fn outputs_are_dropped_where_they_were_made() {
        use std::sync::atomic::AtomicUsize;

        static FOREIGN: AtomicUsize = AtomicUsize::new(0);
        struct Made(std::thread::ThreadId);
        impl Drop for Made {
            fn drop(&mut self) {
                if self.0 != std::thread::current().id() {
                    FOREIGN.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        let jobs: Vec<usize> = (0..4000).collect();
        let threads = 2;
        let check = |job: &usize| {
            std::hint::black_box((0..(job * 7919) % 300).sum::<usize>());
            Made(std::thread::current().id())
        };
        in_order(&jobs, threads, check, |_| Ok(())).unwrap();
        let window = WAITING_PER_THREAD * threads * MAX_CHUNK;
        let foreign = FOREIGN.load(Ordering::Relaxed);
        assert!(
            foreign <= window,
            "{foreign} outputs dropped by another thread"
        );
    }

    /// A panic while checking or emitting ends the run (the panic goes on to the caller); no
    /// worker is left waiting for a job that never comes.
    #[test]
    fn a_panic_stops_every_worker() {
        let jobs: Vec<usize> = (0..2000).collect();
        let in_check = std::panic::catch_unwind(|| {
            in_order(
                &jobs,
                2,
                |job| {
                    assert_ne!(*job, 700, "checking");
                    *job
                },
                |_| Ok(()),
            )
        });
        assert!(in_check.is_err());
        let in_emit = std::panic::catch_unwind(|| {
            in_order(
                &jobs,
                2,
                |job| *job,
                |job| {
                    assert_ne!(*job, 700, "emitting");
                    Ok(())
                },
            )
        });
        assert!(in_emit.is_err());
    }
}
