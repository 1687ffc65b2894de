//! YAML text to the typed [`Tender`] model, with located, plain-English errors.

use crate::model::{Node, Tender};
use crate::read::yaml::{self, YamlValue};
use crate::source::SourceFile;
use crate::span::Span;

/// A file that could not be read or parsed into a tender: not a rule finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    /// Where the problem is, when it has a place in the file.
    pub span: Option<Span>,
    pub help: Option<String>,
    /// The file's other errors, in file order: a file is read to the end so that one run
    /// reports every refused value, not only the first.
    pub further: Vec<ParseError>,
}

impl ParseError {
    pub fn new(message: impl Into<String>, span: Option<Span>, help: Option<String>) -> Self {
        Self {
            message: message.into(),
            span,
            help,
            further: Vec::new(),
        }
    }

    /// The first error and the ones that follow it.
    pub fn all(&self) -> impl Iterator<Item = &ParseError> {
        std::iter::once(self).chain(&self.further)
    }

    /// Errors in file order as one error (the first) with the rest following; `None` if empty.
    fn gather(errors: Vec<ParseError>) -> Option<ParseError> {
        let mut errors = errors.into_iter();
        let mut first = errors.next()?;
        first.further = errors.collect();
        Some(first)
    }
}

/// Parses one tender file. Spans in the result index into `source.text`.
pub fn parse_tender(source: &SourceFile) -> Result<Node<Tender>, ParseError> {
    Document::parse(source).tender()
}

/// A file read once as YAML, for everything that needs its text as data: the tender,
/// and the fix verifier's tree of every value (src/fix/verify.rs), so checking a file and
/// verifying its fixes never parse the same text twice.
pub struct Document<'a> {
    source: &'a SourceFile,
    loaded: Result<yaml::Loaded<'a>, ParseError>,
}

impl<'a> Document<'a> {
    pub fn parse(source: &'a SourceFile) -> Self {
        Self {
            source,
            loaded: yaml::load(&source.text),
        }
    }

    pub fn source(&self) -> &'a SourceFile {
        self.source
    }

    /// The YAML as read: its root and the problems that did not stop reading, or the error
    /// that did.
    pub fn yaml(&self) -> Result<&yaml::Loaded<'a>, &ParseError> {
        self.loaded.as_ref()
    }

    /// The tender under the top-level `tender` key, or every error that keeps it from being one.
    pub fn tender(&self) -> Result<Node<Tender>, ParseError> {
        let source = self.source;
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
        if let Some(offset) = memchr::memchr(0, source.text.as_bytes()) {
            return Err(ParseError::new(
                "a NUL byte (0x00) is not allowed in a tender file",
                Some(Span::new(offset, offset + 1)),
                Some("tender files are plain UTF-8 text; this looks like a binary file, or one saved in another encoding".to_owned()),
            ));
        }
        let loaded = self.loaded.as_ref().map_err(Clone::clone)?;
        let mut errors = loaded.errors.clone();
        let tender_entry = loaded.root().and_then(|root| match root.value() {
            YamlValue::Mapping(mut entries) => {
                entries.find(|entry| entry.key.scalar().is_some_and(|key| key.text == "tender"))
            }
            _ => None,
        });
        let stray = loaded.root().and_then(stray_character_hint);
        let Some(entry) = tender_entry else {
            errors.push(ParseError::new(
                "no top-level `tender` key",
                Some(Span::point(bom)),
                stray.or(Some(String::from(
                    "put the tender's sections under a top-level `tender:` key; other top-level keys are ignored",
                ))),
            ));
            return Err(ParseError::gather(errors).expect("one error"));
        };
        let tender = yaml::de::from_yaml::<Option<Node<Tender>>>(entry.value);
        match tender {
            Ok(Some(mut tender)) => {
                if let Err(error) = check_procedure_belongs_to_regime(&tender) {
                    errors.push(error);
                }
                if errors.is_empty() {
                    give_bare_certifications_spans(&mut tender);
                    return Ok(tender);
                }
                Err(ParseError::gather(yaml::de::in_file_order(errors)).expect("errors"))
            }
            Ok(None) => {
                errors.push(ParseError::new(
                    "the `tender` key is empty",
                    Some(entry.key.span()),
                    stray.or(Some(String::from(
                        "write the tender's sections (buyer, procedure, value, ...) indented under `tender:`; see docs/tender-format.md",
                    ))),
                ));
                Err(ParseError::gather(errors).expect("one error"))
            }
            Err(mut refused) => {
                errors.append(&mut refused);
                Err(ParseError::gather(yaml::de::in_file_order(errors)).expect("errors"))
            }
        }
    }
}

/// A top-level key holding a word processor's character is most likely a tender section
/// that the character pushed out of `tender` (`\u{a0} payment:`): say so.
fn stray_character_hint(root: yaml::Yaml) -> Option<String> {
    let YamlValue::Mapping(mut entries) = root.value() else {
        return None;
    };
    entries.find_map(|entry| {
        let key = entry.key.scalar()?;
        yaml::character_hint(key.text)
            .map(|hint| format!("the top-level key {:?}: {hint}", key.text))
    })
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
