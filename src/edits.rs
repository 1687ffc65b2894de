//! YAML-aware text edits for fixes: byte-range changes to the original text,
//! never a re-serialisation, so comments, quoting and layout survive.
//!
//! New keys go at the end of their mapping, in the mapping's own style: a block
//! mapping gets a new line at the column of its keys, after its last entry (and
//! before any comments that trail it); a flow mapping gets `, key: value` before
//! its closing brace. Line endings follow the file (`\r\n`, `\n` or a lone `\r`).
//!
//! Also the builders several rules share: [`replace_value`], [`set_keys`] and
//! [`money_literal`].

use crate::diagnostic::{Appended, Edit};
use crate::model::Money;
use crate::rules::Checker;
use crate::source::SourceFile;
use crate::span::Span;

/// Replaces the value written at `value` with `replacement`. A block scalar's span takes
/// in the line breaks after its text; they stay, so a value on the file's last line keeps
/// the final newline.
pub fn replace_value(source: &SourceFile, value: Span, replacement: impl Into<String>) -> Edit {
    let written = &source.text[value.range()];
    let kept = written.len() - written.trim_end_matches(['\n', '\r']).len();
    Edit::replace(Span::new(value.start, value.end - kept), replacement)
}

/// Inserts `key: value` as the last entry of the mapping whose node span is `mapping`.
///
/// A block mapping's span is an empty point at its first key (also when the
/// mapping starts a sequence item, `- name: …`); a flow mapping's starts at `{`.
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
        return insert_into_flow(text, mapping.start, &format!("{key}: {value}"));
    }
    let indent = column_indent(source, mapping.start);
    let nl = newline(source);
    let appended = Appended {
        column: indent.len(),
        header: 0,
        keys: vec![key.to_owned()],
    };
    match block_end(source, mapping.start, indent.len()) {
        BlockEnd::AfterLine(offset) => {
            Edit::append(offset, format!("{indent}{key}: {value}{nl}"), appended)
        }
        BlockEnd::EndOfFile(offset) => {
            Edit::append(offset, format!("{nl}{indent}{key}: {value}"), appended)
        }
    }
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

/// Inserts a new section `section:` holding `key: value` at the end of the mapping at `parent`.
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
    let opening = format!("{indent}{section}:");
    let entry = format!("{child_indent}{key}: {value}");
    // The header is the section's opening line, so what follows it is the text that adding
    // a key to the new section would insert (a line break first at the end of the file).
    let (offset, header, inserted) = match block_end(source, parent.start, indent.len()) {
        BlockEnd::AfterLine(offset) => {
            let header = format!("{opening}{nl}");
            (offset, header.len(), format!("{header}{entry}{nl}"))
        }
        BlockEnd::EndOfFile(offset) => {
            let header = format!("{nl}{opening}");
            (offset, header.len(), format!("{header}{nl}{entry}"))
        }
    };
    let appended = Appended {
        column: indent.len(),
        header,
        keys: vec![key.to_owned()],
    };
    Edit::append(offset, inserted, appended)
}

/// Where a block mapping's last entry ends.
#[derive(Debug, PartialEq, Eq)]
enum BlockEnd {
    /// Just after the line ending of the mapping's last content line.
    AfterLine(usize),
    /// The last content line is the file's last and has no line ending.
    EndOfFile(usize),
}

/// Finds the end of the block mapping whose first key is at `start`, its keys at
/// column `column`: the mapping goes on while lines are blank, comments, or
/// indented at least `column` (its entries and their nested values). Trailing
/// blank and comment lines are left after the insertion point.
fn block_end(source: &SourceFile, start: usize, column: usize) -> BlockEnd {
    let text = &source.text;
    let mut lines = source.lines_from(start);
    lines.next();
    // The end of the last content line, known at the start of the line after it. The lines
    // come from the source's line index: a block at the top level spans the whole file,
    // and fixes insert there in every pass.
    let mut last_end = None;
    let mut after_content = true;
    for (line_start, line) in lines {
        if after_content {
            last_end = Some(line_start);
        }
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        let blank_or_comment = match content.as_bytes().first() {
            None | Some(b'#') => true,
            Some(byte) if byte.is_ascii_graphic() => false,
            // A line of spaces and tabs (or other white space) is blank, whatever its indentation.
            Some(_) => content.trim().is_empty(),
        };
        if blank_or_comment {
            after_content = false;
            continue;
        }
        let document_marker =
            indent == 0 && (content.starts_with("---") || content.starts_with("..."));
        if indent < column || document_marker {
            after_content = false;
            break;
        }
        after_content = true;
    }
    let mut last_end = match (after_content, last_end) {
        (false, Some(end)) => end,
        _ => text.len(),
    };
    // The trailing blank lines of a keep-chomped (`|+`) scalar are part of its value.
    if let Some(tail) = keep_scalar_tail(text, last_end) {
        last_end = tail;
    }
    if text[..last_end].ends_with(['\n', '\r']) {
        BlockEnd::AfterLine(last_end)
    } else {
        BlockEnd::EndOfFile(last_end)
    }
}

