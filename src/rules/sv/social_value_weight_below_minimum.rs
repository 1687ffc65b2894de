//! SV001 social-value-weight-below-minimum.

use super::{percent_number, percent_text};
use crate::diagnostic::{Edit, Fix};
use crate::edits::{newline, replace_value};
use crate::model::{BuyerKind, Criterion, CriterionKind, Node};
use crate::rules::Checker;

/// Above threshold, central government (PPN 002 under the Act, PPN 06/20 under the
/// PCR; not defence and security) and NHS buyers (NHS England guidance) give social
/// value at least `min_weight` of the total score.
pub fn check(checker: &mut Checker) {
    let facts = checker.facts;
    // Scope: above threshold, and a buyer the policy binds.
    let policy = match facts.buyer_kind {
        Some(BuyerKind::CentralGovernment) if !facts.defence_and_security => {
            if facts.is_pcr() {
                "PPN 06/20"
            } else {
                "PPN 002"
            }
        }
        Some(BuyerKind::NhsTrust | BuyerKind::Icb) => "NHS England's social value guidance",
        _ => return,
    };
    let severity = checker.default_severity();
    // Quiet with no award criteria, or ranked ones (no weight anywhere).
    let Some(criteria) = checker.tender.award_criteria.as_ref() else {
        return;
    };
    if criteria.iter().all(|criterion| criterion.weight.is_none()) {
        return;
    }
    // In a partly weighted model (SV002 reports the gap) the social value total is known
    // only when every social value criterion carries a weight; otherwise stay quiet.
    let social: Vec<&Node<Criterion>> = criteria
        .iter()
        .filter(|criterion| kind(criterion) == Some(CriterionKind::SocialValue))
        .collect();
    if social.iter().any(|criterion| criterion.weight.is_none()) {
        return;
    }
    // Trigger: social value criteria total less than `min_weight` (none counts as 0).
    let total: u32 = social.iter().map(|criterion| weight(criterion)).sum();
    let minimum = checker.percent("min_weight").hundredths();
    if total >= minimum {
        return;
    }

    let shortfall = minimum - total;
    let donor = donor(criteria, shortfall);
    let key = checker.key_span(criteria.span, "award_criteria");
    let (span, message) = match social.as_slice() {
        [] => (
            key,
            format!(
                "no award criterion is of kind `social_value`: social value carries 0%, less than \
                 the {} minimum in {policy}",
                percent_text(minimum)
            ),
        ),
        [only] => (
            only.weight.as_ref().map_or(only.span, |weight| weight.span),
            format!(
                "social value is weighted {}, less than the {} minimum in {policy}",
                percent_text(total),
                percent_text(minimum)
            ),
        ),
        _ => (
            key,
            format!(
                "social value criteria total {}, less than the {} minimum in {policy}",
                percent_text(total),
                percent_text(minimum)
            ),
        ),
    };
    let help = match donor {
        Some(donor) => format!(
            "raise social value to {}, taking {} from {}",
            percent_text(minimum),
            percent_text(shortfall),
            describe(donor)
        ),
        None => format!(
            "raise social value to at least {} and rebalance the other weights",
            percent_text(minimum)
        ),
    };
    let fix = donor.and_then(|donor| {
        let donor_weight = donor.weight.as_ref()?;
        let take = replace_value(
            checker.source,
            donor_weight.span,
            percent_number(weight(donor) - shortfall),
        );
        let give = match social.first() {
            Some(first) => Edit::replace(
                first.weight.as_ref()?.span,
                percent_number(weight(first) + shortfall),
            ),
            None => insert_criterion(checker, criteria, &percent_number(minimum))?,
        };
        let mut edits = vec![give, take];
        edits.sort_by_key(|edit| edit.span.start);
        Some(Fix::unsafe_(edits))
    });
    let finding = checker.report(span, message).severity(severity).help(help);
    if let Some(fix) = fix {
        finding.fix(fix);
    }
}

fn kind(criterion: &Criterion) -> Option<CriterionKind> {
    criterion.kind.as_deref().copied()
}

fn weight(criterion: &Criterion) -> u32 {
    criterion
        .weight
        .as_deref()
        .map_or(0, |weight| weight.hundredths())
}

/// The criterion to take the shortfall from: the largest other non-price criterion,
/// else the largest price criterion, if it can give that much.
fn donor(criteria: &[Node<Criterion>], shortfall: u32) -> Option<&Node<Criterion>> {
    let largest = |wanted: fn(Option<CriterionKind>) -> bool| {
        criteria
            .iter()
            .filter(|criterion| wanted(kind(criterion)))
            .max_by_key(|criterion| weight(criterion))
    };
    let non_price =
        largest(|kind| matches!(kind, Some(CriterionKind::Quality | CriterionKind::Other)));
    let price = largest(|kind| kind == Some(CriterionKind::Price));
    [non_price, price]
        .into_iter()
        .flatten()
        .find(|criterion| weight(criterion) >= shortfall)
}

fn describe(criterion: &Criterion) -> String {
    match criterion.name.as_deref() {
        Some(name) => format!("`{name}`"),
        None => "the largest other criterion".to_owned(),
    }
}

/// A new first criterion `Social value` weighted `weight`, written in the style of
/// the list: a flow sequence, or a block sequence whose first item starts on its
/// `- ` line. `None` for any other layout.
fn insert_criterion(
    checker: &Checker,
    criteria: &Node<Vec<Node<Criterion>>>,
    weight: &str,
) -> Option<Edit> {
    let text = &checker.source.text;
    let flow = format!("{{name: Social value, kind: social_value, weight: {weight}}}");
    if text[criteria.span.start..].starts_with('[') {
        return Some(Edit::insert(criteria.span.start + 1, format!("{flow}, ")));
    }
    let first = criteria.first()?;
    let line_start = checker.source.line_start(first.span.start);
    let prefix = &text[line_start..first.span.start];
    let is_item_prefix = prefix
        .trim_start_matches(' ')
        .strip_prefix('-')
        .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c == ' '));
    if !is_item_prefix {
        return None;
    }
    let nl = newline(checker.source);
    let item = if text[first.span.start..].starts_with('{') {
        flow
    } else {
        let pad = " ".repeat(prefix.len());
        format!("name: Social value{nl}{pad}kind: social_value{nl}{pad}weight: {weight}")
    };
    Some(Edit::insert(
        first.span.start,
        format!("{item}{nl}{prefix}"),
    ))
}
