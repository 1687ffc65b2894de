//! The README stays true to the code: its rule table is generated from the
//! embedded rule registry, and its first screen gives exactly the two set-up
//! commands.
//!
//! After adding or changing rules, regenerate the table with
//! `UPDATE_README=1 cargo test --test readme`.

use std::fmt::Write as _;
use std::path::PathBuf;

use tenderlint::diagnostic::Applicability;
use tenderlint::registry::{Registry, RuleFile};

const START: &str = "<!-- rules:start -->";
const END: &str = "<!-- rules:end -->";

/// The families in catalog order (RULES.md); any other family follows, in registry order.
const FAMILY_ORDER: [&str; 7] = ["LOT", "QUAL", "PAY", "SV", "TIME", "SPEC", "PROC"];

/// The set-up commands a new user runs, in order, on the README's first screen.
const SETUP_COMMANDS: [&str; 2] = ["cargo run --release -- examples/", "cargo test"];

/// Lines in a first screen: what a standard terminal shows without scrolling.
const FIRST_SCREEN_LINES: usize = 24;

fn readme_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

fn read_readme() -> String {
    std::fs::read_to_string(readme_path()).expect("README.md exists")
}

/// The registry's families, in catalog order.
fn families_in_order(registry: &Registry) -> Vec<&RuleFile> {
    let mut families: Vec<(usize, usize, &RuleFile)> = registry
        .families
        .iter()
        .enumerate()
        .map(|(index, family)| {
            let rank = FAMILY_ORDER
                .iter()
                .position(|name| *name == family.family)
                .unwrap_or(FAMILY_ORDER.len());
            (rank, index, family)
        })
        .collect();
    families.sort_by_key(|(rank, index, _)| (*rank, *index));
    families.into_iter().map(|(_, _, family)| family).collect()
}

/// A table cell: one line, with the Markdown table separator escaped.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// The rule table, markers excluded: one row per rule, families in catalog order.
fn rule_table(registry: &Registry) -> String {
    let mut table =
        String::from("| id | name | severity | fix | summary |\n|---|---|---|---|---|\n");
    for family in families_in_order(registry) {
        for rule in &family.rules {
            let fix = match rule.fix_applicability {
                Some(Applicability::Safe) => "safe",
                Some(Applicability::Unsafe) => "unsafe",
                None => "—",
            };
            writeln!(
                table,
                "| {} | `{}` | {} | {fix} | {} |",
                cell(&rule.id),
                cell(&rule.name),
                rule.severity.as_str(),
                cell(&rule.summary),
            )
            .unwrap();
        }
    }
    table
}

/// The README's text between the markers, and where it sits.
fn rules_section(readme: &str) -> (usize, usize) {
    let start = readme
        .find(START)
        .unwrap_or_else(|| panic!("README.md has no `{START}` marker"))
        + START.len();
    let end = readme[start..]
        .find(END)
        .unwrap_or_else(|| panic!("README.md has no `{END}` marker after `{START}`"))
        + start;
    (start, end)
}

#[test]
fn rule_table_matches_the_registry() {
    let readme = read_readme();
    let (start, end) = rules_section(&readme);
    let wanted = format!("\n{}", rule_table(Registry::builtin()));
    if readme[start..end] == wanted {
        return;
    }
    if std::env::var_os("UPDATE_README").is_some_and(|value| value == "1") {
        let updated = format!("{}{wanted}{}", &readme[..start], &readme[end..]);
        std::fs::write(readme_path(), updated).expect("README.md is writable");
        return;
    }
    panic!(
        "the rule table in README.md is out of date; regenerate it with \
         `UPDATE_README=1 cargo test --test readme`.\nExpected:\n{wanted}\nFound:\n{}",
        &readme[start..end]
    );
}

/// The commands in fenced code blocks among `lines`, `$ ` prompts removed.
fn fenced_commands(lines: &[&str]) -> Vec<String> {
    let mut commands = Vec::new();
    let mut in_block = false;
    for line in lines {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if in_block && !trimmed.is_empty() && !trimmed.starts_with('#') {
            commands.push(trimmed.trim_start_matches("$ ").to_owned());
        }
    }
    assert!(
        !in_block,
        "a code block on the README's first screen does not close on it"
    );
    commands
}

#[test]
fn first_screen_gives_exactly_the_two_setup_commands() {
    let readme = read_readme();
    let first_screen: Vec<&str> = readme.lines().take(FIRST_SCREEN_LINES).collect();
    assert_eq!(
        fenced_commands(&first_screen),
        SETUP_COMMANDS,
        "the first {FIRST_SCREEN_LINES} lines of README.md must give exactly these commands"
    );
}

#[test]
fn rule_table_lists_families_in_catalog_order() {
    let registry = Registry::builtin();
    let table = rule_table(registry);
    let ids: Vec<&str> = table
        .lines()
        .skip(2)
        .map(|row| row.trim_start_matches("| ").split(' ').next().unwrap_or(""))
        .collect();
    let rank = |id: &str| {
        FAMILY_ORDER
            .iter()
            .position(|family| {
                id.strip_prefix(family)
                    .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
            })
            .unwrap_or(FAMILY_ORDER.len())
    };
    let ranks: Vec<usize> = ids.iter().map(|id| rank(id)).collect();
    assert!(
        ranks.windows(2).all(|pair| pair[0] <= pair[1]),
        "families out of order: {ids:?}"
    );
    assert_eq!(ids.len(), registry.rules().count(), "one row per rule");
}
