//! `Node<T>`: a parsed value with the byte span it came from.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::read::yaml::de::{NODE_FIELDS, NODE_STRUCT};

use crate::span::Span;

/// A value from the tender file together with its source span.
///
/// Deserialised by [`crate::read::yaml`] so every leaf of the model knows where it was
/// written. A quoted scalar's span includes its quotes; a block
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

/// Built only by tenderlint's YAML reader, which answers [`NODE_STRUCT`] with the node's
/// span (start, end) and then its value, in order: nothing else asks for this struct, so
/// its fields need no names to check.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Node<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for NodeVisitor<T> {
            type Value = Node<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value read by tenderlint's YAML reader")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut parts: A) -> Result<Node<T>, A::Error> {
                let missing =
                    || de::Error::custom("a node's span is only known to tenderlint's YAML reader");
                let start = parts.next_element::<u64>()?.ok_or_else(missing)?;
                let end = parts.next_element::<u64>()?.ok_or_else(missing)?;
                let value = parts.next_element::<T>()?.ok_or_else(missing)?;
                Ok(Node::new(value, Span::new(start as usize, end as usize)))
            }
        }

        deserializer.deserialize_struct(NODE_STRUCT, NODE_FIELDS, NodeVisitor(PhantomData))
    }
}
