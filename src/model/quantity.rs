//! Measures (hours, tonnes, FTE): any number of 0 or more, held exactly as a decimal.

use std::cmp::Ordering;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A non-negative decimal `digits / 10^scale`, so `2.5` is held as written, never as a
/// binary fraction, and compares exactly with whole-number thresholds.
#[derive(Clone, Copy, Debug, Default, Eq)]
pub struct Quantity {
    digits: u128,
    scale: u32,
}

const EXPECTED: &str = "a number of 0 or more such as 2 or 2.5";

/// More decimal places than any measure needs; keeps `10^scale` within `u128`.
const MAX_SCALE: u32 = 18;

impl Quantity {
    pub const fn whole(value: u64) -> Self {
        Quantity {
            digits: value as u128,
            scale: 0,
        }
    }

    /// Parses a plain decimal: digits, optionally one `.` and more digits.
    pub fn parse(text: &str) -> Result<Quantity, String> {
        let refuse = || format!("expected {EXPECTED}, found {text}");
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let all_digits = |part: &str| part.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
            return Err(refuse());
        }
        let fraction = fraction.trim_end_matches('0');
        let scale = u32::try_from(fraction.len())
            .ok()
            .filter(|scale| *scale <= MAX_SCALE)
            .ok_or_else(refuse)?;
        let digits = format!("{whole}{fraction}")
            .parse::<u128>()
            .ok()
            .filter(|digits| digits / 10_u128.pow(scale) <= u128::from(u64::MAX))
            .ok_or_else(|| format!("{text} is too large for a quantity"))?;
        Ok(Quantity { digits, scale })
    }

    /// `digits` scaled up to `scale` decimal places (`scale` ≥ the value's own).
    fn scaled_to(self, scale: u32) -> u128 {
        self.digits * 10_u128.pow(scale - self.scale)
    }
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    fn cmp(&self, other: &Self) -> Ordering {
        let scale = self.scale.max(other.scale);
        self.scaled_to(scale).cmp(&other.scaled_to(scale))
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = 10_u128.pow(self.scale);
        let (whole, fraction) = (self.digits / unit, self.digits % unit);
        if self.scale == 0 {
            write!(f, "{whole}")
        } else {
            write!(f, "{whole}.{fraction:0width$}", width = self.scale as usize)
        }
    }
}

impl schemars::JsonSchema for Quantity {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Quantity".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A measure in its own unit: a number of 0 or more such as 2 or 2.5, written without quotes.",
            "type": "number",
            "minimum": 0
        })
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct QuantityVisitor;

        impl Visitor<'_> for QuantityVisitor {
            type Value = Quantity;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECTED)
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Quantity, E> {
                Ok(Quantity::whole(value))
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Quantity, E> {
                u64::try_from(value).map(Quantity::whole).map_err(|_| {
                    E::custom(format!("expected a number of 0 or more, found {value}"))
                })
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Quantity, E> {
                if value < 0.0 {
                    return Err(E::custom(format!(
                        "expected a number of 0 or more, found {value}"
                    )));
                }
                if !value.is_finite() {
                    return Err(E::custom(format!("expected {EXPECTED}, found {value}")));
                }
                // `Display` for f64 is the shortest text that reads back as the same
                // float: the decimal the buyer wrote (`2.5`), which is then held exactly.
                Quantity::parse(&value.to_string()).map_err(E::custom)
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Quantity, E> {
                Err(E::custom(format!(
                    "expected {EXPECTED}, found the text \"{value}\" (write the number without quotes)"
                )))
            }

            fn visit_bool<E: de::Error>(self, value: bool) -> Result<Quantity, E> {
                Err(E::custom(format!("expected {EXPECTED}, found {value}")))
            }
        }

        deserializer.deserialize_any(QuantityVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_decimals_exactly_and_compares_with_whole_numbers() {
        let two_and_a_half = Quantity::parse("2.5").unwrap();
        assert!(two_and_a_half > Quantity::whole(2));
        assert!(two_and_a_half < Quantity::whole(3));
        assert_eq!(Quantity::parse("2.0").unwrap(), Quantity::whole(2));
        assert!(Quantity::parse("1.9999999999999999").unwrap() < Quantity::whole(2));
        assert_eq!(two_and_a_half.to_string(), "2.5");
        assert_eq!(Quantity::parse("0.125").unwrap().to_string(), "0.125");
    }

    #[test]
    fn refuses_what_is_not_a_plain_number() {
        for text in ["", "-1", "1e3", "2.5.1", ".5", "two", "1,000"] {
            assert!(Quantity::parse(text).is_err(), "{text} should be refused");
        }
    }

    #[test]
    fn reads_yaml_numbers_exactly() {
        let read = |yaml: &str| serde_saphyr::from_str::<Quantity>(yaml).map_err(|e| e.to_string());
        assert_eq!(read("2.5").unwrap().to_string(), "2.5");
        assert_eq!(read("0.1").unwrap().to_string(), "0.1");
        assert_eq!(read("7").unwrap(), Quantity::whole(7));
        assert!(read("-2.5").unwrap_err().contains("0 or more"));
        assert!(read("-3").unwrap_err().contains("0 or more"));
        assert!(read("\"2\"").unwrap_err().contains("without quotes"));
    }

    #[test]
    fn a_negative_quantity_is_refused_at_its_key() {
        let text = "tender:\n  social_value:\n    commitments:\n      - quantity: -2.5\n";
        let source = crate::source::SourceFile::new("q.tender.yaml", None, text.to_owned());
        let error = crate::parse::parse_tender(&source).unwrap_err();
        assert!(error.message.contains("0 or more"), "{error:?}");
        let span = error.span.expect("located");
        assert_eq!(source.line_col(span.start).0, 4, "{error:?}");
    }
}
