//! Writing a fixed file without ever leaving it half-written.
//!
//! The new text goes to a temporary file in the same directory (so the rename
//! stays on one file system), gets the original's permissions, is flushed to disk
//! and then renamed over the original. A symlink is followed: the file it points to
//! is replaced and the link stays a link. A read-only file or a directory that
//! cannot take the temporary file is an error, and the original is not touched.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why the fixes could not be written; the file is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError {
    pub message: String,
}

impl WriteError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

/// Replaces the contents of the file at `path` with `contents`, atomically.
pub fn write_atomic(path: &Path, contents: &str) -> Result<(), WriteError> {
    let target = fs::canonicalize(path).map_err(|error| WriteError::new(describe(&error)))?;
    let metadata = fs::metadata(&target).map_err(|error| WriteError::new(describe(&error)))?;
    if metadata.permissions().readonly() {
        return Err(WriteError::new("the file is read-only"));
    }
    // Replacing a file one may not write would succeed through the rename: ask first.
    if let Err(error) = OpenOptions::new().write(true).open(&target) {
        return Err(WriteError::new(match error.kind() {
            io::ErrorKind::PermissionDenied => {
                "the file is not writable (permission denied)".to_owned()
            }
            _ => describe(&error),
        }));
    }
    let directory = target
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let file_name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (temp_path, mut temp) = create_temp(&directory, &file_name)?;
    let written = write_contents(&mut temp, contents, &metadata)
        .and_then(|()| fs::rename(&temp_path, &target));
    if let Err(error) = written {
        let _ = fs::remove_file(&temp_path);
        return Err(WriteError::new(format!(
            "could not replace the file: {}",
            describe(&error)
        )));
    }
    sync_directory(&directory);
    Ok(())
}

/// Creates a new, uniquely named temporary file beside the target.
fn create_temp(directory: &Path, file_name: &str) -> Result<(PathBuf, File), WriteError> {
    let pid = std::process::id();
    for attempt in 0..100 {
        let path = directory.join(format!(".{file_name}.tenderlint-{pid}-{attempt}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) if error.kind() == io::ErrorKind::PermissionDenied => {
                return Err(WriteError::new(format!(
                    "the directory {} is not writable (permission denied), so the file cannot be replaced safely",
                    directory.display()
                )));
            }
            Err(error) => {
                return Err(WriteError::new(format!(
                    "could not create a temporary file in {}: {}",
                    directory.display(),
                    describe(&error)
                )));
            }
        }
    }
    Err(WriteError::new(format!(
        "could not create a temporary file in {}: too many leftover temporary files",
        directory.display()
    )))
}

fn write_contents(file: &mut File, contents: &str, original: &fs::Metadata) -> io::Result<()> {
    file.write_all(contents.as_bytes())?;
    file.set_permissions(original.permissions())?;
    keep_owner(file, original);
    file.sync_all()
}

/// Gives the new file the original's owner and group where allowed (as root, or a
/// group the user belongs to); otherwise the new file keeps the user's.
#[cfg(unix)]
fn keep_owner(file: &File, original: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let Ok(current) = file.metadata() else {
        return;
    };
    if (current.uid(), current.gid()) != (original.uid(), original.gid()) {
        let owner_and_group =
            std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid()));
        if owner_and_group.is_err() {
            let _ = std::os::unix::fs::fchown(file, None, Some(original.gid()));
        }
    }
}

#[cfg(not(unix))]
fn keep_owner(_file: &File, _original: &fs::Metadata) {}

/// Makes the rename durable; failure here does not undo a completed rename.
fn sync_directory(directory: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(directory) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = directory;
}

fn describe(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("tenderlint-write-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn replaces_the_contents_and_leaves_no_temporary_file() {
        let dir = scratch("replace");
        let path = dir.join("a.tender.yaml");
        fs::write(&path, "old\n").unwrap();
        write_atomic(&path, "new\r\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\r\n");
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.tender.yaml"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_symlinks() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("perms");
        let path = dir.join("a.tender.yaml");
        fs::write(&path, "old\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.join("link.tender.yaml");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        write_atomic(&link, "new\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_a_read_only_file() {
        let dir = scratch("readonly");
        let path = dir.join("a.tender.yaml");
        fs::write(&path, "old\n").unwrap();
        let mut permissions = fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        fs::set_permissions(&path, permissions.clone()).unwrap();
        let error = write_atomic(&path, "new\n").unwrap_err();
        assert_eq!(error.message, "the file is read-only");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\n");
        #[allow(clippy::permissions_set_readonly_false)]
        permissions.set_readonly(false);
        fs::set_permissions(&path, permissions).unwrap();
        fs::remove_dir_all(&dir).unwrap();
    }
}
