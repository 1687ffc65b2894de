//! Hostile input through the real binary: every case must end promptly with a clear,
//! located error (or a correct lint where the input is valid after all), never a panic,
//! and the other files of the same run must still be checked.
//!
//! Inputs are generated at test time under `CARGO_TARGET_TMPDIR`; nothing large is committed.
//! A watchdog kills a run that takes more than 20 seconds and fails the test: there are no
//! other timing assertions (the benchmark measures speed, tests assert behaviour).

// Symlinks, permissions and sparse files as Unix has them.
#![cfg(unix)]

mod common;

use common::BIN;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// A normal tender that fires PAY001 at line 4, column 17: run next to every hostile input.
const PAY: &str = "tender:\n  buyer: {name: Example Council, kind: local_government}\n  payment:\n    terms_days: 60\n";

const MB: usize = 1024 * 1024;
const WATCHDOG: Duration = Duration::from_secs(20);

/// A fresh directory holding `pay.tender.yaml`.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile")
        .join(name);
    if dir.exists() {
        make_readable(&dir);
        std::fs::remove_dir_all(&dir).expect("clear scratch dir");
    }
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    std::fs::write(dir.join("pay.tender.yaml"), PAY).unwrap();
    dir
}

/// Restores permissions a previous run removed, so the directory can be deleted.
fn make_readable(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755));
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let is_dir = entry.file_type().is_ok_and(|kind| kind.is_dir());
            let mode = if is_dir { 0o755 } else { 0o644 };
            let _ = std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode));
            if is_dir {
                make_readable(&entry.path());
            }
        }
    }
}

fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

struct Run {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

impl Run {
    fn text(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|error| panic!("not JSON ({error}):\n{}", self.text()))
    }
}

/// Runs `tenderlint check ARGS` in `cwd` under the watchdog, feeding `stdin` if given.
fn run(args: &[&str], cwd: &Path, stdin: Option<Vec<u8>>) -> Run {
    let mut child = Command::new(BIN)
        .args(["check", "--no-color", "--date", "2026-06-01"])
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run tenderlint");
    // Pipes are drained on their own threads so a large output cannot block the child.
    let feeder = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().unwrap();
        // The child may stop reading early (size guard): a broken pipe is expected then.
        thread::spawn(move || drop(pipe.write_all(&bytes)))
    });
    let stdout = drain(child.stdout.take().unwrap());
    let stderr = drain(child.stderr.take().unwrap());
    let status = wait_or_kill(&mut child, args);
    if let Some(feeder) = feeder {
        feeder.join().unwrap();
    }
    Run {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

fn drain(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        pipe.read_to_end(&mut bytes).unwrap();
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

fn wait_or_kill(child: &mut Child, args: &[&str]) -> ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if started.elapsed() > WATCHDOG {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("tenderlint {args:?} was still running after {WATCHDOG:?}: killed");
        }
        thread::sleep(Duration::from_millis(10));
    }
}

fn assert_no_panic(run: &Run) {
    let text = run.text();
    for sign in [
        "panicked",
        "RUST_BACKTRACE",
        "stack overflow",
        "memory allocation",
    ] {
        assert!(!text.contains(sign), "{sign:?} in output:\n{text}");
    }
}

/// The PAY001 finding in `pay.tender.yaml` is in the JSON output: the run went on.
fn assert_pay_checked(json: &Value) {
    let found = json["diagnostics"].as_array().unwrap().iter().any(|d| {
        d["rule"] == "PAY001"
            && d["file"].as_str().unwrap().ends_with("pay.tender.yaml")
            && d["line"] == 4
            && d["column"] == 17
    });
    assert!(found, "PAY001 in pay.tender.yaml not reported:\n{json:#}");
}

/// What a hostile input must produce.
struct Expect<'a> {
    /// Text the file's error message must contain.
    message: &'a str,
    /// Line of the error, when the problem has a place in the file.
    line: Option<u64>,
}

