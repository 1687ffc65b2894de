//! TIME002 tender-period-short-for-smes.

use super::statutory_minimum::{self, Circumstances};
use super::{move_deadline, offer_date_fix, tendering_start, working_day_from};
use crate::model::Procedure;
use crate::rules::Checker;

/// A lawful tendering period shorter than `min_days`: SMEs without bid teams need
/// time to read, partner and write (s.54(1)(c), s.87(6)).
pub fn check(checker: &mut Checker) {
    let facts = checker.facts;
    // Under the PSR only the competitive process has a tendering period to judge.
    if facts.is_psr() && facts.procedure != Some(Procedure::CompetitiveProcess) {
        return;
    }
    let min_days = i64::from(checker.count("min_days"));
    let tender = checker.tender;
    let Some(timeline) = tender.timeline.as_deref() else {
        return;
    };
    let (Some((start, start_name)), Some(deadline)) = (
        tendering_start(timeline),
        timeline.submission_deadline.as_ref(),
    ) else {
        return;
    };
    let days = start.days_until(**deadline);
    // A deadline before its start is out of order (TIME006).
    if days < 0 || days >= min_days {
        return;
    }
    // A period below the statutory minimum is TIME001's finding, not this one.
    if statutory_minimum::applies(facts)
        && Circumstances::of(tender, facts)
            .tendering_minimum()
            .is_some_and(|minimum| days < minimum.days)
    {
        return;
    }
    let target = working_day_from(checker, start.add_days(min_days));
    let fix = move_deadline(checker, timeline, deadline, target);
    let finding = checker
        .report(
            deadline.span,
            format!("tendering period of {days} days is shorter than {min_days} days"),
        )
        .help(format!(
            "give bidders at least {min_days} days: move `submission_deadline` to {target} or later, the first working day {min_days} days or more after {start_name} of {start}"
        ));
    offer_date_fix(finding, fix);
}