/// When `offset` falls inside a keep-chomped block scalar, the start of the line after
/// the scalar, from the parser's span (which takes in its trailing blank lines).
fn keep_scalar_tail(text: &str, offset: usize) -> Option<usize> {
    // Only a file with a keep indicator (`|+`, `>2+`, `|+2`) needs the parse.
    let bytes = text.as_bytes();
    let has_keep_header = memchr::memchr2_iter(b'|', b'>', bytes).any(|at| {
        match (bytes.get(at + 1), bytes.get(at + 2)) {
            (Some(b'+'), _) => true,
            (Some(digit), Some(b'+')) => digit.is_ascii_digit(),
            _ => false,
        }
    });
    if !has_keep_header {
        return None;
    }
    let end = crate::fix::verify::keep_scalar_containing(text, offset)?;
    let line_start = text[..end].rfind(['\n', '\r']).map_or(0, |index| index + 1);
    Some(if text[line_start..end].trim().is_empty() {
        line_start
    } else {
        end
    })
}

/// The offset just after the line ending (LF, CRLF or a lone CR, as YAML reads them) of
/// the line holding `offset` (or the end of the text).
fn line_end(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    let mut from = offset;
    while let Some(found) = bytes
        .get(from..)
        .and_then(|rest| memchr::memchr2(b'\n', b'\r', rest))
    {
        let at = from + found;
        if crate::source::ends_line(bytes, at) {
            return at + 1;
        }
        from = at + 1;
    }
    text.len()
}

/// Inserts `entry` as the last entry of the flow mapping whose `{` is at `open`.
fn insert_into_flow(text: &str, open: usize, entry: &str) -> Edit {
    match last_flow_token_end(text, open) {
        Some(end) if end == open + 1 => Edit::insert(open + 1, entry.to_owned()),
        Some(end) if text[..end].ends_with(',') => Edit::insert(end, format!(" {entry}")),
        Some(end) => Edit::insert(end, format!(", {entry}")),
        // Unbalanced (the parser accepted it, so this should not happen): first entry instead.
        None => {
            let empty = text[open + 1..].trim_start().starts_with('}');
            let separator = if empty { "" } else { ", " };
            Edit::insert(open + 1, format!("{entry}{separator}"))
        }
    }
}

/// Scans the flow collection opening at `open`, skipping quoted scalars and comments,
/// to the end of the last token before its closing bracket.
fn last_flow_token_end(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut at = open;
    let mut last_token_end = open + 1;
    // Whether the previous significant byte lets a quoted scalar or a comment start here.
    let mut at_token_start = true;
    while at < bytes.len() {
        let byte = bytes[at];
        match byte {
            b'{' | b'[' => {
                depth += 1;
                at += 1;
                last_token_end = at;
                at_token_start = true;
            }
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(last_token_end);
                }
                at += 1;
                last_token_end = at;
                at_token_start = false;
            }
            b'"' if at_token_start => {
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                at += 1;
                last_token_end = at.min(bytes.len());
                at_token_start = false;
            }
            b'\'' if at_token_start => {
                at += 1;
                while at < bytes.len() {
                    if bytes[at] == b'\'' {
                        if bytes.get(at + 1) == Some(&b'\'') {
                            at += 2;
                            continue;
                        }
                        break;
                    }
                    at += 1;
                }
                at += 1;
                last_token_end = at.min(bytes.len());
                at_token_start = false;
            }
            b'#' if at == 0 || bytes[at - 1].is_ascii_whitespace() => {
                at = line_end(text, at);
                at_token_start = true;
            }
            b' ' | b'\t' | b'\r' | b'\n' => {
                at += 1;
                at_token_start = true;
            }
            b',' | b':' => {
                at += 1;
                last_token_end = at;
                at_token_start = true;
            }
            _ => {
                at += 1;
                last_token_end = at;
                at_token_start = false;
            }
        }
    }
    None
}

