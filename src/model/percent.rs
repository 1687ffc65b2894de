//! Percentages from 0 to 100, held exactly in hundredths of a percent.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A percentage in hundredths of a percent (`12.5%` is `1250`), so weights add up exactly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percent(u32);

const EXPECTED: &str = "a percentage from 0 to 100, such as 10 or \"10%\"";

impl Percent {
    pub const fn from_whole(percent: u32) -> Self {
        Percent(percent * 100)
    }

    pub const fn hundredths(self) -> u32 {
        self.0
    }

    pub fn parse(text: &str) -> Result<Percent, String> {
        let number = text.trim().trim_end_matches('%').trim_end();
        number
            .parse::<f64>()
            .ok()
            .filter(|_| {
                !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == '.')
            })
            .ok_or_else(|| format!("expected {EXPECTED}, found `{text}`"))
            .and_then(Percent::from_f64)
    }

    fn from_f64(value: f64) -> Result<Percent, String> {
        let hundredths = value * 100.0;
        if !(0.0..=100.0).contains(&value) {
            return Err(format!(
                "`{value}` is outside 0 to 100: expected {EXPECTED}"
            ));
        }
        if (hundredths - hundredths.round()).abs() > 1e-6 {
            return Err(format!(
                "`{value}` has more than two decimal places: expected {EXPECTED}"
            ));
        }
        Ok(Percent(hundredths.round() as u32))
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, fraction) = (self.0 / 100, self.0 % 100);
        match fraction {
            0 => write!(f, "{whole}%"),
            _ if fraction % 10 == 0 => write!(f, "{whole}.{}%", fraction / 10),
            _ => write!(f, "{whole}.{fraction:02}%"),
        }
    }
}

impl schemars::JsonSchema for Percent {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Percent".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A percentage from 0 to 100 with at most two decimal places: a number (10, 12.5) or a string such as \"10%\".",
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 100},
                {"type": "string", "pattern": r"^\s*(\d+(\.\d*)?|\.\d+)\s*%*\s*$"}
            ]
        })
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PercentVisitor;

        impl Visitor<'_> for PercentVisitor {
            type Value = Percent;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECTED)
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Percent, E> {
                Percent::from_f64(value as f64).map_err(E::custom)
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Percent, E> {
                Percent::from_f64(value as f64).map_err(E::custom)
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Percent, E> {
                Percent::from_f64(value).map_err(E::custom)
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Percent, E> {
                Percent::parse(value).map_err(E::custom)
            }
        }

        deserializer.deserialize_any(PercentVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_numbers_and_percent_strings() {
        assert_eq!(Percent::parse("10%"), Ok(Percent(1000)));
        assert_eq!(Percent::parse("12.5 %"), Ok(Percent(1250)));
        assert_eq!(Percent::parse("0"), Ok(Percent(0)));
        assert!(Percent::parse("101%").is_err());
        assert!(Percent::parse("-5%").is_err());
        assert!(Percent::parse("ten").is_err());
        assert!(Percent::parse("%").is_err());
    }

    #[test]
    fn displays_compactly() {
        assert_eq!(Percent(1000).to_string(), "10%");
        assert_eq!(Percent(1250).to_string(), "12.5%");
        assert_eq!(Percent(1234).to_string(), "12.34%");
    }
}
