//! Generated documents stay in step with the code that generates them:
//! `docs/rules.md` (the rule reference SARIF links to) from the registry and
//! `docs/tender.schema.json` (the schema editors load) from `tenderlint schema`.
//! Regenerate both with `UPDATE_DOCS=1 cargo test --test docs`.

mod common;

use std::path::Path;

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

/// The format reference is docs/tender-format.md; no user-facing text may send a buyer to a
/// file the repository does not have.
#[test]
fn no_text_cites_a_format_file_the_repository_lacks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut offenders = Vec::new();
    for dir in ["src", "rules", "docs", "examples"] {
        for entry in walkdir(&root.join(dir)) {
            let text = std::fs::read_to_string(&entry).unwrap_or_default();
            if text.contains("TENDER-FORMAT.md") {
                offenders.push(entry.display().to_string());
            }
        }
    }
    for file in ["README.md", "Cargo.toml"] {
        let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        if text.contains("TENDER-FORMAT.md") {
            offenders.push(file.to_owned());
        }
    }
    assert!(
        offenders.is_empty(),
        "cite docs/tender-format.md instead in {offenders:?}"
    );
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}
