//! UK bank holidays, computed for any year.
//!
//! The regular holidays of each calendar follow fixed rules (Easter by the
//! Gregorian computus, the May and August Mondays, fixed dates with substitute
//! days when they fall at a weekend). The exceptions, one-off holidays and
//! holidays moved for one year, are data in `rules/holidays.toml`.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use serde::Deserialize;

use crate::model::{Date, Weekday};

/// The bank holiday calendar of one part of the UK (TIME007's `calendar` threshold).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Calendar {
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

/// Each calendar's holidays of each year asked about in this run.
type HolidaysByYear = BTreeMap<(Calendar, i64), Arc<[Holiday]>>;

/// A bank holiday: its date and name (substitute days say so).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holiday {
    pub date: Date,
    pub name: String,
}

impl Calendar {
    pub const ALL: [Calendar; 3] = [
        Calendar::EnglandAndWales,
        Calendar::Scotland,
        Calendar::NorthernIreland,
    ];

    /// The names a configuration may give, as in `calendar = "scotland"`.
    pub const NAMES: [&'static str; 3] = ["england-and-wales", "scotland", "northern-ireland"];

    pub fn from_name(name: &str) -> Option<Calendar> {
        Calendar::ALL
            .into_iter()
            .find(|calendar| calendar.name() == name)
    }

    /// The configuration name.
    pub const fn name(self) -> &'static str {
        match self {
            Calendar::EnglandAndWales => "england-and-wales",
            Calendar::Scotland => "scotland",
            Calendar::NorthernIreland => "northern-ireland",
        }
    }

