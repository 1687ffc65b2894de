//! The fix engine behind `--fix`, `--unsafe-fixes` and `--diff`.
//!
//! Fixes are byte-range edits of the text as read, so comments, key order,
//! quoting, blank lines, indentation, CRLF line endings and a byte order mark all
//! survive. One pass lints the text, chooses fixes whose edits stay clear of each
//! other (a fix's edits are all-or-nothing; keys appended to one mapping by several
//! fixes are joined, see [`crate::diagnostic::Appended`]), checks them and applies them together;
//! the next pass re-parses and re-lints the result, so deferred fixes and fixes that
//! only apply after another one get their turn. Passes stop when nothing is left to fix.
//!
//! A pass is accepted only when [`verify`] finds that it changes nothing but what its
//! fixes name and the re-lint shows no warning or error the text did not have. When a
//! pass is refused, each of its fixes is tried alone: a fix refused alone is set aside
//! (its finding stays, with the reason) and the others go ahead, so one bad fix blocks
//! nothing. Fixes that keep producing work past [`MAX_PASSES`] are set aside too, and
//! the file is fixed again from the start without them: a file whose passes do not
//! settle is never written.

pub mod verify;
pub mod write;

use std::borrow::Cow;
use std::collections::HashMap;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::lint::lint_tender;
use crate::model::{Node, Tender};
use crate::parse::{Document, ParseError};
use crate::settings::Settings;
use crate::source::SourceFile;
use crate::span::Span;

use verify::Verifier;

/// At most this many lint-and-fix passes per file; fixes still pending then are set aside.
pub const MAX_PASSES: usize = 10;

/// Which fixes may be applied.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FixOptions {
    /// Also apply fixes that need a judgement (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
}

impl FixOptions {
    pub fn allows(&self, fix: &Fix) -> bool {
        fix.applicability == Applicability::Safe || self.unsafe_fixes
    }

    /// Whether `--fix` with these options would try to repair this finding.
    pub fn would_fix(&self, diagnostic: &Diagnostic) -> bool {
        diagnostic.suppressed.is_none()
            && diagnostic
                .fix
                .as_ref()
                .is_some_and(|fix| self.allows(fix) && !fix.edits.is_empty())
    }
}

/// A fix that was applied, for `--show-fixes`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppliedFix {
    pub rule: String,
    pub message: String,
    pub applicability: Applicability,
}

/// Why a finding whose fix was allowed is still there after fixing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnfixedReason {
    /// Its edits would leave the text as it is.
    NoChange,
    /// Its fix kept producing findings to fix for [`MAX_PASSES`] passes, so it was set aside.
    DidNotSettle,
    /// Its fix was refused: it would change a value it does not name, break the file,
    /// or bring a new warning or error.
    Refused(String),
}

impl UnfixedReason {
    pub fn describe(&self) -> String {
        match self {
            UnfixedReason::NoChange => "its fix would change nothing".to_owned(),
            UnfixedReason::DidNotSettle => {
                format!("its fix did not settle after {MAX_PASSES} passes, so it was not applied")
            }
            UnfixedReason::Refused(reason) => format!("the fix was refused: {reason}"),
        }
    }
}

/// A finding that could not be fixed; its span indexes the fixed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unfixed {
    pub rule: String,
    pub message: String,
    pub span: Span,
    pub reason: UnfixedReason,
}

/// The outcome of fixing one file.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The fixed text (the original when nothing applied), with the original's name and path.
    pub source: SourceFile,
    /// Every fix applied, in the order applied.
    pub applied: Vec<AppliedFix>,
    /// The findings of the fixed text; a finding whose fix could not be applied keeps no fix.
    pub remaining: Vec<Diagnostic>,
    /// Remaining findings whose fix was allowed but could not be applied.
    pub unfixed: Vec<Unfixed>,
    /// Passes that changed the text.
    pub passes: usize,
}

