//! A serde `Deserializer` over the spanned YAML tree, for the `#[derive(Deserialize)]` models.
//!
//! Every refused value is collected rather than ending the file: the innermost optional
//! field around a refused value is recorded as poisoned and the model is built again with
//! that field absent, until it builds or [`MAX_ERRORS`] errors are known. Unknown keys are
//! refused here too, with did-you-mean, and skipped without a rebuild. A file without
//! errors is built once.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess,
    SeqAccess, Unexpected, VariantAccess, Visitor,
};

use super::{Resolved, Scalar, Yaml, YamlValue, character_hint};
use crate::parse::ParseError;
use crate::span::Span;
use crate::suggest::{explain_unknown_key, explain_unknown_word};

/// How many errors one file reports before the rest are left for the next run.
pub const MAX_ERRORS: usize = 20;

/// The private protocol by which [`crate::model::Node`] asks for its span: a struct with
/// this name is answered with a sequence of its fields `start`, `end` and `value`.
pub const NODE_STRUCT: &str = "$tenderlint::Node";
pub const NODE_FIELDS: &[&str] = &["start", "end", "value"];

/// Builds `T` from `root`, with every refused value and unknown key found, in file order.
/// Key paths in messages start at `root`.
pub fn from_yaml<T: DeserializeOwned>(root: Yaml) -> Result<T, Vec<ParseError>> {
    let context = Context {
        poisoned: RefCell::default(),
        refused: RefCell::default(),
        errors: RefCell::default(),
    };
    loop {
        context.errors.borrow_mut().clear();
        let result = T::deserialize(YamlDeserializer {
            node: root,
            context: &context,
            place: None,
            resolved: None,
        });
        let mut errors = context.refused.borrow().clone();
        errors.append(&mut context.errors.borrow_mut());
        match result {
            Ok(value) if errors.is_empty() => return Ok(value),
            Ok(_) => return Err(in_file_order(errors)),
            Err(error) if error.0.absorbed && context.refused.borrow().len() < MAX_ERRORS => {}
            Err(error) => {
                if !error.0.absorbed {
                    errors.push(error.0.error);
                }
                return Err(in_file_order(errors));
            }
        }
    }
}

/// Errors sorted by place, at most [`MAX_ERRORS`] and a note that more follow.
pub fn in_file_order(mut errors: Vec<ParseError>) -> Vec<ParseError> {
    errors.sort_by_key(|error| error.span.map(|span| span.start));
    errors.dedup();
    if errors.len() > MAX_ERRORS {
        let at = errors[MAX_ERRORS].span;
        errors.truncate(MAX_ERRORS);
        errors.push(ParseError::new(
            format!("more errors follow; tenderlint reports the first {MAX_ERRORS} of a file"),
            at,
            Some("fix these and run again".to_owned()),
        ));
    }
    errors
}

struct Context {
    /// Optional values refused in an earlier build, by node address: absent from now on.
    poisoned: RefCell<HashSet<usize>>,
    /// The errors that poisoned them (kept across builds).
    refused: RefCell<Vec<ParseError>>,
    /// The errors of this build that needed no rebuild (unknown keys).
    errors: RefCell<Vec<ParseError>>,
}

/// Where a value sits: its key or index within its parent's place. Places live on the stack
/// while their values are built, and are spelled out only for a message.
struct Place<'p, 't> {
    parent: Option<&'p Place<'p, 't>>,
    segment: Segment<'t>,
}

enum Segment<'t> {
    Key(&'t str),
    Index(usize),
}

