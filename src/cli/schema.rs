//! `tenderlint schema`: the JSON Schema (draft 2020-12) of the tender format.
//!
//! Generated with schemars from the same serde models the parser uses: the doc
//! comments on the model's fields become the descriptions editors show on hover,
//! and `deny_unknown_fields` becomes `additionalProperties: false`, so an editor
//! flags a misspelled key as tenderlint does. The top level allows other keys and
//! requires `tender`. The schema describes the shape of a tender; rules still
//! decide whether its content is lawful.

use std::io::Write;

use schemars::generate::SchemaSettings;

use super::exit;
use crate::model::Document;

/// Where the committed copy of the schema is published, for `$schema` lines.
pub const SCHEMA_URL: &str =
    "https://raw.githubusercontent.com/tenderlint/tenderlint/main/docs/tender.schema.json";

/// The schema as a JSON value.
pub fn tender_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<Document>();
    schema.insert("$id".to_owned(), SCHEMA_URL.into());
    schema.insert("title".to_owned(), "tenderlint tender file".into());
    schema.insert(
        "description".to_owned(),
        "A UK public-sector tender design for tenderlint (docs/tender-format.md, version 1). \
         Everything lives under `tender`; other top-level keys are the buyer's own and are ignored."
            .into(),
    );
    schema.to_value()
}

/// The schema as printed: pretty JSON and a final newline.
pub fn tender_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&tender_schema()).expect("a schema serialises");
    text.push('\n');
    text
}

pub fn run() -> u8 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match out
        .write_all(tender_schema_text().as_bytes())
        .and_then(|()| out.flush())
    {
        Ok(()) => exit::CLEAN,
        Err(_) => exit::ERROR,
    }
}
