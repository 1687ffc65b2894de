//! Strict booleans: `true` and `false` as plain YAML words, nothing else.
//!
//! With YAML 1.2 booleans the parser already refuses `yes`, `no`, `on` and `off`, but it
//! reads the quoted text `"true"` as a boolean; the published schema refuses it, and the
//! tool must agree (docs/tender-format.md: booleans are strict).

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

use super::Node;

/// A boolean field read strictly: a plain `true` or `false`; quoted text is refused.
pub(crate) fn deserialize_strict_bool<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Node<bool>>, D::Error> {
    let node = Option::<Node<StrictBool>>::deserialize(deserializer)?;
    Ok(node.map(|node| Node::new(node.inner.0, node.span)))
}

struct StrictBool(bool);

impl<'de> Deserialize<'de> for StrictBool {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrictBoolVisitor;

        impl Visitor<'_> for StrictBoolVisitor {
            type Value = StrictBool;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("true or false")
            }

            fn visit_bool<E: de::Error>(self, value: bool) -> Result<StrictBool, E> {
                Ok(StrictBool(value))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<StrictBool, E> {
                // Plain `true`/`false` arrive as booleans: text that reads the same was quoted.
                if value == "true" || value == "false" {
                    Err(E::custom(format!(
                        "expected true or false, found the text \"{value}\" (remove the quotes)"
                    )))
                } else {
                    // Worded as the parser's own refusal, so every boolean error reads alike.
                    Err(E::custom(format!("invalid boolean `{value}`")))
                }
            }
        }

        deserializer.deserialize_any(StrictBoolVisitor)
    }
}

#[cfg(test)]
mod tests {
    use crate::parse::parse_tender;
    use crate::source::SourceFile;

    fn parse(yaml: &str) -> Result<bool, String> {
        let source = SourceFile::new("b.tender.yaml", None, yaml.to_owned());
        parse_tender(&source)
            .map(|tender| {
                tender
                    .suitability
                    .as_ref()
                    .and_then(|suitability| suitability.sme.as_deref().copied())
                    .expect("sme given")
            })
            .map_err(|error| format!("{} {:?}", error.message, error.help))
    }

    #[test]
    fn only_plain_true_and_false_are_booleans() {
        assert_eq!(parse("tender:\n  suitability: {sme: true}\n"), Ok(true));
        assert_eq!(
            parse("tender:\n  suitability:\n    sme: false\n"),
            Ok(false)
        );
        for quoted in ["\"true\"", "'false'"] {
            let error = parse(&format!("tender:\n  suitability: {{sme: {quoted}}}\n")).unwrap_err();
            assert!(error.contains("remove the quotes"), "{quoted}: {error}");
        }
        let error = parse("tender:\n  suitability: {sme: yes}\n").unwrap_err();
        assert!(error.contains("write true or false"), "{error}");
        assert!(parse("tender:\n  suitability: {sme: 1}\n").is_err());
        assert!(parse("tender:\n  suitability: {sme: \"yes\"}\n").is_err());
    }
}
