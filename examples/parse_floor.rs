//! The benchmark's parse floor (scripts/bench): what any linter built on serde-saphyr pays
//! to read the same files into an untyped value, with no spans, rules or output, on the
//! same number of threads. Prints the number of files parsed.
//!
//!     cargo run --release --example parse_floor -- [--threads N] PATH...
//!
//! Directories are walked for `*.tender.yaml`; files named are read as they are.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let mut threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let mut files = Vec::new();
    while let Some(arg) = args.next() {
        if arg == "--threads" {
            threads = args
                .next()
                .and_then(|count| count.parse().ok())
                .expect("--threads N");
        } else {
            collect(Path::new(&arg), &mut files);
        }
    }
    let next = AtomicUsize::new(0);
    let parsed = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads.min(files.len()).max(1) {
            scope.spawn(|| {
                while let Some(path) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let text = std::fs::read_to_string(path).expect("readable UTF-8");
                    if serde_saphyr::from_str::<serde_json::Value>(&text).is_ok() {
                        parsed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    println!("{} of {} files parsed", parsed.into_inner(), files.len());
}

fn collect(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .expect("readable directory")
            .map(|entry| entry.expect("readable entry").path())
            .collect();
        entries.sort();
        for entry in entries {
            if entry.is_dir() || entry.to_string_lossy().ends_with(".tender.yaml") {
                collect(&entry, files);
            }
        }
    } else {
        files.push(path.to_path_buf());
    }
}
