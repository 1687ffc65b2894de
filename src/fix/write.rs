//! Writing a fixed file without ever leaving it half-written or losing an edit.
//!
//! [`LockedFile::open`] resolves the path once (a symlink given on the command line is
//! followed then, and never again), opens the file and holds an advisory lock on it
//! while its text is fixed, so a second `tenderlint --fix` on the same file waits and
//! then fixes the first one's result. [`LockedFile::replace`] writes the new text to a
//! temporary file in the same directory (so the rename stays on one file system),
//! created with the original's permissions and flushed to disk, then renames it over
//! the original, but only after checking that the file is still the one read: the same
//! file at the path, the same kind of entry at the path as given, the same contents.
//! Anything else (an editor saving, `echo >>`, a symlink swapped in) refuses the write
//! and the file keeps the other writer's change. A read-only file or a directory that
//! cannot take the temporary file is an error, and the original is not touched.
//!
//! Replacing a file by rename gives it a new inode: other hard links keep the old text,
//! and extended attributes and ACLs are not copied (README, "Fixing").

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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

/// How long to wait for another process fixing the same file.
const LOCK_WAIT: Duration = Duration::from_secs(60);

/// The marker in the names of this program's temporary files.
const TEMP_MARKER: &str = ".tenderlint-";

/// What identifies a directory entry: which file it is and its state.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    device: u64,
    inode: u64,
    symlink: bool,
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl Identity {
    fn of(metadata: &fs::Metadata) -> Identity {
        #[cfg(unix)]
        let (device, inode) = {
            use std::os::unix::fs::MetadataExt;
            (metadata.dev(), metadata.ino())
        };
        #[cfg(not(unix))]
        let (device, inode) = (0, 0);
        Identity {
            device,
            inode,
            symlink: metadata.file_type().is_symlink(),
            len: metadata.len(),
            modified: metadata.modified().ok(),
        }
    }

    fn same_file(&self, other: &Identity) -> bool {
        (self.device, self.inode) == (other.device, other.inode)
    }
}

/// A file opened for fixing: resolved once, locked until dropped.
pub struct LockedFile {
    /// The path as given, and what was there when it was locked.
    given: PathBuf,
    given_entry: Identity,
    link: Option<PathBuf>,
    /// The resolved path the new text is renamed to.
    target: PathBuf,
    file: File,
    contents: Vec<u8>,
}

impl LockedFile {
    /// Resolves `path`, opens and locks the file, and reads it.
    pub fn open(path: &Path) -> Result<LockedFile, WriteError> {
        let failed = |error: io::Error| WriteError::new(describe(&error));
        let started = Instant::now();
        loop {
            let given_entry = Identity::of(&fs::symlink_metadata(path).map_err(failed)?);
            let link = if given_entry.symlink {
                Some(fs::read_link(path).map_err(failed)?)
            } else {
                None
            };
            let target = fs::canonicalize(path).map_err(failed)?;
            let file = File::open(&target).map_err(failed)?;
            wait_for_lock(&file, started)?;
            // Locked, but the path may name a newer file by now (another fix renamed over it).
            let locked = Identity::of(&file.metadata().map_err(failed)?);
            let current = fs::metadata(&target).map(|metadata| Identity::of(&metadata));
            if current.is_ok_and(|current| current.same_file(&locked)) {
                let mut locked_file = LockedFile {
                    given: path.to_path_buf(),
                    given_entry,
                    link,
                    target,
                    file,
                    contents: Vec::new(),
                };
                locked_file.contents = locked_file.read_again().map_err(failed)?;
                return Ok(locked_file);
            }
        }
    }

    /// The file's text as read under the lock; `None` when it is not UTF-8.
    pub fn text(&self) -> Option<&str> {
        std::str::from_utf8(&self.contents).ok()
    }

    /// Whether the path as given is a symlink.
    pub fn through_symlink(&self) -> bool {
        self.link.is_some()
    }

    fn read_again(&mut self) -> io::Result<Vec<u8>> {
        let mut contents = Vec::new();
        self.file.rewind()?;
        self.file.read_to_end(&mut contents)?;
        Ok(contents)
    }

