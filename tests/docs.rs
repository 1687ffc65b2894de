//! Generated documents stay in step with the code that generates them:
//! `docs/rules.md` (the rule reference SARIF links to) from the registry and
//! `docs/tender.schema.json` (the schema editors load) from `tenderlint schema`.
//! Regenerate both with `UPDATE_DOCS=1 cargo test --test docs`.

mod common;

use tenderlint::cli::schema::tender_schema_text;
use tenderlint::registry::Registry;
use tenderlint::report::rules_doc;

fn check_generated(relative: &str, generated: &str) {
    let path = common::root().join(relative);
    if std::env::var_os("UPDATE_DOCS").is_some_and(|value| !value.is_empty()) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{relative} is out of date: regenerate it with `UPDATE_DOCS=1 cargo test --test docs`"
    );
}

#[test]
fn rule_reference_matches_the_registry() {
    check_generated(
        rules_doc::RULES_DOC_PATH,
        &rules_doc::render(Registry::builtin()),
    );
}

#[test]
fn published_schema_matches_tenderlint_schema() {
    check_generated("docs/tender.schema.json", &tender_schema_text());
}
