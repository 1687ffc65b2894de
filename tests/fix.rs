//! `--fix`, `--unsafe-fixes`, `--diff` and `--show-fixes`: through the real binary,
//! on copies in a scratch directory, plus the engine's own contract (overlapping,
//! unsafe, never-settling and refused fixes) through the library with made-up rules,
//! since the catalog alone cannot produce every case on demand.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use tenderlint::diagnostic::{Diagnostic, Edit, Fix, Severity};
use tenderlint::edits::insert_key;
use tenderlint::fix::{FixOptions, UnfixedReason, fix_source, fix_with};
use tenderlint::lint::lint_tender;
use tenderlint::model::{Count, Date, Node, Tender};
use tenderlint::parse::parse_tender;
use tenderlint::settings::Settings;
use tenderlint::source::SourceFile;
use tenderlint::span::Span;

const BIN: &str = env!("CARGO_BIN_EXE_tenderlint");

fn fixture(path: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("fixture exists")
}

/// A scratch directory under the system temp dir, removed (made writable first) on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "tenderlint-fix-{}-{}-{name}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("parent dir");
        }
        fs::write(&path, text).expect("write scratch file");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        set_writable(&self.0);
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn set_writable(path: &Path) {
    if let Ok(metadata) = fs::metadata(path) {
        let mut permissions = metadata.permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        permissions.set_readonly(false);
        let _ = fs::set_permissions(path, permissions);
        if metadata.is_dir() {
            for entry in fs::read_dir(path).into_iter().flatten().flatten() {
                set_writable(&entry.path());
            }
        }
    }
}

/// Runs `tenderlint check --no-color --date 2026-06-01 --isolated --select PAY001 ARGS`
/// in `dir`, feeding `stdin`: only PAY001, so the expectations hold whatever else the
/// catalog holds.
fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut all = vec!["--select", "PAY001"];
    all.extend_from_slice(args);
    run_all_rules(dir, &all, stdin)
}

/// Runs `tenderlint check --no-color --date 2026-06-01 --isolated ARGS` in `dir`.
fn run_all_rules(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut command = Command::new(BIN);
    command
        .args(["check", "--no-color", "--date", "2026-06-01", "--isolated"])
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("binary runs");
    if let Some(text) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("piped")
            .write_all(text.as_bytes())
            .expect("stdin written");
    }
    child.wait_with_output().expect("binary finishes")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("utf-8 stderr")
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exit code")
}

/// Lines that are comments, or carry one after a value, in `text`.
fn comment_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|line| line.trim_start().starts_with('#') || line.contains(" #"))
        .map(|line| line[line.find('#').expect("has #")..].trim_end().to_owned())
        .collect()
}

fn assert_comments_survive(before: &str, after: &str) {
    let kept = comment_lines(after);
    for comment in comment_lines(before) {
        assert!(
            kept.contains(&comment),
            "comment {comment:?} lost:\n{after}"
        );
    }
}

const PAY001_FIRES: &str = "tests/fixtures/PAY001/fires_60_days.tender.yaml";

#[test]
fn fix_repairs_the_pay001_fixture_in_place() {
    let scratch = Scratch::new("in-place");
    let original = fixture(PAY001_FIRES);
    let path = scratch.write("fires_60_days.tender.yaml", &original);
    let output = run(&scratch.0, &["--fix", "fires_60_days.tender.yaml"], None);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        original.replace("terms_days: 60", "terms_days: 30")
    );
    assert_eq!(
        stdout(&output),
        "No problems found in 1 file.\nFixed 1 finding (0 remaining).\n"
    );
    assert_eq!(stderr(&output), "");
}

#[test]
fn show_fixes_lists_each_file_and_the_remaining_findings_are_reported() {
    let scratch = Scratch::new("show");
    let original = fixture(PAY001_FIRES);
    scratch.write("a.tender.yaml", &original);
    // 45 days in a PSR tender is a warning; the file still has other things wrong after the fix.
    scratch.write(
        "b.tender.yaml",
        "tender:\n  regime: provider_selection_regime\n  payment:\n    terms_days: 45\n",
    );
    scratch.write(
        "c.tender.yaml",
        &fixture("tests/fixtures/PAY001/quiet_30_days.tender.yaml"),
    );
    let output = run(&scratch.0, &["--fix", "--show-fixes", "."], None);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.ends_with(
            "No problems found in 3 files.\nFixed 2 findings (0 remaining).\nApplied fixes:\n  \
             ./a.tender.yaml:\n    PAY001 payment terms of 60 days are longer than 30 days\n  \
             ./b.tender.yaml:\n    PAY001 payment terms of 45 days are longer than 30 days\n"
        ),
        "{out}"
    );
}

