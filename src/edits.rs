//! YAML-aware text edits for fixes: byte-range changes to the original text,
//! never a re-serialisation, so comments, quoting and layout survive.

use crate::diagnostic::Edit;
use crate::source::SourceFile;
use crate::span::Span;

/// Inserts `key: value` as the first entry of the mapping whose node span is `mapping`.
///
/// A flow mapping (`{a: 1}`) gets `key: value, ` after its brace. A block
/// mapping gets the new entry on its own line at the first key's position; the
/// old first key moves to the next line at the same column, so this also works
/// for a mapping that starts a sequence item (`- name: …`).
///
/// When the mapping already has `key` with no value (`key:`, `key: ~`, `key: null`, which
/// parse as absent), the value is filled in place instead: a second `key` would be a
/// duplicate key and break the file.
pub fn insert_key(source: &SourceFile, mapping: Span, key: &str, value: &str) -> Edit {
    let text = &source.text;
    if let Some(edit) = fill_empty_value(source, mapping, key, value) {
        return edit;
    }
    if text[mapping.start..].starts_with('{') {
        let after_brace = mapping.start + 1;
        let empty = text[after_brace..].trim_start().starts_with('}');
        let separator = if empty { "" } else { ", " };
        return Edit::insert(after_brace, format!("{key}: {value}{separator}"));
    }
    let indent = column_indent(source, mapping.start);
    Edit::insert(
        mapping.start,
        format!("{key}: {value}{}{indent}", newline(source)),
    )
}

/// The edit giving `key` its `value` when the mapping at `mapping` has `key` written with
/// an empty or null value; `None` when `key` is not written there (or has a real value).
fn fill_empty_value(source: &SourceFile, mapping: Span, key: &str, value: &str) -> Option<Edit> {
    let text = &source.text;
    let colon = if text[mapping.start..].starts_with('{') {
        flow_key_colon(text, mapping.start + 1, key)?
    } else {
        block_key_colon(source, mapping.start, key)?
    };
    // The value runs to the end of the line, a comment, or (in flow) `,` / `}`.
    let rest = &text[colon + 1..];
    let end = rest.find(['\n', '\r', ',', '}']).unwrap_or(rest.len());
    let written = rest[..end].split(" #").next().unwrap_or_default();
    let written = if written.trim_start().starts_with('#') {
        ""
    } else {
        written
    };
    match written.trim() {
        "" => Some(Edit::replace(
            Span::new(colon + 1, colon + 1 + written.len()),
            format!(" {value}"),
        )),
        "~" | "null" | "Null" | "NULL" => {
            let token_end = colon + 1 + written.trim_end().len();
            Some(Edit::replace(
                Span::new(colon + 1, token_end),
                format!(" {value}"),
            ))
        }
        _ => None,
    }
}

/// The offset of the `:` after `key` among the entries of the block mapping whose first
/// key starts at `start` (entries sit at that key's column; a shallower line ends it).
fn block_key_colon(source: &SourceFile, start: usize, key: &str) -> Option<usize> {
    let text = &source.text;
    let column = start - source.line_start(start);
    let mut line_start = start;
    let mut indent = column;
    loop {
        let line_end = text[line_start..]
            .find(['\n', '\r'])
            .map_or(text.len(), |index| line_start + index);
        let entry = text[line_start..line_end].trim_start_matches(' ');
        let entry_start = line_end - entry.len();
        if line_start != start {
            indent = entry_start - line_start;
        }
        if !entry.is_empty() && !entry.starts_with('#') {
            if indent < column {
                return None;
            }
            if indent == column
                && let Some(after) = entry.strip_prefix(key)
                && after.trim_start_matches(' ').starts_with(':')
            {
                return Some(
                    entry_start + key.len() + (after.len() - after.trim_start_matches(' ').len()),
                );
            }
        }
        if line_end == text.len() {
            return None;
        }
        line_start = line_end
            + if text[line_end..].starts_with("\r\n") {
                2
            } else {
                1
            };
    }
}

/// The offset of the `:` after `key` among the top-level entries of the flow mapping
/// whose content starts at `start` (just after `{`).
fn flow_key_colon(text: &str, start: usize, key: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut entry_start = true;
    for (offset, c) in text[start..].char_indices() {
        let at = start + offset;
        if let Some(open) = quote {
            if c == open {
                quote = None;
            }
            continue;
        }
        if entry_start && depth == 0 && !c.is_whitespace() {
            entry_start = false;
            if let Some(after) = text[at..].strip_prefix(key) {
                let gap = after.len() - after.trim_start_matches(' ').len();
                if after[gap..].starts_with(':') {
                    return Some(at + key.len() + gap);
                }
            }
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '{' | '[' => depth += 1,
            '}' | ']' if depth == 0 => return None,
            '}' | ']' => depth -= 1,
            ',' if depth == 0 => entry_start = true,
            _ => {}
        }
    }
    None
}

/// Inserts a new section `section:` holding `key: value` into the mapping at `parent`.
pub fn insert_section(
    source: &SourceFile,
    parent: Span,
    section: &str,
    key: &str,
    value: &str,
) -> Edit {
    let text = &source.text;
    if text[parent.start..].starts_with('{') {
        return insert_key(source, parent, section, &format!("{{{key}: {value}}}"));
    }
    let indent = column_indent(source, parent.start);
    let child_indent = format!("{indent}{}", indent_unit(source));
    let nl = newline(source);
    Edit::insert(
        parent.start,
        format!("{section}:{nl}{child_indent}{key}: {value}{nl}{indent}"),
    )
}

