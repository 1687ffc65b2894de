//! Whole numbers (counts, days, months) that refuse quoted or fractional input.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A non-negative whole number written as a plain YAML integer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Count(pub u32);

impl Count {
    pub const fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl schemars::JsonSchema for Count {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Count".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A whole number such as 30, written without quotes.",
            "type": "integer",
            "minimum": 0,
            "maximum": u32::MAX
        })
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CountVisitor;

        impl Visitor<'_> for CountVisitor {
            type Value = Count;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number such as 30")
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Count, E> {
                u32::try_from(value)
                    .map(Count)
                    .map_err(|_| E::custom(format!("{value} is too large for a whole number here")))
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Count, E> {
                if value < 0 {
                    return Err(E::custom(format!(
                        "expected a whole number of 0 or more, found {value}"
                    )));
                }
                self.visit_u64(value as u64)
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Count, E> {
                Err(E::custom(format!(
                    "expected a whole number such as 30, found {value}"
                )))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Count, E> {
                Err(E::custom(format!(
                    "expected a whole number such as 30, found {value:?}"
                )))
            }

            fn visit_bool<E: de::Error>(self, value: bool) -> Result<Count, E> {
                Err(E::custom(format!(
                    "expected a whole number such as 30, found {value}"
                )))
            }
        }

        deserializer.deserialize_any(CountVisitor)
    }
}
