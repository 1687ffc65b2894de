//! TIME007 deadline-on-non-working-day.

use super::calendar::{Calendar, is_weekend};
use super::{calendar, move_deadline, offer_date_fix, tendering_start, weekday_on_or_after};
use crate::model::{Date, Node, Timeline, Weekday};
use crate::rules::Checker;

/// A submission or participation deadline on a weekend or bank holiday of the
/// configured calendar, or a tendering period that spans 25 December and is
/// shorter than `min_days` + 7.
pub fn check(checker: &mut Checker) {
    let calendar = calendar(checker);
    let min_days = i64::from(checker.count("min_days"));
    let tender = checker.tender;
    let Some(timeline) = tender.timeline.as_deref() else {
        return;
    };

    if let Some(deadline) = timeline.participation_deadline.as_ref() {
        check_deadline(
            checker,
            timeline,
            calendar,
            "participation deadline",
            deadline,
            None,
        );
    }
    if let Some(deadline) = timeline.submission_deadline.as_ref() {
        let christmas = tendering_start(timeline).and_then(|(start, _)| {
            short_over_christmas(start, **deadline, min_days).map(|target| (start, target))
        });
        check_deadline(
            checker,
            timeline,
            calendar,
            "submission deadline",
            deadline,
            christmas.map(|(start, target)| Christmas {
                period_days: start.days_until(**deadline),
                needed_days: min_days + 7,
                target,
            }),
        );
    }
}

/// The tendering period spans 25 December and is shorter than `min_days` + 7.
struct Christmas {
    period_days: i64,
    needed_days: i64,
    /// `start` + `min_days` + 7.
    target: Date,
}

/// `Some(start + min_days + 7)` when the period from `start` to `deadline` includes
/// a 25 December and is shorter than that.
fn short_over_christmas(start: Date, deadline: Date, min_days: i64) -> Option<Date> {
    let days = start.days_until(deadline);
    let needed = min_days + 7;
    if days < 0 || days >= needed {
        return None;
    }
    // Periods count from the day after the start.
    let spans = (start.year()..=deadline.year()).any(|year| {
        Date::from_ymd(year, 12, 25)
            .is_some_and(|christmas| christmas > start && christmas <= deadline)
    });
    spans.then(|| start.add_days(needed))
}

fn check_deadline(
    checker: &mut Checker,
    timeline: &Timeline,
    calendar: Option<Calendar>,
    name: &str,
    deadline: &Node<Date>,
    christmas: Option<Christmas>,
) {
    let date = **deadline;
    let non_working = non_working_reason(calendar, date);
    let message = match (&non_working, &christmas) {
        (Some(reason), None) => format!("{name} {date} is {reason}"),
        (None, Some(christmas)) => format!(
            "tendering period of {} days to the {name} {date} spans 25 December and is shorter than {} days",
            christmas.period_days, christmas.needed_days
        ),
        (Some(reason), Some(christmas)) => format!(
            "{name} {date} is {reason}, and its tendering period of {} days spans 25 December and is shorter than {} days",
            christmas.period_days, christmas.needed_days
        ),
        (None, None) => return,
    };
    let earliest = christmas
        .as_ref()
        .map_or(date.add_days(1), |c| c.target.max(date.add_days(1)));
    let target = match calendar {
        Some(calendar) => calendar.working_day_on_or_after(earliest),
        None => weekday_on_or_after(earliest),
    };
    let help = match &christmas {
        Some(christmas) => format!(
            "allow for the Christmas break: move the deadline to {target}, the first working day at least {} days after the period starts",
            christmas.needed_days
        ),
        None => format!(
            "move the deadline to the next working day, {target}, so bidders need not work through a day off to meet it"
        ),
    };
    let fix = move_deadline(checker, timeline, deadline, target);
    let finding = checker.report(deadline.span, message).help(help);
    offer_date_fix(finding, fix);
}

/// "a Saturday", "a bank holiday in Scotland: St Andrew's Day", or `None` on a working day.
fn non_working_reason(calendar: Option<Calendar>, date: Date) -> Option<String> {
    if is_weekend(date) {
        let day = if date.weekday() == Weekday::Saturday {
            "Saturday"
        } else {
            "Sunday"
        };
        return Some(format!("a {day}"));
    }
    let calendar = calendar?;
    let holiday = calendar.holiday_on(date)?;
    Some(format!(
        "a bank holiday in {}: {}",
        calendar.title(),
        holiday.name
    ))
}