/// Why a file could not be fixed: the file itself could not be parsed (nothing to fix).
/// A refused fix is never an error: its finding is reported as [`Unfixed`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixError {
    Lint(ParseError),
}

impl FixError {
    /// As a file error, reported like a parse error (exit code 2).
    pub fn into_parse_error(self) -> ParseError {
        match self {
            FixError::Lint(error) => error,
        }
    }
}

/// Lints `source` and applies the fixes `options` allow until nothing changes.
pub fn fix_source(
    source: &SourceFile,
    settings: &Settings,
    options: &FixOptions,
) -> Result<Fixed, FixError> {
    fix_with(source, options, |source, tender| {
        lint_tender(source, tender, settings)
    })
}

/// Drops from `diagnostics` (the findings of `document`) every fix that `--fix
/// --unsafe-fixes` would not apply, so a run promises only fixes that verify.
pub fn keep_verified_fixes(
    document: &Document,
    settings: &Settings,
    diagnostics: &mut [Diagnostic],
) {
    let options = FixOptions { unsafe_fixes: true };
    if !diagnostics.iter().any(|d| options.would_fix(d)) {
        return;
    }
    let run = fix_from(
        document.source(),
        &Verifier::of(document),
        diagnostics,
        &options,
        &mut |source, tender| lint_tender(source, tender, settings),
    );
    for diagnostic in diagnostics.iter_mut() {
        if run.set_aside.reason(diagnostic).is_some() {
            diagnostic.fix = None;
        }
    }
}

/// The engine, over any linter: `lint` is called on the original and after every pass,
/// with the tender the text was read into (each text is parsed once, by the verifier).
pub fn fix_with(
    source: &SourceFile,
    options: &FixOptions,
    mut lint: impl FnMut(&SourceFile, &Node<Tender>) -> Vec<Diagnostic>,
) -> Result<Fixed, FixError> {
    let document = Document::parse(source);
    let tender = document.tender().map_err(FixError::Lint)?;
    let diagnostics = lint(source, &tender);
    let verifier = Verifier::of(&document);
    Ok(fix_from(source, &verifier, &diagnostics, options, &mut lint).fixed)
}

/// A linter for the engine: findings of a text already read into a tender.
type Lint<'l> = dyn FnMut(&SourceFile, &Node<Tender>) -> Vec<Diagnostic> + 'l;

