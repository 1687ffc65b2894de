//! What a rule returns: a finding at a span, with an optional fix.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Whether `--fix` may apply a fix on its own (ruff's terms).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Needs a judgement (a figure, a rebalance): applied only with `--unsafe-fixes`.
    Unsafe,
    /// Exactly one compliant value: applied by `--fix`.
    Safe,
}

/// Replace the bytes of `span` in the original text with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
    /// Set when the edit inserts entries after the last entry of a block mapping, so that
    /// another fix's entries for the same place can join them (see [`Appended`]).
    pub appended: Option<Box<Appended>>,
}

/// What an insertion after the last entry of a block mapping adds: `key: value` lines at
/// `column`, or a new section (`payment:` at `column`) holding them, whose opening line is
/// the first `header` bytes of the replacement.
///
/// Two fixes inserting at the same offset would otherwise wait for separate passes, each
/// re-reading and re-linting the file. When both add entries at the same column, under the
/// same new section or none, and add different keys, the fix engine joins them in one pass:
/// the second's entries (without its header) follow the first's, which is the text the next
/// pass would have written, since a key is always added after a mapping's last entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Appended {
    pub column: usize,
    pub header: usize,
    pub keys: Vec<String>,
}

impl Edit {
    pub fn replace(span: Span, replacement: impl Into<String>) -> Self {
        Self {
            span,
            replacement: replacement.into(),
            appended: None,
        }
    }

    pub fn insert(offset: usize, text: impl Into<String>) -> Self {
        Self::replace(Span::point(offset), text)
    }

    /// An insertion after the last entry of a block mapping (see [`Appended`]).
    pub fn append(offset: usize, text: String, appended: Appended) -> Self {
        debug_assert!(text.is_char_boundary(appended.header));
        Self {
            appended: Some(Box::new(appended)),
            ..Self::insert(offset, text)
        }
    }

    /// Whether `later`, chosen after `self`, can join it in one pass (see [`Appended`]).
    pub fn joins(&self, later: &Edit) -> bool {
        let (Some(first), Some(second)) = (&self.appended, &later.appended) else {
            return false;
        };
        self.span == later.span
            && first.column == second.column
            && self.replacement[..first.header] == later.replacement[..second.header]
            && !first.keys.iter().any(|key| second.keys.contains(key))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    /// Non-overlapping edits, applied together or not at all.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(edits: Vec<Edit>) -> Self {
        Self {
            applicability: Applicability::Safe,
            edits,
        }
    }

    pub fn unsafe_(edits: Vec<Edit>) -> Self {
        Self {
            applicability: Applicability::Unsafe,
            edits,
        }
    }
}

/// Why a finding does not count against the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Suppression {
    /// Recorded in the tender's `justifications`, with the buyer's reason.
    Justification { reason: String },
    /// A `# tenderlint: ignore[ID]` comment.
    Inline,
}

/// One finding of one rule in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's id: borrowed from the rule tables for every rule that runs, so a finding
    /// costs no copy of it.
    pub rule: Cow<'static, str>,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    /// What to do; when `None` the rule's `fix` text from `rules/` is shown.
    pub help: Option<String>,
    pub fix: Option<Fix>,
    pub suppressed: Option<Suppression>,
    /// What the finding cites, for the tender's regime and buyer (rules/scope.toml);
    /// set by the engine.
    pub source: Option<Cow<'static, str>>,
    /// On a published notice, the JSON path of what the finding is about (`tender.lots[2].value.amount`).
    pub json_path: Option<String>,
}

impl Diagnostic {
    pub fn new(
        rule: impl Into<Cow<'static, str>>,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Self {
            rule: rule.into(),
            severity,
            span,
            message: message.into(),
            help: None,
            fix: None,
            suppressed: None,
            source: None,
            json_path: None,
        }
    }

    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    pub fn fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    /// For rules whose severity depends on the case (RULES.md "error / warning").
    pub fn severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = severity;
        self
    }
}
