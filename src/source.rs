//! Reading tender sources: size guard, UTF-8 with a located error, line index.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::diagnostic::Edit;
use crate::span::Span;

/// Default for `--max-file-size`: tenders are kilobytes; 10 MB is already hostile.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

const UTF8_BOM: &str = "\u{feff}";

/// One tender file's text and where it came from.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown in diagnostics (the path as given, or `--stdin-filename`).
    pub name: String,
    /// The path on disk, `None` for standard input.
    pub path: Option<PathBuf>,
    /// The full text as read, a UTF-8 BOM included; spans index into this.
    pub text: String,
    line_starts: Vec<usize>,
    /// Lines of the whole file before `text`: a notice read from a JSON Lines file or a
    /// release package holds only its own lines, numbered as in the file.
    lines_before: usize,
    /// For a published notice: what was inferred from it (shown in JSON and verbose output).
    pub notice: Option<std::sync::Arc<crate::read::ocds::NoticeInfo>>,
    /// The number of characters before each [`CHECKPOINT`]-byte block of the text: a column
    /// more than a block from its line's start is counted from the nearest block start, not
    /// from the start of a (possibly multi-megabyte) line, so locating every finding stays
    /// linear in the file's size. Made on the first such column: most texts have none
    /// (and the fixer makes a source of every candidate text).
    char_checkpoints: OnceLock<Vec<usize>>,
}

/// Bytes between two character-count checkpoints.
const CHECKPOINT: usize = 1024;

/// Why a source could not be read; `offset` locates encoding problems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub message: String,
    pub offset: Option<usize>,
    /// For invalid UTF-8, the text with bad bytes replaced; `offset` indexes into it (the text
    /// before the first bad byte is unchanged), so the error can be shown in place.
    pub lossy_text: Option<String>,
}

impl ReadError {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            offset: None,
            lossy_text: None,
        }
    }
}

/// Whether the LF or CR at `index` ends a line as YAML reads them (LF, CRLF, a lone CR): a CR
/// followed by LF does not, the LF after it does.
pub(crate) fn ends_line(bytes: &[u8], index: usize) -> bool {
    bytes[index] == b'\n' || bytes.get(index + 1) != Some(&b'\n')
}

