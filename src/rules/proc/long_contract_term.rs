//! PROC005 long-contract-term.

use super::term_over;
use crate::model::Category;
use crate::rules::Checker;

/// Long goods and services contracts lock the market for a generation of SMEs.
pub fn check(checker: &mut Checker) {
    // Scope: policy; goods or services contracts (an unknown category stays quiet).
    if !matches!(
        checker.facts.category,
        Some(Category::Goods | Category::Services)
    ) {
        return;
    }
    // Trigger: a term, extensions included, over `max_months`.
    let limit = checker.count("max_months");
    let Some((described, span)) = term_over(checker, limit) else {
        return;
    };
    checker
        .report(
            span,
            format!("a term of {described} is longer than {limit} months"),
        )
        .help(format!(
            "shorten the term to {limit} months or less and re-compete, or record the reason in \
             `justifications`"
        ));
}
