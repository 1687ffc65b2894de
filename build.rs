//! Embeds every data file in `rules/` into the binary, so policy staff edit data, not code.
//!
//! The TOML is read here, at build time, and embedded as JSON: parsing all of `rules/` as
//! TOML took more of a one-file run than linting the file (docs/performance.md). A data
//! file that is not valid TOML fails the build, naming the file.

use std::fmt::Write;
use std::path::Path;

fn main() {
    // Read at run time, not `env!`: a build script compiled for one checkout must not embed another's rules.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let rules_dir = Path::new(&manifest_dir).join("rules");
    println!("cargo::rerun-if-changed={}", rules_dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&rules_dir)
        .expect("the rules/ directory exists")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".toml"))
        .collect();
    names.sort();
    let mut generated = String::from(
        "/// `(file name, whether it is a family of rules, contents as JSON)` of every `rules/*.toml`,\n/// sorted by name.\npub const RULE_DATA_FILES: &[(&str, bool, &str)] = &[\n",
    );
    for name in &names {
        let path = rules_dir.join(name);
        println!("cargo::rerun-if-changed={}", path.display());
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("rules/{name}: {error}"));
        let table: toml::Table =
            toml::from_str(&text).unwrap_or_else(|error| panic!("rules/{name}: {error}"));
        refuse_datetimes(name, &toml::Value::Table(table.clone()));
        // The other data files (scope, thresholds, brands, holidays) are tables the rules read.
        let family = table.contains_key("family");
        let json = serde_json::to_string(&table).expect("TOML data is JSON data");
        writeln!(generated, "    ({name:?}, {family}, {json:?}),").unwrap();
    }
    generated.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("rule_data_files.rs");
    std::fs::write(out, generated).unwrap();
}

/// Dates in `rules/` are quoted strings (`date = "2026-05-08"`): a bare TOML date has no
/// JSON form the run-time types read.
fn refuse_datetimes(name: &str, value: &toml::Value) {
    match value {
        toml::Value::Datetime(date) => {
            panic!("rules/{name}: write the date {date} in quotes, as the other dates are")
        }
        toml::Value::Array(items) => items.iter().for_each(|item| refuse_datetimes(name, item)),
        toml::Value::Table(table) => table.values().for_each(|item| refuse_datetimes(name, item)),
        _ => {}
    }
}