/// Fixes set aside, by rule and message (`None`: every finding of the rule), with the reason.
#[derive(Default, Debug)]
struct SetAside(HashMap<(Cow<'static, str>, Option<String>), UnfixedReason>);

impl SetAside {
    fn reason(&self, diagnostic: &Diagnostic) -> Option<&UnfixedReason> {
        // Asked of every finding in every pass: usually nothing is set aside.
        if self.0.is_empty() {
            return None;
        }
        let rule = diagnostic.rule.clone();
        self.0
            .get(&(rule.clone(), Some(diagnostic.message.clone())))
            .or_else(|| self.0.get(&(rule, None)))
    }

    fn refuse(&mut self, diagnostic: &Diagnostic, reason: String) {
        self.0.insert(
            (diagnostic.rule.clone(), Some(diagnostic.message.clone())),
            UnfixedReason::Refused(reason),
        );
    }
}

struct Run {
    fixed: Fixed,
    set_aside: SetAside,
}

fn fix_from(
    source: &SourceFile,
    verifier: &Verifier<'_>,
    diagnostics: &[Diagnostic],
    options: &FixOptions,
    lint: &mut Lint,
) -> Run {
    let mut set_aside = SetAside::default();
    loop {
        match attempt(source, verifier, diagnostics, options, &mut set_aside, lint) {
            Attempt::Settled(mut fixed) => {
                fixed.unfixed = fixed
                    .remaining
                    .iter()
                    .filter(|diagnostic| options.would_fix(diagnostic))
                    .map(|diagnostic| Unfixed {
                        rule: diagnostic.rule.to_string(),
                        message: diagnostic.message.clone(),
                        span: diagnostic.span,
                        reason: set_aside
                            .reason(diagnostic)
                            .cloned()
                            .unwrap_or(UnfixedReason::NoChange),
                    })
                    .collect();
                for diagnostic in &mut fixed.remaining {
                    if set_aside.reason(diagnostic).is_some() {
                        diagnostic.fix = None;
                    }
                }
                return Run { fixed, set_aside };
            }
            // Start again from the original without the rules that kept going.
            // Each round sets aside at least one rule not set aside before, so this ends.
            Attempt::Unsettled(rules) => {
                for rule in rules {
                    set_aside
                        .0
                        .insert((rule.into(), None), UnfixedReason::DidNotSettle);
                }
            }
        }
    }
}

enum Attempt {
    Settled(Fixed),
    /// The rules whose fixes were still being chosen after [`MAX_PASSES`].
    Unsettled(Vec<String>),
}

/// One run of passes from the original text, whose verifier is `original`, and its findings.
fn attempt(
    source: &SourceFile,
    original: &Verifier<'_>,
    original_findings: &[Diagnostic],
    options: &FixOptions,
    set_aside: &mut SetAside,
    lint: &mut Lint,
) -> Attempt {
    // The text and its findings are borrowed until a pass changes the text: copying the
    // findings of every file checked for `keep_verified_fixes`, and dropping the copy, was
    // nearly 3% of a run.
    let mut current = Cow::Borrowed(source);
    let mut diagnostics = Cow::Borrowed(original_findings);
    let mut applied = Vec::new();
    let mut passes = 0;
    loop {
        let selection = select(&current.text, &diagnostics, options, |d| {
            set_aside.reason(d).is_none()
        });
        for (diagnostic, reason) in &selection.malformed {
            set_aside.refuse(diagnostic, reason.clone());
        }
        let chosen = selection.chosen;
        if chosen.is_empty() {
            if selection.malformed.is_empty() {
                break;
            }
            continue;
        }
        if passes == MAX_PASSES {
            // The rules that keep coming back are at fault; others merely waited their turn.
            let rules = dedup(chosen.iter().map(|d| d.rule.to_string()).collect());
            let repeated: Vec<String> = rules
                .iter()
                .filter(|rule| {
                    applied
                        .iter()
                        .filter(|fix: &&AppliedFix| &fix.rule == *rule)
                        .count()
                        > 1
                })
                .cloned()
                .collect();
            return Attempt::Unsettled(if repeated.is_empty() { rules } else { repeated });
        }
        // A text a pass wrote is read again only when more fixes are to be checked
        // against it: after most passes none are.
        let reread;
        let verifier = match &current {
            Cow::Borrowed(_) => original,
            Cow::Owned(text) => {
                reread = Document::parse(text);
                &Verifier::of(&reread)
            }
        };
        let mut check = |fixes: &[&Diagnostic]| -> Result<Checked, String> {
            let edits = joined(fixes.iter().flat_map(|d| fix_edits(d)).collect());
            let next = current.edited(&edits, apply_edits(&current.text, &edits));
            let tender = verifier
                .check(&next, &edits)
                .map_err(|rejection| rejection.reason)?;
            let found = lint(&next, &tender);
            new_finding(&diagnostics, &found)?;
            Ok(Checked {
                source: next,
                found,
            })
        };
        // Divide and conquer on failure: a fix refused alone is set aside; halves that go in
        // alone but not together keep the first (the other waits for the next pass). The
        // checks grow with the refused fixes times the log of the fixes, never their square.
        let accepted = compatible(&chosen, &mut check, set_aside);
        let Some((chosen, checked)) = accepted else {
            continue;
        };
        applied.extend(chosen.iter().map(|diagnostic| AppliedFix {
            rule: diagnostic.rule.to_string(),
            message: diagnostic.message.clone(),
            applicability: diagnostic.fix.as_ref().expect("chosen").applicability,
        }));
        passes += 1;
        current = Cow::Owned(checked.source);
        diagnostics = Cow::Owned(checked.found);
    }
    Attempt::Settled(Fixed {
        source: current.into_owned(),
        applied,
        remaining: diagnostics.into_owned(),
        unfixed: Vec::new(),
        passes,
    })
}

/// A fixed text that passed every check, and its findings.
struct Checked {
    source: SourceFile,
    found: Vec<Diagnostic>,
}

/// The part of `fixes` that goes in together, found by halving, with the checked result.
fn compatible<'d, C>(
    fixes: &[&'d Diagnostic],
    check: &mut dyn FnMut(&[&Diagnostic]) -> Result<C, String>,
    set_aside: &mut SetAside,
) -> Option<(Vec<&'d Diagnostic>, C)> {
    match check(fixes) {
        Ok(result) => return Some((fixes.to_vec(), result)),
        Err(reason) if fixes.len() == 1 => {
            set_aside.refuse(fixes[0], reason);
            return None;
        }
        Err(_) => {}
    }
    let (left, right) = fixes.split_at(fixes.len() / 2);
    match (
        compatible(left, check, set_aside),
        compatible(right, check, set_aside),
    ) {
        (Some((left, left_result)), Some((right, _))) => {
            let both: Vec<&Diagnostic> = left.iter().chain(&right).copied().collect();
            match check(&both) {
                Ok(result) => Some((both, result)),
                Err(_) => Some((left, left_result)),
            }
        }
        (Some(part), None) | (None, Some(part)) => Some(part),
        (None, None) => None,
    }
}

fn fix_edits(diagnostic: &Diagnostic) -> Vec<Edit> {
    diagnostic
        .fix
        .as_ref()
        .expect("chosen fixes exist")
        .edits
        .clone()
}

/// Whether a finding is an unsuppressed warning or error: what a fix may not bring.
fn serious(diagnostic: &Diagnostic) -> bool {
    diagnostic.suppressed.is_none() && diagnostic.severity >= Severity::Warning
}

/// Unsuppressed warnings and errors, counted by rule.
fn serious_counts(diagnostics: &[Diagnostic]) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for diagnostic in diagnostics.iter().filter(|d| serious(d)) {
        *counts.entry(&*diagnostic.rule).or_insert(0) += 1;
    }
    counts
}

/// `Err` naming the first rule that has more warnings or errors in `found` than in `before`,
/// with one of its findings that `before` does not have: the finding already there that
/// sorts first would be named as new.
fn new_finding(before: &[Diagnostic], found: &[Diagnostic]) -> Result<(), String> {
    let baseline = serious_counts(before);
    let counts = serious_counts(found);
    let grown = found.iter().find(|diagnostic| {
        counts
            .get(&*diagnostic.rule)
            .is_some_and(|&count| count > baseline.get(&*diagnostic.rule).copied().unwrap_or(0))
    });
    let Some(rule) = grown.map(|diagnostic| &*diagnostic.rule) else {
        return Ok(());
    };
    // Matched by message, one for one: the rule has more findings now, so one is left over.
    let mut earlier: Vec<&str> = before
        .iter()
        .filter(|d| serious(d) && d.rule == rule)
        .map(|d| d.message.as_str())
        .collect();
    let new = found
        .iter()
        .filter(|d| serious(d) && d.rule == rule)
        .find(
            |d| match earlier.iter().position(|message| *message == d.message) {
                Some(index) => {
                    earlier.swap_remove(index);
                    false
                }
                None => true,
            },
        )
        .expect("the rule has more findings than before");
    Err(format!(
        "it would bring a new {rule} finding ({})",
        new.message
    ))
}

fn dedup(mut rules: Vec<String>) -> Vec<String> {
    rules.sort();
    rules.dedup();
    rules
}

/// This pass's fixes, and those that cannot be applied at all with the reason.
pub struct Selection<'a> {
    pub chosen: Vec<&'a Diagnostic>,
    pub malformed: Vec<(&'a Diagnostic, String)>,
}

/// Chooses this pass's fixes: allowed, unsuppressed, `wanted`, changing something, and
/// clear of every fix chosen before them (earliest first). Edits that overlap or touch
/// another fix's edits, including two insertions at one offset, wait for the next pass,
/// except entries appended to one mapping that [`Edit::joins`] allows (see [`joined`]).
pub fn select<'a>(
    text: &str,
    diagnostics: &'a [Diagnostic],
    options: &FixOptions,
    wanted: impl Fn(&Diagnostic) -> bool,
) -> Selection<'a> {
    let mut candidates: Vec<(&Diagnostic, Vec<&Edit>)> = Vec::new();
    let mut malformed = Vec::new();
    for diagnostic in diagnostics {
        if !options.would_fix(diagnostic) || !wanted(diagnostic) {
            continue;
        }
        let fix = diagnostic.fix.as_ref().expect("would_fix checks the fix");
        let mut edits: Vec<&Edit> = fix.edits.iter().collect();
        edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
        if let Some(edit) = edits.iter().find(|edit| {
            edit.span.start > edit.span.end
                || edit.span.end > text.len()
                || !text.is_char_boundary(edit.span.start)
                || !text.is_char_boundary(edit.span.end)
        }) {
            malformed.push((
                diagnostic,
                format!(
                    "its edit {}..{} does not fit the file's text",
                    edit.span.start, edit.span.end
                ),
            ));
            continue;
        }
        if edits
            .windows(2)
            .any(|pair| pair[1].span.start < pair[0].span.end || pair[0].span == pair[1].span)
        {
            malformed.push((diagnostic, "its edits overlap each other".to_owned()));
            continue;
        }
        let no_change = edits
            .iter()
            .all(|edit| text[edit.span.range()] == edit.replacement);
        if !no_change {
            candidates.push((diagnostic, edits));
        }
    }
    candidates.sort_by_key(|(diagnostic, edits)| (edits[0].span.start, diagnostic.span.start));
    // Taken spans never touch one another (but for insertions joined at one offset, kept
    // together under it), so ordered by start they are ordered by end too: an edit touches
    // one of them exactly when it touches the last one starting at or before its end. A
    // lookup per edit keeps a pass linear in its fixes (240,000 in one file).
    let mut taken: std::collections::BTreeMap<usize, Vec<&Edit>> =
        std::collections::BTreeMap::new();
    let mut chosen = Vec::new();
    for (diagnostic, edits) in candidates {
        let clear = edits.iter().all(|edit| {
            taken
                .range(..=edit.span.end)
                .next_back()
                .is_none_or(|(_, at)| {
                    !touch(at[0].span, edit.span) || at.iter().all(|taken| taken.joins(edit))
                })
        });
        if clear {
            for edit in edits {
                taken.entry(edit.span.start).or_default().push(edit);
            }
            chosen.push(diagnostic);
        }
    }
    Selection { chosen, malformed }
}

