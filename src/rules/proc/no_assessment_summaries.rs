//! PROC002 no-assessment-summaries.

use crate::diagnostic::Fix;
use crate::edits::replace_value;
use crate::model::Procedure;
use crate::rules::Checker;

/// Before awarding a public contract after a competitive procedure, the buyer gives
/// each supplier that submitted an assessed tender a summary of its assessment
/// (PA23 s.50(3)–(5), PR24 reg 31).
pub fn check(checker: &mut Checker) {
    let source = checker.source;
    let facts = checker.facts;
    // A competitive award (not a call-off or direct award); PA23-above is rules/scope.toml's.
    if matches!(
        facts.procedure,
        Some(Procedure::CallOff | Procedure::DirectAward)
    ) {
        return;
    }
    // Trigger: `feedback.assessment_summaries: false`.
    let Some(summaries) = checker
        .tender
        .feedback
        .as_ref()
        .and_then(|feedback| feedback.assessment_summaries.as_ref())
    else {
        return;
    };
    if summaries.inner {
        return;
    }
    checker
        .report(
            summaries.span,
            "`assessment_summaries: false`, but the Act requires an assessment summary for each \
             supplier that submitted an assessed tender",
        )
        .help(
            "set `assessment_summaries: true`: each supplier that submitted an assessed tender \
             gets its summary before the contract award notice is published",
        )
        .fix(Fix::safe(vec![replace_value(
            source,
            summaries.span,
            "true",
        )]));
}
