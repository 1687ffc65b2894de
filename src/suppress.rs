//! Justifications and inline suppressions, and the meta rules that keep them honest.
//!
//! A `justifications:` entry records why the buyer lawfully departs from a rule:
//! the finding becomes a note quoting the reason and no longer fails the run.
//! `# tenderlint: ignore[ID]` on a finding's line (or the line above, or a block
//! scalar's header) silences it for CI noise; only real YAML comments count, found by
//! a scanner that knows quoted and block scalars. Stale or empty entries are findings
//! themselves (JUST001, JUST002, SUP001), so neither mechanism can quietly rot.

use std::sync::OnceLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Suppression};
use crate::model::{Node, Tender, is_placeholder};
use crate::registry::Registry;
use crate::settings::Settings;
use crate::source::SourceFile;
use crate::span::Span;
use crate::suggest::did_you_mean;

pub const UNUSED_JUSTIFICATION: &str = "JUST001";
pub const EMPTY_JUSTIFICATION: &str = "JUST002";
pub const UNUSED_SUPPRESSION: &str = "SUP001";

/// Marks justified findings and reports JUST001 / JUST002.
pub fn apply_justifications(
    tender: &Node<Tender>,
    settings: &Settings,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(justifications) = tender.justifications.as_ref() else {
        return;
    };
    let registry = Registry::builtin();
    let mut meta_findings = Vec::new();
    for (rule, reason) in &justifications.0 {
        let reason_text = reason.trim();
        let placeholder = is_placeholder(reason_text);
        if placeholder && settings.is_enabled(EMPTY_JUSTIFICATION) {
            let message = if reason_text.is_empty() {
                format!("the justification for {} is empty", rule.inner)
            } else {
                format!(
                    "the justification for {} is a placeholder (\"{reason_text}\")",
                    rule.inner
                )
            };
            meta_findings.push(meta_finding(
                EMPTY_JUSTIFICATION,
                reason.span,
                message,
                None,
                settings,
            ));
        }
        let known = registry.get(&rule.inner).is_some();
        let mut fired = false;
        for diagnostic in diagnostics
            .iter_mut()
            .filter(|diagnostic| diagnostic.rule.eq_ignore_ascii_case(&rule.inner))
        {
            fired = true;
            if !placeholder {
                diagnostic.suppressed = Some(Suppression::Justification {
                    reason: reason_text.to_owned(),
                });
            }
        }
        if !fired
            && settings.is_enabled(UNUSED_JUSTIFICATION)
            && (!known || settings.is_enabled(&rule.inner))
        {
            let (message, help) = if known {
                (
                    format!("{} is justified but did not fire", rule.inner),
                    "remove the stale justification".to_owned(),
                )
            } else {
                let ids = registry.rules().map(|meta| meta.id.as_str());
                let help = match did_you_mean(&rule.inner, ids) {
                    Some(id) => format!("did you mean `{id}`?"),
                    None => "justifications are keyed by rule id, e.g. `PROC005`; see `tenderlint rules`".to_owned(),
                };
                (format!("`{}` is not a tenderlint rule", rule.inner), help)
            };
            meta_findings.push(meta_finding(
                UNUSED_JUSTIFICATION,
                rule.span,
                message,
                Some(help),
                settings,
            ));
        }
    }
    diagnostics.extend(meta_findings);
}

/// One `# tenderlint: ignore[...]` comment.
struct InlineIgnore {
    /// 1-based lines the comment covers: its own and the next, or a whole block scalar.
    lines: std::ops::RangeInclusive<usize>,
    rules: Vec<(String, Span)>,
}

fn ignore_directive() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| Regex::new(r"tenderlint:\s*ignore\[([^\]]*)\]").expect("valid pattern"))
}

