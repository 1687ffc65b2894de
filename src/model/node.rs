//! `Node<T>`: a parsed value with the byte span it came from.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
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

/// One of [`NODE_FIELDS`], checked without allocating (every node of a file has three).
struct Part(&'static str);

impl<'de> DeserializeSeed<'de> for Part {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Part {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "`{}`", self.0)
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<(), E> {
        if key == self.0 {
            Ok(())
        } else {
            Err(E::custom(
                "a node's span is only known to tenderlint's YAML reader",
            ))
        }
    }
}

/// Built only by tenderlint's YAML reader, which answers [`NODE_STRUCT`] with the node's
/// span and then its value (the way toml's `Spanned` works).
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Node<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for NodeVisitor<T> {
            type Value = Node<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value read by tenderlint's YAML reader")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<T>, A::Error> {
                let part = |map: &mut A, name: &'static str| match map.next_key_seed(Part(name))? {
                    Some(()) => Ok(()),
                    None => Err(de::Error::custom(
                        "a node's span is only known to tenderlint's YAML reader",
                    )),
                };
                part(&mut map, NODE_FIELDS[0])?;
                let start = map.next_value::<u64>()?;
                part(&mut map, NODE_FIELDS[1])?;
                let end = map.next_value::<u64>()?;
                part(&mut map, NODE_FIELDS[2])?;
                let value = map.next_value::<T>()?;
                let span = Span::new(start as usize, end as usize);
                Ok(Node::new(value, span))
            }
        }

        deserializer.deserialize_struct(NODE_STRUCT, NODE_FIELDS, NodeVisitor(PhantomData))
    }
}
