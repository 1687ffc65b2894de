//! The rule engine: every rule is a pure function of the parsed tender, its
//! derived facts and its settings, reporting findings through a [`Checker`].
//!
//! One rule, one file, grouped by family as in RULES.md. A rule's file reads
//! like its catalog row: scope first, trigger second, finding (span, message,
//! help, fix) last. Rules never print.

pub mod lot;
pub mod pattern;
pub mod pay;
pub mod proc;
pub mod qual;
pub mod spec;
pub mod sv;
pub mod time;

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::facts::Facts;
use crate::model::{Money, Node, Percent, Tender};
use crate::registry::RuleMeta;
use crate::settings::{Settings, ThresholdValue};
use crate::source::SourceFile;
use crate::span::Span;

/// A rule's entry point, registered by id in its family's `RULES`.
pub struct Rule {
    pub id: &'static str,
    pub check: fn(&mut Checker),
}

/// Every built-in rule, in catalog order.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    [
        lot::RULES,
        qual::RULES,
        pay::RULES,
        sv::RULES,
        time::RULES,
        spec::RULES,
        proc::RULES,
    ]
    .into_iter()
    .flatten()
}

/// What one rule sees of one tender, and where its findings go.
pub struct Checker<'a> {
    pub source: &'a SourceFile,
    pub tender: &'a Node<Tender>,
    pub facts: &'a Facts,
    meta: &'static RuleMeta,
    settings: &'a Settings,
    /// The rule's own thresholds as configured (none for a house rule).
    thresholds: &'a BTreeMap<String, ThresholdValue>,
    /// The rule's severity under the tender's regime (rules/scope.toml), else its own.
    severity: Severity,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    pub fn new(
        source: &'a SourceFile,
        tender: &'a Node<Tender>,
        facts: &'a Facts,
        meta: &'static RuleMeta,
        settings: &'a Settings,
        thresholds: &'a BTreeMap<String, ThresholdValue>,
    ) -> Self {
        Self {
            source,
            tender,
            facts,
            meta,
            settings,
            thresholds,
            severity: meta.severity,
            diagnostics: Vec::new(),
        }
    }

    /// Findings default to `severity` (the rule's severity under the tender's regime).
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Records a finding at `span` with the rule's default severity; chain `.help()`, `.fix()`, `.severity()`.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic::new(
            self.meta.id.as_str(),
            self.severity,
            span,
            message,
        ));
        self.diagnostics.last_mut().expect("just pushed")
    }

    pub fn default_severity(&self) -> Severity {
        self.severity
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    fn threshold(&self, name: &str) -> &ThresholdValue {
        self.thresholds.get(name).unwrap_or_else(|| {
            panic!(
                "rule {}'s threshold `{name}` is not declared in rules/",
                self.meta.id
            )
        })
    }

    fn threshold_of(&self, rule: &str, name: &str) -> &ThresholdValue {
        self.settings
            .threshold(rule, name)
            .unwrap_or_else(|| panic!("rule {rule}'s threshold `{name}` is not declared in rules/"))
    }

    /// Another rule's percentage threshold as configured, for a rule whose trigger defers
    /// to that rule's finding (LOT003 is quiet where LOT004's `tolerance` is exceeded).
    pub fn percent_of(&self, rule: &str, name: &str) -> Percent {
        match self.threshold_of(rule, name) {
            ThresholdValue::Percent(percent) => *percent,
            other => panic!("threshold {rule}.{name} is {other:?}, not a percentage"),
        }
    }

    /// Whether threshold `name` holds its default from `rules/` (not changed by configuration
    /// to another value).
    /// Whether a configuration file set `rule`'s threshold `name` (to any value).
    pub fn is_configured(&self, rule: &str, name: &str) -> bool {
        self.settings.is_configured(rule, name)
    }

    /// A money threshold declared for this rule in `rules/`, as configured.
    pub fn money(&self, name: &str) -> Money {
        match self.threshold(name) {
            ThresholdValue::Money(money) => *money,
            other => panic!("threshold {}.{name} is {other:?}, not money", self.meta.id),
        }
    }

    pub fn percent(&self, name: &str) -> Percent {
        match self.threshold(name) {
            ThresholdValue::Percent(percent) => *percent,
            other => panic!(
                "threshold {}.{name} is {other:?}, not a percentage",
                self.meta.id
            ),
        }
    }

    pub fn count(&self, name: &str) -> u32 {
        match self.threshold(name) {
            ThresholdValue::Count(count) => *count,
            other => panic!(
                "threshold {}.{name} is {other:?}, not a count",
                self.meta.id
            ),
        }
    }

    pub fn words(&self, name: &str) -> &[String] {
        match self.threshold(name) {
            ThresholdValue::Words(words) => words,
            other => panic!(
                "threshold {}.{name} is {other:?}, not a list of words",
                self.meta.id
            ),
        }
    }

    /// A word threshold of another rule, as configured (one setting shared by several rules,
    /// such as TIME007's `calendar`, which every date fix follows).
    pub fn word_of(&self, rule: &str, name: &str) -> Option<&str> {
        match self.settings.threshold(rule, name)? {
            ThresholdValue::Word(word) => Some(word),
            _ => None,
        }
    }

    /// A count threshold of another rule that this run has enabled; `None` when it has not.
    pub fn count_of(&self, rule: &str, name: &str) -> Option<u32> {
        if !self.settings.is_enabled(rule) {
            return None;
        }
        match self.settings.threshold(rule, name)? {
            ThresholdValue::Count(count) => Some(*count),
            _ => None,
        }
    }

    /// Where to point a finding about something missing: the nearest enclosing key that exists.
    pub fn tender_span(&self) -> Span {
        key_span(self.source, self.tender.span, "tender")
    }

    /// Where a finding about a key missing from the tender's section `key` points: that
    /// section's key when it is written, even with nothing under it (`payment:` reads as
    /// absent), else `tender`.
    pub fn section_span(&self, section: Option<Span>, key: &str) -> Span {
        match section {
            Some(span) => self.key_span(span, key),
            None => empty_key_span(self.source, self.tender.span, key)
                .unwrap_or_else(|| self.tender_span()),
        }
    }

    /// The span of `key:` for a section whose value node is `value_span` (see [`key_span`]).
    pub fn key_span(&self, value_span: Span, key: &str) -> Span {
        key_span(self.source, value_span, key)
    }
}

