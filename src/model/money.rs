//! Money: pounds sterling held exactly as whole pence.
//!
//! Buyers write money the way they would in a report (`"£4.8m"`, `"£250k"`,
//! `"£1,200,000"`, `4_800_000`); anything ambiguous is refused with a message
//! that says what was expected.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// An amount of money in whole pence. Never negative.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

const PENCE_PER_POUND: i64 = 100;

pub const MONEY_EXPECTED: &str =
    "an amount in pounds such as 4800000, \"£4,800,000\", \"£4.8m\", \"£250k\" or \"4.8 million\"";

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_pence(pence: i64) -> Self {
        Money(pence)
    }

    pub const fn from_pounds(pounds: i64) -> Self {
        Money(pounds * PENCE_PER_POUND)
    }

    pub const fn pence(self) -> i64 {
        self.0
    }

    /// `self × numerator / denominator`, rounded down to the penny; exact integer arithmetic.
    pub fn mul_div(self, numerator: i64, denominator: i64) -> Money {
        Money((i128::from(self.0) * i128::from(numerator) / i128::from(denominator)) as i64)
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// Rounds down to `digits` significant figures of whole pounds (for suggested caps).
    pub fn round_down_significant(self, digits: u32) -> Money {
        let pounds = self.0 / PENCE_PER_POUND;
        let magnitude = pounds.checked_ilog10().map_or(0, |log| log + 1);
        if magnitude <= digits {
            return Money::from_pounds(pounds);
        }
        let unit = 10_i64.pow(magnitude - digits);
        Money::from_pounds(pounds / unit * unit)
    }

    /// Parses the forgiving money syntax of docs/tender-format.md.
    pub fn parse(text: &str) -> Result<Money, String> {
        let trimmed = text.trim();
        let fail = |why: &str| Err(format!("{why}: expected {MONEY_EXPECTED}, found `{text}`"));
        if trimmed.starts_with('-') || trimmed.starts_with("£-") {
            return fail("money cannot be negative");
        }
        let body = if let Some(rest) = trimmed.strip_prefix('£') {
            rest
        } else if trimmed
            .get(..3)
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case("GBP"))
        {
            &trimmed[3..]
        } else {
            trimmed
        }
        .trim_start();
        if body.starts_with('-') {
            return fail("money cannot be negative");
        }
        let number_end = body
            .bytes()
            .position(|b| !(b.is_ascii_digit() || matches!(b, b',' | b'_' | b'.')))
            .unwrap_or(body.len());
        let (number, suffix) = body.split_at(number_end);
        let scale = suffix.trim();
        let Some(&(_, multiplier)) = SCALES
            .iter()
            .find(|(word, _)| word.eq_ignore_ascii_case(scale))
        else {
            if suffix.contains(['€', '$']) || trimmed.contains(['€', '$']) {
                return fail("only pounds sterling are accepted");
            }
            return fail("not an amount of money");
        };
        let Some(pence) = decimal_to_pence(number, multiplier) else {
            return fail("not an exact amount of money");
        };
        Ok(Money(pence))
    }
}

/// The words after an amount that scale it, in any case: `£4.8m`, `£250 thousand`.
const SCALES: &[(&str, i64)] = &[
    ("", 1),
    ("k", 1_000),
    ("thousand", 1_000),
    ("m", 1_000_000),
    ("million", 1_000_000),
    ("mn", 1_000_000),
    ("bn", 1_000_000_000),
    ("billion", 1_000_000_000),
];

/// Converts digits like `4.8` or `1,200,000` times `multiplier` pounds into exact pence.
fn decimal_to_pence(number: &str, multiplier: i64) -> Option<i64> {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    if !valid_grouping(whole) || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // The digits without separators, as one number: `4.8` is 48 tenths.
    let scaled = whole
        .bytes()
        .filter(u8::is_ascii_digit)
        .chain(fraction.bytes())
        .try_fold(0_i128, |scaled, digit| {
            scaled
                .checked_mul(10)?
                .checked_add(i128::from(digit - b'0'))
        })?;
    let denominator = 10_i128.checked_pow(u32::try_from(fraction.len()).ok()?)?;
    let numerator = scaled.checked_mul(i128::from(multiplier) * i128::from(PENCE_PER_POUND))?;
    if numerator % denominator != 0 {
        return None;
    }
    i64::try_from(numerator / denominator).ok()
}

/// Commas must group thousands (`1,200,000`); underscores may separate any digits.
fn valid_grouping(whole: &str) -> bool {
    if whole.contains(',') {
        let mut groups = whole.split(',');
        let first = groups.next().unwrap_or("");
        (1..=3).contains(&first.len())
            && first.chars().all(|c| c.is_ascii_digit())
            && groups.all(|group| group.len() == 3 && group.chars().all(|c| c.is_ascii_digit()))
    } else {
        let bytes = whole.as_bytes();
        bytes.first() != Some(&b'_')
            && bytes.last() != Some(&b'_')
            && bytes.iter().all(|&b| b.is_ascii_digit() || b == b'_')
            && !bytes.windows(2).any(|pair| pair == b"__")
    }
}

/// `4800000` → `"4,800,000"`.
pub fn group_thousands(number: u64) -> String {
    grouped(number, &mut [0; GROUPED_LEN]).to_owned()
}

/// The most bytes [`grouped`] writes: the 20 digits of `u64::MAX` and their 6 commas.
const GROUPED_LEN: usize = 26;

