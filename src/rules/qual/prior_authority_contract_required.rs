//! QUAL011 prior-authority-contract-required.

use crate::diagnostic::Fix;
use crate::edits::replace_value;
use crate::rules::Checker;

/// On a public contract under the Act, a condition of participation may not require suppliers
/// to have been awarded a public contract by a particular contracting authority (s.22(4)(a)).
pub fn check(checker: &mut Checker) {
    let source = checker.source;
    let Some(required) = checker
        .tender
        .conditions_of_participation
        .as_ref()
        .and_then(|conditions| {
            conditions
                .previous_contract_with_authority_required
                .as_ref()
        })
    else {
        return;
    };
    if !**required {
        return;
    }
    checker
        .report(
            required.span,
            "bidders must have held a previous contract with this authority",
        )
        .help(
            "set `previous_contract_with_authority_required: false`: the Act does not allow requiring a previous contract with a particular contracting authority (s.22(4)(a)); ask for relevant experience instead",
        )
        .fix(Fix::safe(vec![replace_value(source, required.span, "false")]));
}