/// Checks `file` (relative to `dir`) next to `pay.tender.yaml`, in JSON and human output:
/// exit code 2, one clear error for `file`, no panic, PAY001 still found.
fn assert_refused(dir: &Path, file: &str, expect: Expect) {
    let args = ["--format", "json", file, "pay.tender.yaml"];
    let json_run = run(&args, dir, None);
    assert_no_panic(&json_run);
    assert_eq!(json_run.status.code(), Some(2), "{}", json_run.text());
    let json = json_run.json();
    assert_pay_checked(&json);
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{json:#}");
    let error = &errors[0];
    assert_eq!(error["file"], file, "{json:#}");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains(expect.message),
        "expected {:?} in {message:?}",
        expect.message
    );
    match expect.line {
        Some(line) => {
            assert_eq!(error["line"], line, "{json:#}");
            assert!(error["column"].as_u64().is_some(), "{json:#}");
        }
        None => assert!(error["line"].is_null(), "{json:#}"),
    }

    let human = run(&[file, "pay.tender.yaml"], dir, None);
    assert_no_panic(&human);
    assert_eq!(human.status.code(), Some(2), "{}", human.text());
    let text = human.text();
    assert!(unwrapped(&text).contains(expect.message), "{text}");
    assert!(text.contains("error[PAY001]"), "{text}");
    assert!(text.contains("(1 file could not be checked)"), "{text}");
    // A hostile file is never echoed back whole.
    assert!(text.len() < 64 * 1024, "{} bytes of output", text.len());
}

/// Human output with miette's line wrapping undone, for matching messages.
fn unwrapped(text: &str) -> String {
    text.split_whitespace()
        .filter(|word| *word != "│")
        .collect::<Vec<_>>()
        .join(" ")
}

/// The "billion laughs": ten levels of nine aliases each, 10^9 values once expanded.
fn billion_laughs() -> String {
    let mut yaml =
        String::from("laughs:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..10 {
        let previous = format!("*a{}", level - 1);
        let items = [previous.as_str(); 9].join(", ");
        yaml.push_str(&format!("  a{level}: &a{level} [{items}]\n"));
    }
    yaml.push_str("tender:\n  title: *a9\n");
    yaml
}

#[test]
fn alias_bomb_is_refused_by_the_alias_budget() {
    let dir = scratch("alias_bomb");
    write(&dir, "bomb.tender.yaml", billion_laughs());
    let expect = Expect {
        message: "an alias bomb",
        line: Some(7),
    };
    assert_refused(&dir, "bomb.tender.yaml", expect);
}

#[test]
fn nested_anchors_around_a_long_list_are_refused_not_copied_per_level() {
    let dir = scratch("nested_anchors");
    let depth = 60;
    let opening: String = (0..depth).map(|level| format!("&a{level} [")).collect();
    let items = vec!["1"; 200_000].join(", ");
    write(
        &dir,
        "anchors.tender.yaml",
        format!(
            "x: {opening}{items}{}\ntender:\n  id: A\n",
            "]".repeat(depth)
        ),
    );
    let expect = Expect {
        message: "an alias bomb",
        line: Some(1),
    };
    assert_refused(&dir, "anchors.tender.yaml", expect);
}

#[test]
fn many_aliases_to_one_anchor_are_refused() {
    let dir = scratch("alias_ratio");
    let aliases = vec!["*a"; 200_000].join(", ");
    write(
        &dir,
        "aliases.tender.yaml",
        format!("x: &a [1]\ny: [{aliases}]\ntender:\n  id: A\n"),
    );
    let expect = Expect {
        message: "aliases (`*name`)",
        line: Some(2),
    };
    assert_refused(&dir, "aliases.tender.yaml", expect);
}

#[test]
fn deep_block_nesting_is_refused_by_the_depth_budget() {
    let dir = scratch("deep_block");
    // 100,000 nested block sequences on one line (`- - - ... x`).
    write(
        &dir,
        "sequences.tender.yaml",
        format!("x:\n{}x\ntender:\n  id: A\n", "- ".repeat(100_000)),
    );
    let expect = Expect {
        message: "nested more than 64 levels deep",
        line: Some(2),
    };
    assert_refused(&dir, "sequences.tender.yaml", expect);

    // Block mappings need one more column of indentation per level: 4,000 levels is ~8 MB.
    let mut mappings = String::from("x:\n");
    for depth in 1..4_000 {
        mappings.push_str(&" ".repeat(depth));
        mappings.push_str("a:\n");
    }
    write(&dir, "mappings.tender.yaml", mappings);
    let expect = Expect {
        message: "nested more than 64 levels deep",
        line: Some(65),
    };
    assert_refused(&dir, "mappings.tender.yaml", expect);

    // The same inside the tender itself.
    write(
        &dir,
        "in_tender.tender.yaml",
        format!("tender:\n  justifications:\n{}x\n", "  - ".repeat(100_000)),
    );
    let run = run(&["--format", "json", "in_tender.tender.yaml"], &dir, None);
    assert_no_panic(&run);
    assert_eq!(run.status.code(), Some(2), "{}", run.text());
}

