//! TIME rules: timeline (PA23 s.15–17, s.54). See rules/time.toml.

pub mod calendar;
pub mod statutory_minimum;

mod deadline_on_non_working_day;
mod engagement_not_online;
mod engagement_notice_missing;
mod no_market_engagement;
mod period_below_statutory_minimum;
mod tender_period_short_for_smes;
mod timeline_out_of_order;

use super::{Checker, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::edits::replace_value;
use crate::model::{Date, Node, Timeline};
use crate::source::SourceFile;
use crate::span::Span;
use calendar::{Calendar, is_weekend};

pub const RULES: &[Rule] = &[
    Rule {
        id: "TIME001",
        check: period_below_statutory_minimum::check,
    },
    Rule {
        id: "TIME002",
        check: tender_period_short_for_smes::check,
    },
    Rule {
        id: "TIME003",
        check: no_market_engagement::check,
    },
    Rule {
        id: "TIME004",
        check: engagement_notice_missing::check,
    },
    Rule {
        id: "TIME005",
        check: engagement_not_online::check,
    },
    Rule {
        id: "TIME006",
        check: timeline_out_of_order::check,
    },
    Rule {
        id: "TIME007",
        check: deadline_on_non_working_day::check,
    },
];

/// Where the tendering period starts: the invitation to tender after a participation
/// stage, else the tender notice; with how to name it in a message.
pub(crate) fn tendering_start(timeline: &Timeline) -> Option<(Date, &'static str)> {
    if let Some(invitation) = timeline.invitation_to_tender.as_deref() {
        return Some((*invitation, "the invitation to tender"));
    }
    timeline
        .tender_notice
        .as_deref()
        .map(|notice| (*notice, "the tender notice"))
}

/// TIME007's calendar for this tender: a devolved Scottish procurement's deadlines fall on
/// Scottish working days unless a configuration names a calendar; `None` when the name is
/// not one we know (config validation names the choices; weekends still count).
pub(crate) fn calendar(checker: &Checker) -> Option<Calendar> {
    if checker.facts.is_pcsr() && !checker.is_configured("TIME007", "calendar") {
        return Some(Calendar::Scotland);
    }
    checker
        .word_of("TIME007", "calendar")
        .and_then(Calendar::from_name)
}

/// The first working day on or after `earliest` in TIME007's calendar, so no date fix
/// makes a deadline fall on a day off.
pub(crate) fn working_day_from(checker: &Checker, earliest: Date) -> Date {
    match calendar(checker) {
        Some(calendar) => calendar.working_day_on_or_after(earliest),
        None => weekday_on_or_after(earliest),
    }
}

pub(crate) fn weekday_on_or_after(date: Date) -> Date {
    let mut day = date;
    while is_weekend(day) {
        day = day.add_days(1);
    }
    day
}

/// Attaches a date finding's fix from [`move_deadline`]; without one, the help says why.
pub(crate) fn offer_date_fix(finding: &mut Diagnostic, fix: Option<Fix>) {
    match fix {
        Some(fix) => {
            finding.fix(fix);
        }
        None => {
            if let Some(help) = &mut finding.help {
                help.push_str(
                    "; the dates after it in the timeline must move too, so there is no automatic fix",
                );
            }
        }
    }
}

/// The fix moving a deadline to `target`, unless that would put it after a date that
/// follows it in the timeline (TIME006's order): then the later dates need the buyer's
/// judgement too, and there is no fix.
pub(crate) fn move_deadline(
    checker: &Checker,
    timeline: &Timeline,
    deadline: &Node<Date>,
    target: Date,
) -> Option<Fix> {
    let later: &[&Option<Node<Date>>] = if timeline
        .participation_deadline
        .as_ref()
        .is_some_and(|participation| participation.span == deadline.span)
    {
        &[
            &timeline.invitation_to_tender,
            &timeline.clarification_deadline,
            &timeline.submission_deadline,
            &timeline.award_decision,
            &timeline.contract_start,
        ]
    } else {
        &[&timeline.award_decision, &timeline.contract_start]
    };
    let in_order = later
        .iter()
        .all(|date| date.as_deref().is_none_or(|date| *date >= target));
    in_order.then(|| Fix::unsafe_(vec![replace_date(checker.source, deadline, target)]))
}

/// An edit that changes the date written at `date`'s span to `to`, keeping the
/// scalar's quotes and any time of day after the date.
pub(crate) fn replace_date(source: &SourceFile, date: &Node<Date>, to: Date) -> Edit {
    let text = source.slice(date.span);
    let quote = usize::from(text.starts_with(['"', '\'']));
    let written = text.get(quote..quote + 10);
    if written.is_some_and(|written| Date::parse(written).ok() == Some(**date)) {
        let start = date.span.start + quote;
        Edit::replace(Span::new(start, start + 10), to.to_string())
    } else {
        replace_value(source, date.span, to.to_string())
    }
}

/// An edit that replaces a plain word scalar (an enumeration value), keeping its quotes.
pub(crate) fn replace_word(source: &SourceFile, span: Span, word: &str) -> Edit {
    let text = source.slice(span);
    let quoted = text.len() >= 2 && text.starts_with(['"', '\'']) && text.ends_with(['"', '\'']);
    if quoted {
        Edit::replace(Span::new(span.start + 1, span.end - 1), word)
    } else {
        replace_value(source, span, word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(source: &SourceFile, text: &str, date: &str) -> Node<Date> {
        let start = source.text.find(text).unwrap();
        Node::new(
            Date::parse(date).unwrap(),
            Span::new(start, start + text.len()),
        )
    }

    fn apply(source: &SourceFile, edit: &Edit) -> String {
        let mut text = source.text.clone();
        text.replace_range(edit.span.range(), &edit.replacement);
        text
    }

    #[test]
    fn replaces_dates_keeping_quotes_and_time() {
        let to = Date::parse("2026-04-10").unwrap();
        for (before, scalar, after) in [
            ("d: 2026-04-01\n", "2026-04-01", "d: 2026-04-10\n"),
            (
                "d: \"2026-04-01\"\n",
                "\"2026-04-01\"",
                "d: \"2026-04-10\"\n",
            ),
            ("d: '2026-04-01'\n", "'2026-04-01'", "d: '2026-04-10'\n"),
            (
                "d: 2026-04-01T12:00:00Z\n",
                "2026-04-01T12:00:00Z",
                "d: 2026-04-10T12:00:00Z\n",
            ),
        ] {
            let source = SourceFile::new("t", None, before.to_owned());
            let date = node(&source, scalar, "2026-04-01");
            assert_eq!(apply(&source, &replace_date(&source, &date, to)), after);
        }
    }

    #[test]
    fn replaces_words_keeping_quotes() {
        let source = SourceFile::new("t", None, "f: \"in_person\"\n".to_owned());
        let edit = replace_word(&source, Span::new(3, 14), "hybrid");
        assert_eq!(apply(&source, &edit), "f: \"hybrid\"\n");
        let source = SourceFile::new("t", None, "f: in_person\n".to_owned());
        let edit = replace_word(&source, Span::new(3, 12), "hybrid");
        assert_eq!(apply(&source, &edit), "f: hybrid\n");
    }
}
