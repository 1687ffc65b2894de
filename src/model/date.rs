//! Calendar dates (ISO 8601), as whole days, with no time zone.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A proleptic Gregorian date, stored as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i64);

const EXPECTED: &str = "an ISO 8601 date such as 2026-03-02";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Date {
    /// `None` when the day does not exist (2026-02-30).
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date(days_from_civil(year, month, day)))
    }

    /// Accepts `YYYY-MM-DD`, optionally followed by a time (`T` or space), whose date is used.
    pub fn parse(text: &str) -> Result<Date, String> {
        let text = text.trim();
        let fail = || format!("expected {EXPECTED}, found `{text}`");
        let date_part = text.get(..10).ok_or_else(fail)?;
        let rest = &text[10..];
        if !(rest.is_empty()
            || rest.starts_with('T')
            || rest.starts_with('t')
            || rest.starts_with(' '))
        {
            return Err(fail());
        }
        let bytes = date_part.as_bytes();
        if bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(fail());
        }
        let number = |range: std::ops::Range<usize>| -> Option<i64> {
            let digits = &date_part[range];
            digits
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| digits.parse().ok())
                .flatten()
        };
        let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10))
        else {
            return Err(fail());
        };
        Date::from_ymd(year, month as u32, day as u32).ok_or_else(|| {
            format!("`{date_part}` is not a day of the calendar: expected {EXPECTED}")
        })
    }

    /// A deadline's day: as [`Date::parse`], except that a time of exactly midnight
    /// (`2026-06-27T00:00`) is the end of the day before, as buyers publish deadlines, so
    /// periods and working days are judged on Friday 26 June, not on the Saturday.
    pub fn parse_deadline(text: &str) -> Result<Date, String> {
        let date = Date::parse(text)?;
        let time = text.trim().get(11..).unwrap_or("");
        Ok(if is_midnight(time) {
            date.add_days(-1)
        } else {
            date
        })
    }

    pub fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs() as i64);
        Date(seconds.div_euclid(86_400))
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub const fn days_until(self, later: Date) -> i64 {
        later.0 - self.0
    }

    pub const fn add_days(self, days: i64) -> Date {
        Date(self.0 + days)
    }

    pub fn ymd(self) -> (i64, u32, u32) {
        civil_from_days(self.0)
    }

    pub fn year(self) -> i64 {
        self.ymd().0
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        const FROM_THURSDAY: [Weekday; 7] = [
            Weekday::Thursday,
            Weekday::Friday,
            Weekday::Saturday,
            Weekday::Sunday,
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
        ];
        FROM_THURSDAY[self.0.rem_euclid(7) as usize]
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Howard Hinnant's `days_from_civil`: exact for every Gregorian date.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = i64::from((month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `00:00`, `00:00:00` or `00:00:00.000`, with or without a zone (`Z`, `+01:00`).
fn is_midnight(time: &str) -> bool {
    let clock = time
        .trim_end_matches(['Z', 'z'])
        .split(['+', '-'])
        .next()
        .unwrap_or("")
        .trim();
    let mut parts = clock.split(':');
    let zero = |part: Option<&str>| part.is_some_and(|part| part == "00");
    let hours_minutes = zero(parts.next()) && zero(parts.next());
    let seconds_zero = parts.next().is_none_or(|seconds| {
        let (whole, fraction) = seconds.split_once('.').unwrap_or((seconds, "0"));
        whole == "00" && !fraction.is_empty() && fraction.bytes().all(|b| b == b'0')
    });
    hours_minutes && seconds_zero && parts.next().is_none()
}

/// A deadline field's date, read by [`Date::parse_deadline`]: a midnight deadline counts
/// on the day before. Other dates (notices, award, start) keep their written day.
pub(crate) fn deserialize_deadline<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<super::Node<Date>>, D::Error> {
    struct DeadlineVisitor;

    impl Visitor<'_> for DeadlineVisitor {
        type Value = Date;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(EXPECTED)
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<Date, E> {
            Date::parse_deadline(value).map_err(E::custom)
        }
    }

    struct Deadline(Date);

    impl<'de> Deserialize<'de> for Deadline {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_str(DeadlineVisitor).map(Deadline)
        }
    }

    let node = Option::<super::Node<Deadline>>::deserialize(deserializer)?;
    Ok(node.map(|node| super::Node::new(node.inner.0, node.span)))
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.ymd();
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

/// A date, or a date-time whose date is used (as [`Date::parse`] accepts).
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An ISO 8601 date such as 2026-03-02; a date-time is accepted and its date used.",
            "type": "string",
            // The parser's own rule, not `format: date-time`: buyers write times without a zone.
            "pattern": r"^\d{4}-\d{2}-\d{2}([Tt ].*)?$"
        })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;

        impl Visitor<'_> for DateVisitor {
            type Value = Date;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECTED)
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Date, E> {
                Date::parse(value).map_err(E::custom)
            }
        }

        deserializer.deserialize_str(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_days() {
        for (y, m, d) in [
            (1970, 1, 1),
            (2000, 2, 29),
            (2026, 3, 2),
            (2100, 12, 31),
            (1600, 3, 1),
        ] {
            let date = Date::from_ymd(y, m, d).unwrap();
            assert_eq!(date.ymd(), (y, m, d));
        }
        assert_eq!(Date::from_ymd(2026, 2, 29), None);
    }

    #[test]
    fn parses_dates_and_date_times() {
        assert_eq!(Date::parse("2026-03-02").unwrap().to_string(), "2026-03-02");
        assert_eq!(
            Date::parse("2026-03-02T12:00:00Z").unwrap().to_string(),
            "2026-03-02"
        );
        assert!(Date::parse("2026-13-01").is_err());
        assert!(Date::parse("02/03/2026").is_err());
        assert!(Date::parse("2026-03-02x").is_err());
    }

    #[test]
    fn a_midnight_deadline_is_the_end_of_the_day_before() {
        let day = |text| Date::parse_deadline(text).unwrap().to_string();
        assert_eq!(day("2026-06-27T00:00"), "2026-06-26");
        assert_eq!(day("2026-06-27T00:00:00"), "2026-06-26");
        assert_eq!(day("2026-06-27T00:00:00.000Z"), "2026-06-26");
        assert_eq!(day("2026-06-27 00:00+01:00"), "2026-06-26");
        assert_eq!(day("2026-03-01T00:00"), "2026-02-28");
        assert_eq!(day("2026-06-27"), "2026-06-27");
        assert_eq!(day("2026-06-27T00:01"), "2026-06-27");
        assert_eq!(day("2026-06-27T12:00"), "2026-06-27");
        assert_eq!(day("2026-06-26T24:00"), "2026-06-26");
        assert_eq!(day("2026-06-27T00:00:01"), "2026-06-27");
        // Other dates keep their written day.
        assert_eq!(
            Date::parse("2026-06-27T00:00").unwrap().to_string(),
            "2026-06-27"
        );
    }

    #[test]
    fn knows_weekdays() {
        assert_eq!(
            Date::from_ymd(2026, 11, 22).unwrap().weekday(),
            Weekday::Sunday
        );
        assert_eq!(
            Date::from_ymd(2026, 3, 2).unwrap().weekday(),
            Weekday::Monday
        );
    }
}
