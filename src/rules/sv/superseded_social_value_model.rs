//! SV004 superseded-social-value-model.

use crate::diagnostic::Fix;
use crate::edits::replace_value;
use crate::model::{BuyerKind, SocialValueModel};
use crate::rules::Checker;

/// PPN 002 replaced the PPN 06/20 model with mission outcomes; central government
/// procurements under the Act use it from October 2025.
pub fn check(checker: &mut Checker) {
    let source = checker.source;
    let facts = checker.facts;
    // Scope: central government buyers (the Act only: rules/scope.toml).
    if facts.buyer_kind != Some(BuyerKind::CentralGovernment) {
        return;
    }
    let Some(model) = checker
        .tender
        .social_value
        .as_ref()
        .and_then(|social_value| social_value.model.as_ref())
    else {
        return;
    };
    // Trigger: the superseded model.
    if model.inner != SocialValueModel::Ppn0620 {
        return;
    }
    checker
        .report(
            model.span,
            "social value model `ppn_06_20` has been replaced by PPN 002 for central government",
        )
        .help(
            "use the PPN 002 model (`model: ppn_002`) and restate the social value asks as its \
             mission outcomes",
        )
        .fix(Fix::unsafe_(vec![replace_value(
            source, model.span, "ppn_002",
        )]));
}
