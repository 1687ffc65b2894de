//! QUAL007 no-alternative-financial-evidence.

use crate::diagnostic::Fix;
use crate::edits::replace_value;
use crate::rules::Checker;

/// On a public contract under the Act, suppliers not required to have their accounts audited
/// may give other, equivalent financial information (s.22(3)(a); PR24 reg 10(2)(e)).
/// `alternative_financial_evidence_accepted: false` refuses it.
pub fn check(checker: &mut Checker) {
    let source = checker.source;
    let Some(accepted) = checker
        .tender
        .conditions_of_participation
        .as_ref()
        .and_then(|conditions| conditions.alternative_financial_evidence_accepted.as_ref())
    else {
        return;
    };
    if **accepted {
        return;
    }
    checker
        .report(
            accepted.span,
            "financial evidence other than audited accounts is refused",
        )
        .help(
            "set `alternative_financial_evidence_accepted: true`: suppliers that are not required to have their accounts audited may give equivalent financial information instead (s.22(3)(a); PR24 reg 10(2)(e))",
        )
        .fix(Fix::safe(vec![replace_value(source, accepted.span, "true")]));
}