/// The span of the key `key` that owns the value at `value_span`.
///
/// serde gives spans for values, not keys. A block mapping's value starts on the
/// line after its key, a flow one on the same line: the key is the last `key:`
/// before the value. Falls back to the value's own span if it cannot be found.
pub fn key_span(source: &SourceFile, value_span: Span, key: &str) -> Span {
    let before = &source.text[..value_span.start.min(source.text.len())];
    let mut search_end = before.len();
    while let Some(index) = before[..search_end].rfind(key) {
        let after = before[index + key.len()..].trim_start_matches([' ', '\t', '"', '\'']);
        let boundary_before = before[..index]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        if boundary_before && after.starts_with(':') {
            return Span::new(index, index + key.len());
        }
        search_end = index;
    }
    value_span
}

/// The span of `key` written with no value (`payment:`, `payment: ~`) directly in the block
/// mapping whose span is `mapping`: such a key deserialises as absent, so it has no node.
/// Searches the mapping's own lines only: from its first key to the first line indented
/// less. `None` for a flow mapping or when the key is not written empty.
pub fn empty_key_span(source: &SourceFile, mapping: Span, key: &str) -> Option<Span> {
    let text = &source.text;
    if text[mapping.start.min(text.len())..].starts_with('{') {
        return None;
    }
    let column = mapping.start - source.line_start(mapping.start);
    // A key of the mapping is written at its column, never before its start: look for
    // the key's text and judge the lines holding it, rather than every line (the key is
    // rarely there, as its section is usually absent or has a node).
    let key_line = memchr::memmem::find_iter(&text.as_bytes()[mapping.start..], key)
        .map(|at| mapping.start + at)
        .find_map(|at| {
            let (start, line) = source.lines_from(at).next()?;
            (at - start == column && written_empty(line, column, key)).then_some(start)
        })?;
    // It is the mapping's only if no line before it, indented less, ends the mapping.
    let mapping_ended = source
        .lines_from(mapping.start)
        .take_while(|&(start, _)| start < key_line)
        .any(|(_, line)| {
            let content = line.trim_start_matches(' ');
            !content.is_empty() && !content.starts_with('#') && line.len() - content.len() < column
        });
    let start = key_line + column;
    (!mapping_ended).then(|| Span::new(start, start + key.len()))
}

/// Whether `line` writes `key`, at `column`, with no value (nothing, a comment, `~` or
/// `null`).
fn written_empty(line: &str, column: usize, key: &str) -> bool {
    let Some(content) = line.get(column..) else {
        return false;
    };
    if !line.as_bytes()[..column].iter().all(|&byte| byte == b' ') {
        return false;
    }
    let Some(after) = content.strip_prefix(key) else {
        return false;
    };
    let Some(value) = after.trim_start_matches(' ').strip_prefix(':') else {
        return false;
    };
    let value = value.trim();
    value.is_empty() || value.starts_with('#') || value == "~" || value == "null"
}
