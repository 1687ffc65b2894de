//! SV005 nhs-net-zero-outcome-missing.

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
    let keywords: Vec<String> = checker
        .words("keywords")
        .iter()
        .map(|word| normalise(word))
        .collect();
    let mentions = |text: &str| {
        let text = normalise(text);
        keywords
            .iter()
            .any(|keyword| text.contains(keyword.as_str()))
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

/// Lower case, hyphens and line breaks as single spaces, so "Net-Zero" and a "net"
/// wrapped onto the next line before "zero" both match "net zero".
fn normalise(text: &str) -> String {
    text.to_lowercase()
        .replace('-', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
