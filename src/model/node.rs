//! `Node<T>`: a parsed value with the byte span it came from.

use std::ops::Deref;

use serde::{Deserialize, Deserializer};

use crate::span::Span;

/// A value from the tender file together with its source span.
///
/// Deserialised through `serde_saphyr::Spanned` so every leaf of the model knows
/// where it was written. A quoted scalar's span includes its quotes; a block
/// mapping's span is empty and sits at its first key; a flow mapping's covers `{`.
#[derive(Clone, Debug)]
pub struct Node<T> {
    /// Named `inner`, not `value`: the model has fields called `value` (`tender.value`, `lot.value`)
    /// that deref must reach.
    pub inner: T,
    pub span: Span,
}

impl<T> Node<T> {
    pub const fn new(value: T, span: Span) -> Self {
        Self { inner: value, span }
    }
}

/// Two nodes are equal when their values are: where a value was written is not part of it.
impl<T: PartialEq> PartialEq for Node<T> {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}

impl<T> Deref for Node<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.inner
    }
}

impl<T> std::ops::DerefMut for Node<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.inner
    }
}

/// A node's schema is its value's: spans are where a value was written, not part of it.
impl<T: schemars::JsonSchema> schemars::JsonSchema for Node<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Node<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let location = spanned.referenced.span();
        // Byte information is always present for `&str` input, which is all we parse.
        let start = location.byte_offset().unwrap_or(0) as usize;
        let len = location.byte_len().unwrap_or(0) as usize;
        Ok(Node::new(spanned.value, Span::new(start, start + len)))
    }
}