fn inline_ignores(source: &SourceFile) -> Vec<InlineIgnore> {
    // Most files have no directive: finding that out needs no scan of their comments
    // (memchr's vectorised search, not `str::contains`, as it reads the whole file; its
    // searcher built once per run, which costs as much as searching a small tender).
    static DIRECTIVE: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let directive = DIRECTIVE.get_or_init(|| memchr::memmem::Finder::new(b"tenderlint:"));
    if directive.find(source.text.as_bytes()).is_none() {
        return Vec::new();
    }
    let layout = scan_comments(source);
    let mut ignores = Vec::new();
    for comment in &layout.comments {
        let text = &source.text[comment.start..comment.end];
        if !text.contains("tenderlint:") {
            continue;
        }
        // A comment on a block scalar's header line, or alone on the line above it,
        // covers every line of the scalar.
        let scalar_end = layout.block_scalars.iter().find_map(|scalar| {
            let above = comment.own_line && comment.line + 1 == scalar.header_line;
            (comment.line == scalar.header_line || above).then_some(scalar.last_line)
        });
        let last = scalar_end.unwrap_or(comment.line + 1).max(comment.line + 1);
        for captures in ignore_directive().captures_iter(text) {
            let list = captures.get(1).expect("group 1 always participates");
            let mut rules = Vec::new();
            let mut offset = comment.start + list.start();
            for id in list.as_str().split(',') {
                let trimmed = id.trim();
                let start = offset + (id.len() - id.trim_start().len());
                if !trimmed.is_empty() {
                    rules.push((trimmed.to_owned(), Span::new(start, start + trimmed.len())));
                }
                offset += id.len() + 1;
            }
            ignores.push(InlineIgnore {
                lines: comment.line..=last,
                rules,
            });
        }
    }
    ignores
}

/// Where a file's YAML comments and block scalars are.
#[derive(Debug, Default)]
struct Layout {
    comments: Vec<Comment>,
    block_scalars: Vec<BlockScalar>,
}

/// A YAML comment: byte range from its `#` to the end of the line.
#[derive(Debug)]
struct Comment {
    start: usize,
    end: usize,
    /// 1-based.
    line: usize,
    /// Nothing but indentation before it on its line.
    own_line: bool,
}

/// A `|` or `>` scalar: the 1-based line of its header and of its last content line.
#[derive(Debug)]
struct BlockScalar {
    header_line: usize,
    last_line: usize,
}

/// Finds the real comments of a YAML text: a `#` at the start of a line or after
/// whitespace, outside quoted scalars (which may span lines) and outside block scalars,
/// whose every line is text (a block scalar ends at the first non-blank line indented less
/// than its text). A quote opens a scalar only where a scalar can start (so the
/// apostrophe in `buyer's` is text).
fn scan_comments(source: &SourceFile) -> Layout {
    #[derive(Clone, Copy, PartialEq)]
    enum Quote {
        None,
        Single,
        Double,
    }
    let mut layout = Layout::default();
    let mut quote = Quote::None;
    // Inside a block scalar: lines indented more than this column are its text.
    // Inside a block scalar: its parent's column and, once seen, its text's indentation
    // (set by the first non-blank line; a line indented less ends the scalar).
    let mut block: Option<(usize, Option<usize>)> = None;
    for number in 1..=source.line_count() {
        let line = source.line_text(number);
        let line_start = source.offset_of(number, 1).unwrap_or(source.text.len());
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some((parent, text_indent)) = block {
            if line.trim().is_empty() {
                continue;
            }
            let text_indent = text_indent.unwrap_or(indent);
            if indent > parent && indent >= text_indent {
                block = Some((parent, Some(text_indent)));
                if let Some(scalar) = layout.block_scalars.last_mut() {
                    scalar.last_line = number;
                }
                continue;
            }
            block = None;
        }
        let bytes = line.as_bytes();
        let mut comment_at = None;
        let mut position = 0;
        // Only these bytes change the state (or end the scan): the rest are passed over. An
        // escape at the end of the line leaves `position` past it, with nothing left to read.
        while let Some(skipped) = bytes.get(position..).and_then(|rest| match quote {
            Quote::Double => memchr::memchr2(b'\\', b'"', rest),
            Quote::Single => memchr::memchr(b'\'', rest),
            Quote::None => memchr::memchr3(b'#', b'"', b'\'', rest),
        }) {
            position += skipped;
            let byte = bytes[position];
            match quote {
                Quote::Double => match byte {
                    b'\\' => position += 1,
                    b'"' => quote = Quote::None,
                    _ => {}
                },
                Quote::Single => {
                    if byte == b'\'' {
                        if bytes.get(position + 1) == Some(&b'\'') {
                            position += 1;
                        } else {
                            quote = Quote::None;
                        }
                    }
                }
                Quote::None => match byte {
                    b'#' if position == 0
                        || bytes[position - 1] == b' '
                        || bytes[position - 1] == b'\t' =>
                    {
                        comment_at = Some(position);
                        break;
                    }
                    b'"' | b'\'' if scalar_can_start(&line[..position]) => {
                        quote = if byte == b'"' {
                            Quote::Double
                        } else {
                            Quote::Single
                        };
                    }
                    _ => {}
                },
            }
            position += 1;
        }
        if let Some(at) = comment_at {
            layout.comments.push(Comment {
                start: line_start + at,
                end: line_start + line.len(),
                line: number,
                own_line: line[..at].trim().is_empty(),
            });
        }
        if quote == Quote::None {
            let content = &line[..comment_at.unwrap_or(line.len())];
            if let Some(parent) = block_scalar_parent(content) {
                block = Some((parent, None));
                layout.block_scalars.push(BlockScalar {
                    header_line: number,
                    last_line: number,
                });
            }
        }
    }
    layout
}