#[test]
fn deep_flow_nesting_is_refused_by_the_depth_budget() {
    let dir = scratch("deep_flow");
    let depth = 100_000;
    let cases = [
        (
            "sequences.tender.yaml",
            format!(
                "x: {}{}\ntender:\n  id: A\n",
                "[".repeat(depth),
                "]".repeat(depth)
            ),
        ),
        (
            "mappings.tender.yaml",
            format!(
                "x: {}1{}\ntender:\n  id: A\n",
                "{a: ".repeat(depth),
                "}".repeat(depth)
            ),
        ),
        (
            "unclosed.tender.yaml",
            format!("x: {}\n", "[".repeat(depth)),
        ),
        (
            "in_tender.tender.yaml",
            format!("tender: {{lots: {}\n", "[".repeat(depth)),
        ),
    ];
    for (file, contents) in cases {
        write(&dir, file, contents);
        let expect = Expect {
            message: "nested more than 64 levels deep",
            line: Some(1),
        };
        assert_refused(&dir, file, expect);
    }
}

#[test]
fn a_200_mb_file_is_refused_without_being_read() {
    let dir = scratch("huge_file");
    // Sparse: 200 MB long, no data written; reading it whole would take 200 MB of memory.
    let file = std::fs::File::create(dir.join("huge.tender.yaml")).unwrap();
    file.set_len(200 * MB as u64).unwrap();
    drop(file);
    let expect = Expect {
        message: "is larger than the 10 MB limit",
        line: None,
    };
    assert_refused(&dir, "huge.tender.yaml", expect);

    // The limit is configurable both ways.
    let run = run(&["--max-file-size", "50", "pay.tender.yaml"], &dir, None);
    assert_eq!(run.status.code(), Some(2), "{}", run.text());
    assert!(run.text().contains("larger than the 50 bytes limit"));
}

#[test]
fn oversized_standard_input_is_refused_after_the_limit() {
    let dir = scratch("huge_stdin");
    // 20 MB of valid YAML comments: the guard stops reading after 10 MB + 1 byte.
    let input = "# padding padding padding padding padding padding padding padding\n"
        .repeat(20 * MB / 66)
        .into_bytes();
    let run = run(&["--format", "json", "-"], &dir, Some(input));
    assert_no_panic(&run);
    assert_eq!(run.status.code(), Some(2), "{}", run.text());
    let json = run.json();
    assert!(
        json["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("is larger than the 10 MB limit"),
        "{json:#}"
    );
}

/// `tender:\n  title: "xxx…"\n` plus `rest`, padded to exactly `size` bytes.
fn tender_with_scalar(size: usize, rest: &str) -> String {
    let head = "tender:\n  title: \"";
    let tail = format!("\"\n{rest}");
    let mut text = String::with_capacity(size);
    text.push_str(head);
    text.push_str(&"x".repeat(size - head.len() - tail.len()));
    text.push_str(&tail);
    assert_eq!(text.len(), size);
    text
}

#[test]
fn a_9_mb_scalar_is_linted_and_the_size_guard_is_exact() {
    let dir = scratch("big_scalar");
    let rest =
        "  buyer: {name: Example Council, kind: local_government}\n  payment: {terms_days: 60}\n";
    write(&dir, "nine.tender.yaml", tender_with_scalar(9 * MB, rest));
    let run_9 = run(
        &["--format", "json", "nine.tender.yaml", "pay.tender.yaml"],
        &dir,
        None,
    );
    assert_no_panic(&run_9);
    assert_eq!(run_9.status.code(), Some(1), "{}", run_9.text());
    let json = run_9.json();
    assert_pay_checked(&json);
    let in_nine = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["rule"] == "PAY001" && d["file"] == "nine.tender.yaml" && d["line"] == 4);
    assert!(in_nine, "{json:#}");

    // The 9 MB line is next to the finding: it must not be quoted as context.
    let human = run(&["nine.tender.yaml"], &dir, None);
    assert_no_panic(&human);
    assert_eq!(human.status.code(), Some(1));
    let text = human.text();
    assert!(
        text.contains("nine.tender.yaml:4:25"),
        "{}",
        &text[..text.len().min(2000)]
    );
    assert!(text.len() < 64 * 1024, "{} bytes of output", text.len());

    // Exactly the limit is read; one byte more is refused.
    let limit = 10 * MB;
    write(&dir, "at_limit.tender.yaml", tender_with_scalar(limit, ""));
    let at = run(&["--format", "json", "at_limit.tender.yaml"], &dir, None);
    assert_no_panic(&at);
    assert_eq!(at.status.code(), Some(0), "{}", at.text());
    write(
        &dir,
        "over_limit.tender.yaml",
        tender_with_scalar(limit + 1, ""),
    );
    let expect = Expect {
        message: "is larger than the 10 MB limit",
        line: None,
    };
    assert_refused(&dir, "over_limit.tender.yaml", expect);
}

