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
pub fn insert_key(source: &SourceFile, mapping: Span, key: &str, value: &str) -> Edit {
    let text = &source.text;
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
