//! Embeds every data file in `rules/` into the binary, so policy staff edit data, not code.

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
        "/// `(file name, contents)` of every `rules/*.toml`, sorted by name.\npub const RULE_DATA_FILES: &[(&str, &str)] = &[\n",
    );
    for name in &names {
        let path = rules_dir.join(name);
        println!("cargo::rerun-if-changed={}", path.display());
        writeln!(
            generated,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    generated.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("rule_data_files.rs");
    std::fs::write(out, generated).unwrap();
}
