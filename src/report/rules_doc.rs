//! `docs/rules.md`: the rule reference, generated from the registry so it cannot
//! drift from `rules/*.toml`. SARIF's `helpUri` points at its sections.
//!
//! Regenerate with `UPDATE_DOCS=1 cargo test --test docs`; the same test fails
//! when the committed file is stale.

use std::fmt::Write;

use crate::diagnostic::Applicability;
use crate::registry::{Registry, RuleMeta, ThresholdKind};
use crate::scope;

/// The reference's path in the repository.
pub const RULES_DOC_PATH: &str = "docs/rules.md";

/// The reference as published on GitHub; rule anchors are appended.
pub const RULES_DOC_URL: &str = "https://github.com/tenderlint/tenderlint/blob/main/docs/rules.md";

/// The heading of a rule's section: `PAY001 payment-terms-over-30-days`.
pub fn heading(rule: &RuleMeta) -> String {
    format!("{} {}", rule.id, rule.name)
}

/// The anchor GitHub gives a heading: lower case, punctuation other than `-` and `_`
/// dropped, spaces turned into hyphens.
pub fn anchor(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Where a rule is documented: its section of the rule reference.
pub fn help_uri(rule: &RuleMeta) -> String {
    format!("{RULES_DOC_URL}#{}", anchor(&heading(rule)))
}

/// What applying a rule's fix takes, in words.
pub fn fix_applicability(rule: &RuleMeta) -> &'static str {
    match rule.fix_applicability {
        Some(Applicability::Safe) => "safe: applied by `--fix`",
        Some(Applicability::Unsafe) => {
            "unsafe: needs a judgement, applied only with `--fix --unsafe-fixes`"
        }
        None => "none: the buyer decides what to change",
    }
}

/// The whole of `docs/rules.md`.
pub fn render(registry: &Registry) -> String {
    let mut out = String::new();
    out.push_str(
        "<!-- Generated from rules/*.toml by `UPDATE_DOCS=1 cargo test --test docs`. Do not edit by hand: edit rules/ and regenerate. -->\n\
         # Rule reference\n\n\
         Every rule tenderlint checks, from the rule metadata in [`rules/`](../rules). \
         Severities: **error** (contrary to the Act, its regulations or binding policy for that buyer), \
         **warning** (an SME barrier the guidance asks buyers to remove, or a legal duty tenderlint \
         cannot confirm from the file), **info** (good practice). Thresholds can be changed per project \
         in `tenderlint.toml`.\n",
    );
    for family in &registry.families {
        if family.rules.is_empty() {
            continue;
        }
        write!(
            out,
            "\n**{} ({})**\n\n| Rule | Severity | Summary |\n|---|---|---|\n",
            family.title, family.family
        )
        .unwrap();
        for rule in &family.rules {
            writeln!(
                out,
                "| [{}](#{}) | {} | {} |",
                heading(rule),
                anchor(&heading(rule)),
                rule.severity.as_str(),
                cell(&rule.summary)
            )
            .unwrap();
        }
    }
    for family in &registry.families {
        for rule in &family.rules {
            section(&mut out, rule, &family.title);
        }
    }
    out
}

fn section(out: &mut String, rule: &RuleMeta, family: &str) {
    write!(
        out,
        "\n## {}\n\n**{}**\n\n\
         - **Family:** {family}\n\
         - **Default severity:** {}\n\
         - **On published notices:** {}\n\
         - **Fix:** {}\n\n\
         **What it checks.** {}\n\n\
         **Why it matters.** {}\n\n\
         **Scope and source by regime** (from `rules/scope.toml`):\n\n\
         | Regime | Scope | Source |\n|---|---|---|\n",
        heading(rule),
        paragraph(&rule.summary),
        rule.severity.as_str(),
        rule.notices.describe(),
        fix_applicability(rule),
        paragraph(&rule.what),
        paragraph(&rule.why),
    )
    .unwrap();
    for regime in scope::REGIMES {
        let source = scope::source_by_buyer(&rule.id, regime).unwrap_or_else(|| "—".to_owned());
        writeln!(
            out,
            "| {} | {} | {} |",
            scope::regime_title(regime),
            cell(&scope::scope_text(&rule.id, regime)),
            cell(&source)
        )
        .unwrap();
    }
    if scope::REGIMES.iter().any(|&regime| {
        scope::source_text(&rule.id, regime).is_some_and(|source| {
            let worded = scope::source_for_buyer(source, false);
            worded != source && scope::source_text_for(&rule.id, regime, false) == Some(&worded)
        })
    }) {
        out.push_str(
            "\nThe guidance cited is written for health sector buyers: for any other buyer a finding cites it as good practice for SMEs.\n",
        );
    }
    writeln!(out, "\n**How to fix.** {}", paragraph(&rule.fix)).unwrap();
    if !rule.thresholds.is_empty() {
        out.push_str(
            "\n**Thresholds** (configurable in `tenderlint.toml`):\n\n\
             | Name | Kind | Default | Meaning |\n|---|---|---|---|\n",
        );
        for (name, threshold) in &rule.thresholds {
            writeln!(
                out,
                "| `{name}` | {} | `{}` | {} |",
                kind_name(threshold.kind),
                cell(&threshold.default.to_string()),
                cell(&threshold.description)
            )
            .unwrap();
        }
    }
    write!(
        out,
        "\n**Example** (fires):\n\n```yaml\n{}\n```\n\n**Fixed:**\n\n```yaml\n{}\n```\n",
        rule.example.trim_matches('\n'),
        rule.example_fixed.trim_matches('\n')
    )
    .unwrap();
}

fn kind_name(kind: ThresholdKind) -> &'static str {
    match kind {
        ThresholdKind::Money => "money",
        ThresholdKind::Percent => "percent",
        ThresholdKind::Count => "count",
        ThresholdKind::Words => "words",
        ThresholdKind::Word => "word",
    }
}

/// A metadata text as one Markdown paragraph (its hard line breaks become spaces).
fn paragraph(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text for a table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    paragraph(text).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_github() {
        assert_eq!(
            anchor("PAY001 payment-terms-over-30-days"),
            "pay001-payment-terms-over-30-days"
        );
        assert_eq!(anchor("QUAL005 a/b (c)"), "qual005-ab-c");
    }

    #[test]
    fn every_rule_has_a_section() {
        let registry = Registry::builtin();
        let doc = render(registry);
        for rule in registry.rules() {
            assert!(
                doc.contains(&format!("\n## {}\n", heading(rule))),
                "{} has no section",
                rule.id
            );
        }
    }
}
