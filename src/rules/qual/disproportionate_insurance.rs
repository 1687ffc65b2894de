//! QUAL004 disproportionate-insurance.

use crate::rules::Checker;

/// Insurance levels out of proportion to the contract (s.22(1); house thresholds):
/// professional indemnity or public liability cover above the larger of `max_cover` and the
/// whole-life value, or employers' liability cover above `max_employers_liability`.
///
/// The professional indemnity and public liability test needs the whole-life value: without
/// it the larger figure is unknown and those covers stay quiet. One finding per cover.
pub fn check(checker: &mut Checker) {
    let max_cover = checker.money("max_cover");
    let max_employers = checker.money("max_employers_liability");
    let Some(insurance) = checker
        .tender
        .conditions_of_participation
        .as_ref()
        .and_then(|conditions| conditions.insurance.as_deref())
    else {
        return;
    };
    let whole = checker.facts.whole_life_value;
    let mut findings = Vec::new();
    for (cover, name) in [
        (&insurance.professional_indemnity, "professional indemnity"),
        (&insurance.public_liability, "public liability"),
    ] {
        let (Some(cover), Some(whole)) = (cover, whole) else {
            continue;
        };
        let limit = max_cover.max(whole);
        if **cover > limit {
            findings.push((
                cover.span,
                format!(
                    "{name} cover of {} is more than the larger of {max_cover} and the whole-life value {whole}",
                    cover.inner
                ),
            ));
        }
    }
    if let Some(cover) = &insurance.employers_liability
        && **cover > max_employers
    {
        findings.push((
            cover.span,
            format!(
                "employers' liability cover of {} is more than {max_employers}",
                cover.inner
            ),
        ));
    }
    for (span, message) in findings {
        checker.report(span, message).help(
            "set cover in proportion to the risks of this contract; if this level is really needed, record why in `justifications`",
        );
    }
}
