//! QUAL005 certification-without-equivalents.

use crate::diagnostic::{Edit, Fix};
use crate::edits::{insert_key, replace_value};
use crate::model::{Certification, Node};
use crate::rules::Checker;

/// A required certification that does not accept equivalents. Under the Act a condition of
/// participation may not require particular qualifications without allowing for their
/// equivalents (s.22(4)(c); s.56(3)–(4), (6)); under the PCR, reg 62 requires equivalent
/// certificates to be recognised. Scope: PA23-above and PCR-above.
///
/// One finding per certification, at `equivalents_accepted: false`, else its name, else the
/// item. Safe fix: `false` becomes `true`; a mapping without the key gets
/// `equivalents_accepted: true` inserted; a bare `- ISO 9001` becomes
/// `{name: ISO 9001, equivalents_accepted: true}`, keeping the name as the buyer wrote it.
pub fn check(checker: &mut Checker) {
    let facts = checker.facts;
    let Some(certifications) = checker
        .tender
        .conditions_of_participation
        .as_ref()
        .and_then(|conditions| conditions.certifications.as_deref())
    else {
        return;
    };
    let help = if facts.is_pcr() {
        "set `equivalents_accepted: true`: certificates from equivalent bodies, and other evidence of equivalent measures, must be accepted (PCR reg 62)"
    } else if facts.is_pcsr() {
        "set `equivalents_accepted: true`: accepting certificates from equivalent bodies is good practice, and keeps out no capable supplier"
    } else {
        "set `equivalents_accepted: true`: a condition of participation may not require a particular qualification without allowing for its equivalents (s.22(4)(c))"
    };
    for certification in certifications {
        if certification
            .equivalents_accepted
            .as_deref()
            .is_some_and(|accepted| *accepted)
        {
            continue;
        }
        let name = certification
            .name
            .as_deref()
            .map_or("a certification".to_owned(), |name| format!("`{name}`"));
        let (span, edit) = locate_and_fix(checker, certification);
        checker
            .report(
                span,
                format!("{name} is required without accepting equivalents"),
            )
            .help(help)
            .fix(Fix::safe(vec![edit]));
    }
}

/// Where to point, and the edit that makes the certification accept equivalents.
fn locate_and_fix(
    checker: &Checker,
    certification: &Node<Certification>,
) -> (crate::span::Span, Edit) {
    let source = checker.source;
    if let Some(accepted) = &certification.equivalents_accepted {
        return (
            accepted.span,
            replace_value(checker.source, accepted.span, "true"),
        );
    }
    let text = source.slice(certification.span);
    let is_mapping = certification.span.is_empty() || text.starts_with('{');
    if is_mapping {
        let span = certification
            .name
            .as_ref()
            .map_or(certification.span, |name| name.span);
        let edit = insert_key(source, certification.span, "equivalents_accepted", "true");
        return (span, edit);
    }
    let parsed = certification.name.as_deref().map_or("", |name| name);
    // A bare block scalar (`- >-`): its span starts at its text, after the header, and takes in
    // its trailing line breaks; the flow mapping replaces header and text, not the line break.
    let before = source.text[..certification.span.start].trim_end();
    let header = before.rsplit([' ', '\n']).next().unwrap_or_default();
    if header.starts_with(['|', '>']) {
        let header_start = before.len() - header.len();
        let text_end = certification.span.start + text.trim_end().len();
        return (
            certification.span,
            Edit::replace(
                crate::span::Span::new(header_start, text_end),
                format!(
                    "{{name: {}, equivalents_accepted: true}}",
                    double_quoted(parsed)
                ),
            ),
        );
    }
    // A bare name: the node's span is the scalar itself.
    let name = flow_safe_name(text, parsed);
    (
        certification.span,
        replace_value(
            checker.source,
            certification.span,
            format!("{{name: {name}, equivalents_accepted: true}}"),
        ),
    )
}

/// The scalar as written when it can stand inside a flow mapping; otherwise the parsed
/// name, double-quoted (a plain scalar may not contain `,[]{}` in flow context).
fn flow_safe_name(written: &str, parsed: &str) -> String {
    let quoted = written.starts_with('"') || written.starts_with('\'');
    if quoted || !written.contains([',', '[', ']', '{', '}', '\n', '#']) {
        return written.to_owned();
    }
    double_quoted(parsed)
}

fn double_quoted(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    format!("\"{escaped}\"")
}