#[test]
fn an_error_on_a_9_mb_line_is_located_without_quoting_the_line() {
    let dir = scratch("big_line_error");
    let line = format!("tender:\n  title: {} : oops\n", "x".repeat(9 * MB));
    write(&dir, "long.tender.yaml", line);
    let expect = Expect {
        message: "mapping values are not allowed",
        line: Some(2),
    };
    assert_refused(&dir, "long.tender.yaml", expect);
}

#[test]
fn encodings_and_control_bytes_are_refused_in_place() {
    let dir = scratch("encodings");
    write(&dir, "latin1.tender.yaml", b"tender:\n  id: caf\xe9\n");
    let expect = Expect {
        message: "not valid UTF-8: byte 0xE9 at line 2, column 10",
        line: Some(2),
    };
    assert_refused(&dir, "latin1.tender.yaml", expect);

    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "tender:\n  id: A\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    write(&dir, "utf16.tender.yaml", utf16);
    let expect = Expect {
        message: "is encoded as UTF-16",
        line: None,
    };
    assert_refused(&dir, "utf16.tender.yaml", expect);

    write(&dir, "nul.tender.yaml", b"tender:\n  id: A\x00B\n");
    let expect = Expect {
        message: "a NUL byte (0x00) is not allowed",
        line: Some(2),
    };
    assert_refused(&dir, "nul.tender.yaml", expect);
}

#[test]
fn crlf_and_mixed_line_endings_are_valid_and_located() {
    let dir = scratch("line_endings");
    write(&dir, "crlf.tender.yaml", PAY.replace('\n', "\r\n"));
    // LF, CR LF and a lone CR (a line break in YAML too).
    write(
        &dir,
        "mixed.tender.yaml",
        "tender:\r\n  buyer: {name: Example Council, kind: local_government}\n  payment:\r    terms_days: 60\r\n",
    );
    for file in ["crlf.tender.yaml", "mixed.tender.yaml"] {
        let run = run(&["--format", "json", file, "pay.tender.yaml"], &dir, None);
        assert_no_panic(&run);
        assert_eq!(run.status.code(), Some(1), "{}", run.text());
        let json = run.json();
        assert_pay_checked(&json);
        let here = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["file"] == file && d["rule"] == "PAY001")
            .unwrap_or_else(|| panic!("no PAY001 in {file}: {json:#}"));
        assert_eq!(
            (&here["line"], &here["column"]),
            (&4.into(), &17.into()),
            "{file}"
        );
        // The safe fix replaces exactly `60`, whatever the line endings.
        let edit = &here["fix"]["edits"][0];
        let text = std::fs::read(dir.join(file)).unwrap();
        let (start, end) = (
            edit["start"].as_u64().unwrap(),
            edit["end"].as_u64().unwrap(),
        );
        assert_eq!(&text[start as usize..end as usize], b"60", "{file}");
    }
}