    /// Replaces the file's contents with `contents`, atomically, when the file is still
    /// the one read and `contents` is at most `max_size` bytes.
    pub fn replace(mut self, contents: &str, max_size: u64) -> Result<(), WriteError> {
        if contents.len() as u64 > max_size {
            return Err(WriteError::new(format!(
                "the fixed file would be {} bytes, more than --max-file-size ({max_size})",
                contents.len()
            )));
        }
        let metadata = self
            .file
            .metadata()
            .map_err(|error| WriteError::new(describe(&error)))?;
        if metadata.permissions().readonly() {
            return Err(WriteError::new("the file is read-only"));
        }
        // Replacing a file one may not write would succeed through the rename: ask first.
        if let Err(error) = OpenOptions::new().write(true).open(&self.target) {
            return Err(WriteError::new(match error.kind() {
                io::ErrorKind::PermissionDenied => {
                    "the file is not writable (permission denied)".to_owned()
                }
                _ => describe(&error),
            }));
        }
        let directory = self
            .target
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let file_name = self
            .target
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        remove_stale_temporaries(&directory, &file_name);
        let (temp_path, mut temp) = create_temp(&directory, &file_name, &metadata)?;
        let written = write_contents(&mut temp, contents, &metadata)
            .map_err(|error| format!("could not replace the file: {}", describe(&error)))
            .and_then(|()| self.still_as_read())
            .and_then(|()| {
                fs::rename(&temp_path, &self.target)
                    .map_err(|error| format!("could not replace the file: {}", describe(&error)))
            });
        if let Err(message) = written {
            let _ = fs::remove_file(&temp_path);
            return Err(WriteError::new(message));
        }
        sync_directory(&directory);
        Ok(())
    }

    /// `Err` unless the path as given, the file at the resolved path and its contents are
    /// all as they were when the file was locked and read.
    fn still_as_read(&mut self) -> Result<(), String> {
        let changed = || {
            "the file changed while it was being fixed (another program wrote it or replaced it); \
             it was left as that program left it: run --fix again"
                .to_owned()
        };
        let given = fs::symlink_metadata(&self.given).map_err(|_| changed())?;
        let given = Identity::of(&given);
        let link = if given.symlink {
            fs::read_link(&self.given).ok()
        } else {
            None
        };
        let entry_kept = given.symlink == self.given_entry.symlink
            && (given.symlink || given.same_file(&self.given_entry))
            && link == self.link;
        let locked = self.file.metadata().map(|metadata| Identity::of(&metadata));
        let at_target = fs::metadata(&self.target).map(|metadata| Identity::of(&metadata));
        let same_file = matches!((&locked, &at_target), (Ok(a), Ok(b)) if a.same_file(b));
        if !entry_kept || !same_file {
            return Err(changed());
        }
        match self.read_again() {
            Ok(contents) if contents == self.contents => Ok(()),
            _ => Err(changed()),
        }
    }
}

/// Takes the file's exclusive advisory lock, waiting up to [`LOCK_WAIT`] for another
/// process that holds it.
fn wait_for_lock(file: &File, started: Instant) -> Result<(), WriteError> {
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(WriteError::new(format!(
                    "another process has held the file's lock for {} seconds",
                    LOCK_WAIT.as_secs()
                )));
            }
            Err(fs::TryLockError::Error(error)) => {
                return Err(WriteError::new(format!(
                    "could not lock the file: {}",
                    describe(&error)
                )));
            }
        }
    }
}