/// Whether a scalar may begin after `before` (the line up to a quote): at the start of
/// the line's content, or after `: `, `- `, `? `, `[`, `{` or `,`.
fn scalar_can_start(before: &str) -> bool {
    let trimmed = before.trim_end_matches([' ', '\t']);
    let separated = trimmed.len() < before.len();
    match trimmed.chars().next_back() {
        None => true,
        Some('[' | '{' | ',') => true,
        Some(':' | '-' | '?') => separated,
        Some(_) => false,
    }
}

/// When `content` (a line without its comment) ends in a block scalar header (`key: |`,
/// `- >-`, `key: |2+`): the column its text must be indented beyond (the key's, or the
/// sequence dash's when the scalar is the item itself).
fn block_scalar_parent(content: &str) -> Option<usize> {
    let trimmed = content.trim_end();
    let (before, indicator) = trimmed.rsplit_once([' ', '\t'])?;
    let mut chars = indicator.chars();
    if !matches!(chars.next(), Some('|' | '>'))
        || !chars.all(|c| matches!(c, '1'..='9' | '+' | '-'))
        || indicator.len() > 3
    {
        return None;
    }
    let before = before.trim_end();
    if !(before.ends_with(':') || before.ends_with('-') || before.ends_with('?')) {
        return None;
    }
    // Skip sequence dashes (`- - key: |`) to the node the scalar belongs to.
    let mut column = content.len() - content.trim_start().len();
    let mut rest = &content[column..];
    while let Some(after) = rest
        .strip_prefix('-')
        .filter(|after| after.starts_with([' ', '\t']))
    {
        let skipped = after.len() - after.trim_start().len();
        if after.trim_start().len() == indicator.len() {
            // `- |`: the item itself is the scalar; its text is indented beyond the dash.
            return Some(column);
        }
        column += 1 + skipped;
        rest = after.trim_start();
    }
    Some(column)
}

/// Marks findings covered by an inline ignore and reports SUP001 for ids that silenced nothing.
pub fn apply_inline_suppressions(
    source: &SourceFile,
    settings: &Settings,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut unused = Vec::new();
    for ignore in inline_ignores(source) {
        for (rule, span) in &ignore.rules {
            let mut used = false;
            for diagnostic in diagnostics.iter_mut() {
                let line = source.line_col(diagnostic.span.start).0;
                let covered = ignore.lines.contains(&line);
                if covered
                    && diagnostic.rule.eq_ignore_ascii_case(rule)
                    && diagnostic.rule != UNUSED_SUPPRESSION
                {
                    used = true;
                    if diagnostic.suppressed.is_none() {
                        diagnostic.suppressed = Some(Suppression::Inline);
                    }
                }
            }
            let disabled_known_rule =
                Registry::builtin().get(rule).is_some() && !settings.is_enabled(rule);
            if !used && !disabled_known_rule && settings.is_enabled(UNUSED_SUPPRESSION) {
                unused.push(meta_finding(
                    UNUSED_SUPPRESSION,
                    *span,
                    format!("`# tenderlint: ignore[{rule}]` suppressed nothing"),
                    Some(
                        "remove it, or move it onto the finding's line or the line above"
                            .to_owned(),
                    ),
                    settings,
                ));
            }
        }
    }
    diagnostics.extend(unused);
}

