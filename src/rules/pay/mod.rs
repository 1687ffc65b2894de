//! PAY rules: payment terms (PA23 s.68, s.73, s.88; PCR reg 113). See rules/pay.toml.
//!
//! Also home to [`set_keys`], the "set it, insert it, or create the section" edit
//! that the PAY and PROC fixes share.

mod excessive_retention;
mod no_flow_down;
mod payment_on_completion;
mod payment_terms_not_stated;
mod payment_terms_over_30_days;

use super::{Checker, Rule};
use crate::diagnostic::Edit;
use crate::edits::{insert_key, insert_section};
use crate::span::Span;

pub const RULES: &[Rule] = &[
    Rule {
        id: "PAY001",
        check: payment_terms_over_30_days::check,
    },
    Rule {
        id: "PAY002",
        check: payment_terms_not_stated::check,
    },
    Rule {
        id: "PAY003",
        check: no_flow_down::check,
    },
    Rule {
        id: "PAY004",
        check: payment_on_completion::check,
    },
    Rule {
        id: "PAY005",
        check: excessive_retention::check,
    },
];

/// One key a fix wants to hold in a section of the tender: its name, the span of
/// the value written now (if any) and the value it should have.
pub(crate) struct KeyValue<'a> {
    pub key: &'a str,
    pub written: Option<Span>,
    pub value: &'a str,
}

/// The edits that make every `keys` entry hold in the tender's section `section`:
/// a written value is replaced; missing keys are inserted into the section
/// (`section_span` is its mapping node), or the section is created under `tender`.
///
/// `None` when the section is absent from the model but its key is written
/// (`payment:` with no value): a new section would duplicate the key, which the
/// parser refuses, so there is no safe edit.
pub(crate) fn set_keys(
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
                edits.push(Edit::replace(group[0].span, joined));
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
    text.match_indices(key).any(|(index, _)| {
        let before = text[..index].chars().next_back();
        let boundary =
            before.is_none_or(|c| c.is_whitespace() || matches!(c, '{' | ',' | '"' | '\''));
        let after = text[index + key.len()..].trim_start_matches([' ', '\t', '"', '\'']);
        boundary && after.starts_with(':')
    })
}