    /// The name for messages: "a bank holiday in Scotland".
    pub const fn title(self) -> &'static str {
        match self {
            Calendar::EnglandAndWales => "England and Wales",
            Calendar::Scotland => "Scotland",
            Calendar::NorthernIreland => "Northern Ireland",
        }
    }

    /// Every bank holiday of `year`, in date order.
    pub fn holidays(self, year: i64) -> Vec<Holiday> {
        let mut regular = self.regular_holidays(year);
        let exceptions = exceptions();
        for moved in &exceptions.moved {
            if moved.applies_to(self)
                && let Some(holiday) = regular.iter_mut().find(|h| h.date == moved.from)
            {
                holiday.date = moved.to;
                holiday.name.clone_from(&moved.name);
            }
        }
        let mut holidays: Vec<Holiday> = regular
            .iter()
            .map(|holiday| Holiday {
                date: holiday.date,
                name: holiday.name.clone(),
            })
            .collect();
        holidays.extend(
            exceptions
                .holiday
                .iter()
                .filter(|one_off| one_off.applies_to(self) && one_off.date.year() == year)
                .map(|one_off| Holiday {
                    date: one_off.date,
                    name: one_off.name.clone(),
                }),
        );
        // A holiday at a weekend gives a substitute day: the next weekday that is not
        // already a holiday, taken in date order (so Christmas on a Saturday moves to
        // Monday and Boxing Day on the Sunday to Tuesday).
        regular.sort_by_key(|holiday| holiday.date);
        for holiday in regular.iter().filter(|h| h.substitutable) {
            if !is_weekend(holiday.date) {
                continue;
            }
            let mut substitute = holiday.date.add_days(1);
            while is_weekend(substitute) || holidays.iter().any(|h| h.date == substitute) {
                substitute = substitute.add_days(1);
            }
            holidays.push(Holiday {
                date: substitute,
                name: format!("{} (substitute day)", holiday.name),
            });
        }
        // A weekend holiday is replaced by its substitute in the published list.
        holidays.retain(|holiday| !is_weekend(holiday.date));
        holidays.sort_by_key(|holiday| holiday.date);
        holidays
    }

    /// The bank holiday on `date`, if it is one.
    pub fn holiday_on(self, date: Date) -> Option<Holiday> {
        self.holidays_once(date.year())
            .iter()
            .find(|holiday| holiday.date == date)
            .cloned()
    }

    /// [`Self::holidays`], worked out once per calendar and year in a run: the rules ask
    /// about several dates of every file, and a year's list takes a few dozen allocations.
    fn holidays_once(self, year: i64) -> Arc<[Holiday]> {
        static YEARS: Mutex<HolidaysByYear> = Mutex::new(BTreeMap::new());
        // A panic elsewhere while the lock was held leaves whole entries only.
        let mut years = YEARS.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(
            years
                .entry((self, year))
                .or_insert_with(|| self.holidays(year).into()),
        )
    }

    pub fn is_working_day(self, date: Date) -> bool {
        !is_weekend(date) && self.holiday_on(date).is_none()
    }

    /// The first working day on or after `date`.
    pub fn working_day_on_or_after(self, date: Date) -> Date {
        let mut day = date;
        while !self.is_working_day(day) {
            day = day.add_days(1);
        }
        day
    }

    /// The first working day after `date`.
    pub fn next_working_day(self, date: Date) -> Date {
        self.working_day_on_or_after(date.add_days(1))
    }

    fn regular_holidays(self, year: i64) -> Vec<Regular> {
        let fixed = |month, day, name: &str| Regular::new(ymd(year, month, day), name, true);
        let easter = easter_sunday(year);
        let mut holidays = vec![
            fixed(1, 1, "New Year's Day"),
            Regular::new(easter.add_days(-2), "Good Friday", false),
            Regular::new(first_monday(year, 5), "Early May bank holiday", false),
            Regular::new(last_monday(year, 5), "Spring bank holiday", false),
            fixed(12, 25, "Christmas Day"),
            fixed(12, 26, "Boxing Day"),
        ];
        match self {
            Calendar::EnglandAndWales => {
                holidays.push(Regular::new(easter.add_days(1), "Easter Monday", false));
                holidays.push(Regular::new(
                    last_monday(year, 8),
                    "Summer bank holiday",
                    false,
                ));
            }
            Calendar::Scotland => {
                holidays.push(fixed(1, 2, "2nd January"));
                holidays.push(Regular::new(
                    first_monday(year, 8),
                    "Summer bank holiday",
                    false,
                ));
                holidays.push(fixed(11, 30, "St Andrew's Day"));
            }
            Calendar::NorthernIreland => {
                holidays.push(fixed(3, 17, "St Patrick's Day"));
                holidays.push(Regular::new(easter.add_days(1), "Easter Monday", false));
                holidays.push(fixed(7, 12, "Battle of the Boyne (Orangemen's Day)"));
                holidays.push(Regular::new(
                    last_monday(year, 8),
                    "Summer bank holiday",
                    false,
                ));
            }
        }
        holidays
    }
}

/// A regular holiday before substitute days are worked out.
struct Regular {
    date: Date,
    name: String,
    /// Fixed-date holidays get a substitute weekday when they fall at a weekend.
    substitutable: bool,
}

impl Regular {
    fn new(date: Date, name: &str, substitutable: bool) -> Self {
        Self {
            date,
            name: name.to_owned(),
            substitutable,
        }
    }
}

pub fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computus).
pub fn easter_sunday(year: i64) -> Date {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(year, month as u32, day as u32)
}

fn ymd(year: i64, month: u32, day: u32) -> Date {
    Date::from_ymd(year, month, day).expect("a day that exists in every year")
}

/// Days since Monday (Monday 0 … Sunday 6).
fn days_since_monday(date: Date) -> i64 {
    match date.weekday() {
        Weekday::Monday => 0,
        Weekday::Tuesday => 1,
        Weekday::Wednesday => 2,
        Weekday::Thursday => 3,
        Weekday::Friday => 4,
        Weekday::Saturday => 5,
        Weekday::Sunday => 6,
    }
}

fn first_monday(year: i64, month: u32) -> Date {
    let first = ymd(year, month, 1);
    first.add_days((7 - days_since_monday(first)) % 7)
}