#[test]
fn tabs_as_indentation_are_refused_in_place() {
    let dir = scratch("tabs");
    write(&dir, "tabs.tender.yaml", "tender:\n\tid: A\n");
    let expect = Expect {
        message: "tabs",
        line: Some(2),
    };
    assert_refused(&dir, "tabs.tender.yaml", expect);
}

#[test]
fn several_documents_in_one_file_are_refused() {
    let dir = scratch("documents");
    write(
        &dir,
        "two.tender.yaml",
        "tender:\n  id: A\n---\ntender:\n  id: B\n",
    );
    let expect = Expect {
        message: "more than one YAML document",
        line: Some(4),
    };
    assert_refused(&dir, "two.tender.yaml", expect);

    // A storm of empty documents.
    write(&dir, "storm.tender.yaml", "---\n".repeat(100_000));
    let run = run(
        &["--format", "json", "storm.tender.yaml", "pay.tender.yaml"],
        &dir,
        None,
    );
    assert_no_panic(&run);
    assert_eq!(run.status.code(), Some(2), "{}", run.text());
    assert_pay_checked(&run.json());
}

#[test]
fn hundreds_of_thousands_of_bad_keys_end_promptly_with_the_first_twenty() {
    let dir = scratch("unknown_keys");
    let keys: String = (0..700_000)
        .map(|index| format!(" k{index}: 1\n"))
        .collect();
    write(&dir, "keys.tender.yaml", format!("tender:\n{keys}"));
    let unknown = run(
        &["--format", "json", "keys.tender.yaml", "pay.tender.yaml"],
        &dir,
        None,
    );
    assert_no_panic(&unknown);
    assert_eq!(unknown.status.code(), Some(2), "{}", unknown.text());
    let json = unknown.json();
    assert_pay_checked(&json);
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 21, "{json:#}");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("unknown key `k0`")
    );
    assert!(
        errors[20]["message"]
            .as_str()
            .unwrap()
            .contains("more errors follow")
    );

    let repeats = " id: A\n".repeat(500_000);
    write(&dir, "repeats.tender.yaml", format!("tender:\n{repeats}"));
    let repeated = run(&["--format", "json", "repeats.tender.yaml"], &dir, None);
    assert_no_panic(&repeated);
    let json = repeated.json();
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 21, "{json:#}");
    let first = errors[0]["message"].as_str().unwrap();
    assert!(first.contains("duplicate key `id`"), "{first}");
}

#[test]
fn an_empty_file_is_refused() {
    let dir = scratch("empty");
    write(&dir, "empty.tender.yaml", "");
    let expect = Expect {
        message: "the file is empty",
        line: Some(1),
    };
    assert_refused(&dir, "empty.tender.yaml", expect);
}

#[test]
fn a_directory_named_like_a_tender_is_walked_not_read() {
    let dir = scratch("directory");
    std::fs::create_dir(dir.join("x.tender.yaml")).unwrap();
    write(&dir.join("x.tender.yaml"), "inner.tender.yaml", PAY);
    // Passed explicitly: a directory is searched, like any other.
    let explicit = run(
        &["--format", "json", "x.tender.yaml", "pay.tender.yaml"],
        &dir,
        None,
    );
    assert_no_panic(&explicit);
    assert_eq!(explicit.status.code(), Some(1), "{}", explicit.text());
    let json = explicit.json();
    assert_pay_checked(&json);
    assert_eq!(json["summary"]["files"], 2, "{json:#}");
    assert_eq!(json["errors"].as_array().unwrap().len(), 0, "{json:#}");
    // Found by a walk: not mistaken for a file.
    let walked = run(&["--format", "json", "."], &dir, None);
    assert_no_panic(&walked);
    assert_eq!(walked.status.code(), Some(1), "{}", walked.text());
    let json = walked.json();
    assert_eq!(json["summary"]["files"], 2, "{json:#}");
    assert_eq!(json["errors"].as_array().unwrap().len(), 0, "{json:#}");
}