/// Spaces as wide as the text before `offset` on its line (`  - ` counts as four;
/// a byte order mark counts as nothing).
fn column_indent(source: &SourceFile, offset: usize) -> String {
    let line_start = source.line_start(offset);
    let width = source.text[line_start..offset]
        .chars()
        .filter(|&c| c != '\u{feff}')
        .count();
    " ".repeat(width)
}

/// The file's own indentation step, from its first indented line; two spaces by default.
fn indent_unit(source: &SourceFile) -> String {
    let width = source
        .text
        .split(['\n', '\r'])
        .filter(|line| !line.trim_start().starts_with('#') && !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start_matches(' ').len())
        .find(|&width| width > 0)
        .unwrap_or(2);
    " ".repeat(width)
}

/// The file's line ending (`\r\n`, or `\r` in a file that breaks lines with a lone CR),
/// so fixes keep its line endings.
pub fn newline(source: &SourceFile) -> &'static str {
    // Most files hold no CR at all: memchr finds that out faster than a substring search.
    if memchr::memchr(b'\r', source.text.as_bytes()).is_none() {
        "\n"
    } else if source.text.contains("\r\n") {
        "\r\n"
    } else if !source.text.contains('\n') {
        "\r"
    } else {
        "\n"
    }
}

/// One key a fix wants to hold in a section of the tender: its name, the span of
/// the value written now (if any) and the value it should have.
pub struct KeyValue<'a> {
    pub key: &'a str,
    pub written: Option<Span>,
    pub value: &'a str,
}

/// The "set it, insert it, or create the section" edits that the PAY and PROC fixes
/// share: the edits that make every `keys` entry hold in the tender's section `section`:
/// a written value is replaced; missing keys are inserted into the section
/// (`section_span` is its mapping node), or the section is created under `tender`.
///
/// `None` when the section is absent from the model but its key is written
/// (`payment:` with no value): a new section would duplicate the key, which the
/// parser refuses, so there is no safe edit.
pub fn set_keys(
    checker: &Checker,
    section: &str,
    section_span: Option<Span>,
    keys: &[KeyValue],
) -> Option<Vec<Edit>> {
    let source = checker.source;
    let mut edits: Vec<Edit> = keys
        .iter()
        .filter_map(|entry| entry.written.map(|span| Edit::replace(span, entry.value)))
        .collect();
    let missing: Vec<&KeyValue> = keys
        .iter()
        .filter(|entry| entry.written.is_none())
        .collect();
    if missing.is_empty() {
        edits.sort_by_key(|edit| edit.span.start);
        return Some(edits);
    }
    match section_span {
        Some(mapping) => {
            // New keys all land at the same offset: join them into one edit. A key written
            // with no value is filled where it stands (its own edit).
            let inserts: Vec<Edit> = missing
                .iter()
                .map(|entry| insert_key(source, mapping, entry.key, entry.value))
                .collect();
            let mut groups: Vec<Vec<&Edit>> = Vec::new();
            for edit in &inserts {
                match groups.iter_mut().find(|group| group[0].span == edit.span) {
                    Some(group) => group.push(edit),
                    None => groups.push(vec![edit]),
                }
            }
            for group in groups {
                let separated =
                    group[0].replacement.contains('\n') || group[0].replacement.ends_with(", ");
                let texts: Vec<&str> = group.iter().map(|edit| edit.replacement.as_str()).collect();
                // An empty flow mapping (`{}`) gets entries without a trailing separator.
                let joined = if separated {
                    texts.concat()
                } else {
                    texts.join(", ")
                };
                // Keys appended to a block mapping stay open to other fixes' keys.
                let appended = group[0].appended.as_ref().map(|first| Appended {
                    keys: group
                        .iter()
                        .flat_map(|edit| edit.appended.iter().flat_map(|a| a.keys.clone()))
                        .collect(),
                    ..(**first).clone()
                });
                edits.push(Edit {
                    appended: appended.map(Box::new),
                    ..Edit::replace(group[0].span, joined)
                });
            }
        }
        None if key_written(&source.text, section) => return None,
        None => {
            let tender = checker.tender.span;
            let edit = match missing.as_slice() {
                [only] => insert_section(source, tender, section, only.key, only.value),
                several => {
                    let entries: Vec<String> = several
                        .iter()
                        .map(|entry| format!("{}: {}", entry.key, entry.value))
                        .collect();
                    insert_key(
                        source,
                        tender,
                        section,
                        &format!("{{{}}}", entries.join(", ")),
                    )
                }
            };
            edits.push(edit);
        }
    }
    // Edits in text order, as fixes are applied.
    edits.sort_by_key(|edit| edit.span.start);
    Some(edits)
}