/// Removes temporary files of `file_name` left by a tenderlint run that no longer exists
/// (killed mid-write); others' files and those of running processes are left alone.
fn remove_stale_temporaries(directory: &Path, file_name: &str) {
    let prefix = format!(".{file_name}{TEMP_MARKER}");
    let Ok(entries) = fs::read_dir(directory) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(rest) = name
            .to_str()
            .and_then(|name| name.strip_prefix(&prefix))
            .and_then(|rest| rest.strip_suffix(".tmp"))
        else {
            continue;
        };
        let Some(pid) = rest
            .split('-')
            .next()
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !process_exists(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id runs; `true` where that cannot be told, so nothing is removed.
fn process_exists(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

/// Creates a new, uniquely named temporary file beside the target, with the target's
/// permission bits from the start (never wider, even for a moment).
fn create_temp(
    directory: &Path,
    file_name: &str,
    original: &fs::Metadata,
) -> Result<(PathBuf, File), WriteError> {
    let pid = std::process::id();
    for attempt in 0..100 {
        let path = directory.join(format!(".{file_name}{TEMP_MARKER}{pid}-{attempt}.tmp"));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            options.mode(original.permissions().mode() & 0o7777);
        }
        #[cfg(not(unix))]
        let _ = original;
        match options.open(&path) {
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
    // The umask may have narrowed the mode at creation: set it exactly (only ever wider).
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

    /// The names in `dir`: only the file itself, no temporary left behind.
    fn entries(dir: &Path) -> Vec<std::ffi::OsString> {
        fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect()
    }

    #[test]
    fn replaces_the_contents_and_leaves_no_temporary_file() {
        let dir = scratch("replace");
        let path = dir.join("a.tender.yaml");
        fs::write(&path, "old\n").unwrap();
        LockedFile::open(&path)
            .unwrap()
            .replace("new\r\n", u64::MAX)
            .unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\r\n");
        assert_eq!(entries(&dir), ["a.tender.yaml"]);
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
        LockedFile::open(&link)
            .unwrap()
            .replace("new\n", u64::MAX)
            .unwrap();
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
    fn refuses_a_file_changed_since_it_was_read_and_keeps_the_change() {
        let dir = scratch("changed");
        let path = dir.join("a.tender.yaml");
        fs::write(&path, "old\n").unwrap();
        let locked = LockedFile::open(&path).unwrap();
        // A writer that ignores the lock appends in place.
        fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"# note\n")
            .unwrap();
        let error = locked.replace("new\n", u64::MAX).unwrap_err();
        assert!(error.message.starts_with("the file changed"), "{error:?}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\n# note\n");
        assert_eq!(entries(&dir), ["a.tender.yaml"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_symlink_swapped_in() {
        let dir = scratch("swap");
        let path = dir.join("a.tender.yaml");
        let other = dir.join("other.yaml");
        fs::write(&path, "old\n").unwrap();
        fs::write(&other, "precious\n").unwrap();
        let locked = LockedFile::open(&path).unwrap();
        fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink(&other, &path).unwrap();
        assert!(locked.replace("new\n", u64::MAX).is_err());
        assert_eq!(fs::read_to_string(&other).unwrap(), "precious\n");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn respects_the_size_limit_and_removes_stale_temporaries() {
        let dir = scratch("limits");
        let path = dir.join("a.tender.yaml");
        fs::write(&path, "old\n").unwrap();
        // A temporary left by a killed run (no such process), and one of another program.
        let stale = dir.join(format!(".a.tender.yaml{TEMP_MARKER}4294967295-0.tmp"));
        let foreign = dir.join(".a.tender.yaml.swp");
        fs::write(&stale, "half").unwrap();
        fs::write(&foreign, "x").unwrap();
        let error = LockedFile::open(&path)
            .unwrap()
            .replace("new\n", 3)
            .unwrap_err();
        assert!(error.message.contains("--max-file-size"), "{error:?}");
        LockedFile::open(&path)
            .unwrap()
            .replace("new\n", 4)
            .unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert_eq!(stale.exists(), !Path::new("/proc/self").exists());
        assert!(foreign.exists());
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
        let error = LockedFile::open(&path)
            .unwrap()
            .replace("new\n", u64::MAX)
            .unwrap_err();
        assert_eq!(error.message, "the file is read-only");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\n");
        #[allow(clippy::permissions_set_readonly_false)]
        permissions.set_readonly(false);
        fs::set_permissions(&path, permissions).unwrap();
        fs::remove_dir_all(&dir).unwrap();
    }
}
