//! The fix engine behind `--fix`, `--unsafe-fixes` and `--diff`.
//!
//! Fixes are byte-range edits of the text as read, so comments, key order,
//! quoting, blank lines, indentation, CRLF line endings and a byte order mark all
//! survive. One pass lints the text, chooses fixes whose edits stay clear of each
//! other (a fix's edits are all-or-nothing), checks each one with [`verify`] and
//! applies them together; the next pass re-parses and re-lints the result, so
//! deferred fixes and fixes that only apply after another one get their turn.
//! Passes stop when nothing is left to fix, or after [`MAX_PASSES`].
//!
//! A fix that [`verify`] refuses stops the whole file: nothing is written, and the
//! error names the rule (it is a bug in that rule's fix).

pub mod verify;
pub mod write;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::lint::lint_source;
use crate::parse::ParseError;
use crate::settings::Settings;
use crate::source::SourceFile;
use crate::span::Span;

use verify::{Rejection, Verifier};

/// At most this many lint-and-fix passes per file; fixes still pending then are reported.
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnfixedReason {
    /// Its edits would leave the text as it is.
    NoChange,
    /// The passes ran out ([`MAX_PASSES`]): fixes kept producing findings to fix.
    DidNotSettle,
}

impl UnfixedReason {
    pub fn describe(self) -> String {
        match self {
            UnfixedReason::NoChange => "its fix would change nothing".to_owned(),
            UnfixedReason::DidNotSettle => {
                format!("the fixes did not settle after {MAX_PASSES} passes")
            }
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
    /// The findings of the fixed text.
    pub remaining: Vec<Diagnostic>,
    /// Remaining findings whose fix was allowed but could not be applied.
    pub unfixed: Vec<Unfixed>,
    /// Passes that changed the text.
    pub passes: usize,
}

/// Why a file could not be fixed; the file is then left as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixError {
    /// The file itself could not be parsed (nothing to fix).
    Lint(ParseError),
    /// A fix was refused by [`verify::verify`]; `rules` names the fixes involved.
    Refused {
        rules: Vec<String>,
        rejection: Rejection,
        /// The pass that was refused; 0 means the rejection's span indexes the original text.
        pass: usize,
    },
}

impl FixError {
    /// As a file error, reported like a parse error (exit code 2).
    pub fn into_parse_error(self) -> ParseError {
        match self {
            FixError::Lint(error) => error,
            FixError::Refused {
                rules,
                rejection,
                pass,
            } => {
                let names = rules.join(", ");
                let fixes = if rules.len() == 1 { "fix" } else { "fixes" };
                ParseError::new(
                    format!(
                        "refused the {names} {fixes}: {}; the file was left unchanged",
                        rejection.reason
                    ),
                    rejection.span.filter(|_| pass == 0),
                    Some(format!(
                        "tenderlint applies a fix only when it changes nothing else: make this change \
                         by hand (the finding's help says what to change). Unless the file uses YAML \
                         anchors and aliases, this is a bug in the {names} {fixes}: please report it"
                    )),
                )
            }
        }
    }
}

/// Lints `source` and applies the fixes `options` allow until nothing changes.
pub fn fix_source(
    source: &SourceFile,
    settings: &Settings,
    options: &FixOptions,
) -> Result<Fixed, FixError> {
    fix_with(source, options, |source| lint_source(source, settings))
}

/// The engine, over any linter: `lint` is called on the original and after every pass.
pub fn fix_with(
    source: &SourceFile,
    options: &FixOptions,
    mut lint: impl FnMut(&SourceFile) -> Result<Vec<Diagnostic>, ParseError>,
) -> Result<Fixed, FixError> {
    let mut current = source.clone();
    let mut diagnostics = lint(&current).map_err(FixError::Lint)?;
    let mut applied = Vec::new();
    let mut passes = 0;
    let mut settled = true;
    loop {
        let chosen = select(&current.text, &diagnostics, options).map_err(|(rule, reason)| {
            FixError::Refused {
                rules: vec![rule],
                rejection: Rejection { reason, span: None },
                pass: passes,
            }
        })?;
        if chosen.is_empty() {
            break;
        }
        if passes == MAX_PASSES {
            settled = false;
            break;
        }
        let rules: Vec<String> = chosen.iter().map(|d| d.rule.clone()).collect();
        let refused = |rules: Vec<String>, rejection: Rejection| FixError::Refused {
            rules: dedup(rules),
            rejection,
            pass: passes,
        };
        let verifier =
            Verifier::new(&current.text).map_err(|rejection| refused(rules.clone(), rejection))?;
        let fix_edits = |diagnostic: &Diagnostic| -> Vec<Edit> {
            diagnostic
                .fix
                .as_ref()
                .expect("chosen fixes exist")
                .edits
                .clone()
        };
        let edits: Vec<Edit> = chosen.iter().flat_map(|d| fix_edits(d)).collect();
        let next = apply_edits(&current.text, &edits);
        if let Err(together) = verifier.check(&next, &edits) {
            // Name the fix at fault: the first refused alone, else all of them together.
            for diagnostic in &chosen {
                let own = fix_edits(diagnostic);
                let alone = apply_edits(&current.text, &own);
                if let Err(rejection) = verifier.check(&alone, &own) {
                    return Err(refused(vec![diagnostic.rule.clone()], rejection));
                }
            }
            return Err(refused(rules, together));
        }
        applied.extend(chosen.iter().map(|diagnostic| AppliedFix {
            rule: diagnostic.rule.clone(),
            message: diagnostic.message.clone(),
            applicability: diagnostic.fix.as_ref().expect("chosen").applicability,
        }));
        passes += 1;
        current = SourceFile::new(current.name.clone(), current.path.clone(), next);
        diagnostics = lint(&current).map_err(|error| FixError::Refused {
            rules: dedup(rules),
            rejection: Rejection {
                reason: format!("the fixed file no longer parses ({})", error.message),
                span: None,
            },
            pass: passes,
        })?;
    }
    let unfixed = diagnostics
        .iter()
        .filter(|diagnostic| options.would_fix(diagnostic))
        .map(|diagnostic| Unfixed {
            rule: diagnostic.rule.clone(),
            message: diagnostic.message.clone(),
            span: diagnostic.span,
            reason: if settled {
                UnfixedReason::NoChange
            } else {
                UnfixedReason::DidNotSettle
            },
        })
        .collect();
    Ok(Fixed {
        source: current,
        applied,
        remaining: diagnostics,
        unfixed,
        passes,
    })
}

fn dedup(mut rules: Vec<String>) -> Vec<String> {
    rules.sort();
    rules.dedup();
    rules
}

/// Chooses this pass's fixes: allowed, unsuppressed, changing something, and clear of
/// every fix chosen before them (earliest first). Edits that overlap or touch another
/// fix's edits, including two insertions at one offset, wait for the next pass.
/// `Err((rule, reason))` for a fix that cannot be applied at all.
pub fn select<'a>(
    text: &str,
    diagnostics: &'a [Diagnostic],
    options: &FixOptions,
) -> Result<Vec<&'a Diagnostic>, (String, String)> {
    let mut candidates: Vec<(&Diagnostic, Vec<&Edit>)> = Vec::new();
    for diagnostic in diagnostics {
        if !options.would_fix(diagnostic) {
            continue;
        }
        let fix = diagnostic.fix.as_ref().expect("would_fix checks the fix");
        let mut edits: Vec<&Edit> = fix.edits.iter().collect();
        edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
        for edit in &edits {
            if edit.span.start > edit.span.end
                || edit.span.end > text.len()
                || !text.is_char_boundary(edit.span.start)
                || !text.is_char_boundary(edit.span.end)
            {
                return Err((
                    diagnostic.rule.clone(),
                    format!(
                        "its edit {}..{} does not fit the file's text",
                        edit.span.start, edit.span.end
                    ),
                ));
            }
        }
        if edits
            .windows(2)
            .any(|pair| pair[1].span.start < pair[0].span.end || pair[0].span == pair[1].span)
        {
            return Err((
                diagnostic.rule.clone(),
                "its edits overlap each other".to_owned(),
            ));
        }
        let no_change = edits
            .iter()
            .all(|edit| text[edit.span.range()] == edit.replacement);
        if !no_change {
            candidates.push((diagnostic, edits));
        }
    }
    candidates.sort_by_key(|(diagnostic, edits)| (edits[0].span.start, diagnostic.span.start));
    let mut taken: Vec<Span> = Vec::new();
    let mut chosen = Vec::new();
    for (diagnostic, edits) in candidates {
        let clear = edits
            .iter()
            .all(|edit| taken.iter().all(|span| !touch(*span, edit.span)));
        if clear {
            taken.extend(edits.iter().map(|edit| edit.span));
            chosen.push(diagnostic);
        }
    }
    Ok(chosen)
}

/// Whether two edit ranges overlap or meet; meeting counts, so two insertions
/// at one offset, or an insertion at the edge of a replacement, are never combined.
fn touch(a: Span, b: Span) -> bool {
    a.start <= b.end && b.start <= a.end
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
        let mut diagnostic = Diagnostic::new(rule, Severity::Error, span, "m");
        diagnostic.fix(fix);
        diagnostic
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
        let chosen: Vec<&str> = select(text, &diagnostics, &FixOptions::default())
            .unwrap()
            .iter()
            .map(|d| d.rule.as_str())
            .collect();
        // F is first by its first edit but its second edit touches nothing chosen before it;
        // B overlaps A, C meets A, E inserts where D does: all three wait.
        assert_eq!(chosen, ["F", "A", "D"]);
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
            select(text, &diagnostics, &FixOptions::default())
                .unwrap()
                .is_empty()
        );
        let chosen = select(text, &diagnostics, &FixOptions { unsafe_fixes: true }).unwrap();
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
        let error = select("abcdef", &diagnostics, &FixOptions::default()).unwrap_err();
        assert_eq!(error.1, "its edits overlap each other");
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
