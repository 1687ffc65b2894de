//! YAML text to the typed [`Tender`] model, with located, plain-English errors.

use serde_saphyr::{Budget, DuplicateKeyPolicy, MessageFormatter, Options, UserMessageFormatter};

use crate::model::{Document, Node, Tender};
use crate::source::SourceFile;
use crate::span::Span;
use crate::suggest::{UnknownKind, explain_unknown};

/// A file that could not be read or parsed into a tender: not a rule finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    /// Where the problem is, when it has a place in the file.
    pub span: Option<Span>,
    pub help: Option<String>,
}

impl ParseError {
    pub fn new(message: impl Into<String>, span: Option<Span>, help: Option<String>) -> Self {
        Self {
            message: message.into(),
            span,
            help,
        }
    }
}

/// Node budget for one file: far above any real tender, far below what exhausts memory.
const MAX_NODES: usize = 2_000_000;

fn parser_options() -> Options {
    let mut budget = Budget::default();
    budget.max_nodes = MAX_NODES;
    budget.max_events = 2 * MAX_NODES;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.strict_booleans = true;
    options.duplicate_keys = DuplicateKeyPolicy::Error;
    // Errors are rendered by tenderlint's own reporter, with the file's real name.
    options.with_snippet = false;
    options
}

/// Parses one tender file. Spans in the result index into `source.text`.
pub fn parse_tender(source: &SourceFile) -> Result<Node<Tender>, ParseError> {
    let (content, bom) = source.content();
    if is_blank(content) {
        return Err(ParseError::new(
            "the file is empty",
            Some(Span::point(bom)),
            Some(String::from(
                "a tender file starts with a top-level `tender:` mapping; see TENDER-FORMAT.md",
            )),
        ));
    }
    // serde-saphyr skips a BOM itself and reports byte offsets into the full text.
    let document: Document = serde_saphyr::from_str_with_options(&source.text, parser_options())
        .map_err(|error| describe(&error))?;
    let Some(mut tender) = document.tender else {
        return Err(ParseError::new(
            "no top-level `tender` key",
            Some(Span::point(bom)),
            Some(String::from(
                "put the tender's sections under a top-level `tender:` key; other top-level keys are ignored",
            )),
        ));
    };
    give_bare_certifications_spans(&mut tender);
    Ok(tender)
}

fn is_blank(content: &str) -> bool {
    content.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

/// Turns a serde-saphyr error into a located message a buyer can act on.
fn describe(error: &serde_saphyr::Error) -> ParseError {
    let raw = UserMessageFormatter.format_message(error).into_owned();
    let span = error.location().and_then(|location| {
        let span = location.span();
        let start = span.byte_offset()? as usize;
        Some(Span::new(
            start,
            start + span.byte_len().unwrap_or(0) as usize,
        ))
    });
    let (message, help) = explain(&raw);
    ParseError::new(message, span, help)
}

/// Rewrites the parser's and serde's wording into the format's own terms.
fn explain(raw: &str) -> (String, Option<String>) {
    if let Some((kind, found, help)) = explain_unknown(raw) {
        if kind == UnknownKind::Value && found == "nhs" && raw.contains("nhs_trust") {
            return (
                "`nhs` is ambiguous: write `nhs_trust` or `icb`".to_owned(),
                Some(
                    "NHS trusts, foundation trusts and NHS England are central government authorities \
                     (`nhs_trust`); integrated care boards are sub-central (`icb`). The two have different \
                     thresholds, so tenderlint will not guess"
                        .to_owned(),
                ),
            );
        }
        let message = match kind {
            UnknownKind::Key => format!("unknown key `{found}`"),
            UnknownKind::Value => format!("`{found}` is not an accepted value here"),
        };
        return (message, Some(help));
    }
    if raw.contains("invalid boolean") {
        return (
            "expected `true` or `false`".to_owned(),
            Some("write true or false: YAML 1.1 words such as yes, no, on and off are refused because a misread `no` would silently flip a rule".to_owned()),
        );
    }
    if raw.contains("duplicate mapping key") {
        let key = raw
            .split('`')
            .nth(1)
            .or_else(|| {
                raw.split(": ")
                    .nth(1)
                    .and_then(|rest| rest.split(',').next())
            })
            .unwrap_or("?");
        return (
            format!("duplicate key `{}`", key.trim()),
            Some("a key may appear only once in a mapping; keep one of them".to_owned()),
        );
    }
    if raw.contains("multiple found") {
        return (
            "more than one YAML document in the file".to_owned(),
            Some("a tender file holds exactly one tender; split the documents separated by `---` into their own files".to_owned()),
        );
    }
    if raw.to_ascii_lowercase().contains("budget") {
        return (
            format!("the YAML is too large or too deeply nested to be a tender ({})", strip_location(raw)),
            Some("tenderlint limits nesting, aliases and size so hostile files cannot exhaust memory".to_owned()),
        );
    }
    (strip_location(raw).to_owned(), None)
}

fn strip_location(raw: &str) -> &str {
    raw.rfind(" at line ").map_or(raw, |index| &raw[..index])
}

/// A bare certification (`- ISO 9001`) has no span of its own for the name: use the item's.
fn give_bare_certifications_spans(tender: &mut Node<Tender>) {
    let certifications = tender
        .conditions_of_participation
        .as_mut()
        .and_then(|conditions| conditions.certifications.as_mut());
    for item in certifications.into_iter().flat_map(|list| list.iter_mut()) {
        let item_span = item.span;
        if let Some(name) = item.name.as_mut()
            && name.span == Span::default()
        {
            name.span = item_span;
        }
    }
}