#[test]
fn symlink_loops_end_the_walk_and_are_reported_when_named() {
    use std::os::unix::fs::symlink;
    let dir = scratch("symlinks");
    std::fs::create_dir(dir.join("sub")).unwrap();
    symlink("..", dir.join("sub/up")).unwrap();
    symlink(".", dir.join("sub/here")).unwrap();
    symlink("self.tender.yaml", dir.join("self.tender.yaml")).unwrap();
    symlink("b.tender.yaml", dir.join("a.tender.yaml")).unwrap();
    symlink("a.tender.yaml", dir.join("b.tender.yaml")).unwrap();

    let walked = run(&["--format", "json", "."], &dir, None);
    assert_no_panic(&walked);
    assert_pay_checked(&walked.json());

    let expect = Expect {
        message: "symbolic links",
        line: None,
    };
    assert_refused(&dir, "self.tender.yaml", expect);
}

#[test]
fn an_unreadable_file_is_an_error_not_a_stop() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("unreadable");
    let path = write(&dir, "locked.tender.yaml", PAY);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reading, so there is nothing to test.
        eprintln!("skipped: this user can read a mode-000 file");
        return;
    }
    let expect = Expect {
        message: "permission denied",
        line: None,
    };
    assert_refused(&dir, "locked.tender.yaml", expect);
}

#[test]
fn a_path_that_does_not_exist_is_an_error_not_a_stop() {
    let dir = scratch("missing");
    let expect = Expect {
        message: "no such file or directory",
        line: None,
    };
    assert_refused(&dir, "missing.tender.yaml", expect);
}

#[test]
fn a_specification_with_thousands_of_findings_is_linted_in_full() {
    // Each group of four lines: a brand name; one with "or equivalent" (no finding); a UK
    // standard and a marked word; a prescriptive phrase and a brand name. Every search used
    // to re-scan the text for every match: thousands of matches took minutes.
    let groups = 2_000;
    let mut text = String::from(
        "tender:\n  buyer: {name: Example Council, kind: local_government}\n  specification: |\n",
    );
    for _ in 0..groups {
        text.push_str("    Laptops are Dell models.\n");
        text.push_str("    Phones are Apple or equivalent.\n");
        text.push_str("    Wiring to BS 7671 and Widget™ kit.\n");
        text.push_str("    The system must use Oracle.\n");
    }
    let dir = scratch("long_specification");
    write(&dir, "long.tender.yaml", &text);
    let json = run(
        &["--format", "json", "--select", "SPEC", "long.tender.yaml"],
        &dir,
        None,
    );
    assert_no_panic(&json);
    // Warnings or errors depending on the buyer's regime: either way, not a failure to check.
    assert_ne!(json.status.code(), Some(2), "{}", &json.stderr);
    let json = json.json();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let count = |rule: &str| diagnostics.iter().filter(|d| d["rule"] == rule).count();
    assert_eq!(count("SPEC001"), 3 * groups);
    assert_eq!(count("SPEC002"), groups);
    assert_eq!(count("SPEC003"), groups);
    assert_eq!(diagnostics.len(), 5 * groups);
    // Located at the exact words, to the last one.
    let last_line = 3 + 4 * groups as u64;
    let last_oracle = diagnostics
        .iter()
        .find(|d| d["rule"] == "SPEC001" && d["line"] == last_line)
        .unwrap_or_else(|| panic!("no SPEC001 on line {last_line}"));
    assert_eq!(last_oracle["column"], 25);
    assert_eq!(last_oracle["end_column"], 31);
}

#[test]
fn huge_thread_counts_are_capped_and_return_promptly() {
    let dir = scratch("threads");
    for threads in ["10000", "100000", "18446744073709551615", "0"] {
        let run = run(
            &["--format", "json", "--threads", threads, "pay.tender.yaml"],
            &dir,
            None,
        );
        assert_no_panic(&run);
        assert_eq!(run.status.code(), Some(1), "{threads}: {}", run.text());
        assert_pay_checked(&run.json());
    }
}

