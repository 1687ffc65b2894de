//! PROC003 no-verbal-debrief.

use crate::diagnostic::Fix;
use crate::edits::{KeyValue, set_keys};
use crate::rules::Checker;

/// Offer verbal debriefs, particularly valuable for first-time or near-miss bidders (DHSC SME guidance 2026).
pub fn check(checker: &mut Checker) {
    // Scope: policy, every regime and buyer.
    let feedback = checker.tender.feedback.as_ref();
    let offered = feedback.and_then(|feedback| feedback.verbal_debrief_offered.as_ref());
    // Trigger: `feedback.verbal_debrief_offered` not true.
    if offered.is_some_and(|offered| offered.inner) {
        return;
    }
    let (span, message) = match (offered, feedback) {
        (Some(offered), _) => (offered.span, "verbal debriefs are not offered to bidders"),
        (None, Some(feedback)) => (
            checker.key_span(feedback.span, "feedback"),
            "the feedback section does not offer verbal debriefs",
        ),
        (None, None) => (
            checker.section_span(None, "feedback"),
            "the tender does not offer bidders a verbal debrief",
        ),
    };
    let edits = set_keys(
        checker,
        "feedback",
        feedback.map(|feedback| feedback.span),
        &[KeyValue {
            key: "verbal_debrief_offered",
            written: offered.map(|offered| offered.span),
            value: "true",
        }],
    );
    let finding = checker.report(span, message).help(
        "offer verbal debriefs (`verbal_debrief_offered: true`): they help first-time and \
         near-miss bidders, often SMEs, improve their next tender",
    );
    if let Some(edits) = edits {
        finding.fix(Fix::safe(edits));
    }
}