/// `payment.terms_days`, `lots[2].value`: the key path of `place`, empty at the root.
fn path(place: Option<&Place<'_, '_>>) -> String {
    let mut segments = Vec::new();
    let mut next = place;
    while let Some(place) = next {
        segments.push(&place.segment);
        next = place.parent;
    }
    let mut out = String::new();
    for segment in segments.into_iter().rev() {
        match segment {
            Segment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

impl Context {
    /// Whether an earlier build refused the optional value at `address` (asked of every
    /// optional value; a file without errors has none, and hashes nothing).
    fn is_poisoned(&self, address: usize) -> bool {
        let poisoned = self.poisoned.borrow();
        !poisoned.is_empty() && poisoned.contains(&address)
    }

    /// Whether one more error than [`MAX_ERRORS`] is known, enough to say that more follow.
    fn is_full(&self) -> bool {
        self.refused.borrow().len() + self.errors.borrow().len() > MAX_ERRORS
    }
}

/// A refused value, boxed: every value built passes up through a `Result` with this error,
/// and one pointer is cheaper to move than the error it points at.
#[derive(Debug)]
pub struct Error(Box<Refusal>);

/// `absorbed` once an optional field around the refused value has been poisoned.
#[derive(Debug)]
struct Refusal {
    error: ParseError,
    located: bool,
    absorbed: bool,
}

impl Error {
    fn new(message: String, help: Option<String>) -> Self {
        Self(Box::new(Refusal {
            error: ParseError::new(message, None, help),
            located: false,
            absorbed: false,
        }))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.error.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error::new(message.to_string(), None)
    }

    fn invalid_type(unexpected: Unexpected, expected: &dyn de::Expected) -> Self {
        Error::new(
            format!("expected {expected}, found {}", describe(&unexpected)),
            None,
        )
    }

    fn invalid_value(unexpected: Unexpected, expected: &dyn de::Expected) -> Self {
        Error::invalid_type(unexpected, expected)
    }

    fn unknown_variant(word: &str, expected: &'static [&'static str]) -> Self {
        let (message, help) = explain_unknown_word(word, expected);
        Error::new(message, Some(character_hint(word).unwrap_or(help)))
    }

    fn unknown_field(key: &str, expected: &'static [&'static str]) -> Self {
        let (message, help) = explain_unknown_key(key, expected, None);
        Error::new(message, Some(help))
    }
}

fn describe(unexpected: &Unexpected) -> String {
    match unexpected {
        Unexpected::Str(text) => format!("{text:?}"),
        Unexpected::Seq => "a list".to_owned(),
        Unexpected::Map => "a mapping".to_owned(),
        Unexpected::Unit | Unexpected::Option => "nothing".to_owned(),
        Unexpected::Float(value) => value.to_string(),
        other => other.to_string(),
    }
}

#[derive(Clone, Copy)]
struct YamlDeserializer<'t, 'a> {
    node: Yaml<'t>,
    context: &'a Context,
    place: Option<&'a Place<'a, 't>>,
    /// The scalar's meaning when already resolved (by [`Self::deserialize_option`], which
    /// asks before the value's own visitor does).
    resolved: Option<Resolved>,
}

impl<'t, 'a> YamlDeserializer<'t, 'a> {
    /// A value with no meaning resolved yet, at `place`.
    fn at(node: Yaml<'t>, context: &'a Context, place: Option<&'a Place<'a, 't>>) -> Self {
        Self {
            node,
            context,
            place,
            resolved: None,
        }
    }

    fn scalar(&self) -> Option<Scalar<'t>> {
        self.node.scalar()
    }

    /// The scalar and its core-schema meaning; `None` for a collection.
    fn resolved(&self) -> Option<(Scalar<'t>, Resolved)> {
        self.scalar()
            .map(|scalar| (scalar, self.resolved.unwrap_or_else(|| scalar.resolve())))
    }

    fn is_null(&self) -> bool {
        matches!(self.resolved(), Some((_, Resolved::Null)))
    }

    /// Places an error raised by this node's visitor at the node, naming its key path.
    fn locate<T>(&self, result: Result<T, Error>) -> Result<T, Error> {
        result.map_err(|mut error| {
            let refusal = &mut *error.0;
            if !refusal.located {
                refusal.located = true;
                refusal.error.span = Some(self.node.span());
                let path = path(self.place);
                if !path.is_empty() {
                    refusal.error.message = format!("{path}: {}", refusal.error.message);
                }
                if refusal.error.help.is_none() {
                    refusal.error.help = self.hint();
                }
            }
            error
        })
    }

    /// What to do about a refused scalar: drop needless quotes, retype a Word character.
    fn hint(&self) -> Option<String> {
        let scalar = self.scalar()?;
        if scalar.style.is_quoted() {
            let unquoted = match super::resolve_plain(scalar.text) {
                Resolved::Bool(_) => "true or false",
                Resolved::Int(_) | Resolved::Float(_) => "a number",
                Resolved::Null | Resolved::Str => "",
            };
            if !unquoted.is_empty() {
                return Some(format!(
                    "remove the quotes: quoted, `{}` is text; without them it is {unquoted}",
                    scalar.text
                ));
            }
        }
        character_hint(scalar.text)
    }

    fn fail<T>(&self, message: String) -> Result<T, Error> {
        self.locate(Err(Error::new(message, None)))
    }

    fn found(&self) -> String {
        match (self.node.value(), self.resolved()) {
            (_, Some((scalar, resolved))) => match resolved {
                Resolved::Str => format!("{:?}", scalar.text),
                Resolved::Null => "nothing".to_owned(),
                _ => format!("`{}`", scalar.text),
            },
            (YamlValue::Sequence(_), _) => "a list".to_owned(),
            _ => "a mapping".to_owned(),
        }
    }
}