/// Spaces as wide as the text before `offset` on its line (`  - ` counts as four).
fn column_indent(source: &SourceFile, offset: usize) -> String {
    let line_start = source.line_start(offset);
    " ".repeat(source.text[line_start..offset].chars().count())
}

/// The file's own indentation step, from its first indented line; two spaces by default.
fn indent_unit(source: &SourceFile) -> String {
    let width = source
        .text
        .lines()
        .filter(|line| !line.trim_start().starts_with('#') && !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start_matches(' ').len())
        .find(|&width| width > 0)
        .unwrap_or(2);
    " ".repeat(width)
}

/// `\r\n` when the file uses it, so fixes keep its line endings.
pub fn newline(source: &SourceFile) -> &'static str {
    if source.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edit: &Edit) -> String {
        let mut out = text.to_owned();
        out.replace_range(edit.span.range(), &edit.replacement);
        out
    }

    #[test]
    fn inserts_into_block_flow_and_sequence_item_mappings() {
        let text = "tender:\n  payment:\n    schedule: milestones\n";
        let source = SourceFile::new("t", None, text.to_owned());
        let at = text.find("schedule").unwrap();
        let edit = insert_key(&source, Span::point(at), "terms_days", "30");
        assert_eq!(
            apply(text, &edit),
            "tender:\n  payment:\n    terms_days: 30\n    schedule: milestones\n"
        );

        let text = "tender:\n  payment: {schedule: milestones}\n";
        let source = SourceFile::new("t", None, text.to_owned());
        let at = text.find('{').unwrap();
        let edit = insert_key(&source, Span::new(at, at + 1), "terms_days", "30");
        assert_eq!(
            apply(text, &edit),
            "tender:\n  payment: {terms_days: 30, schedule: milestones}\n"
        );

        let text = "certs:\n  - name: ISO 9001\n";
        let source = SourceFile::new("t", None, text.to_owned());
        let at = text.find("name").unwrap();
        let edit = insert_key(&source, Span::point(at), "equivalents_accepted", "true");
        assert_eq!(
            apply(text, &edit),
            "certs:\n  - equivalents_accepted: true\n    name: ISO 9001\n"
        );
    }

    #[test]
    fn fills_a_key_written_without_a_value_instead_of_duplicating_it() {
        let cases = [
            (
                "tender:\n  payment:\n    schedule: milestones\n    terms_days:\n",
                "tender:\n  payment:\n    schedule: milestones\n    terms_days: 30\n",
            ),
            (
                "tender:\n  payment:\n    schedule: milestones\n    terms_days: ~ # later\n  id: X\n",
                "tender:\n  payment:\n    schedule: milestones\n    terms_days: 30 # later\n  id: X\n",
            ),
            (
                "tender:\n  payment:\n    schedule: milestones\n    terms_days: \n31  x: 1\n",
                "tender:\n  payment:\n    schedule: milestones\n    terms_days: 30\n31  x: 1\n",
            ),
            (
                "tender:\r\n  payment:\r\n    schedule: milestones\r\n    terms_days: null\r\n",
                "tender:\r\n  payment:\r\n    schedule: milestones\r\n    terms_days: 30\r\n",
            ),
        ];
        for (text, expected) in cases {
            let source = SourceFile::new("t", None, text.to_owned());
            let at = text.find("schedule").unwrap();
            let edit = insert_key(&source, Span::point(at), "terms_days", "30");
            assert_eq!(apply(text, &edit), expected);
        }
        // A deeper `terms_days` belongs to another mapping: insert as usual.
        let text = "payment:\n  schedule:\n    terms_days:\n";
        let source = SourceFile::new("t", None, text.to_owned());
        let at = text.find("schedule").unwrap();
        let edit = insert_key(&source, Span::point(at), "terms_days", "30");
        assert_eq!(
            apply(text, &edit),
            "payment:\n  terms_days: 30\n  schedule:\n    terms_days:\n"
        );

        let text = "p: {schedule: milestones, terms_days: , x: {terms_days: 1}}\n";
        let source = SourceFile::new("t", None, text.to_owned());
        let at = text.find('{').unwrap();
        let edit = insert_key(&source, Span::new(at, at + 1), "terms_days", "30");
        assert_eq!(
            apply(text, &edit),
            "p: {schedule: milestones, terms_days: 30, x: {terms_days: 1}}\n"
        );
        let text = "p: {\"terms_days,\": 1, terms_days: ~}\n";
        let source = SourceFile::new("t", None, text.to_owned());
        let at = text.find('{').unwrap();
        let edit = insert_key(&source, Span::new(at, at + 1), "terms_days", "30");
        assert_eq!(
            apply(text, &edit),
            "p: {\"terms_days,\": 1, terms_days: 30}\n"
        );
    }

    #[test]
    fn creates_a_section_keeping_crlf() {
        let text = "tender:\r\n  id: X\r\n";
        let source = SourceFile::new("t", None, text.to_owned());
        let at = text.find("id").unwrap();
        let edit = insert_section(&source, Span::point(at), "payment", "terms_days", "30");
        assert_eq!(
            apply(text, &edit),
            "tender:\r\n  payment:\r\n    terms_days: 30\r\n  id: X\r\n"
        );
    }
}
