//! PAY004 payment-on-completion.

use crate::diagnostic::Fix;
use crate::edits::replace_value;
use crate::model::PaymentSchedule;
use crate::rules::Checker;

/// Payment only on completion of a long contract makes an SME fund the work itself
/// (DHSC SME guidance 2026: "use milestone payments and prompt terms to reduce financial strain").
pub fn check(checker: &mut Checker) {
    let source = checker.source;
    // Scope: policy, every regime and buyer.
    let Some(schedule) = checker
        .tender
        .payment
        .as_ref()
        .and_then(|payment| payment.schedule.as_ref())
    else {
        return;
    };
    // Trigger: on completion, and the contract (extensions included) runs more than
    // `max_months`; an unknown term stays quiet.
    if schedule.inner != PaymentSchedule::OnCompletion {
        return;
    }
    let Some(months) = checker.facts.contract_months else {
        return;
    };
    let max_months = checker.count("max_months");
    if months <= max_months {
        return;
    }
    checker
        .report(
            schedule.span,
            format!(
                "payment only on completion of a contract that runs {months} months: the supplier \
                 carries the cost of more than {max_months} months' work before it is paid"
            ),
        )
        .help("pay against milestones (`schedule: milestones`) or monthly in arrears")
        .fix(Fix::unsafe_(vec![replace_value(
            source,
            schedule.span,
            "milestones",
        )]));
}