/// Whether `key:` is written anywhere as a mapping key (conservatively: any match counts).
fn key_written(text: &str, key: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), key).any(|index| {
        let before = text[..index].chars().next_back();
        let boundary =
            before.is_none_or(|c| c.is_whitespace() || matches!(c, '{' | ',' | '"' | '\''));
        let after = text[index + key.len()..].trim_start_matches([' ', '\t', '"', '\'']);
        boundary && after.starts_with(':')
    })
}

/// The text that replaces the money scalar `original` with `money`, written the way the
/// buyer wrote it where that is safe: a plain number (`4800000`, `4_800_000`) stays a
/// plain number of pounds; a quoted string keeps its quotes and becomes `£4,800,000`; a
/// plain string (`£4.8m`) becomes `"£4,800,000"`, quoted because a comma would end a
/// plain scalar inside a flow mapping.
pub fn money_literal(original: &str, money: Money) -> String {
    let plain_number = !original.is_empty()
        && original
            .chars()
            .all(|c| c.is_ascii_digit() || c == '_' || c == '.');
    if plain_number && money.pence() % 100 == 0 {
        return (money.pence() / 100).to_string();
    }
    match original.chars().next() {
        Some('\'') => format!("'{money}'"),
        _ => format!("\"{money}\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_keeps_the_buyers_style() {
        let money = Money::from_pounds(2_400_000);
        assert_eq!(money_literal("3000000", money), "2400000");
        assert_eq!(money_literal("3_000_000", money), "2400000");
        assert_eq!(money_literal("\"£3m\"", money), "\"£2,400,000\"");
        assert_eq!(money_literal("'£3m'", money), "'£2,400,000'");
        assert_eq!(money_literal("£3m", money), "\"£2,400,000\"");
        assert_eq!(
            money_literal("3000000", Money::from_pence(150)),
            "\"£1.50\""
        );
    }

    fn apply(text: &str, edit: &Edit) -> String {
        let mut out = text.to_owned();
        out.replace_range(edit.span.range(), &edit.replacement);
        out
    }

    fn insert_at(text: &str, needle: &str, key: &str, value: &str) -> String {
        let source = SourceFile::new("t", None, text.to_owned());
        let at = text.find(needle).unwrap();
        let span = if needle.starts_with('{') {
            Span::new(at, at + 1)
        } else {
            Span::point(at)
        };
        apply(text, &insert_key(&source, span, key, value))
    }

    #[test]
    fn appends_to_a_block_mapping_after_its_nested_values() {
        let text = "tender:\n  payment:\n    schedule: milestones\n    retention:\n      - 3\n\n  # Feedback next.\n  feedback: {}\n";
        assert_eq!(
            insert_at(text, "schedule", "terms_days", "30"),
            "tender:\n  payment:\n    schedule: milestones\n    retention:\n      - 3\n    terms_days: 30\n\n  # Feedback next.\n  feedback: {}\n"
        );
    }

    #[test]
    fn appends_to_a_sequence_item_mapping() {
        let text = "certs:\n  - name: ISO 9001\n  - name: ISO 14001\n";
        assert_eq!(
            insert_at(text, "name: ISO 9001", "equivalents_accepted", "true"),
            "certs:\n  - name: ISO 9001\n    equivalents_accepted: true\n  - name: ISO 14001\n"
        );
    }

    #[test]
    fn appends_at_the_end_of_a_file_without_a_final_newline() {
        let text = "tender:\n  payment:\n    schedule: milestones";
        assert_eq!(
            insert_at(text, "schedule", "terms_days", "30"),
            "tender:\n  payment:\n    schedule: milestones\n    terms_days: 30"
        );
    }

    #[test]
    fn stops_at_a_document_marker() {
        let text = "tender:\n  id: X\n---\nother: 1\n";
        assert_eq!(
            insert_at(text, "tender", "more", "1"),
            "tender:\n  id: X\nmore: 1\n---\nother: 1\n"
        );
    }

    #[test]
    fn appends_to_flow_mappings() {
        let cases = [
            (
                "p: {schedule: milestones}\n",
                "p: {schedule: milestones, terms_days: 30}\n",
            ),
            ("p: {}\n", "p: {terms_days: 30}\n"),
            ("p: { }\n", "p: {terms_days: 30 }\n"),
            ("p: {a: 1,}\n", "p: {a: 1, terms_days: 30}\n"),
            (
                "p: {a: '}', b: \"{\\\"\", c: [1, {d: 2}]}\n",
                "p: {a: '}', b: \"{\\\"\", c: [1, {d: 2}], terms_days: 30}\n",
            ),
            (
                "p: {\n  a: don't # no }\n}\n",
                "p: {\n  a: don't, terms_days: 30 # no }\n}\n",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(insert_at(text, "{", "terms_days", "30"), expected, "{text}");
        }
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
            "payment:\n  schedule:\n    terms_days:\n  terms_days: 30\n"
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
        let text = "tender:\r\n  id: X\r\n  # trailing note\r\n";
        let source = SourceFile::new("t", None, text.to_owned());
        let at = text.find("id").unwrap();
        let edit = insert_section(&source, Span::point(at), "payment", "terms_days", "30");
        assert_eq!(
            apply(text, &edit),
            "tender:\r\n  id: X\r\n  payment:\r\n    terms_days: 30\r\n  # trailing note\r\n"
        );
    }

    /// The text after an appended insertion's header is what adding its key to the mapping
    /// the first insertion wrote would insert, at the same offset: so [`Appended`] joins
    /// write what the next pass would. For a new section and for an existing mapping, with
    /// LF, CRLF, a lone CR, four-space indents, trailing comments and no final line break.
    #[test]
    fn appended_text_after_the_header_is_what_the_next_pass_inserts() {
        let texts = [
            "tender:\n  id: X\n",
            "tender:\r\n  id: X\r\n  # trailing note\r\n",
            "tender:\r  id: X\r",
            "tender:\n    id: X\n\n# end\n",
            "tender:\n  id: X",
            "tender:\n  id: X\n  payment:\n    schedule: milestones\n",
            "tender:\n  id: X\n  payment:\n    schedule: milestones",
        ];
        for text in texts {
            let source = SourceFile::new("t", None, text.to_owned());
            let payment = |source: &SourceFile| {
                let tender = crate::parse::parse_tender(source).expect("a tender");
                (
                    tender.span,
                    tender.payment.as_ref().map(|payment| payment.span),
                )
            };
            let (tender, existing) = payment(&source);
            let add = |source: &SourceFile, key: &str| match existing {
                Some(mapping) => insert_key(source, mapping, key, "1"),
                None => insert_section(source, tender, "payment", key, "1"),
            };
            let first = add(&source, "terms_days");
            let later = add(&source, "retention_percent");
            assert!(first.joins(&later), "{text:?}");
            assert!(!first.joins(&add(&source, "terms_days")), "{text:?}");
            let header = later.appended.as_ref().expect("appended").header;
            let joined = format!(
                "{}{}{}",
                &text[..first.span.start],
                first.replacement,
                &later.replacement[header..]
            ) + &text[first.span.end..];
            // The next pass: the key added to the payment mapping the first edit left.
            let once = SourceFile::new("t", None, apply(text, &first));
            let (_, written) = payment(&once);
            let next = insert_key(
                &once,
                written.expect("payment written"),
                "retention_percent",
                "1",
            );
            assert_eq!(
                next.span.start,
                first.span.start + first.replacement.len(),
                "{text:?}"
            );
            assert_eq!(apply(&once.text, &next), joined, "{text:?}");
        }
    }

    #[test]
    fn creates_a_section_in_a_flow_mapping() {
        let text = "tender: {id: X}\n";
        let source = SourceFile::new("t", None, text.to_owned());
        let at = text.find('{').unwrap();
        let edit = insert_section(
            &source,
            Span::new(at, at + 1),
            "payment",
            "terms_days",
            "30",
        );
        assert_eq!(
            apply(text, &edit),
            "tender: {id: X, payment: {terms_days: 30}}\n"
        );
    }

    #[test]
    fn ignores_a_byte_order_mark_when_measuring_the_column() {
        let text = "\u{feff}tender:\n  id: X\n";
        let source = SourceFile::new("t", None, text.to_owned());
        let edit = insert_key(&source, Span::point(3), "top", "1");
        assert_eq!(apply(text, &edit), "\u{feff}tender:\n  id: X\ntop: 1\n");
    }
}
