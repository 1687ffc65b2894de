//! SPEC004 excessive-bid-burden.

use crate::model::group_thousands;
use crate::rules::Checker;

/// More quality questions than `max_questions` or a total word limit above
/// `max_words`; both limits halved below `small_contract_value` (DHSC SME guidance 2026: avoid
/// unnecessary complexity that may exclude capable SMEs).
pub fn check(checker: &mut Checker) {
    let Some(submission) = checker.tender.submission.as_ref() else {
        return;
    };
    let whole_life_value = checker.facts.whole_life_value;
    let small_contract_value = checker.money("small_contract_value");
    // Unknown is not zero: an unknown value keeps the full limits.
    let small = whole_life_value.is_some_and(|value| value < small_contract_value);
    let scale = |limit: u32| if small { limit / 2 } else { limit };
    let max_questions = scale(checker.count("max_questions"));
    let max_words = scale(checker.count("max_words"));
    // Written only for a finding: most submissions are within both limits.
    let context = || match whole_life_value {
        Some(value) if small => format!(
            ", the limit for a contract worth less than {small_contract_value} (whole-life value {value})"
        ),
        _ => String::new(),
    };

    if let Some(questions) = submission.quality_questions.as_ref()
        && questions.get() > max_questions
    {
        checker
            .report(
                questions.span,
                format!(
                    "{} quality questions are more than {max_questions}{}",
                    questions.get(),
                    context()
                ),
            )
            .help(format!(
                "ask at most {max_questions} questions, each about what will decide the award"
            ));
    }
    if let Some(words) = submission.word_limit_total.as_ref()
        && words.get() > max_words
    {
        checker
            .report(
                words.span,
                format!(
                    "a total word limit of {} is more than {}{}",
                    group_thousands(u64::from(words.get())),
                    group_thousands(u64::from(max_words)),
                    context()
                ),
            )
            .help(format!(
                "cap the answers at {} words in total: long bids cost SMEs more than large suppliers with bid teams",
                group_thousands(u64::from(max_words))
            ));
    }
}
