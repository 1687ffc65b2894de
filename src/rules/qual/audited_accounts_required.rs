//! QUAL002 audited-accounts-required.

use crate::diagnostic::Fix;
use crate::edits::replace_value;
use crate::rules::Checker;

/// On a public contract under the Act, a condition of participation may not require audited
/// accounts except from suppliers that are required to have their accounts audited
/// (s.22(3)(a)). `audited_accounts_required: true` asks every bidder for them.
pub fn check(checker: &mut Checker) {
    let source = checker.source;
    let Some(required) = checker
        .tender
        .conditions_of_participation
        .as_ref()
        .and_then(|conditions| conditions.audited_accounts_required.as_ref())
    else {
        return;
    };
    if !**required {
        return;
    }
    checker
        .report(required.span, "audited accounts are required from every bidder")
        .help(
            "set `audited_accounts_required: false`: audited accounts may be asked only of suppliers the law requires to have them audited (s.22(3)(a)); accept other financial information from the rest",
        )
        .fix(Fix::safe(vec![replace_value(source, required.span, "false")]));
}