/// Whether two edit ranges overlap or meet; meeting counts, so two insertions
/// at one offset, or an insertion at the edge of a replacement, are never combined.
fn touch(a: Span, b: Span) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// `edits` (of fixes in the order chosen) with the insertions that [`select`] let share an
/// offset made one: the first whole, then each later one's entries without its header (the
/// opening line of a section the first already opens), as the next pass would add them.
fn joined(mut edits: Vec<Edit>) -> Vec<Edit> {
    // Stable: insertions at one offset stay in the order chosen.
    edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
    let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
    for edit in edits {
        match out.last_mut() {
            Some(first) if first.joins(&edit) => {
                let later = edit.appended.expect("joins() checks both are appended");
                first
                    .replacement
                    .push_str(&edit.replacement[later.header..]);
                let keys = &mut first.appended.as_mut().expect("joins() checks").keys;
                keys.extend(later.keys);
            }
            _ => out.push(edit),
        }
    }
    out
}

/// Applies non-overlapping `edits` (offsets into `text`, any order) to `text`.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.span.start, edit.span.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for edit in sorted {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A unified diff (`---`/`+++` headers naming the file, `@@` hunks, 3 lines of
/// context) from `before` to `after`; empty when they are equal.
pub fn unified_diff(name: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(name, name)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn finding(rule: &str, fix: Fix) -> Diagnostic {
        let span = fix.edits[0].span;
        let mut diagnostic = Diagnostic::new(rule.to_owned(), Severity::Error, span, "m");
        diagnostic.fix(fix);
        diagnostic
    }

    #[test]
    fn one_refused_fix_among_many_is_found_by_halving() {
        // 1,024 fixes, one refused whatever it goes with: it is set aside, the rest go in
        // together, and the checks number about three times the log of the fixes (a failed
        // check, its clean half and the merge, per level), not the fixes.
        let findings: Vec<Diagnostic> = (0..1024)
            .map(|index| {
                let rule = if index == 700 { "BAD" } else { "OK" };
                let mut diagnostic = finding(rule, Fix::safe(vec![Edit::insert(index, "x")]));
                diagnostic.message = format!("m{index}");
                diagnostic
            })
            .collect();
        let fixes: Vec<&Diagnostic> = findings.iter().collect();
        let mut checks = 0;
        let mut check = |chosen: &[&Diagnostic]| -> Result<(), String> {
            checks += 1;
            if chosen.iter().any(|d| d.rule == "BAD") {
                return Err("refused".to_owned());
            }
            Ok(())
        };
        let mut set_aside = SetAside::default();
        let (kept, _) = compatible(&fixes, &mut check, &mut set_aside).expect("the rest go in");
        assert_eq!(kept.len(), 1023);
        assert!(kept.iter().all(|d| d.rule == "OK"));
        assert!(set_aside.reason(&findings[700]).is_some());
        assert!(checks <= 3 * 10 + 1, "{checks} checks");
    }

    #[test]
    fn applies_edits_in_any_order() {
        let edits = [
            Edit::replace(Span::new(6, 8), "30"),
            Edit::insert(0, "# x\n"),
        ];
        assert_eq!(apply_edits("days: 60\n", &edits), "# x\ndays: 30\n");
    }

    #[test]
    fn defers_fixes_that_touch_a_chosen_one() {
        let text = "abcdefghij";
        let diagnostics = [
            finding("A", Fix::safe(vec![Edit::replace(Span::new(2, 4), "X")])),
            finding("B", Fix::safe(vec![Edit::replace(Span::new(3, 5), "Y")])),
            finding("C", Fix::safe(vec![Edit::replace(Span::new(4, 6), "Z")])),
            finding("D", Fix::safe(vec![Edit::insert(8, "1")])),
            finding("E", Fix::safe(vec![Edit::insert(8, "2")])),
            finding(
                "F",
                Fix::safe(vec![
                    Edit::replace(Span::new(0, 1), "f"),
                    Edit::insert(9, "!"),
                ]),
            ),
        ];
        let chosen: Vec<&str> = select(text, &diagnostics, &FixOptions::default(), |_| true)
            .chosen
            .iter()
            .map(|d| &*d.rule)
            .collect();
        // F is first by its first edit but its second edit touches nothing chosen before it;
        // B overlaps A, C meets A, E inserts where D does: all three wait.
        assert_eq!(chosen, ["F", "A", "D"]);
    }

    #[test]
    fn joins_keys_appended_at_one_offset_and_defers_the_rest() {
        let text = "tender:\n  id: X\n# end\n";
        let at = "tender:\n  id: X\n".len();
        let append = |key: &str, header: &str| {
            let appended = crate::diagnostic::Appended {
                column: 2,
                header: header.len(),
                keys: vec![key.to_owned()],
            };
            Edit::append(at, format!("{header}    {key}: 1\n"), appended)
        };
        let diagnostics = [
            finding("A", Fix::safe(vec![append("a", "  payment:\n")])),
            finding("B", Fix::safe(vec![append("b", "  payment:\n")])),
            // Same key as A: the next pass would find it written.
            finding("C", Fix::safe(vec![append("a", "  payment:\n")])),
            // Another section at the same offset.
            finding("D", Fix::safe(vec![append("c", "  feedback:\n")])),
            // A plain insertion there.
            finding("E", Fix::safe(vec![Edit::insert(at, "  x: 1\n")])),
            // A replacement starting there.
            finding(
                "F",
                Fix::safe(vec![Edit::replace(Span::new(at, at + 5), "# END")]),
            ),
        ];
        let chosen: Vec<&Diagnostic> =
            select(text, &diagnostics, &FixOptions::default(), |_| true).chosen;
        let rules: Vec<&str> = chosen.iter().map(|d| &*d.rule).collect();
        assert_eq!(rules, ["A", "B"]);
        let edits = joined(chosen.iter().flat_map(|d| fix_edits(d)).collect());
        assert_eq!(edits.len(), 1);
        assert_eq!(
            apply_edits(text, &edits),
            "tender:\n  id: X\n  payment:\n    a: 1\n    b: 1\n# end\n"
        );
        assert_eq!(
            edits[0].appended.as_ref().expect("appended").keys,
            ["a", "b"]
        );
    }

    #[test]
    fn a_refusal_names_the_finding_that_is_new() {
        let warning = |rule: &str, message: &str, at: usize| {
            Diagnostic::new(rule.to_owned(), Severity::Warning, Span::point(at), message)
        };
        let before = [warning(
            "JUST001",
            "PAY001 is justified but did not fire",
            5,
        )];
        let found = [
            warning("JUST001", "PAY001 is justified but did not fire", 5),
            warning("JUST001", "QUAL006 is justified but did not fire", 9),
        ];
        assert_eq!(
            new_finding(&before, &found),
            Err(
                "it would bring a new JUST001 finding (QUAL006 is justified but did not fire)"
                    .to_owned()
            )
        );
        assert_eq!(new_finding(&found, &before), Ok(()));
    }

    #[test]
    fn skips_unsafe_suppressed_and_no_op_fixes() {
        let text = "days: 60";
        let mut suppressed = finding("S", Fix::safe(vec![Edit::replace(Span::new(6, 8), "30")]));
        suppressed.suppressed = Some(crate::diagnostic::Suppression::Inline);
        let diagnostics = [
            finding("U", Fix::unsafe_(vec![Edit::replace(Span::new(6, 8), "1")])),
            suppressed,
            finding("N", Fix::safe(vec![Edit::replace(Span::new(6, 8), "60")])),
        ];
        assert!(
            select(text, &diagnostics, &FixOptions::default(), |_| true)
                .chosen
                .is_empty()
        );
        let chosen = select(
            text,
            &diagnostics,
            &FixOptions { unsafe_fixes: true },
            |_| true,
        )
        .chosen;
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].rule, "U");
    }

    #[test]
    fn refuses_a_fix_whose_own_edits_overlap() {
        let diagnostics = [finding(
            "A",
            Fix::safe(vec![
                Edit::replace(Span::new(0, 3), "x"),
                Edit::replace(Span::new(2, 4), "y"),
            ]),
        )];
        let selection = select("abcdef", &diagnostics, &FixOptions::default(), |_| true);
        assert!(selection.chosen.is_empty());
        assert_eq!(selection.malformed[0].1, "its edits overlap each other");
    }

    #[test]
    fn diffs_with_headers_and_context() {
        let before = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let after = "a\nb\nc\nd\nE\nf\ng\nh\n";
        assert_eq!(
            unified_diff("t.yaml", before, after),
            "--- t.yaml\n+++ t.yaml\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"
        );
        assert_eq!(unified_diff("t.yaml", before, before), "");
    }
}
