//! TIME005 engagement-not-online.

use super::replace_word;
use crate::diagnostic::Fix;
use crate::model::EngagementFormat;
use crate::rules::Checker;

/// Market engagement held in person only; the NHS SME action plan asks for online events by default.
pub fn check(checker: &mut Checker) {
    let Some(format) = checker
        .tender
        .market_engagement
        .as_ref()
        .and_then(|engagement| engagement.format.as_ref())
    else {
        return;
    };
    if **format != EngagementFormat::InPerson {
        return;
    }
    let fix = replace_word(checker.source, format.span, "hybrid");
    checker
        .report(format.span, "market engagement is held in person only")
        .help("set `format: hybrid` so suppliers who cannot travel can join online")
        .fix(Fix::safe(vec![fix]));
}