impl SourceFile {
    pub fn new(name: impl Into<String>, path: Option<PathBuf>, text: String) -> Self {
        // YAML breaks lines at LF, CRLF and a lone CR; line numbers must agree with the parser's.
        let bytes = text.as_bytes();
        // Sized for tender lines (under 40 bytes on average): grown a line at a time, the
        // list was reallocated a dozen times a file.
        let mut line_starts = Vec::with_capacity(bytes.len() / 32 + 1);
        line_starts.push(0);
        if memchr::memchr(b'\r', bytes).is_none() {
            // Most files break lines at LF alone; one byte is searched for faster than two.
            line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|index| index + 1));
        } else {
            line_starts.extend(
                memchr::memchr2_iter(b'\n', b'\r', bytes)
                    .filter(|&index| ends_line(bytes, index))
                    .map(|index| index + 1),
            );
        }
        Self {
            name: name.into(),
            path,
            text,
            line_starts,
            lines_before: 0,
            notice: None,
            char_checkpoints: OnceLock::new(),
        }
    }

    /// `text`, made of this text by `edits` (sorted, apart, offsets into this text), read as
    /// [`SourceFile::new`] reads it, under this file's name and path. The line starts between
    /// edits are this text's, moved; only the edits' own text, and the last byte before each
    /// (a CR ends a line or not by the byte after it), are searched for line breaks: the fix
    /// engine makes a source of every text it checks, and searching the whole of each was 1%
    /// of a run.
    pub fn edited(&self, edits: &[Edit], text: String) -> SourceFile {
        let bytes = text.as_bytes();
        let old = &self.line_starts;
        let mut starts = Vec::with_capacity(old.len() + 2 * edits.len());
        starts.push(0);
        let breaks_in = |range: std::ops::Range<usize>, starts: &mut Vec<usize>| {
            starts.extend(
                memchr::memchr2_iter(b'\n', b'\r', &bytes[range.clone()])
                    .map(|index| range.start + index)
                    .filter(|&index| ends_line(bytes, index))
                    .map(|index| index + 1),
            );
        };
        // Where the unchanged stretch now being copied starts, in this text, and how far it moved.
        let mut from = 0;
        let mut moved = 0isize;
        let end = Edit::insert(self.text.len(), "");
        for edit in edits.iter().chain([&end]) {
            let until = edit.span.start;
            if until > from {
                // A line start strictly inside the stretch is decided by bytes inside it.
                let first = old.partition_point(|&start| start <= from);
                let last = old.partition_point(|&start| start < until);
                starts.extend(
                    old[first..last]
                        .iter()
                        .map(|&start| start.wrapping_add_signed(moved)),
                );
                let last_byte = (until - 1).wrapping_add_signed(moved);
                breaks_in(last_byte..last_byte + 1, &mut starts);
            }
            let at = until.wrapping_add_signed(moved);
            breaks_in(at..at + edit.replacement.len(), &mut starts);
            moved += edit.replacement.len() as isize - (edit.span.end - edit.span.start) as isize;
            from = edit.span.end;
        }
        debug_assert_eq!(self.text.len().wrapping_add_signed(moved), text.len());
        Self {
            name: self.name.clone(),
            path: self.path.clone(),
            text,
            line_starts: starts,
            lines_before: 0,
            notice: None,
            char_checkpoints: OnceLock::new(),
        }
    }

    /// The same text, numbered as lines `lines_before + 1 ...` of a larger file.
    pub fn numbered_after(mut self, lines_before: usize) -> Self {
        self.lines_before = lines_before;
        self
    }

    /// Reads a file from disk, refusing anything larger than `max_size` bytes before reading
    /// it, and anything that is not a regular file (a FIFO or a device could block or never end).
    pub fn read(path: &Path, max_size: u64) -> Result<SourceFile, ReadError> {
        let plain = ReadError::new;
        let metadata = std::fs::metadata(path).map_err(|error| plain(describe_io_error(&error)))?;
        if metadata.is_dir() {
            return Err(plain("is a directory, not a tender file".to_owned()));
        }
        refuse_special(&metadata)?;
        if metadata.len() > max_size {
            // Refused before opening: a huge (or sparse) file is never read.
            return Err(plain(too_large(max_size)));
        }
        let file = open_nonblocking(path).map_err(|error| plain(describe_io_error(&error)))?;
        // Checked again on the open file: the path may have been replaced since.
        let metadata = file
            .metadata()
            .map_err(|error| plain(describe_io_error(&error)))?;
        refuse_special(&metadata)?;
        let bytes = read_limited(file, metadata.len(), max_size)
            .map_err(|error| plain(describe_io_error(&error)))?;
        Self::from_bytes(
            display_name(path),
            Some(path.to_path_buf()),
            bytes,
            max_size,
        )
    }

    /// Reads standard input under the same size guard.
    pub fn read_stdin(name: &str, max_size: u64) -> Result<SourceFile, ReadError> {
        let bytes = read_limited(std::io::stdin().lock(), 0, max_size)
            .map_err(|error| ReadError::new(describe_io_error(&error)))?;
        Self::from_bytes(name.to_owned(), None, bytes, max_size)
    }

    fn from_bytes(
        name: String,
        path: Option<PathBuf>,
        bytes: Vec<u8>,
        max_size: u64,
    ) -> Result<SourceFile, ReadError> {
        if bytes.len() as u64 > max_size {
            return Err(ReadError::new(too_large(max_size)));
        }
        let text = decode(bytes)?;
        Ok(SourceFile::new(name, path, text))
    }

    /// The text after any UTF-8 byte order mark, and the mark's length.
    pub fn content(&self) -> (&str, usize) {
        match self.text.strip_prefix(UTF8_BOM) {
            Some(rest) => (rest, UTF8_BOM.len()),
            None => (&self.text, 0),
        }
    }

    /// The byte offset of a 1-based line and column (in characters), if the file has them.
    pub fn offset_of(&self, line: usize, column: usize) -> Option<usize> {
        let line = line.checked_sub(self.lines_before)?;
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next);
        let text = &self.text[start..end];
        let skip = column.checked_sub(1)?;
        match text.char_indices().nth(skip) {
            Some((index, _)) => Some(start + index),
            // Just past the last character: the end of the line (or of the file).
            None if text.chars().count() == skip => Some(end),
            None => None,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line];
        let offset = floor_char_boundary(&self.text, offset);
        let column = if offset - line_start <= CHECKPOINT {
            count_chars(&self.text.as_bytes()[line_start..offset])
        } else {
            self.chars_before(offset) - self.chars_before(line_start)
        };
        (self.lines_before + line + 1, column + 1)
    }

    /// [`SourceFile::line_col`] of a span's start and of its end. Printers want both for every
    /// finding; an end on the start's line is counted on from the start.
    pub fn span_line_cols(&self, span: Span) -> ((usize, usize), (usize, usize)) {
        let start = self.line_col(span.start);
        let from = floor_char_boundary(&self.text, span.start.min(self.text.len()));
        let to = span.end.min(self.text.len());
        let next_line = self
            .line_starts
            .get(start.0 - self.lines_before)
            .copied()
            .unwrap_or(usize::MAX);
        if from <= to && to < next_line {
            let to = floor_char_boundary(&self.text, to);
            let column = start.1 + count_chars(&self.text.as_bytes()[from..to]);
            return (start, (start.0, column));
        }
        (start, self.line_col(span.end))
    }

    /// The number of characters in `text[..offset]`, `offset` a character boundary.
    fn chars_before(&self, offset: usize) -> usize {
        let checkpoints = self.char_checkpoints.get_or_init(|| {
            let mut chars = 0;
            std::iter::once(0)
                .chain(self.text.as_bytes().chunks(CHECKPOINT).map(|block| {
                    chars += count_chars(block);
                    chars
                }))
                .collect()
        });
        let block = offset / CHECKPOINT;
        checkpoints[block] + count_chars(&self.text.as_bytes()[block * CHECKPOINT..offset])
    }

    /// Byte offset of the start of the line holding `offset`.
    pub fn line_start(&self, offset: usize) -> usize {
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        self.line_starts[line]
    }

    /// The text of 1-based line `line`, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let index = line.wrapping_sub(self.lines_before).wrapping_sub(1);
        if index >= self.line_starts.len() {
            return "";
        }
        self.line_at(index).1
    }

    /// The lines from the one holding `offset` to the end of the text: each line's start
    /// offset and its text without its line ending (as [`SourceFile::line_text`] gives it).
    pub fn lines_from(&self, offset: usize) -> impl Iterator<Item = (usize, &str)> {
        let first = self.line_starts.partition_point(|&start| start <= offset) - 1;
        (first..self.line_starts.len()).map(|index| self.line_at(index))
    }

    /// The start and text (without its line ending) of the line at `index` of `line_starts`.
    fn line_at(&self, index: usize) -> (usize, &str) {
        let start = self.line_starts[index];
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |&next| next);
        (start, self.text[start..end].trim_end_matches(['\n', '\r']))
    }

    /// The number of the last line (of the whole file, for a notice cut from a larger one).
    pub fn line_count(&self) -> usize {
        self.lines_before + self.line_starts.len()
    }

    /// Whether `line` (1-based, numbered as in the whole file) is part of this text.
    pub fn has_line(&self, line: usize) -> bool {
        line > self.lines_before && line <= self.line_count()
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
}