fn meta_finding(
    rule: &str,
    span: Span,
    message: String,
    help: Option<String>,
    settings: &Settings,
) -> Diagnostic {
    let meta = Registry::builtin()
        .get(rule)
        .unwrap_or_else(|| panic!("{rule} is described in rules/meta.toml"));
    let severity = settings
        .severity_overrides
        .get(rule)
        .copied()
        .unwrap_or(meta.severity);
    let mut diagnostic = Diagnostic::new(meta.id.as_str(), severity, span, message);
    diagnostic.help = help;
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::lint_source;
    use crate::model::Date;

    /// (rule, suppressed) for every finding of `text`.
    fn findings(text: &str) -> Vec<(String, bool)> {
        let source = SourceFile::new("t.tender.yaml", None, text.to_owned());
        let settings = Settings::defaults(Date::from_ymd(2026, 6, 1).expect("valid date"));
        lint_source(&source, &settings)
            .expect("parses")
            .into_iter()
            .map(|diagnostic| {
                (
                    diagnostic.rule.into_owned(),
                    diagnostic.suppressed.is_some(),
                )
            })
            .collect()
    }

    fn suppressed(text: &str, rule: &str) -> Vec<bool> {
        findings(text)
            .into_iter()
            .filter(|(id, _)| id == rule)
            .map(|(_, suppressed)| suppressed)
            .collect()
    }

    #[test]
    fn a_directive_inside_a_block_scalar_is_specification_text() {
        let text = "tender:\n  specification: |\n    Wiring to BS 7671.  # tenderlint: ignore[SPEC002]\n    # tenderlint: ignore[SPEC002]\n    Entrances to BS 8300.\n";
        assert_eq!(suppressed(text, "SPEC002"), [false, false]);
        assert!(!findings(text).iter().any(|(rule, _)| rule == "SUP001"));
    }

    #[test]
    fn a_directive_inside_a_quoted_string_is_text() {
        for text in [
            "tender:\n  specification: \"Wiring to BS 7671. # tenderlint: ignore[SPEC002]\"\n",
            "tender:\n  specification: 'It''s wiring to BS 7671. # tenderlint: ignore[SPEC002]'\n",
            "tender:\n  specification: \"Wiring to BS 7671,\n    # tenderlint: ignore[SPEC002]\n    entrances to BS 8300.\"\n",
        ] {
            let spec002 = suppressed(text, "SPEC002");
            assert!(!spec002.is_empty() && !spec002.contains(&true), "{text}");
        }
    }

    #[test]
    fn an_apostrophe_in_plain_text_does_not_hide_a_comment() {
        let text = "tender:\n  title: The buyer's own work\n  payment: {terms_days: 60}  # tenderlint: ignore[PAY001]\n";
        assert_eq!(suppressed(text, "PAY001"), [true]);
    }

    #[test]
    fn a_comment_on_the_header_or_above_the_key_covers_the_whole_scalar() {
        let body = "    Scope of works.\n\n    Wiring to BS 7671.\n    Entrances to BS 8300.\n";
        for head in [
            "tender:\n  specification: |  # tenderlint: ignore[SPEC002]\n",
            "tender:\n  # tenderlint: ignore[SPEC002]\n  specification: >-\n",
        ] {
            let text = format!("{head}{body}  payment: {{terms_days: 60}}\n");
            assert_eq!(suppressed(&text, "SPEC002"), [true, true], "{text}");
            // The scalar ends where its text does: the next key is not covered.
            assert_eq!(suppressed(&text, "PAY001"), [false], "{text}");
        }
    }

    #[test]
    fn a_comment_indented_less_than_the_text_ends_the_block_scalar() {
        let text = "tender:\n  specification: |\n      Wiring to BS 7671.\n    # tenderlint: ignore[PAY001]\n  payment: {terms_days: 60}\n";
        assert_eq!(suppressed(text, "PAY001"), [true]);
        assert_eq!(suppressed(text, "SPEC002"), [false]);
    }

    #[test]
    fn every_directive_on_a_line_counts() {
        let text = "tender:\n  payment: {terms_days: 60, flow_down_to_subcontracts: false}  # tenderlint: ignore[PAY001] # tenderlint: ignore[PAY003]\n";
        assert_eq!(suppressed(text, "PAY001"), [true]);
        assert_eq!(suppressed(text, "PAY003"), [true]);
        assert!(!findings(text).iter().any(|(rule, _)| rule == "SUP001"));
    }

    #[test]
    fn block_scalar_headers_are_recognised_in_every_form() {
        assert_eq!(block_scalar_parent("  specification: |"), Some(2));
        assert_eq!(block_scalar_parent("  specification: >-"), Some(2));
        assert_eq!(block_scalar_parent("    - specification: |2+"), Some(6));
        assert_eq!(block_scalar_parent("  - |"), Some(2));
        assert_eq!(block_scalar_parent("  title: a | b"), None);
        assert_eq!(block_scalar_parent("  title: >"), Some(2));
        assert_eq!(block_scalar_parent("  title: x >"), None);
    }
}