#[test]
fn human_help_shows_the_replacement() {
    let scratch = Scratch::new("help");
    scratch.write("a.tender.yaml", &fixture(PAY001_FIRES));
    let output = run(&scratch.0, &["a.tender.yaml"], None);
    assert_eq!(code(&output), 1);
    assert!(
        stdout(&output).contains("(fix: replace `60` with `30`)"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn diff_prints_a_unified_diff_and_changes_nothing() {
    let scratch = Scratch::new("diff");
    let original = fixture(PAY001_FIRES);
    let path = scratch.write("fires_60_days.tender.yaml", &original);
    let output = run(&scratch.0, &["--diff", "fires_60_days.tender.yaml"], None);
    assert_eq!(code(&output), 1);
    assert_eq!(fs::read_to_string(&path).unwrap(), original);
    assert_eq!(stderr(&output), "Would fix 1 finding.\n");
    insta::assert_snapshot!("diff_of_pay001", stdout(&output));

    // Once fixed there is nothing to show: exit 0.
    assert_eq!(code(&run(&scratch.0, &["--fix", "."], None)), 0);
    let output = run(&scratch.0, &["--diff", "fires_60_days.tender.yaml"], None);
    assert_eq!(code(&output), 0);
    assert_eq!(stdout(&output), "");
    assert_eq!(stderr(&output), "Would fix 0 findings.\n");
}

#[test]
fn diff_and_fix_cannot_be_combined_and_unsafe_fixes_needs_one() {
    let scratch = Scratch::new("flags");
    scratch.write("a.tender.yaml", &fixture(PAY001_FIRES));
    assert_eq!(code(&run(&scratch.0, &["--fix", "--diff", "."], None)), 2);
    assert_eq!(code(&run(&scratch.0, &["--unsafe-fixes", "."], None)), 2);
    assert_eq!(code(&run(&scratch.0, &["--show-fixes", "."], None)), 2);
}

#[test]
fn fix_of_standard_input_writes_the_document_to_stdout() {
    let scratch = Scratch::new("stdin");
    let original = fixture(PAY001_FIRES);
    let output = run(&scratch.0, &["--fix", "-"], Some(&original));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        original.replace("terms_days: 60", "terms_days: 30")
    );
    assert_eq!(
        stderr(&output),
        "No problems found in 1 file.\nFixed 1 finding (0 remaining).\n"
    );

    // A document that cannot be fixed still comes through, unchanged.
    let broken = "tender:\n  payment: {terms_days: 90\n";
    let output = run(&scratch.0, &["--fix", "-"], Some(broken));
    assert_eq!(code(&output), 2);
    assert_eq!(stdout(&output), broken);

    // --diff of standard input names it by --stdin-filename.
    let output = run(
        &scratch.0,
        &["--diff", "--stdin-filename", "in.tender.yaml", "-"],
        Some(&original),
    );
    assert_eq!(code(&output), 1);
    assert!(stdout(&output).starts_with("--- in.tender.yaml\n+++ in.tender.yaml\n@@"));
}

#[test]
fn json_output_stays_valid_with_fix() {
    let scratch = Scratch::new("json");
    scratch.write("a.tender.yaml", &fixture(PAY001_FIRES));
    let output = run(
        &scratch.0,
        &["--fix", "--show-fixes", "--format", "json", "."],
        None,
    );
    assert_eq!(code(&output), 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(json["diagnostics"], serde_json::json!([]));
    assert!(stderr(&output).contains("PAY001 payment terms of 60 days"));
}

#[test]
fn a_second_fix_changes_nothing() {
    let scratch = Scratch::new("idempotent");
    let path = scratch.write("a.tender.yaml", &fixture(PAY001_FIRES));
    assert_eq!(code(&run(&scratch.0, &["--fix", "a.tender.yaml"], None)), 0);
    let once = fs::read(&path).unwrap();
    let output = run(&scratch.0, &["--fix", "a.tender.yaml"], None);
    assert_eq!(code(&output), 0);
    assert_eq!(fs::read(&path).unwrap(), once);
    assert!(stdout(&output).ends_with("Fixed 0 findings (0 remaining).\n"));
}

const COMMENTED: &str = "\
# Cleaning services for the civic centre.
# Owner: procurement team
tender:
  id: 'CLN-2026-01'   # the portal's reference
  title: \"Civic centre cleaning\"
  buyer: {name: Example Borough Council, kind: local_government} # a district council

  # Value over the whole term.
  value:
    total: £600k
  payment:
    # Finance asked for 60; the Act says 30.
    terms_days: 60 # tenderlint will fix this
    schedule: monthly_in_arrears
    # retention_percent: 5
# end of tender
";

#[test]
fn every_comment_survives_fixing() {
    let scratch = Scratch::new("comments");
    let path = scratch.write("a.tender.yaml", COMMENTED);
    let output = run(&scratch.0, &["--fix", "a.tender.yaml"], None);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    let fixed = fs::read_to_string(&path).unwrap();
    assert_comments_survive(COMMENTED, &fixed);
    assert_eq!(
        fixed,
        COMMENTED.replace("terms_days: 60 #", "terms_days: 30 #")
    );
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark_survive() {
    let scratch = Scratch::new("crlf");
    let original = format!("\u{feff}{}", COMMENTED.replace('\n', "\r\n"));
    let path = scratch.write("a.tender.yaml", &original);
    let output = run(&scratch.0, &["--fix", "a.tender.yaml"], None);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    let fixed = fs::read(&path).unwrap();
    assert!(fixed.starts_with("\u{feff}".as_bytes()));
    assert_eq!(
        String::from_utf8(fixed).unwrap(),
        original.replace("terms_days: 60 #", "terms_days: 30 #")
    );
}

/// Whether files can be created in `dir` despite its permissions (as root they can).
fn permissions_are_enforced(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    match fs::write(&probe, "x") {
        Ok(()) => {
            let _ = fs::remove_file(&probe);
            false
        }
        Err(_) => true,
    }
}

#[test]
fn a_read_only_file_is_an_error_and_stays_byte_identical() {
    let scratch = Scratch::new("ro-file");
    let original = fixture(PAY001_FIRES);
    let path = scratch.write("a.tender.yaml", &original);
    let mut permissions = fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&path, permissions).unwrap();
    // tenderlint refuses a read-only file itself, so this holds even for root.
    let output = run(&scratch.0, &["--fix", "a.tender.yaml"], None);
    assert_eq!(code(&output), 2);
    assert!(
        stdout(&output).contains("could not write the fixes: the file is read-only"),
        "{}",
        stdout(&output)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), original);
}

/// Runs `tenderlint check ... ARGS` (only PAY001) in `dir` as an unprivileged user: as
/// root, permissions are not enforced, so the test drops to `nobody` with `setpriv`
/// rather than skipping (CI runs as root).
fn run_unprivileged(dir: &Path, args: &[&str]) -> Output {
    let mut command = if permissions_are_enforced_for_this_user() {
        Command::new(BIN)
    } else {
        let mut command = Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups", BIN]);
        command
    };
    command
        .args(["check", "--no-color", "--date", "2026-06-01", "--isolated"])
        .args(["--select", "PAY001"])
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("run tenderlint (as root, setpriv must be installed to drop privileges)")
}

fn permissions_are_enforced_for_this_user() -> bool {
    let scratch = Scratch::new("probe");
    let dir = scratch.0.join("ro");
    fs::create_dir(&dir).unwrap();
    let mut permissions = fs::metadata(&dir).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&dir, permissions).unwrap();
    permissions_are_enforced(&dir)
}

/// A scratch directory the unprivileged user can enter and write to.
#[cfg(unix)]
fn open_to_all(scratch: &Scratch) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&scratch.0, fs::Permissions::from_mode(0o777)).unwrap();
}

