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

/// Whether a file found in a directory walk is a tender (`*.tender.yaml` / `*.tender.yml`),
/// whatever the rest of its name (which need not be UTF-8: such a file is checked and shown
/// with the bad bytes replaced, not skipped).
pub fn is_tender_file(path: &Path) -> bool {
    path.file_name()
        .map(|name| name.as_encoded_bytes())
        .is_some_and(|name| name.ends_with(b".tender.yaml") || name.ends_with(b".tender.yml"))
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

/// A walk checks tender files and symbolic links to tender files (as a link named on the
/// command line is followed); it does not descend into linked directories, so it cannot
/// loop. A link named like a tender whose target is missing or unreadable is reported, as
/// is a FIFO or device named like a tender.
fn walk(root: &Path, inputs: &mut Vec<Input>) {
    let walker = ignore::WalkBuilder::new(root).require_git(false).build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let Some(kind) = entry.file_type() else {
                    continue;
                };
                // A `.json`/`.jsonl` file is picked up only when it holds OCDS; sniffing
                // reads it, so only a regular file is sniffed.
                let notice = || {
                    kind.is_file()
                        && crate::read::ocds::is_notice_path(entry.path())
                        && crate::read::ocds::sniff(entry.path())
                };
                if !is_tender_file(entry.path()) && !notice() {
                    continue;
                }
                if kind.is_symlink() {
                    match std::fs::metadata(entry.path()) {
                        Ok(target) if target.is_file() => {
                            inputs.push(Input::File(entry.into_path()));
                        }
                        Ok(_) => {}
                        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                            let reason = "dangling symbolic link: its target does not exist";
                            inputs.push(Input::Unreadable(entry.into_path(), reason.to_owned()));
                        }
                        Err(error) => {
                            inputs.push(Input::Unreadable(entry.into_path(), error.to_string()));
                        }
                    }
                } else if !kind.is_dir() {
                    // A regular file, or a FIFO or device named like a tender: reading refuses those.
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
