//! TIME001 period-below-statutory-minimum.

use super::statutory_minimum::{self, Circumstances, Entry};
use super::{move_deadline, offer_date_fix, tendering_start, working_day_from};
use crate::model::{Date, Node, Procedure, Timeline};
use crate::rules::Checker;

/// A participation or tendering period shorter than the table of PA23 s.54(3)–(5) allows
/// (or, under `pcsr_2015`, PCSR reg 28 for the open procedure); one finding per period, at
/// its deadline.
pub fn check(checker: &mut Checker) {
    let facts = checker.facts;
    // A competitive award the scope table puts in scope (see `statutory_minimum::applies`).
    if !statutory_minimum::applies(facts) {
        return;
    }
    let tender = checker.tender;
    let Some(timeline) = tender.timeline.as_deref() else {
        return;
    };
    let circumstances = Circumstances::of(tender, facts);

    if facts.procedure == Some(Procedure::CompetitiveFlexible)
        && let (Some(notice), Some(deadline)) = (
            timeline.tender_notice.as_deref(),
            timeline.participation_deadline.as_ref(),
        )
        && let Some(minimum) = circumstances.participation_minimum()
    {
        report_if_short(
            checker,
            timeline,
            Period {
                name: "participation period",
                key: "participation_deadline",
                start: *notice,
                start_name: "the tender notice",
                deadline,
            },
            minimum,
        );
    }

    if let Some((start, start_name)) = tendering_start(timeline)
        && let Some(deadline) = timeline.submission_deadline.as_ref()
        && let Some(minimum) = circumstances.tendering_minimum()
    {
        report_if_short(
            checker,
            timeline,
            Period {
                name: "tendering period",
                key: "submission_deadline",
                start,
                start_name,
                deadline,
            },
            minimum,
        );
    }
}

struct Period<'a> {
    name: &'static str,
    key: &'static str,
    start: Date,
    start_name: &'static str,
    deadline: &'a Node<Date>,
}

fn report_if_short(checker: &mut Checker, timeline: &Timeline, period: Period, minimum: Entry) {
    let days = period.start.days_until(**period.deadline);
    // A deadline before its start is out of order (TIME006), not a short period.
    if days < 0 || days >= minimum.days {
        return;
    }
    let earliest = period.start.add_days(minimum.days);
    // The fix lands on a working day and, for the tendering period, gives the days TIME002
    // asks for when it runs: stopping at the legal minimum would only bring its finding.
    let house_days = match period.key {
        "submission_deadline" => checker.count_of("TIME002", "min_days").map(i64::from),
        _ => None,
    };
    let target = period
        .start
        .add_days(house_days.unwrap_or(0).max(minimum.days));
    let fix = move_deadline(
        checker,
        timeline,
        period.deadline,
        working_day_from(checker, target),
    );
    let finding = checker
        .report(
            period.deadline.span,
            format!(
                "{} of {days} days is shorter than the {} days {} sets {}",
                period.name, minimum.days, minimum.law, minimum.ground
            ),
        )
        .help(format!(
            "move `{}` to {earliest} or later, {} days after {} of {}",
            period.key, minimum.days, period.start_name, period.start
        ));
    offer_date_fix(finding, fix);
}
