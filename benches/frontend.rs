//! Single-thread throughput of the YAML front end against the serde-saphyr floor.
//!
//! ```sh
//! scripts/bench-corpus.py 2000 target/frontend-corpus
//! cargo bench --bench frontend -- target/frontend-corpus
//! ```
//!
//! Every file is read into memory first; each reader then parses all of them, best of nine
//! passes, so only parsing is timed. Figures go to docs/performance.md ("Front end").

use std::path::PathBuf;
use std::time::{Duration, Instant};

use tenderlint::parse::parse_tender;
use tenderlint::read::yaml;
use tenderlint::source::SourceFile;

/// One way of reading a tender, timed over the whole corpus.
type Parse = dyn Fn(&SourceFile);

const PASSES: usize = 9;

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|argument| !argument.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/frontend-corpus"));
    let mut sources: Vec<SourceFile> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error} (see the comment at the top)", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.to_string_lossy().ends_with(".tender.yaml"))
        .map(|path| SourceFile::read(&path, u64::MAX).expect("readable tender"))
        .collect();
    sources.sort_by(|a, b| a.name.cmp(&b.name));
    let bytes: usize = sources.iter().map(|source| source.text.len()).sum();
    println!(
        "{} files, {:.2} MB, one thread, best of {PASSES} passes",
        sources.len(),
        bytes as f64 / 1e6
    );
    let rows: [(&str, &Parse); 5] = [
        (
            "serde-saphyr into an untyped value (the floor)",
            &|source| {
                let value: serde_json::Value =
                    serde_saphyr::from_str(&source.text).expect("valid YAML");
                std::hint::black_box(value);
            },
        ),
        ("saphyr-parser events only", &|source| {
            let mut parser = saphyr_parser::Parser::new_from_str(&source.text);
            while let Some(event) = parser.next_event() {
                std::hint::black_box(event.expect("valid YAML"));
            }
        }),
        ("spanned tree on saphyr-parser's events", &|source| {
            let loaded = yaml::load_on_events(&source.text).expect("valid YAML");
            std::hint::black_box(loaded);
        }),
        ("spanned tree (fast block reader, as used)", &|source| {
            std::hint::black_box(yaml::load(&source.text).expect("valid YAML"));
        }),
        ("front end: typed model (parse_tender)", &|source| {
            std::hint::black_box(parse_tender(source).expect("valid tender"));
        }),
    ];
    // Readers take turns within each pass, so a burst of load on a shared machine hits
    // them alike; each keeps its best pass.
    let mut best = [Duration::MAX; 5];
    for _ in 0..PASSES {
        for ((_, parse), best) in rows.iter().zip(&mut best) {
            let start = Instant::now();
            sources.iter().for_each(parse);
            *best = (*best).min(start.elapsed());
        }
    }
    for ((name, _), best) in rows.iter().zip(best) {
        println!(
            "{name:<48} {:>8.1} ms {:>7.1} MB/s",
            best.as_secs_f64() * 1e3,
            bytes as f64 / 1e6 / best.as_secs_f64()
        );
    }
}
