//! Turning command-line paths into the list of tender sources to check.

use std::path::{Path, PathBuf};

/// Where a tender comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Stdin,
    File(PathBuf),
    /// A path that could not be walked, with the reason.
    Unreadable(PathBuf, String),
}

/// Whether a file found in a directory walk is a tender (`*.tender.yaml` / `*.tender.yml`).
pub fn is_tender_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.ends_with(".tender.yaml") || name.ends_with(".tender.yml"))
}

/// Files named on the command line are checked whatever their name; directories
/// are walked for tender files and for `.json`/`.jsonl` files holding OCDS notices,
/// honouring `.gitignore`. Sorted and de-duplicated.
pub fn discover(paths: &[PathBuf]) -> Vec<Input> {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            walk(path, &mut inputs);
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    inputs.sort();
    inputs.dedup();
    inputs
}

fn walk(root: &Path, inputs: &mut Vec<Input>) {
    let walker = ignore::WalkBuilder::new(root).require_git(false).build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|kind| kind.is_file());
                let notice = || {
                    crate::read::ocds::is_notice_path(entry.path())
                        && crate::read::ocds::sniff(entry.path())
                };
                if is_file && (is_tender_file(entry.path()) || notice()) {
                    inputs.push(Input::File(entry.into_path()));
                }
            }
            Err(error) => {
                let path = error_path(&error).unwrap_or_else(|| root.to_path_buf());
                inputs.push(Input::Unreadable(path, error.to_string()));
            }
        }
    }
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}
