//! Readers: source text to spanned trees the typed model is built from.

pub mod yaml;
