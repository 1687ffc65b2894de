//! SV005 nhs-net-zero-outcome-missing.

use memchr::memmem;

use crate::model::CriterionKind;
use crate::rules::{Checker, empty_key_span};

/// NHS England's guidance asks for net zero in NHS tenders, as a social value outcome
/// or a core contract requirement. Reported once.
pub fn check(checker: &mut Checker) {
    // Scope: NHS buyers (trusts and ICBs).
    if !checker.facts.is_nhs_buyer() {
        return;
    }
    let tender = checker.tender;
    // Trigger: social value criteria present ...
    let social_value_evaluated = tender.award_criteria.as_ref().is_some_and(|criteria| {
        criteria
            .iter()
            .any(|criterion| criterion.kind.as_deref() == Some(&CriterionKind::SocialValue))
    });
    if !social_value_evaluated {
        return;
    }
    // ... no outcome about climate or net zero, and no net zero requirement in the
    // specification (the tender's or any lot's); matched case-insensitively.
    let keywords: Vec<Keyword> = checker
        .words("keywords")
        .iter()
        .map(|keyword| Keyword::new(keyword))
        .collect();
    let mentions = |text: &str| {
        let text = text.to_lowercase();
        keywords.iter().any(|keyword| keyword.is_in(&text))
    };
    let social_value = tender.social_value.as_ref();
    let outcomes = social_value.and_then(|social_value| social_value.outcomes.as_ref());
    if outcomes.is_some_and(|outcomes| outcomes.iter().any(|outcome| mentions(outcome))) {
        return;
    }
    let lot_specifications = tender
        .lots
        .iter()
        .flat_map(|lots| lots.iter())
        .filter_map(|lot| lot.specification.as_deref());
    if tender
        .specification
        .as_deref()
        .into_iter()
        .chain(lot_specifications)
        .any(|specification| mentions(specification))
    {
        return;
    }
    // At `social_value.outcomes`, else `social_value`, else `tender` (RULES.md "Locations").
    let span = match (outcomes, social_value) {
        (Some(outcomes), _) => checker.key_span(outcomes.span, "outcomes"),
        (None, Some(social_value)) => empty_key_span(checker.source, social_value.span, "outcomes")
            .unwrap_or_else(|| checker.key_span(social_value.span, "social_value")),
        (None, None) => checker.section_span(None, "social_value"),
    };
    checker
        .report(
            span,
            "social value is evaluated but no outcome or specification requirement mentions net \
             zero or climate",
        )
        .help(
            "add a net zero outcome (for example \"Make Britain a clean energy superpower\") or \
             a net zero requirement in the specification",
        );
}

/// The words of `text`: hyphens read as white space, so "Net-Zero" and a "net" wrapped onto
/// the next line before "zero" both read as the words "net zero".
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_between_words).filter(|word| !word.is_empty())
}

fn is_between_words(c: char) -> bool {
    c == '-' || c.is_whitespace()
}

/// A keyword, lower-cased, as its words: the first searched for by a searcher built once per
/// check rather than once per text searched.
struct Keyword {
    /// `None` for a keyword of no words.
    first: Option<memmem::Finder<'static>>,
    rest: Vec<String>,
}

impl Keyword {
    fn new(keyword: &str) -> Keyword {
        let keyword = keyword.to_lowercase();
        let mut words = words(&keyword);
        Keyword {
            first: words
                .next()
                .map(|first| memmem::Finder::new(first).into_owned()),
            rest: words.map(str::to_owned).collect(),
        }
    }

    /// Whether `text` (in lower case) has the keyword's words in a row: the first ending a
    /// word, the last starting one, any between them whole. Searched for in the text as
    /// written rather than in a copy with the separators normalised: the first word is found
    /// by memchr, and the rest of a long specification is not copied.
    fn is_in(&self, text: &str) -> bool {
        let Some(first) = &self.first else {
            // No words: as the empty string is in every text.
            return true;
        };
        // A match starts at a character boundary (the word starts with a whole character).
        first.find_iter(text.as_bytes()).any(|at| {
            let mut end = at + first.needle().len();
            self.rest.iter().all(|word| {
                let after = &text[end..];
                let next = after.trim_start_matches(is_between_words);
                end = text.len() - next.len() + word.len();
                next.len() < after.len() && next.starts_with(word.as_str())
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition (the rule's first implementation): the text, lower-cased, hyphens and
    /// white space runs as single spaces, contains the keyword so normalised.
    fn normalised(text: &str) -> String {
        text.to_lowercase()
            .replace('-', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn finds_a_keyword_where_the_normalised_text_contains_it() {
        let alphabet = [
            "net", "Net", "zero", "ZERO", "zeros", "a", " ", "\n", "-", "\u{a0}", "x",
        ];
        let texts = crate::rules::spec::random_texts(&alphabet, 5_000, 8);
        let keywords = [
            "net zero",
            "net-zero",
            "zero net",
            "net",
            "-",
            " zero ",
            "a net zero a",
        ];
        let mut found = 0;
        for keyword in keywords {
            let searched = Keyword::new(keyword);
            for text in &texts {
                let expected = normalised(text).contains(&normalised(keyword));
                assert_eq!(
                    searched.is_in(&text.to_lowercase()),
                    expected,
                    "{keyword:?} in {text:?}"
                );
                found += usize::from(expected);
            }
        }
        assert!(found > 1_000, "{found}");
    }
}