#[cfg(unix)]
#[test]
fn a_read_only_directory_is_an_error_and_the_file_stays_byte_identical() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = Scratch::new("ro-dir");
    open_to_all(&scratch);
    let original = fixture(PAY001_FIRES);
    let path = scratch.write("locked/a.tender.yaml", &original);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o666)).unwrap();
    let dir = scratch.0.join("locked");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).unwrap();
    let output = run_unprivileged(&scratch.0, &["--fix", "locked/a.tender.yaml"]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("is not writable"),
        "{}",
        stdout(&output)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), original);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_error_and_stays_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = Scratch::new("unreadable");
    open_to_all(&scratch);
    let original = fixture(PAY001_FIRES);
    let path = scratch.write("a.tender.yaml", &original);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o200)).unwrap();
    let output = run_unprivileged(&scratch.0, &["--fix", "a.tender.yaml"]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("permission denied"),
        "{}",
        stdout(&output)
    );
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), original);
}

#[test]
fn the_fixed_file_respects_max_file_size() {
    let scratch = Scratch::new("max-size");
    let original = "tender:\n  payment:\n    terms_days: 60\n    schedule: milestones\n";
    let path = scratch.write("a.tender.yaml", original);
    let limit = (original.len() + 1).to_string();
    // PAY001 alone keeps the size; PAY003's insertion would pass the limit.
    let output = run_all_rules(
        &scratch.0,
        &[
            "--select",
            "PAY003",
            "--max-file-size",
            &limit,
            "--fix",
            "a.tender.yaml",
        ],
        None,
    );
    assert_eq!(code(&output), 2, "{}", stdout(&output));
    assert!(
        stdout(&output).contains("the fixed file would be 99 bytes, more than --max-"),
        "{}",
        stdout(&output)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), original);
}