/// A path as shown in reports: as written when it is UTF-8 (nearly always, and without the
/// formatter `Display` goes through, which cost a serial millisecond per thousand files), with
/// any other bytes replaced as `Path::display` replaces them.
pub fn display_name(path: &Path) -> String {
    path.to_str()
        .map_or_else(|| path.display().to_string(), str::to_owned)
}

/// Characters in UTF-8 `bytes` cut anywhere: the bytes that are not continuation bytes.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&byte| (byte as i8) >= -0x40).count()
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Reads at most `max_size + 1` bytes so an oversized input is detected without reading it all.
/// `expected` (the file's size, when known) sizes the buffer: the text is kept until the run's
/// output is printed, so a buffer grown by doubling would hold up to twice its memory.
fn read_limited(reader: impl Read, expected: u64, max_size: u64) -> std::io::Result<Vec<u8>> {
    let capacity = usize::try_from(expected.min(max_size)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)?;
    bytes.shrink_to_fit();
    Ok(bytes)
}

/// Decodes UTF-8, naming the first bad byte; UTF-16 gets its own explanation.
fn decode(bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ReadError {
            message: "is encoded as UTF-16; tender files must be UTF-8 (re-save the file as UTF-8)"
                .to_owned(),
            offset: Some(0),
            lossy_text: None,
        });
    }
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        // The prefix up to `offset` is valid UTF-8, so line and column can be counted in it.
        let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
        ReadError {
            message: format!(
                "not valid UTF-8: byte 0x{:02X} at line {line}, column {column} (byte offset {offset}); tender files must be UTF-8",
                bytes[offset]
            ),
            offset: Some(offset),
            lossy_text: Some(String::from_utf8_lossy(bytes).into_owned()),
        }
    })
}