macro_rules! forward_to_any {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.deserialize_any(visitor)
        })*
    };
}

impl<'de> Deserializer<'de> for YamlDeserializer<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match (self.node.value(), self.resolved()) {
            (_, Some((scalar, resolved))) => match resolved {
                Resolved::Null => visitor.visit_unit(),
                Resolved::Bool(value) => visitor.visit_bool(value),
                Resolved::Int(value) => match (u64::try_from(value), i64::try_from(value)) {
                    (Ok(value), _) => visitor.visit_u64(value),
                    (_, Ok(value)) => visitor.visit_i64(value),
                    _ => visitor.visit_i128(value),
                },
                Resolved::Float(value) => visitor.visit_f64(value),
                Resolved::Str => visitor.visit_str(scalar.text),
            },
            (YamlValue::Sequence(_), _) => return self.deserialize_seq(visitor),
            _ => return self.deserialize_map(visitor),
        };
        self.locate(result)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let Some((scalar, resolved)) = self.resolved() else {
            return self.fail(format!(
                "expected `true` or `false`, found {}",
                self.found()
            ));
        };
        match resolved {
            Resolved::Bool(value) => self.locate(visitor.visit_bool(value)),
            Resolved::Str
                if matches!(
                    scalar.text.to_ascii_lowercase().as_str(),
                    "yes" | "no" | "on" | "off" | "y" | "n"
                ) && !scalar.style.is_quoted() =>
            {
                self.locate(Err(Error::new(
                    format!("expected `true` or `false`, found `{}`", scalar.text),
                    Some(
                        "write true or false: YAML 1.1 words such as yes, no, on and off are \
                         refused because a misread `no` would silently flip a rule"
                            .to_owned(),
                    ),
                )))
            }
            _ => self.fail(format!(
                "expected `true` or `false`, found {}",
                self.found()
            )),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.resolved() {
            Some((scalar, resolved)) if resolved != Resolved::Null => {
                self.locate(visitor.visit_str(scalar.text))
            }
            _ => self.fail(format!("expected text, found {}", self.found())),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let address = self.node.identity();
        let resolved = self.resolved();
        if matches!(resolved, Some((_, Resolved::Null))) || self.context.is_poisoned(address) {
            return visitor.visit_none();
        }
        let value = Self {
            resolved: resolved.map(|(_, resolved)| resolved),
            ..self
        };
        visitor.visit_some(value).map_err(|mut error| {
            let refusal = &mut *error.0;
            if !refusal.absorbed {
                refusal.absorbed = true;
                self.context.poisoned.borrow_mut().insert(address);
                self.context
                    .refused
                    .borrow_mut()
                    .push(refusal.error.clone());
            }
            error
        })
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() {
            return self.locate(visitor.visit_unit());
        }
        self.fail(format!("expected nothing, found {}", self.found()))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.value() {
            YamlValue::Sequence(items) => self.locate(visitor.visit_seq(Items {
                items: items.enumerate(),
                context: self.context,
                place: self.place,
            })),
            _ => self.fail(format!("expected a list, found {}", self.found())),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.value() {
            YamlValue::Mapping(entries) => self.locate(visitor.visit_map(Entries {
                entries,
                fields: None,
                next_field: 0,
                value: None,
                context: self.context,
                place: self.place,
            })),
            _ => self.fail(format!("expected a mapping, found {}", self.found())),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == NODE_STRUCT {
            return visitor.visit_seq(NodeParts {
                node: self,
                next: 0,
            });
        }
        match self.node.value() {
            YamlValue::Mapping(entries) => self.locate(visitor.visit_map(Entries {
                entries,
                fields: Some(fields),
                next_field: 0,
                value: None,
                context: self.context,
                place: self.place,
            })),
            _ => self.fail(format!(
                "expected a mapping of keys, found {}",
                self.found()
            )),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.resolved() {
            Some((scalar, resolved)) if resolved != Resolved::Null => {
                self.locate(visitor.visit_enum(Word(scalar.text)))
            }
            _ => self.fail(format!(
                "expected one of {}, found {}",
                variants.join(", "),
                self.found()
            )),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    forward_to_any! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes deserialize_byte_buf
    }
}

/// A list's items, each with its index on the key path.
struct Items<'t, 'a, I> {
    items: I,
    context: &'a Context,
    place: Option<&'a Place<'a, 't>>,
}

impl<'de, 't, I: Iterator<Item = (usize, Yaml<'t>)>> SeqAccess<'de> for Items<'t, '_, I> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        let Some((index, node)) = self.items.next() else {
            return Ok(None);
        };
        let place = Place {
            parent: self.place,
            segment: Segment::Index(index),
        };
        seed.deserialize(YamlDeserializer::at(node, self.context, Some(&place)))
            .map(Some)
    }
}

/// Where `key` is among a struct's `fields`. Files mostly give keys in the model's order,
/// so the search starts at `from`, after the field found last.
fn find_field(fields: &[&str], from: usize, key: &str) -> Option<usize> {
    let (before, after) = fields.split_at(from);
    after
        .iter()
        .position(|&field| field == key)
        .map(|index| from + index)
        .or_else(|| before.iter().position(|&field| field == key))
}

/// A mapping's entries. For a struct (`fields` known), keys it does not have are refused
/// here with a suggestion and skipped, so the derived visitor never stops at them.
struct Entries<'t, 'a> {
    entries: super::Entries<'t>,
    fields: Option<&'static [&'static str]>,
    /// Where the search for the next key among `fields` starts: after the field found last.
    next_field: usize,
    /// The value of the key given last, and the key as its path names it.
    value: Option<(&'t str, Yaml<'t>)>,
    context: &'a Context,
    /// The mapping's own place.
    place: Option<&'a Place<'a, 't>>,
}

impl<'de, 't> MapAccess<'de> for Entries<'t, '_> {
    type Error = Error;

    fn next_key_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        for entry in self.entries.by_ref() {
            let Some(fields) = self.fields else {
                let name = entry.key.scalar().map_or("?", |key| key.text);
                self.value = Some((name, entry.value));
                let key = YamlDeserializer::at(entry.key, self.context, self.place);
                return seed.deserialize(key).map(Some);
            };
            let key = entry.key.scalar().map_or("", |key| key.text);
            if let Some(index) = find_field(fields, self.next_field, key) {
                self.next_field = index + 1;
                self.value = Some((key, entry.value));
                // A field's name is text in any style: there is nothing to resolve or refuse.
                let key: de::value::StrDeserializer<'_, Error> = key.into_deserializer();
                return seed.deserialize(key).map(Some);
            }
            // Past the cap only the count matters: a hostile file may hold a
            // million unknown keys, and each suggestion costs a search.
            if self.context.is_full() {
                continue;
            }
            let (message, help) = explain_unknown_key(key, fields, Some(&path(self.place)));
            let help = character_hint(key).unwrap_or(help);
            self.context.errors.borrow_mut().push(ParseError::new(
                message,
                Some(entry.key.span()),
                Some(help),
            ));
        }
        Ok(None)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        let (key, value) = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a value was asked for before its key"))?;
        let place = Place {
            parent: self.place,
            segment: Segment::Key(key),
        };
        seed.deserialize(YamlDeserializer::at(value, self.context, Some(&place)))
    }
}

/// [`NODE_STRUCT`]'s fields in order: the node's span, then its value.
struct NodeParts<'t, 'a> {
    node: YamlDeserializer<'t, 'a>,
    next: usize,
}

impl<'de> SeqAccess<'de> for NodeParts<'_, '_> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        let span: Span = self.node.node.span();
        self.next += 1;
        match self.next {
            1 => seed.deserialize((span.start as u64).into_deserializer()),
            2 => seed.deserialize((span.end as u64).into_deserializer()),
            3 => seed.deserialize(self.node),
            _ => return Ok(None),
        }
        .map(Some)
    }
}

/// An enumeration word.
struct Word<'t>(&'t str);

impl<'de> EnumAccess<'de> for Word<'_> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), Error> {
        let word: de::value::StrDeserializer<'_, Error> = self.0.into_deserializer();
        seed.deserialize(word).map(|variant| (variant, self))
    }
}

impl<'de> VariantAccess<'de> for Word<'_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, _seed: S) -> Result<S::Value, Error> {
        Err(de::Error::custom("expected a word, not a mapping"))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, Error> {
        Err(de::Error::custom("expected a word, not a list"))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Error> {
        Err(de::Error::custom("expected a word, not a mapping"))
    }
}