/// A tender large enough that fixing it takes a while (many comment lines), with one
/// PAY001 finding and the comments that must all survive.
fn large_tender() -> String {
    let mut text = fixture(PAY001_FIRES);
    for line in 0..40_000 {
        text.push_str(&format!("# padding line {line} of a long annex\n"));
    }
    text
}

/// Starts `tenderlint --fix` (only PAY001) on `name` in `dir` and waits until it holds the
/// file's lock, that is, until it has read the file and is fixing it.
#[cfg(unix)]
fn start_fixing(dir: &Path, name: &str) -> std::process::Child {
    let child = Command::new(BIN)
        .args(["check", "--no-color", "--date", "2026-06-01", "--isolated"])
        .args(["--select", "PAY001", "--fix", name])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run tenderlint");
    let file = fs::File::open(dir.join(name)).unwrap();
    let started = std::time::Instant::now();
    loop {
        match file.try_lock_shared() {
            Err(fs::TryLockError::WouldBlock) => break,
            Ok(()) => {
                file.unlock().unwrap();
                assert!(
                    started.elapsed() < std::time::Duration::from_secs(60),
                    "tenderlint never locked the file"
                );
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            Err(fs::TryLockError::Error(error)) => panic!("{error}"),
        }
    }
    child
}

#[cfg(unix)]
#[test]
fn an_edit_made_while_fixing_is_never_lost() {
    let scratch = Scratch::new("race");
    let original = large_tender();
    let path = scratch.write("a.tender.yaml", &original);
    let child = start_fixing(&scratch.0, "a.tender.yaml");
    // `echo '# note' >> a.tender.yaml`: a writer that ignores the lock.
    use std::io::Write as _;
    fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(b"# note\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let after = fs::read_to_string(&path).unwrap();
    // Either the fix was refused, or it was made on the text with the note (the note came
    // before the fix read the file under its lock): never is the note lost.
    let refused = format!("{original}# note\n");
    let fixed = refused.replacen("terms_days: 60", "terms_days: 30", 1);
    if after == refused {
        assert_eq!(code(&output), 2);
        assert!(stdout(&output).contains("the file changed while it was being fixed"));
    } else {
        assert!(after == fixed, "the note or another line was lost");
        assert_eq!(code(&output), 0, "{}", stderr(&output));
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_swapped_in_while_fixing_is_not_written_through() {
    let scratch = Scratch::new("swap");
    let original = large_tender();
    let path = scratch.write("a.tender.yaml", &original);
    let other = scratch.write("other.yaml", "precious: true\n");
    let child = start_fixing(&scratch.0, "a.tender.yaml");
    fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink(&other, &path).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(code(&output), 2, "{}", stdout(&output));
    assert_eq!(fs::read_to_string(&other).unwrap(), "precious: true\n");
    assert!(
        fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn two_fix_runs_with_different_rules_lose_nothing() {
    let scratch = Scratch::new("two-runs");
    let original = "tender:\n  buyer: {name: Example Borough Council, kind: local_government}\n  value: {total: \"£600k\"}\n  payment:\n    terms_days: 60\n    schedule: milestones\n";
    for round in 0..5 {
        let name = format!("{round}.tender.yaml");
        let path = scratch.write(&name, original);
        let spawn = |rule: &str| {
            Command::new(BIN)
                .args(["check", "--no-color", "--date", "2026-06-01", "--isolated"])
                .args(["--select", rule, "--fix", &name])
                .current_dir(&scratch.0)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("run tenderlint")
        };
        let (mut first, mut second) = (spawn("PAY001"), spawn("PROC003"));
        let codes = [first.wait().unwrap().code(), second.wait().unwrap().code()];
        let after = fs::read_to_string(&path).unwrap();
        assert!(
            after.contains("terms_days: 30"),
            "round {round} {codes:?}:\n{after}"
        );
        assert!(
            after.contains("verbal_debrief_offered: true"),
            "round {round} {codes:?}:\n{after}"
        );
    }
}

#[test]
fn a_fix_that_would_change_another_value_is_refused_alone() {
    let scratch = Scratch::new("refused");
    // The alias copies the payment term elsewhere: fixing the anchor would change the copy.
    let original = "tender:\n  buyer: {name: X, kind: local_government}\n  payment:\n    terms_days: &days 60\nx-reporting:\n  days: *days\n";
    let path = scratch.write("a.tender.yaml", original);
    // --diff first: it shows exactly what --fix then writes.
    let diff = run_all_rules(&scratch.0, &["--diff", "a.tender.yaml"], None);
    assert_ne!(code(&diff), 2, "{}", stderr(&diff));
    let output = run_all_rules(&scratch.0, &["--fix", "a.tender.yaml"], None);
    // A refused fix is not a file error: the exit code is that of the findings.
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("could not fix PAY001")
            && err.contains("it would change `x-reporting.days` from `60` to `30`"),
        "{err}"
    );
    // The finding is still reported, and the other fixes went ahead.
    assert!(stdout(&output).contains("PAY001"), "{}", stdout(&output));
    let fixed = fs::read_to_string(&path).unwrap();
    assert!(fixed.contains("terms_days: &days 60\n"), "{fixed}");
    assert!(fixed.contains("flow_down_to_subcontracts: true"), "{fixed}");
    assert_eq!(
        stdout(&diff),
        tenderlint::fix::unified_diff("a.tender.yaml", original, &fixed)
    );
}

// ---- The engine's contract, with made-up rules --------------------------------------

/// Default settings with only PAY001 on, so the made-up rules are the only others.
fn settings() -> Settings {
    let mut settings = Settings::defaults(Date::from_ymd(2026, 6, 1).expect("valid date"));
    settings.enabled = ["PAY001".to_owned()].into_iter().collect();
    settings
}

/// A made-up rule: when `payment` lacks `key`, insert `key: value` (at the mapping's end).
fn missing_key_rule(
    source: &SourceFile,
    tender: &Node<Tender>,
    rule: &str,
    key: &str,
    value: &str,
    unsafe_fix: bool,
) -> Option<Diagnostic> {
    let payment = tender.payment.as_ref()?;
    let present = match key {
        "flow_down_to_subcontracts" => payment.flow_down_to_subcontracts.is_some(),
        "retention_percent" => payment.retention_percent.is_some(),
        "schedule" => payment.schedule.is_some(),
        _ => unreachable!(),
    };
    if present {
        return None;
    }
    let edit = insert_key(source, payment.span, key, value);
    let mut diagnostic = Diagnostic::new(
        rule.to_owned(),
        Severity::Warning,
        payment.span,
        format!("no `{key}`"),
    );
    diagnostic.fix(if unsafe_fix {
        Fix::unsafe_(vec![edit])
    } else {
        Fix::safe(vec![edit])
    });
    Some(diagnostic)
}

#[test]
fn keys_appended_to_one_mapping_join_in_one_pass() {
    let text = "tender:\n  payment:\n    terms_days: 60 # keep\n  # after payment\n";
    let source = SourceFile::new("t.tender.yaml", None, text.to_owned());
    let mut passes = 0;
    let fixed = fix_with(&source, &FixOptions::default(), |source, tender| {
        passes += 1;
        let mut found = lint_tender(source, tender, &settings());
        found.extend(missing_key_rule(
            source,
            tender,
            "X001",
            "flow_down_to_subcontracts",
            "true",
            false,
        ));
        found.extend(missing_key_rule(
            source,
            tender,
            "X002",
            "retention_percent",
            "3",
            false,
        ));
        found.extend(missing_key_rule(
            source,
            tender,
            "X003",
            "schedule",
            "milestones",
            true,
        ));
        found
    })
    .expect("fixes apply");
    // PAY001's replacement and X001's insertion are clear of each other; X002 appends a
    // different key at X001's offset, so joins it: its line follows X001's, where the next
    // pass would have put it. X003 is unsafe and stays.
    assert_eq!(fixed.passes, 1);
    assert_eq!(passes, 2);
    let rules: Vec<&str> = fixed.applied.iter().map(|fix| fix.rule.as_str()).collect();
    assert_eq!(rules, ["PAY001", "X001", "X002"]);
    assert_eq!(
        fixed.source.text,
        "tender:\n  payment:\n    terms_days: 30 # keep\n    flow_down_to_subcontracts: true\n    retention_percent: 3\n  # after payment\n"
    );
    assert!(fixed.unfixed.is_empty());
    assert_eq!(fixed.remaining.len(), 1);
    assert_eq!(fixed.remaining[0].rule, "X003");
}

/// X001 and X002 both add `flow_down_to_subcontracts` to `payment`, at one offset; with
/// `plain_second`, X002's edit is a plain insertion of the same text, not marked as appended.
/// The fixed tender, and how many times the linter ran.
fn fix_one_key_twice(plain_second: bool) -> (tenderlint::fix::Fixed, usize) {
    let text = "tender:\n  payment:\n    terms_days: 30\n";
    let source = SourceFile::new("t.tender.yaml", None, text.to_owned());
    let mut passes = 0;
    let fixed = fix_with(&source, &FixOptions::default(), |source, tender| {
        passes += 1;
        let mut found = lint_tender(source, tender, &settings());
        for rule in ["X001", "X002"] {
            let Some(mut diagnostic) = missing_key_rule(
                source,
                tender,
                rule,
                "flow_down_to_subcontracts",
                "true",
                false,
            ) else {
                continue;
            };
            if plain_second && rule == "X002" {
                let appended = &diagnostic.fix.as_ref().expect("a fix").edits[0];
                let plain = Edit::insert(appended.span.start, appended.replacement.clone());
                diagnostic.fix(Fix::safe(vec![plain]));
            }
            found.push(diagnostic);
        }
        found
    })
    .expect("fixes apply");
    (fixed, passes)
}

#[test]
fn other_insertions_at_one_offset_and_the_same_key_twice_wait_a_pass() {
    // A plain insertion at X001's offset may not join it, and nor may the same key appended
    // twice (it would be written twice): X002 waits a pass, and then, its key present, has
    // nothing left to do.
    for plain_second in [true, false] {
        let (fixed, passes) = fix_one_key_twice(plain_second);
        assert_eq!((fixed.passes, passes), (1, 2), "{plain_second}");
        let rules: Vec<&str> = fixed.applied.iter().map(|fix| fix.rule.as_str()).collect();
        assert_eq!(rules, ["X001"], "{plain_second}");
        assert_eq!(
            fixed.source.text,
            "tender:\n  payment:\n    terms_days: 30\n    flow_down_to_subcontracts: true\n",
            "{plain_second}"
        );
    }
}

#[test]
fn sections_created_by_two_fixes_join_as_the_next_pass_would_write_them() {
    // PAY002 and PAY003 each create the missing `payment` section: joined, the second's
    // key goes under the first's section, in one pass, as two passes wrote it before. Both
    // with and without a final line break.
    for (text, expected) in [
        (
            "tender:\n  id: T-1\n  title: Cleaning\n",
            "tender:\n  id: T-1\n  title: Cleaning\n  payment:\n    terms_days: 30\n    flow_down_to_subcontracts: true\n",
        ),
        (
            "tender:\n  id: T-1\n  title: Cleaning",
            "tender:\n  id: T-1\n  title: Cleaning\n  payment:\n    terms_days: 30\n    flow_down_to_subcontracts: true",
        ),
    ] {
        let source = SourceFile::new("t.tender.yaml", None, text.to_owned());
        let mut settings = settings();
        settings.enabled = ["PAY002", "PAY003"]
            .map(str::to_owned)
            .into_iter()
            .collect();
        let fixed = fix_source(&source, &settings, &FixOptions::default()).expect("fixes apply");
        assert_eq!(fixed.source.text, expected, "{text:?}");
        assert_eq!(fixed.passes, 1, "{text:?}");
        let rules: Vec<&str> = fixed.applied.iter().map(|fix| fix.rule.as_str()).collect();
        assert_eq!(rules, ["PAY002", "PAY003"], "{text:?}");
    }
}

#[test]
fn unsafe_fixes_apply_only_when_asked() {
    let text = "tender:\n  payment: {terms_days: 60}\n";
    let source = SourceFile::new("t.tender.yaml", None, text.to_owned());
    let lint = |source: &SourceFile, tender: &Node<Tender>| -> Vec<Diagnostic> {
        let mut found = lint_tender(source, tender, &settings());
        found.extend(missing_key_rule(
            source,
            tender,
            "X003",
            "schedule",
            "milestones",
            true,
        ));
        found
    };
    let safe = fix_with(&source, &FixOptions::default(), lint).unwrap();
    assert_eq!(safe.source.text, "tender:\n  payment: {terms_days: 30}\n");
    let all = fix_with(&source, &FixOptions { unsafe_fixes: true }, lint).unwrap();
    assert_eq!(
        all.source.text,
        "tender:\n  payment: {terms_days: 30, schedule: milestones}\n"
    );
}

#[test]
fn fixes_that_never_settle_are_set_aside_and_never_written() {
    let text = "x-counter: 1\ntender:\n  payment:\n    terms_days: 60\n";
    let source = SourceFile::new("t.tender.yaml", None, text.to_owned());
    // A rule whose fix always leaves something for itself to fix, beside PAY001's fix.
    let fixed = fix_with(&source, &FixOptions::default(), |source, tender| {
        let mut found = lint_tender(source, tender, &settings());
        let start = "x-counter: ".len();
        let end = source.text.find('\n').unwrap();
        let count: u32 = source.text[start..end].parse().unwrap();
        let span = Span::new(start, end);
        let mut diagnostic = Diagnostic::new("X009", Severity::Info, span, "grow");
        diagnostic.fix(Fix::safe(vec![Edit::replace(
            span,
            (count + 1).to_string(),
        )]));
        found.push(diagnostic);
        found
    })
    .unwrap();
    // X009 is set aside; the fixing starts again from the original and PAY001 is applied.
    assert_eq!(
        fixed.source.text,
        "x-counter: 1\ntender:\n  payment:\n    terms_days: 30\n"
    );
    let rules: Vec<&str> = fixed.applied.iter().map(|fix| fix.rule.as_str()).collect();
    assert_eq!(rules, ["PAY001"]);
    assert_eq!(fixed.unfixed.len(), 1);
    assert_eq!(fixed.unfixed[0].rule, "X009");
    assert_eq!(fixed.unfixed[0].reason, UnfixedReason::DidNotSettle);
    assert!(
        fixed.unfixed[0]
            .reason
            .describe()
            .contains("did not settle")
    );
    // Its finding is still reported, without the fix that could not be applied.
    let x009 = fixed.remaining.iter().find(|d| d.rule == "X009").unwrap();
    assert!(x009.fix.is_none());
}

#[test]
fn a_refused_fix_blocks_nothing_and_names_its_rule() {
    let text = "tender:\n  payment:\n    terms_days: 60\n    # retention_percent: 5\n";
    let source = SourceFile::new("t.tender.yaml", None, text.to_owned());
    let fixed = fix_with(&source, &FixOptions::default(), |source, tender| {
        let mut found = lint_tender(source, tender, &settings());
        // A stale offset that swallows a comment marker.
        if let Some(at) = source.text.find("# retention") {
            let mut diagnostic =
                Diagnostic::new("X666", Severity::Info, Span::new(at, at + 2), "bad");
            diagnostic.fix(Fix::safe(vec![Edit::replace(Span::new(at, at + 2), "")]));
            found.push(diagnostic);
        }
        found
    })
    .expect("a refused fix is not a file error");
    assert_eq!(
        fixed.source.text,
        "tender:\n  payment:\n    terms_days: 30\n    # retention_percent: 5\n"
    );
    assert_eq!(fixed.unfixed.len(), 1);
    assert_eq!(fixed.unfixed[0].rule, "X666");
    match &fixed.unfixed[0].reason {
        UnfixedReason::Refused(reason) => {
            assert!(reason.contains("retention_percent"), "{reason}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(fixed.remaining.iter().any(|d| d.rule == "X666"));
}

// ---- Property: generated tenders in many layouts ------------------------------------

#[derive(Debug, Clone)]
struct Layout {
    indent: usize,
    crlf: bool,
    bom: bool,
    flow_payment: bool,
    quote: [u8; 3],
    terms: u32,
    kind: &'static str,
    schedule_first: bool,
    comments: Vec<(u8, String)>,
}

fn quoted(text: &str, style: u8) -> String {
    match style % 3 {
        0 => text.to_owned(),
        1 => format!("'{}'", text.replace('\'', "''")),
        _ => format!("\"{text}\""),
    }
}

/// Renders a tender; a comment `(slot, text)` goes before line `slot` (modulo the line count)
/// or, for odd slots, after that line's value.
fn render(layout: &Layout) -> String {
    let i = " ".repeat(layout.indent);
    let mut lines = vec![
        "tender:".to_owned(),
        format!("{i}id: {}", quoted("CLN-01", layout.quote[0])),
        format!(
            "{i}title: {}",
            quoted("Civic centre cleaning", layout.quote[1])
        ),
        format!("{i}buyer: {{name: Example Council, kind: {}}}", layout.kind),
        format!("{i}value:"),
        format!("{i}{i}total: {}", quoted("£600k", layout.quote[2])),
    ];
    let terms = format!("terms_days: {}", layout.terms);
    let schedule = "schedule: milestones".to_owned();
    let entries = if layout.schedule_first {
        [schedule, terms]
    } else {
        [terms, schedule]
    };
    if layout.flow_payment {
        lines.push(format!("{i}payment: {{{}, {}}}", entries[0], entries[1]));
    } else {
        lines.push(format!("{i}payment:"));
        lines.extend(entries.iter().map(|entry| format!("{i}{i}{entry}")));
    }
    for (slot, text) in &layout.comments {
        let at = usize::from(*slot) % lines.len();
        if slot % 2 == 1 && at > 0 {
            lines[at].push_str(&format!(" # {text}"));
        } else {
            let indent = lines[at].len() - lines[at].trim_start().len();
            lines.insert(at, format!("{}# {text}", " ".repeat(indent)));
        }
    }
    let nl = if layout.crlf { "\r\n" } else { "\n" };
    let mut text = lines.join(nl);
    text.push_str(nl);
    if layout.bom {
        text.insert(0, '\u{feff}');
    }
    text
}

fn layouts() -> impl Strategy<Value = Layout> {
    (
        prop::sample::select(vec![2usize, 4]),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<[u8; 3]>(),
        0u32..120,
        prop::sample::select(vec![
            "local_government",
            "central_government",
            "school",
            "nhs_trust",
        ]),
        any::<bool>(),
        prop::collection::vec((any::<u8>(), "[a-z][a-z :'\"#-]{0,20}"), 0..6),
    )
        .prop_map(
            |(indent, crlf, bom, flow_payment, quote, terms, kind, schedule_first, comments)| {
                Layout {
                    indent,
                    crlf,
                    bom,
                    flow_payment,
                    quote,
                    terms,
                    kind,
                    schedule_first,
                    comments,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 200,
        // Integration tests have no lib.rs beside them to keep regressions next to.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn fixing_changes_only_the_fixed_values(layout in layouts()) {
        let text = render(&layout);
        let source = SourceFile::new("t.tender.yaml", None, text.clone());
        let original = parse_tender(&source).expect("generated tenders parse");
        // Only PAY001 runs, so the property holds whatever other rules are in the catalog.
        let settings = settings();
        let fixed = fix_source(&source, &settings, &FixOptions { unsafe_fixes: true })
            .expect("fixes apply");
        let fixed_tender = parse_tender(&fixed.source).expect("the fixed text parses");

        let mut expected = original;
        let terms = expected.payment.as_mut().unwrap().terms_days.as_mut().unwrap();
        if terms.get() > 30 {
            *terms = Node::new(Count(30), terms.span);
        }
        prop_assert_eq!(&fixed_tender, &expected);
        prop_assert_eq!(fixed.applied.len(), usize::from(layout.terms > 30));
        prop_assert!(fixed.remaining.is_empty());
        let expected_text = if layout.terms > 30 {
            text.replacen(&format!("terms_days: {}", layout.terms), "terms_days: 30", 1)
        } else {
            text.clone()
        };
        prop_assert_eq!(&fixed.source.text, &expected_text);
        prop_assert_eq!(fixed.source.text.starts_with('\u{feff}'), layout.bom);
        if layout.crlf {
            prop_assert_eq!(fixed.source.text.matches('\n').count(), fixed.source.text.matches("\r\n").count());
        }
        assert_comments_survive(&text, &fixed.source.text);
    }
}

// ---- Every example --------------------------------------------------------------------

fn tender_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            tender_files(&path, out);
        } else if path.to_string_lossy().ends_with(".tender.yaml") {
            out.push(path);
        }
    }
}

/// Unsuppressed warnings and errors of a `--format json` run, by rule.
fn serious_by_rule(output: &Output) -> std::collections::HashMap<String, usize> {
    let json: serde_json::Value = serde_json::from_str(&stdout(output)).expect("JSON report");
    let mut counts = std::collections::HashMap::new();
    for diagnostic in json["diagnostics"].as_array().expect("diagnostics") {
        let serious = matches!(diagnostic["severity"].as_str(), Some("warning" | "error"));
        if serious && diagnostic["suppressed"].is_null() {
            let rule = diagnostic["rule"].as_str().expect("rule").to_owned();
            *counts.entry(rule).or_insert(0) += 1;
        }
    }
    counts
}

/// After `--fix --unsafe-fixes` on a copy of each example: no fixable finding is left,
/// none appears, a second run changes nothing, and every comment line survives.
#[test]
fn every_example_fixes_cleanly() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    if !examples.is_dir() {
        eprintln!("skipped: no examples/ directory");
        return;
    }
    let mut files = Vec::new();
    tender_files(&examples, &mut files);
    files.sort();
    let scratch = Scratch::new("examples");
    let mut failures = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let original = fs::read_to_string(file).expect("readable example");
        let name = format!("{index}.tender.yaml");
        let path = scratch.write(&name, &original);
        // Examples of parse errors have nothing to fix.
        if code(&run_all_rules(&scratch.0, &[&name], None)) == 2 {
            continue;
        }
        let before = serious_by_rule(&run_all_rules(
            &scratch.0,
            &["--format", "json", &name],
            None,
        ));
        let output = run_all_rules(&scratch.0, &["--fix", "--unsafe-fixes", &name], None);
        if code(&output) == 2 {
            failures.push(format!(
                "{}: --fix failed:\n{}",
                file.display(),
                stdout(&output)
            ));
            continue;
        }
        let once = fs::read_to_string(&path).unwrap();
        let relint = run_all_rules(&scratch.0, &["--format", "json", &name], None);
        for (rule, count) in serious_by_rule(&relint) {
            if count > before.get(&rule).copied().unwrap_or(0) {
                failures.push(format!(
                    "{}: a new {rule} finding appears after --fix --unsafe-fixes",
                    file.display()
                ));
            }
        }
        let json: serde_json::Value = serde_json::from_str(&stdout(&relint)).expect("JSON report");
        let summary = &json["summary"];
        if summary["fixable"] != 0 || summary["unsafe_fixable"] != 0 {
            failures.push(format!(
                "{}: fixable findings remain after --fix --unsafe-fixes: {}",
                file.display(),
                json["diagnostics"]
            ));
        }
        run_all_rules(&scratch.0, &["--fix", "--unsafe-fixes", &name], None);
        if fs::read_to_string(&path).unwrap() != once {
            failures.push(format!(
                "{}: a second --fix changed the file",
                file.display()
            ));
        }
        let kept = comment_lines(&once);
        for comment in comment_lines(&original) {
            if !kept.contains(&comment) {
                failures.push(format!("{}: lost the comment {comment:?}", file.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