fn last_monday(year: i64, month: u32) -> Date {
    let next_month = if month == 12 {
        ymd(year + 1, 1, 1)
    } else {
        ymd(year, month + 1, 1)
    };
    let last = next_month.add_days(-1);
    last.add_days(-days_since_monday(last))
}

/// `rules/holidays.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Exceptions {
    #[serde(default)]
    holiday: Vec<OneOff>,
    #[serde(default)]
    moved: Vec<Moved>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OneOff {
    #[serde(deserialize_with = "date_from_string")]
    date: Date,
    name: String,
    calendars: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Moved {
    name: String,
    #[serde(deserialize_with = "date_from_string")]
    from: Date,
    #[serde(deserialize_with = "date_from_string")]
    to: Date,
    calendars: Vec<String>,
}

impl OneOff {
    fn applies_to(&self, calendar: Calendar) -> bool {
        self.calendars.iter().any(|name| name == calendar.name())
    }
}

impl Moved {
    fn applies_to(&self, calendar: Calendar) -> bool {
        self.calendars.iter().any(|name| name == calendar.name())
    }
}

fn date_from_string<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
    let text = String::deserialize(deserializer)?;
    Date::parse(&text).map_err(serde::de::Error::custom)
}

/// The embedded exceptions. Panics only if `rules/holidays.toml` is malformed, which the tests check.
fn exceptions() -> &'static Exceptions {
    static EXCEPTIONS: OnceLock<Exceptions> = OnceLock::new();
    EXCEPTIONS.get_or_init(|| {
        let exceptions: Exceptions = crate::registry::embedded("holidays.toml");
        for name in exceptions
            .holiday
            .iter()
            .flat_map(|h| &h.calendars)
            .chain(exceptions.moved.iter().flat_map(|m| &m.calendars))
        {
            assert!(
                Calendar::from_name(name).is_some(),
                "rules/holidays.toml names an unknown calendar `{name}`; expected one of {:?}",
                Calendar::NAMES
            );
        }
        exceptions
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configuration_accepts_exactly_the_known_calendars() {
        let meta = crate::registry::Registry::builtin()
            .get("TIME007")
            .expect("TIME007 is described");
        assert_eq!(meta.thresholds["calendar"].choices, Calendar::NAMES);
    }

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn dates(calendar: Calendar, year: i64) -> Vec<String> {
        calendar
            .holidays(year)
            .into_iter()
            .map(|holiday| holiday.date.to_string())
            .collect()
    }

    #[test]
    fn exceptions_file_is_well_formed() {
        let exceptions = exceptions();
        assert!(!exceptions.holiday.is_empty());
        assert!(!exceptions.moved.is_empty());
    }

    #[test]
    fn computes_easter() {
        for (year, expected) in [
            (1818, "1818-03-22"),
            (1943, "1943-04-25"),
            (2000, "2000-04-23"),
            (2019, "2019-04-21"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
            (2285, "2285-03-22"),
        ] {
            assert_eq!(easter_sunday(year).to_string(), expected, "Easter {year}");
        }
    }

    #[test]
    fn england_and_wales_matches_published_dates() {
        assert_eq!(
            dates(Calendar::EnglandAndWales, 2025),
            [
                "2025-01-01",
                "2025-04-18",
                "2025-04-21",
                "2025-05-05",
                "2025-05-26",
                "2025-08-25",
                "2025-12-25",
                "2025-12-26"
            ]
        );
        // Boxing Day on a Saturday: substitute Monday 28 December.
        assert_eq!(
            dates(Calendar::EnglandAndWales, 2026),
            [
                "2026-01-01",
                "2026-04-03",
                "2026-04-06",
                "2026-05-04",
                "2026-05-25",
                "2026-08-31",
                "2026-12-25",
                "2026-12-28"
            ]
        );
        // Christmas on a Saturday and Boxing Day on a Sunday: Monday 27 and Tuesday 28.
        assert_eq!(
            dates(Calendar::EnglandAndWales, 2027),
            [
                "2027-01-01",
                "2027-03-26",
                "2027-03-29",
                "2027-05-03",
                "2027-05-31",
                "2027-08-30",
                "2027-12-27",
                "2027-12-28"
            ]
        );
    }

    #[test]
    fn applies_one_off_and_moved_holidays() {
        // 2022: New Year on a Saturday, spring holiday moved to 2 June, the Platinum
        // Jubilee, the State Funeral, and Christmas on a Sunday (substitute Tuesday).
        assert_eq!(
            dates(Calendar::EnglandAndWales, 2022),
            [
                "2022-01-03",
                "2022-04-15",
                "2022-04-18",
                "2022-05-02",
                "2022-06-02",
                "2022-06-03",
                "2022-08-29",
                "2022-09-19",
                "2022-12-26",
                "2022-12-27"
            ]
        );
        let coronation = Calendar::EnglandAndWales
            .holiday_on(date("2023-05-08"))
            .unwrap();
        assert!(coronation.name.contains("coronation"));
        // 2020: the early May holiday moved to Friday 8 May for VE Day.
        assert!(Calendar::Scotland.holiday_on(date("2020-05-04")).is_none());
        assert!(Calendar::Scotland.holiday_on(date("2020-05-08")).is_some());
    }

    #[test]
    fn scotland_has_its_own_holidays() {
        // No Easter Monday; 2 January; first Monday of August; St Andrew's Day.
        assert_eq!(
            dates(Calendar::Scotland, 2026),
            [
                "2026-01-01",
                "2026-01-02",
                "2026-04-03",
                "2026-05-04",
                "2026-05-25",
                "2026-08-03",
                "2026-11-30",
                "2026-12-25",
                "2026-12-28"
            ]
        );
        // 2022: New Year on a Saturday and 2 January on a Sunday: Monday 3 and Tuesday 4.
        let january: Vec<_> = dates(Calendar::Scotland, 2022)
            .into_iter()
            .filter(|d| d.starts_with("2022-01"))
            .collect();
        assert_eq!(january, ["2022-01-03", "2022-01-04"]);
        // St Andrew's Day 2025 is a Sunday: substitute Monday 1 December.
        assert!(Calendar::Scotland.holiday_on(date("2025-12-01")).is_some());
        assert!(
            Calendar::EnglandAndWales
                .holiday_on(date("2025-12-01"))
                .is_none()
        );
    }

    #[test]
    fn northern_ireland_has_st_patricks_day_and_12_july() {
        assert_eq!(
            dates(Calendar::NorthernIreland, 2026),
            [
                "2026-01-01",
                "2026-03-17",
                "2026-04-03",
                "2026-04-06",
                "2026-05-04",
                "2026-05-25",
                "2026-07-13",
                "2026-08-31",
                "2026-12-25",
                "2026-12-28"
            ]
        );
        // St Patrick's Day 2024 was a Sunday: substitute Monday 18 March.
        assert!(
            Calendar::NorthernIreland
                .holiday_on(date("2024-03-18"))
                .is_some()
        );
    }

    #[test]
    fn finds_the_next_working_day() {
        let calendar = Calendar::EnglandAndWales;
        // Friday 25 December 2026 → Tuesday 29 December (Boxing Day substitute on the 28th).
        assert_eq!(
            calendar.next_working_day(date("2026-12-24")).to_string(),
            "2026-12-29"
        );
        assert_eq!(
            calendar
                .working_day_on_or_after(date("2026-04-03"))
                .to_string(),
            "2026-04-07"
        );
        assert!(calendar.is_working_day(date("2026-04-08")));
        assert!(!calendar.is_working_day(date("2026-04-11")));
    }

    #[test]
    fn knows_calendar_names() {
        for name in Calendar::NAMES {
            assert_eq!(Calendar::from_name(name).unwrap().name(), name);
        }
        assert_eq!(Calendar::from_name("wales"), None);
    }
}