#[test]
fn every_format_streams_the_same_report_in_name_order_whatever_the_threads() {
    // Files of very different sizes finish out of order; broken ones sit between them.
    let dir = scratch("streaming");
    let long_spec = format!(
        "tender:\n  buyer: {{name: Example Council, kind: local_government}}\n  specification: |\n{}",
        "    Laptops are Dell models.\n".repeat(500)
    );
    for index in 0..40 {
        let contents = match index % 5 {
            0 => long_spec.clone(),
            1 => "tender: [unclosed\n".to_owned(),
            _ => PAY.to_owned(),
        };
        write(&dir, &format!("t{index:02}.tender.yaml"), contents);
    }
    for format in ["json", "sarif", "concise", "github", "human"] {
        let serial = run(&["--format", format, "--threads", "1", "."], &dir, None);
        let parallel = run(&["--format", format, "--threads", "2", "."], &dir, None);
        assert_no_panic(&parallel);
        assert_eq!(parallel.status.code(), Some(2), "{format}");
        assert_eq!(serial.stdout, parallel.stdout, "{format}");
        if matches!(format, "json" | "sarif") {
            // Still one valid document.
            parallel.json();
        }
    }
    let json = run(&["--format", "json", "--threads", "2", "."], &dir, None).json();
    let files = common::files_with(&json, |_| true);
    assert!(files.is_sorted(), "{files:?}");
    assert_eq!(json["errors"].as_array().unwrap().len(), 8);
    // The 40 and `pay.tender.yaml`.
    assert_eq!(json["summary"]["files"], 41);
}

#[test]
fn a_fifo_named_on_the_command_line_is_refused_without_blocking() {
    let dir = scratch("fifo");
    let made = Command::new("mkfifo")
        .arg(dir.join("pipe.tender.yaml"))
        .status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let expect = Expect {
        message: "is a FIFO (named pipe), not a regular file",
        line: None,
    };
    assert_refused(&dir, "pipe.tender.yaml", expect);
    // A walk reports it too, rather than waiting for a writer.
    let walked = run(&["--format", "json", "."], &dir, None);
    assert_eq!(walked.status.code(), Some(2), "{}", walked.text());
    assert_pay_checked(&walked.json());
}

#[test]
fn a_walk_checks_odd_names_and_linked_tenders_and_reports_dangling_links() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::symlink;
    let dir = scratch("walk_names");
    std::fs::create_dir(dir.join("real")).unwrap();
    write(&dir, "real/target.yaml", PAY);
    symlink("real/target.yaml", dir.join("linked.tender.yaml")).unwrap();
    symlink("missing.yaml", dir.join("dangling.tender.yaml")).unwrap();
    std::fs::write(dir.join(OsStr::from_bytes(b"bad\xff.tender.yaml")), PAY).unwrap();

    let walked = run(&["--format", "json", "."], &dir, None);
    assert_no_panic(&walked);
    assert_eq!(walked.status.code(), Some(2), "{}", walked.text());
    let json = walked.json();
    let pay_files = common::files_with(&json, |d| d["rule"] == "PAY001");
    assert_eq!(
        pay_files,
        [
            "./bad\u{fffd}.tender.yaml",
            "./linked.tender.yaml",
            "./pay.tender.yaml"
        ]
    );
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{json:#}");
    assert_eq!(errors[0]["file"], "./dangling.tender.yaml");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("dangling symbolic link"),
        "{json:#}"
    );
    assert_eq!(json["summary"]["files"], 4);
}

#[test]
fn line_formats_escape_control_characters_in_file_names() {
    let dir = scratch("control_names");
    write(&dir, "new\nline\u{1b}.tender.yaml", PAY);
    let concise = run(&["--format", "concise", "-q", "."], &dir, None);
    assert_eq!(
        concise
            .stdout
            .lines()
            .find(|line| line.contains("PAY001"))
            .unwrap_or(""),
        "./new\\nline\\u{1b}.tender.yaml:4:17: error[PAY001] payment terms of 60 days are longer than 30 days",
        "{}",
        concise.text()
    );
    let human = run(&["-q", "."], &dir, None);
    assert!(
        human
            .stdout
            .contains("./new\\nline\\u{1b}.tender.yaml:4:17"),
        "{}",
        human.text()
    );
    assert!(!human.stdout.contains('\u{1b}'), "{}", human.text());
    let github = run(&["--format", "github", "."], &dir, None);
    let annotations: Vec<&str> = github
        .stdout
        .lines()
        .filter(|line| line.contains("PAY001") && line.contains("new"))
        .collect();
    assert_eq!(annotations.len(), 1, "{}", github.text());
    assert!(
        annotations[0].contains("file=./new%0Aline%1B.tender.yaml,"),
        "{}",
        github.text()
    );
}