fn too_large(max_size: u64) -> String {
    format!(
        "is larger than the {} limit; raise it with --max-file-size if this is really a tender",
        human_size(max_size)
    )
}

/// Opens for reading without waiting for a writer: opening a FIFO otherwise blocks until
/// one appears. Reads from a regular file are unaffected by the flag.
#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// A tender is a regular file: a FIFO, socket or device is refused by name.
fn refuse_special(metadata: &std::fs::Metadata) -> Result<(), ReadError> {
    if metadata.is_file() {
        return Ok(());
    }
    #[cfg(unix)]
    let kind = {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            "a FIFO (named pipe)"
        } else if kind.is_socket() {
            "a socket"
        } else if kind.is_char_device() || kind.is_block_device() {
            "a device"
        } else {
            "a special file"
        }
    };
    #[cfg(not(unix))]
    let kind = "a special file";
    Err(ReadError::new(format!(
        "is {kind}, not a regular file: only files are read (use `-` for standard input)"
    )))
}

fn describe_io_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}

pub fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A span's two positions are the ones `line_col` gives each end, on every span of texts
    /// with LF, CRLF, lone CRs, multi-byte characters and lines longer than a checkpoint block.
    #[test]
    fn span_line_cols_agree_with_line_col() {
        let long = "é".repeat(700);
        for text in [
            "",
            "a",
            "ab\ncd\r\nef\rgh\n",
            "é\nü\r\n\r\nx",
            long.as_str(),
        ] {
            let text = format!("{text}\n{long}x\r{text}");
            let source = SourceFile::new("t", None, text.clone()).numbered_after(3);
            let offsets: Vec<usize> = (0..=text.len() + 1)
                .step_by(23)
                .chain([text.len()])
                .collect();
            for &start in &offsets {
                for &end in &offsets {
                    let span = Span { start, end };
                    assert_eq!(
                        source.span_line_cols(span),
                        (source.line_col(start), source.line_col(end)),
                        "{span:?}"
                    );
                }
            }
        }
    }

    /// An edited source has the line starts a fresh read of its text has, whatever the edits
    /// do to line breaks: CRLF pairs split or joined at an edit's edge, breaks removed,
    /// added, at the start and at the end of the text, edits side by side.
    #[test]
    fn an_edited_source_has_the_line_starts_of_its_text_read_afresh() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        const PIECES: [&str; 6] = ["a", "\n", "\r", "\r\n", "é", "  x: 1"];
        for _ in 0..20_000 {
            let piece = |length: usize, next: &mut dyn FnMut(usize) -> usize| -> String {
                (0..length).map(|_| PIECES[next(PIECES.len())]).collect()
            };
            let length = next(12);
            let text = piece(length, &mut next);
            let source = SourceFile::new("t", None, text.clone());
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|&at| text.is_char_boundary(at))
                .collect();
            let mut points: Vec<usize> = (0..next(5) * 2)
                .map(|_| boundaries[next(boundaries.len())])
                .collect();
            points.sort_unstable();
            let edits: Vec<Edit> = points
                .chunks(2)
                .map(|pair| {
                    let length = next(4);
                    Edit::replace(Span::new(pair[0], pair[1]), piece(length, &mut next))
                })
                .collect();
            let edited = crate::fix::apply_edits(&text, &edits);
            let afresh = SourceFile::new("t", None, edited.clone());
            assert_eq!(
                source.edited(&edits, edited).line_starts,
                afresh.line_starts,
                "{text:?} {edits:?}"
            );
        }
    }

    /// A UTF-8 path is shown as written, any other as `Path::display` shows it.
    #[test]
    fn display_names_are_what_display_writes() {
        let mut paths = vec![PathBuf::from("a/b c/é.tender.yaml"), PathBuf::from("")];
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            paths.push(PathBuf::from(std::ffi::OsStr::from_bytes(
                b"bad\xff\xfe.tender.yaml",
            )));
        }
        for path in paths {
            assert_eq!(display_name(&path), path.display().to_string());
        }
    }

    /// `lines_from` gives the lines `line_text` gives, with their starts, from any offset.
    #[test]
    fn lines_from_an_offset_are_the_numbered_lines() {
        for text in [
            "",
            "a",
            "a\nb",
            "a\r\nb\r\n",
            "a\rb\r\rc",
            "\n\nx\n",
            "é\n日本\r\n",
        ] {
            let source = SourceFile::new("t", None, text.to_owned());
            for offset in 0..=text.len() {
                let (first, _) = source.line_col(offset);
                let expected: Vec<(usize, &str)> = (first..=source.line_count())
                    .map(|line| {
                        let start = source.offset_of(line, 1).unwrap();
                        (start, source.line_text(line))
                    })
                    .collect();
                let found: Vec<(usize, &str)> = source.lines_from(offset).collect();
                assert_eq!(found, expected, "{text:?} from {offset}");
            }
        }
    }

    #[test]
    fn maps_offsets_to_lines_and_columns() {
        let source = SourceFile::new("t", None, "ab\ncdé\nf".to_owned());
        assert_eq!(source.line_col(0), (1, 1));
        assert_eq!(source.line_col(3), (2, 1));
        assert_eq!(source.line_col(8), (3, 1));
        assert_eq!(source.line_col(7), (2, 4));
        assert_eq!(source.line_text(2), "cdé");
    }

    #[test]
    fn counts_columns_across_checkpoints() {
        for length in [CHECKPOINT - 1, CHECKPOINT, 3 * CHECKPOINT + 7] {
            let line: String = "aé€😀".chars().cycle().take(length).collect();
            let text = format!("x\n{line}\n{line}");
            let source = SourceFile::new("t", None, text.clone());
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let line_start = source.line_start(offset);
                let column = text[line_start..offset].chars().count() + 1;
                assert_eq!(source.line_col(offset).1, column, "offset {offset}");
            }
        }
    }

    #[test]
    fn a_lone_carriage_return_breaks_lines_as_in_yaml() {
        let source = SourceFile::new("t", None, "a\r\nb\rc\nd".to_owned());
        assert_eq!(source.line_count(), 4);
        assert_eq!(source.line_col(5), (3, 1));
        assert_eq!(source.line_text(1), "a");
        assert_eq!(source.line_text(2), "b");
    }

    #[test]
    fn converts_lines_and_columns_back_to_offsets() {
        let source = SourceFile::new("t", None, "ab\ncdé\nf".to_owned());
        assert_eq!(source.offset_of(1, 1), Some(0));
        assert_eq!(source.offset_of(2, 3), Some(5));
        assert_eq!(source.offset_of(2, 4), Some(7));
        assert_eq!(source.offset_of(3, 2), Some(9));
        assert_eq!(source.offset_of(3, 3), None);
        assert_eq!(source.offset_of(4, 1), None);
        assert_eq!(source.offset_of(0, 1), None);
    }

    #[test]
    fn reports_the_first_invalid_byte() {
        let error = decode(b"tender:\n  id: \xff\n".to_vec()).unwrap_err();
        assert_eq!(error.offset, Some(14));
        let text = error.lossy_text.unwrap();
        assert_eq!(&text[..14], "tender:\n  id: ");
        assert!(text[14..].starts_with('\u{fffd}'));
    }

    #[test]
    fn a_text_cut_from_a_larger_file_keeps_the_file_s_line_numbers() {
        let source =
            SourceFile::new("f.jsonl#x:41", None, "{\"a\":\n 1}\n".to_owned()).numbered_after(40);
        assert_eq!(source.line_col(0), (41, 1));
        assert_eq!(source.line_col(7), (42, 2));
        assert_eq!(source.line_text(42), " 1}");
        assert_eq!(source.offset_of(42, 2), Some(7));
        assert_eq!(source.line_text(3), "");
        assert!(source.has_line(41) && !source.has_line(40) && !source.has_line(44));
    }
}
