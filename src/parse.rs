//! YAML text to the typed [`Tender`] model, with located, plain-English errors.

use serde_saphyr::budget::BudgetBreach;
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
/// Nesting budget (block and flow alike): a tender is about six levels deep.
const MAX_DEPTH: usize = 64;
/// Alias budget: a tender has no reason to use aliases at all.
const MAX_ALIASES: usize = 50_000;
/// How many values anchors may copy in all (what stops a "billion laughs" alias bomb).
const MAX_ANCHOR_COPIES: usize = 100_000;

pub(crate) fn parser_options() -> Options {
    let mut budget = Budget::default();
    budget.max_nodes = MAX_NODES;
    budget.max_events = 2 * MAX_NODES;
    budget.max_depth = MAX_DEPTH;
    budget.max_aliases = MAX_ALIASES;
    budget.max_anchors = MAX_ALIASES;
    budget.max_recorded_anchor_events = MAX_ANCHOR_COPIES;
    // The scanner's own flow limit would otherwise trip first, at 255, with a vaguer message.
    budget.flow_nesting_limit = MAX_DEPTH;
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
                "a tender file starts with a top-level `tender:` mapping; see docs/tender-format.md",
            )),
        ));
    }
    // serde-saphyr skips a BOM itself and reports byte offsets into the full text.
    let document: Document = serde_saphyr::from_str_with_options(&source.text, parser_options())
        .map_err(|error| describe(&error, source))?;
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
    check_procedure_belongs_to_regime(&tender)?;
    Ok(tender)
}

/// Each regime accepts its own procedure names only (RULES.md "Procedure names belong to
/// their regime"): another regime's name is refused at `procedure`, naming the regime that
/// uses it, with a hint to set `regime`.
fn check_procedure_belongs_to_regime(tender: &Node<Tender>) -> Result<(), ParseError> {
    let Some(procedure) = &tender.procedure else {
        return Ok(());
    };
    let regime = tender.regime.as_deref().copied().unwrap_or_default();
    if procedure.belongs_to(regime) {
        return Ok(());
    }
    let owners: Vec<&str> = crate::scope::REGIMES
        .into_iter()
        .filter(|&other| procedure.belongs_to(other))
        .map(crate::scope::regime_key)
        .collect();
    let word = crate::scope::regime_key(regime);
    Err(ParseError::new(
        format!(
            "procedure: `{}` is not a procedure of regime `{word}`",
            procedure.word()
        ),
        Some(procedure.span),
        Some(format!(
            "it is a procedure of {}: set `regime: {}` if the procurement runs under it, or use a procedure name of `{word}` (docs/tender-format.md lists them)",
            owners.join(" and "),
            owners.first().copied().unwrap_or(word)
        )),
    ))
}

fn is_blank(content: &str) -> bool {
    content.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

/// Turns a serde-saphyr error into a located message a buyer can act on.
fn describe(error: &serde_saphyr::Error, source: &SourceFile) -> ParseError {
    let span = error
        .location()
        .and_then(|location| locate(&location, source));
    if let Some((message, help)) = explain_limit(error) {
        return ParseError::new(message, span, Some(help));
    }
    let raw = UserMessageFormatter.format_message(error).into_owned();
    let (message, help) = explain(&raw);
    ParseError::new(message, span, help)
}

/// The byte span of a parser location. Syntax errors from the scanner carry only a line and
/// a column (in characters), so those are converted through the file's line index.
fn locate(location: &serde_saphyr::Location, source: &SourceFile) -> Option<Span> {
    let span = location.span();
    if let Some(start) = span.byte_offset() {
        let start = usize::try_from(start).ok()?;
        let len = span.byte_len().and_then(|len| usize::try_from(len).ok());
        return Some(Span::new(start, start + len.unwrap_or(0)));
    }
    let line = usize::try_from(location.line()).ok()?;
    let column = usize::try_from(location.column()).ok()?;
    source.offset_of(line, column).map(Span::point)
}

/// A breached resource limit, named with the limit and what to do.
fn explain_limit(error: &serde_saphyr::Error) -> Option<(String, String)> {
    let help = "tenderlint limits nesting, aliases and size so that a hostile file cannot exhaust \
                memory; a real tender is far below these limits"
        .to_owned();
    let mut error = error;
    while let serde_saphyr::Error::AliasError { error: inner, .. }
    | serde_saphyr::Error::WithSnippet { error: inner, .. } = error
    {
        error = inner;
    }
    let message = match error {
        serde_saphyr::Error::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => too_deep(),
            BudgetBreach::Aliases { .. } => format!(
                "the YAML uses more than {} aliases (`*name`)",
                thousands(MAX_ALIASES)
            ),
            BudgetBreach::AliasAnchorRatio { aliases, anchors } => format!(
                "the YAML uses {} aliases (`*name`) for {} anchors: more than 10 per anchor, as an alias bomb does",
                thousands(*aliases),
                thousands(*anchors)
            ),
            BudgetBreach::RecordedAnchorEvents { .. }
            | BudgetBreach::RecordedAnchorBytes { .. }
            | BudgetBreach::MergeKeys { .. } => alias_bomb(),
            BudgetBreach::Anchors { .. } => format!(
                "the YAML defines more than {} anchors (`&name`)",
                thousands(MAX_ALIASES)
            ),
            BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => format!(
                "the YAML has more than {} nodes (values, lists and mappings)",
                thousands(MAX_NODES)
            ),
            BudgetBreach::ScalarBytes { .. } | BudgetBreach::InputBytes { .. } => {
                "the YAML's text values are larger than the parser's size limit".to_owned()
            }
            BudgetBreach::Documents { .. } => {
                return Some((
                    "more than one YAML document in the file".to_owned(),
                    MULTIPLE_DOCUMENTS_HELP.to_owned(),
                ));
            }
            other => format!("the YAML breaches a parser limit ({other:?})"),
        },
        serde_saphyr::Error::AliasReplayLimitExceeded { .. }
        | serde_saphyr::Error::AliasExpansionLimitExceeded { .. }
        | serde_saphyr::Error::AliasReplayStackDepthExceeded { .. }
        | serde_saphyr::Error::AliasReplayCounterOverflow { .. } => alias_bomb(),
        other if other.to_string().starts_with("recursion limit exceeded") => too_deep(),
        _ => return None,
    };
    Some((message, help))
}

fn too_deep() -> String {
    format!("the YAML is nested more than {MAX_DEPTH} levels deep")
}

fn alias_bomb() -> String {
    format!(
        "the YAML's anchors and aliases (`&name`, `*name`) expand to more than {} values: an alias bomb",
        thousands(MAX_ANCHOR_COPIES)
    )
}

fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

const MULTIPLE_DOCUMENTS_HELP: &str = "a tender file holds exactly one tender; split the documents separated by `---` into their own files";

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
    if raw.starts_with("unexpected character") && raw.contains("\\u{0}") {
        return (
            "a NUL byte (0x00) is not allowed in a tender file".to_owned(),
            Some("tender files are plain UTF-8 text; this looks like a binary file, or one saved in another encoding".to_owned()),
        );
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
            Some(MULTIPLE_DOCUMENTS_HELP.to_owned()),
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
