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
}

impl Edit {
    pub fn replace(span: Span, replacement: impl Into<String>) -> Self {
        Self {
            span,
            replacement: replacement.into(),
        }
    }

    pub fn insert(offset: usize, text: impl Into<String>) -> Self {
        Self::replace(Span::point(offset), text)
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
    pub rule: String,
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
        rule: impl Into<String>,
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