/// `number` with its thousands separated by commas, written from the end of `buffer`: what
/// [`Money`]'s `Display` writes without allocating a string for it.
fn grouped(mut number: u64, buffer: &mut [u8; GROUPED_LEN]) -> &str {
    let mut start = buffer.len();
    let mut digits = 0;
    loop {
        if digits > 0 && digits % 3 == 0 {
            start -= 1;
            buffer[start] = b',';
        }
        start -= 1;
        buffer[start] = b'0' + (number % 10) as u8;
        number /= 10;
        digits += 1;
        if number == 0 {
            break;
        }
    }
    std::str::from_utf8(&buffer[start..]).expect("ASCII digits and commas")
}

impl fmt::Display for Money {
    /// `£4,800,000`, or `£1,234.50` when there are pence.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pounds = self.0 / PENCE_PER_POUND;
        let pence = self.0 % PENCE_PER_POUND;
        f.write_str("£")?;
        f.write_str(grouped(pounds.unsigned_abs(), &mut [0; GROUPED_LEN]))?;
        if pence == 0 {
            Ok(())
        } else {
            write!(f, ".{pence:02}")
        }
    }
}

/// Accepts what [`Money::parse`] accepts: a number of pounds, or a string such as
/// `"£4.8m"`. The pattern cannot see that an amount is a whole number of pence.
impl schemars::JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Pounds sterling, excluding VAT unless `value.includes_vat` is true: a number (4800000) or a string such as \"£4,800,000\", \"£4.8m\", \"£250k\", \"4.8 million\" or \"GBP 4800000\".",
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "pattern": MONEY_PATTERN}
            ]
        })
    }
}

/// The strings [`Money::parse`] accepts, for the JSON Schema (ECMA-262 syntax, no flags).
const MONEY_PATTERN: &str = concat!(
    r"^\s*(£|[Gg][Bb][Pp])?\s*",
    r"((\d{1,3}(,\d{3})+|\d+(_\d+)*)(\.\d*)?|\.\d+)",
    r"\s*([Kk]|[Tt][Hh][Oo][Uu][Ss][Aa][Nn][Dd]|[Mm][Nn]?|[Mm][Ii][Ll][Ll][Ii][Oo][Nn]|[Bb][Nn]|[Bb][Ii][Ll][Ll][Ii][Oo][Nn])?\s*$"
);

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MoneyVisitor;

        impl Visitor<'_> for MoneyVisitor {
            type Value = Money;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(MONEY_EXPECTED)
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Money, E> {
                i64::try_from(value)
                    .ok()
                    .and_then(|pounds| pounds.checked_mul(PENCE_PER_POUND))
                    .map(Money)
                    .ok_or_else(|| E::custom("amount of money is too large"))
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Money, E> {
                if value < 0 {
                    return Err(E::custom(format!(
                        "money cannot be negative: expected {MONEY_EXPECTED}"
                    )));
                }
                self.visit_u64(value as u64)
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Money, E> {
                // Only floats that are an exact number of pence, e.g. 1234.5.
                let pence = value * 100.0;
                if value < 0.0 || !pence.is_finite() || pence.fract() != 0.0 || pence > 9.0e15 {
                    return Err(E::custom(format!(
                        "`{value}` is not an exact amount of money: expected {MONEY_EXPECTED}"
                    )));
                }
                Ok(Money(pence as i64))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Money, E> {
                Money::parse(value).map_err(E::custom)
            }
        }

        deserializer.deserialize_any(MoneyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multibyte_character_near_the_start_is_refused_not_a_panic() {
        // Found by fuzzing: the `GBP` prefix check sliced inside `£`.
        assert!(Money::parse("Y\"£1m\"").is_err());
        assert!(Money::parse("é").is_err());
        assert_eq!(Money::parse("gbp 5"), Ok(Money::from_pounds(5)));
    }

    #[test]
    fn parses_the_forms_buyers_write() {
        let pounds = |pounds| Ok(Money::from_pounds(pounds));
        assert_eq!(Money::parse("£4,800,000"), pounds(4_800_000));
        assert_eq!(Money::parse("£4.8m"), pounds(4_800_000));
        assert_eq!(Money::parse("£250k"), pounds(250_000));
        assert_eq!(Money::parse("4.8 million"), pounds(4_800_000));
        assert_eq!(Money::parse("GBP 4800000"), pounds(4_800_000));
        assert_eq!(Money::parse("£2.01m"), pounds(2_010_000));
        assert_eq!(Money::parse("4_800_000"), pounds(4_800_000));
        assert_eq!(Money::parse("£1.5bn"), pounds(1_500_000_000));
        assert_eq!(Money::parse("£1,234.50"), Ok(Money::from_pence(123_450)));
    }

    #[test]
    fn refuses_ambiguous_amounts() {
        for text in [
            "about 5m",
            "€2m",
            "-£5",
            "£-5",
            "£1,20,000",
            "£1.234",
            "",
            "£",
            "5 quid",
            "$3m",
        ] {
            assert!(Money::parse(text).is_err(), "{text} should be refused");
        }
        assert!(Money::parse("€2m").unwrap_err().contains("pounds sterling"));
        assert!(Money::parse("-£5").unwrap_err().contains("negative"));
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(5000), "5,000");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(100_000), "100,000");
        assert_eq!(group_thousands(u64::MAX), "18,446,744,073,709,551,615");
    }

    #[test]
    fn displays_grouped_pounds() {
        assert_eq!(Money::from_pounds(4_800_000).to_string(), "£4,800,000");
        assert_eq!(Money::from_pounds(999).to_string(), "£999");
        assert_eq!(Money::from_pence(123_450).to_string(), "£1,234.50");
    }

    #[test]
    fn rounds_down_to_significant_figures() {
        assert_eq!(
            Money::from_pounds(1_666_666).round_down_significant(2),
            Money::from_pounds(1_600_000)
        );
        assert_eq!(
            Money::from_pounds(45).round_down_significant(2),
            Money::from_pounds(45)
        );
    }
}
