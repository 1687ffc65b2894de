//! TIME006 timeline-out-of-order.

use crate::model::{Date, Node};
use crate::rules::Checker;

/// One finding, at the first date earlier than a date before it in the order
/// engagement notice ≤ tender notice ≤ participation deadline ≤ invitation to
/// tender ≤ clarification deadline ≤ submission deadline ≤ award decision ≤
/// contract start (absent dates skipped).
pub fn check(checker: &mut Checker) {
    let tender = checker.tender;
    let timeline = tender.timeline.as_deref();
    let engagement_notice = tender
        .market_engagement
        .as_deref()
        .and_then(|engagement| engagement.notice_date.as_ref());
    let from_timeline =
        |pick: fn(&crate::model::Timeline) -> Option<&Node<Date>>| timeline.and_then(pick);
    let ordered: [(&str, Option<&Node<Date>>); 8] = [
        ("market engagement notice", engagement_notice),
        ("tender notice", from_timeline(|t| t.tender_notice.as_ref())),
        (
            "participation deadline",
            from_timeline(|t| t.participation_deadline.as_ref()),
        ),
        (
            "invitation to tender",
            from_timeline(|t| t.invitation_to_tender.as_ref()),
        ),
        (
            "clarification deadline",
            from_timeline(|t| t.clarification_deadline.as_ref()),
        ),
        (
            "submission deadline",
            from_timeline(|t| t.submission_deadline.as_ref()),
        ),
        (
            "award decision",
            from_timeline(|t| t.award_decision.as_ref()),
        ),
        (
            "contract start",
            from_timeline(|t| t.contract_start.as_ref()),
        ),
    ];
    // The latest date so far: every date before it is in order.
    let mut latest: Option<(&str, Date)> = None;
    for (name, date) in ordered {
        let Some(date) = date else { continue };
        if let Some((latest_name, latest_date)) = latest
            && **date < latest_date
        {
            checker
                .report(
                    date.span,
                    format!(
                        "{name} {} is before the {latest_name} {latest_date}",
                        **date
                    ),
                )
                .help(format!(
                    "the {name} comes after the {latest_name}: correct whichever date is wrong"
                ));
            return;
        }
        latest = Some((name, **date));
    }
}
