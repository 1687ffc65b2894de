//! A fast reader for the part of YAML that tender files are written in: block mappings and
//! sequences, one-line plain and quoted scalars, one-line flow collections, literal and folded
//! block scalars, comments. It builds the same tree, with the same spans, as the reader on
//! saphyr-parser's events ([`super::load`]), several times faster, and gives up (`None`) on
//! anything else: anchors, tags, documents, multi-line plain or quoted scalars, escapes,
//! tabs, unusual characters, anything that might be an error. The caller then reads the text
//! with saphyr-parser, so every error is still found and reported by one parser.
//!
//! It never decides that a text is wrong: a text it cannot read exactly is handed on. The
//! tests compare both readers on the YAML test suite, the examples, the benchmark corpus and
//! mutated tenders (tests/fast_reader.rs).

use std::borrow::Cow;

use super::{
    Loaded, MAX_DEPTH, MAX_NODES, ScalarStyle, StoredNode, StoredScalar, StoredText, StoredValue,
    TreeBuilder,
};
use crate::byte_words::bytes_equal;
use crate::span::Span;

/// The text is outside the subset this reader knows to read exactly.
struct Outside;

type Read<T> = Result<T, Outside>;

/// The tree of `text`, or `None` when saphyr-parser must read it.
pub(super) fn read(text: &str) -> Option<Loaded<'_>> {
    if !plain_characters(text.as_bytes()) {
        return None;
    }
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        indent: None,
        nodes: 0,
        errors: Vec::new(),
        tree: TreeBuilder::for_text(text.len()),
    };
    let root = reader.document().ok()?;
    Some(reader.tree.finish(Some(root), reader.errors))
}

/// Only line feeds, printable ASCII and UTF-8 that YAML reads as ordinary characters: no tab,
/// carriage return or other control character, no byte order mark, no C1 control (U+0085 is
/// a line break to YAML 1.1 readers), no U+2028/U+2029, no noncharacter U+FFFE/U+FFFF. The
/// text must end with a line break, so the end of every block scalar is unambiguous.
fn plain_characters(bytes: &[u8]) -> bool {
    if bytes.last() != Some(&b'\n') {
        return false;
    }
    // A chunk at a time while it is printable ASCII or line feeds; a chunk with anything
    // else goes through the byte-by-byte check.
    let plain_from = |start: usize, end: usize| (start..end).all(|at| plain_character(bytes, at));
    let mut start = 0;
    for chunk in bytes.chunks_exact(ASCII_CHUNK) {
        if !ascii_text(chunk) && !plain_from(start, start + ASCII_CHUNK) {
            return false;
        }
        start += ASCII_CHUNK;
    }
    plain_from(start, bytes.len())
}

/// Bytes tested together by [`ascii_text`]: a length the compiler turns into a few vector
/// instructions.
const ASCII_CHUNK: usize = 32;

/// Whether a chunk is all printable ASCII or line feeds. Every byte is tested (no early
/// exit), so the test runs on whole vectors.
fn ascii_text(chunk: &[u8]) -> bool {
    chunk
        .iter()
        .fold(true, |ascii, &byte| ascii & ascii_character(byte))
}

/// Printable ASCII (0x20..=0x7E) or a line feed.
fn ascii_character(byte: u8) -> bool {
    byte == b'\n' || byte.wrapping_sub(b' ') < 0x5F
}

/// The byte at `index`, seen in its UTF-8 sequence, is one this reader reads as text.
// Inlined: it runs on every byte of a chunk that is not all ASCII.
#[inline(always)]
fn plain_character(bytes: &[u8], index: usize) -> bool {
    match bytes[index] {
        byte if ascii_character(byte) => true,
        0xC2 => !matches!(bytes.get(index + 1), Some(0x80..=0x9F)),
        0xE2 => {
            !(bytes.get(index + 1) == Some(&0x80)
                && matches!(bytes.get(index + 2), Some(0xA8 | 0xA9)))
        }
        0xEF => !matches!(
            (bytes.get(index + 1), bytes.get(index + 2)),
            (Some(0xBB), Some(0xBF)) | (Some(0xBF), Some(0xBE | 0xBF))
        ),
        0x80.. => true,
        _ => false,
    }
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// Where reading is: after a value, the first character of the next line with content.
    pos: usize,
    /// The indentation of the line `pos` is on, once a value has been read; `None` at the end.
    indent: Option<usize>,
    nodes: usize,
    errors: Vec<crate::parse::ParseError>,
    tree: TreeBuilder<'a>,
}

impl<'a> Reader<'a> {
    fn document(&mut self) -> Read<StoredNode<'a>> {
        self.pos = 0;
        self.next_content_line()?;
        if self.indent != Some(0) {
            return Err(Outside);
        }
        let root = self.block_node(0, 0)?;
        match self.indent {
            None => Ok(root),
            Some(_) => Err(Outside),
        }
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    fn line_end(&self, from: usize) -> usize {
        memchr::memchr(b'\n', &self.bytes[from..]).map_or(self.bytes.len(), |end| from + end)
    }

    /// The first `:`, `#` or line feed from `at` on (where a plain scalar in block context
    /// may end or turn into a key), or the end of the text. Most plain values run to the end
    /// of their line, which a vector search finds in a few steps.
    fn skip_to_block_stop(&self, at: usize) -> usize {
        memchr::memchr3(b':', b'#', b'\n', &self.bytes[at..])
            .map_or(self.bytes.len(), |found| at + found)
    }

    /// The first byte from `at` on that is one of [`FLOW_STOPS`], or the end of the text:
    /// eight bytes at a time, as keys are a dozen bytes long.
    fn skip_to_flow_stop(&self, mut at: usize) -> usize {
        while let Some(chunk) = self.bytes.get(at..at + 8) {
            let stops = flow_stops_in(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
            if stops != 0 {
                return at + stops.trailing_zeros() as usize / 8;
            }
            at += 8;
        }
        self.bytes[at..]
            .iter()
            .position(|&byte| FLOW_STOPS[usize::from(byte)])
            .map_or(self.bytes.len(), |found| at + found)
    }

    fn count_node(&mut self) -> Read<()> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(Outside);
        }
        Ok(())
    }

    /// From the start of a line, skips blank and comment lines; `pos` is then the first
    /// character of a line with content and `indent` its indentation, or `indent` is `None`
    /// at the end of the text. Document markers and directives are handed on.
    fn next_content_line(&mut self) -> Read<()> {
        loop {
            let start = self.pos;
            if start >= self.bytes.len() {
                self.indent = None;
                return Ok(());
            }
            let mut at = start;
            while self.byte(at) == Some(b' ') {
                at += 1;
            }
            match self.byte(at) {
                Some(b'\n') => self.pos = at + 1,
                Some(b'#') => self.pos = self.line_end(at) + 1,
                Some(first) => {
                    if at == start && is_marker_line(first, &self.bytes[at..]) {
                        return Err(Outside);
                    }
                    self.pos = at;
                    self.indent = Some(at - start);
                    return Ok(());
                }
                None => {
                    self.pos = at;
                    self.indent = None;
                    return Ok(());
                }
            }
        }
    }

    /// After a value: spaces and a comment may end the line; then on to the next content.
    fn end_line(&mut self) -> Read<()> {
        let mut at = self.pos;
        while self.byte(at) == Some(b' ') {
            at += 1;
        }
        match self.byte(at) {
            Some(b'\n') => self.pos = at + 1,
            Some(b'#') if at > self.pos => self.pos = self.line_end(at) + 1,
            _ => return Err(Outside),
        }
        self.next_content_line()
    }

    /// A value that ends its line may not be followed by a line indented more than the
    /// collection that holds it (`owner`): that would continue it, or be an error.
    fn end_scalar_line(&mut self, owner: usize) -> Read<()> {
        self.end_line()?;
        match self.indent {
            Some(indent) if indent > owner => Err(Outside),
            _ => Ok(()),
        }
    }

    fn column(&self) -> usize {
        let line_start = memchr::memrchr(b'\n', &self.bytes[..self.pos]).map_or(0, |at| at + 1);
        self.pos - line_start
    }

    /// A block mapping or sequence starting at `pos`, at column `indent`.
    fn block_node(&mut self, indent: usize, depth: usize) -> Read<StoredNode<'a>> {
        if depth + 2 >= MAX_DEPTH {
            return Err(Outside);
        }
        if self.at_dash() {
            self.block_sequence(indent, depth)
        } else {
            self.block_mapping(indent, depth)
        }
    }

    /// `-` followed by a space or the end of its line: a block sequence entry.
    fn at_dash(&self) -> bool {
        self.byte(self.pos) == Some(b'-') && matches!(self.byte(self.pos + 1), Some(b' ' | b'\n'))
    }

    fn block_mapping(&mut self, indent: usize, depth: usize) -> Read<StoredNode<'a>> {
        self.count_node()?;
        let span = Span::point(self.pos);
        self.tree.open_mapping();
        loop {
            let key = self.block_key()?;
            let value = self.mapping_value(indent, depth + 1)?;
            self.tree.push_entry(key, value);
            match self.indent {
                Some(next) if next == indent => {
                    if self.at_dash() {
                        return Err(Outside);
                    }
                }
                Some(next) if next > indent => return Err(Outside),
                _ => break,
            }
        }
        Ok(StoredNode {
            value: self.tree.close_mapping(&mut self.errors),
            span,
        })
    }

    /// A plain key and its `:`; `pos` is left after the colon.
    fn block_key(&mut self) -> Read<StoredNode<'a>> {
        let start = self.plain_start()?;
        let mut at = start;
        loop {
            at = self.skip_to_flow_stop(at);
            match self.byte(at) {
                Some(b':') if matches!(self.byte(at + 1), Some(b' ' | b'\n')) => break,
                Some(b'#') if self.bytes[at - 1] == b' ' => return Err(Outside),
                Some(b':' | b'#') => at += 1,
                // Flow indicators in a key are legal but unusual: leave them to the parser.
                _ => return Err(Outside),
            }
        }
        let end = trim_spaces_end(self.bytes, start, at);
        // An implicit key is at most 1024 characters long.
        if end - start > 1024 {
            return Err(Outside);
        }
        self.pos = at + 1;
        self.count_node()?;
        Ok(self.plain(start, end))
    }

    /// `pos`, where a plain scalar starts, unless its first character may not start one.
    // Asked for every key and value (70,000 times for 200 files): inlined, 1.4 M fewer
    // instructions in all.
    #[inline(always)]
    fn plain_start(&self) -> Read<usize> {
        let first = self.byte(self.pos).ok_or(Outside)?;
        if starts_plain(first, self.byte(self.pos + 1)) {
            Ok(self.pos)
        } else {
            Err(Outside)
        }
    }

    fn plain(&self, start: usize, end: usize) -> StoredNode<'a> {
        StoredNode {
            value: StoredValue::Scalar(StoredScalar {
                text: StoredText::Written(&self.text[start..end]),
                style: ScalarStyle::Plain,
            }),
            span: Span::new(start, end),
        }
    }

    /// The value after `key:` of a mapping at column `indent`.
    fn mapping_value(&mut self, indent: usize, depth: usize) -> Read<StoredNode<'a>> {
        let after_colon = self.pos;
        self.skip_spaces();
        if matches!(self.byte(self.pos), Some(b'\n' | b'#')) {
            self.pos = after_colon;
            self.end_line()?;
            return match self.indent {
                Some(next) if next > indent => self.block_node(next, depth),
                Some(next) if next == indent && self.at_dash() => {
                    self.indentless_sequence(indent, depth)
                }
                _ => self.empty_value(after_colon),
            };
        }
        self.inline_value(indent, depth)
    }

    /// A key with no value: a null, placed at the colon as saphyr-parser places it.
    fn empty_value(&mut self, after_colon: usize) -> Read<StoredNode<'a>> {
        self.count_node()?;
        Ok(self.plain(after_colon - 1, after_colon - 1))
    }

    fn skip_spaces(&mut self) {
        while self.byte(self.pos) == Some(b' ') {
            self.pos += 1;
        }
    }

    /// A value that starts on the line of its key or `-`: a scalar or flow collection that
    /// ends the line, or a block scalar. `owner` is the column of the collection holding it.
    fn inline_value(&mut self, owner: usize, depth: usize) -> Read<StoredNode<'a>> {
        let first = self.byte(self.pos).ok_or(Outside)?;
        let value = match first {
            b'|' | b'>' => return self.block_scalar(owner),
            b'\'' | b'"' => self.quoted()?,
            b'[' | b'{' => self.flow(depth)?,
            _ => self.block_plain()?,
        };
        self.end_scalar_line(owner)?;
        Ok(value)
    }

    /// A plain scalar that ends at the end of its line or at a comment.
    fn block_plain(&mut self) -> Read<StoredNode<'a>> {
        let start = self.plain_start()?;
        let mut at = start;
        loop {
            at = self.skip_to_block_stop(at);
            match self.byte(at) {
                Some(b':') if matches!(self.byte(at + 1), Some(b' ' | b'\n')) => {
                    return Err(Outside);
                }
                Some(b'#') if self.bytes[at - 1] == b' ' => break,
                Some(b':' | b'#') => at += 1,
                _ => break,
            }
        }
        let end = trim_spaces_end(self.bytes, start, at);
        self.pos = end;
        self.count_node()?;
        Ok(self.plain(start, end))
    }

    /// A single- or double-quoted scalar closed on its own line, without escapes.
    fn quoted(&mut self) -> Read<StoredNode<'a>> {
        let start = self.pos;
        let quote = self.bytes[start];
        let mut at = start + 1;
        let mut doubled = false;
        loop {
            match self.byte(at) {
                Some(b'\n') | None => return Err(Outside),
                Some(b'\\') if quote == b'"' => return Err(Outside),
                Some(b'\'') if quote == b'\'' && self.byte(at + 1) == Some(b'\'') => {
                    doubled = true;
                    at += 2;
                }
                Some(byte) if byte == quote => break,
                _ => at += 1,
            }
        }
        let body = &self.text[start + 1..at];
        let text = if doubled {
            Cow::Owned(body.replace("''", "'"))
        } else {
            Cow::Borrowed(body)
        };
        self.pos = at + 1;
        self.count_node()?;
        Ok(StoredNode {
            value: StoredValue::Scalar(StoredScalar {
                text: self.tree.text(text),
                style: if quote == b'"' {
                    ScalarStyle::DoubleQuoted
                } else {
                    ScalarStyle::SingleQuoted
                },
            }),
            span: Span::new(start, at + 1),
        })
    }

    /// A sequence written at its key's indentation (`key:` then `- item`): saphyr-parser
    /// places its span at the first item's first character, not at the `-`.
    fn indentless_sequence(&mut self, indent: usize, depth: usize) -> Read<StoredNode<'a>> {
        let first_item = self.pos + 1 + self.spaces_from(self.pos + 1);
        if matches!(self.byte(first_item), Some(b'\n' | b'#') | None) {
            return Err(Outside);
        }
        let mut sequence = self.block_sequence(indent, depth)?;
        sequence.span = Span::point(first_item);
        Ok(sequence)
    }

    fn block_sequence(&mut self, indent: usize, depth: usize) -> Read<StoredNode<'a>> {
        self.count_node()?;
        let span = Span::point(self.pos);
        self.tree.open_sequence();
        loop {
            self.pos += 1;
            let after_dash = self.pos;
            self.skip_spaces();
            let item = match self.byte(self.pos) {
                Some(b'\n' | b'#') => {
                    self.pos = after_dash;
                    self.end_line()?;
                    match self.indent {
                        Some(next) if next > indent => self.block_node(next, depth + 1)?,
                        _ => return Err(Outside),
                    }
                }
                _ if self.at_dash() => return Err(Outside),
                _ if self.line_has_key() => {
                    let column = self.column();
                    self.block_mapping(column, depth + 1)?
                }
                _ => self.inline_value(indent, depth + 1)?,
            };
            self.tree.push_item(item);
            match self.indent {
                Some(next) if next == indent && self.at_dash() => {}
                Some(next) if next > indent => return Err(Outside),
                _ => break,
            }
        }
        Ok(StoredNode {
            value: self.tree.close_sequence(),
            span,
        })
    }

    /// Whether the rest of the line, from `pos`, is `key: ...` (so a `- ` starts a mapping).
    fn line_has_key(&self) -> bool {
        let Ok(mut at) = self.plain_start() else {
            return false;
        };
        loop {
            at = self.skip_to_block_stop(at);
            match self.byte(at) {
                Some(b':') if matches!(self.byte(at + 1), Some(b' ' | b'\n')) => return true,
                Some(b'#') if self.bytes[at - 1] == b' ' => return false,
                Some(b':' | b'#') => at += 1,
                _ => return false,
            }
        }
    }

    /// `|` or `>`, with an optional chomping indicator, content indented more than `owner`.
    fn block_scalar(&mut self, owner: usize) -> Read<StoredNode<'a>> {
        let style = if self.bytes[self.pos] == b'|' {
            ScalarStyle::Literal
        } else {
            ScalarStyle::Folded
        };
        self.pos += 1;
        let chomping = match self.byte(self.pos) {
            Some(b'-') => Chomping::Strip,
            Some(b'+') => Chomping::Keep,
            _ => Chomping::Clip,
        };
        if chomping != Chomping::Clip {
            self.pos += 1;
        }
        // The header ends its line (an indentation indicator is left to the parser).
        let mut at = self.pos;
        while self.byte(at) == Some(b' ') {
            at += 1;
        }
        match self.byte(at) {
            Some(b'\n') => {}
            Some(b'#') if at > self.pos => at = self.line_end(at),
            _ => return Err(Outside),
        }
        let mut line = at + 1;
        let content_indent = self.spaces_from(line);
        // Its span starts at its first character, as saphyr-parser's does.
        let start = line + content_indent;
        if content_indent <= owner || matches!(self.byte(start), Some(b'\n') | None) {
            return Err(Outside);
        }
        let mut value = String::new();
        let mut token_end = self.bytes.len();
        let mut blank_lines = 0;
        let mut has_content = false;
        loop {
            let spaces = self.spaces_from(line);
            let first = self.byte(line + spaces);
            if matches!(first, Some(b'\n') | None) {
                if first.is_none() {
                    break;
                }
                if spaces > content_indent {
                    return Err(Outside);
                }
                blank_lines += 1;
                line += spaces + 1;
                continue;
            }
            if spaces < content_indent {
                if spaces > owner {
                    return Err(Outside);
                }
                // saphyr-parser ends the scalar's token after this line's indentation.
                token_end = line + spaces;
                break;
            }
            if style == ScalarStyle::Folded && spaces > content_indent {
                return Err(Outside);
            }
            let end = self.line_end(line);
            if has_content {
                match style {
                    ScalarStyle::Folded if blank_lines == 0 => value.push(' '),
                    ScalarStyle::Folded => {}
                    _ => value.push('\n'),
                }
            }
            for _ in 0..blank_lines {
                value.push('\n');
            }
            blank_lines = 0;
            value.push_str(&self.text[line + content_indent..end]);
            has_content = true;
            line = end + 1;
        }
        match chomping {
            Chomping::Strip => {}
            Chomping::Clip => value.push('\n'),
            Chomping::Keep => {
                for _ in 0..=blank_lines {
                    value.push('\n');
                }
            }
        }
        self.pos = line;
        self.next_content_line()?;
        if matches!(self.indent, Some(next) if next > owner) {
            return Err(Outside);
        }
        self.count_node()?;
        let end = super::block_scalar_end(self.text, Span::new(start, token_end), &value);
        Ok(StoredNode {
            value: StoredValue::Scalar(StoredScalar {
                text: self.tree.text(Cow::Owned(value)),
                style,
            }),
            span: Span::new(start, end),
        })
    }

    fn spaces_from(&self, at: usize) -> usize {
        self.bytes[at.min(self.bytes.len())..]
            .iter()
            .take_while(|&&byte| byte == b' ')
            .count()
    }

    /// A flow mapping or sequence closed on its own line.
    fn flow(&mut self, depth: usize) -> Read<StoredNode<'a>> {
        if depth + 2 >= MAX_DEPTH {
            return Err(Outside);
        }
        self.count_node()?;
        let start = self.pos;
        let mapping = self.bytes[start] == b'{';
        let close = if mapping { b'}' } else { b']' };
        self.pos += 1;
        self.skip_spaces();
        // saphyr-parser's span of the opening bracket runs on over the spaces after it.
        let span = Span::new(start, self.pos);
        if mapping {
            self.tree.open_mapping();
        } else {
            self.tree.open_sequence();
        }
        if self.byte(self.pos) == Some(close) {
            self.pos += 1;
        } else {
            loop {
                if mapping {
                    let key = self.flow_scalar()?;
                    self.skip_spaces();
                    if self.byte(self.pos) != Some(b':') || self.byte(self.pos + 1) != Some(b' ') {
                        return Err(Outside);
                    }
                    self.pos += 1;
                    self.skip_spaces();
                    let value = self.flow_value(depth + 1)?;
                    self.tree.push_entry(key, value);
                } else {
                    let item = self.flow_value(depth + 1)?;
                    self.tree.push_item(item);
                }
                self.skip_spaces();
                match self.byte(self.pos) {
                    Some(b',') => {
                        self.pos += 1;
                        self.skip_spaces();
                        if self.byte(self.pos) == Some(close) {
                            return Err(Outside);
                        }
                    }
                    Some(byte) if byte == close => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(Outside),
                }
            }
        }
        let value = if mapping {
            self.tree.close_mapping(&mut self.errors)
        } else {
            self.tree.close_sequence()
        };
        Ok(StoredNode { value, span })
    }

    fn flow_value(&mut self, depth: usize) -> Read<StoredNode<'a>> {
        match self.byte(self.pos) {
            Some(b'[' | b'{') => self.flow(depth),
            _ => self.flow_scalar(),
        }
    }

    /// A quoted scalar, or a plain one ending at a flow indicator, `: ` or a comment.
    fn flow_scalar(&mut self) -> Read<StoredNode<'a>> {
        if matches!(self.byte(self.pos), Some(b'\'' | b'"')) {
            return self.quoted();
        }
        let start = self.plain_start()?;
        let mut at = start;
        loop {
            at = self.skip_to_flow_stop(at);
            match self.byte(at) {
                Some(b':') if matches!(self.byte(at + 1), Some(b' ' | b',' | b']' | b'}')) => {
                    break;
                }
                Some(b',' | b']' | b'}') => break,
                Some(b'#') if self.bytes[at - 1] != b' ' => at += 1,
                _ => return Err(Outside),
            }
        }
        let end = trim_spaces_end(self.bytes, start, at);
        self.pos = end;
        self.count_node()?;
        Ok(self.plain(start, end))
    }
}

/// Where a plain scalar in a flow collection or a key may end or turn into a key: `:`, `#`,
/// a line feed or a flow indicator.
static FLOW_STOPS: [bool; 256] = byte_set(b":#\n[]{},");

/// In eight bytes read little-endian, a word whose lowest set bit is the high bit of the
/// first byte in [`FLOW_STOPS`] (zero if there is none): each test's lowest flag is exact
/// ([`bytes_equal`]), so the lowest of them all is.
fn flow_stops_in(word: u64) -> u64 {
    // `[` and `{`, `]` and `}` differ only in bit 0x20.
    let brackets = word | u64::from_ne_bytes([0x20; 8]);
    bytes_equal(word, b':')
        | bytes_equal(word, b'#')
        | bytes_equal(word, b'\n')
        | bytes_equal(word, b',')
        | bytes_equal(brackets, b'{')
        | bytes_equal(brackets, b'}')
}

const fn byte_set(members: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut index = 0;
    while index < members.len() {
        set[members[index] as usize] = true;
        index += 1;
    }
    set
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Chomping {
    Strip,
    Clip,
    Keep,
}

/// Whether a plain scalar may start with `first` (followed by `next`) in this reader: no
/// indicator character, and `-` only when it is not an entry marker.
fn starts_plain(first: u8, next: Option<u8>) -> bool {
    match first {
        b'-' => !matches!(next, Some(b' ' | b'\n') | None),
        b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|'
        | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`' | b' ' | b'\n' => false,
        _ => true,
    }
}

/// `---`, `...` (document markers) or `%` (a directive) at the start of a line.
fn is_marker_line(first: u8, line: &[u8]) -> bool {
    first == b'%'
        || ((line.starts_with(b"---") || line.starts_with(b"..."))
            && matches!(line.get(3), Some(b' ' | b'\n') | None))
}

fn trim_spaces_end(bytes: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && bytes[end - 1] == b' ' {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chunk test agrees with the byte-by-byte one for every byte, anywhere in a chunk.
    #[test]
    fn ascii_text_is_exact_for_every_byte() {
        for byte in 0..=u8::MAX {
            for place in 0..ASCII_CHUNK {
                let mut chunk = [b'a'; ASCII_CHUNK];
                chunk[place] = byte;
                let expected = byte == b'\n' || (b' '..=b'~').contains(&byte);
                assert_eq!(ascii_text(&chunk), expected, "{byte:#04x} at {place}");
            }
        }
    }

    /// The word-at-a-time search agrees with the byte table for every byte, at every place,
    /// after bytes that are not stops or after one that is.
    #[test]
    fn flow_stops_in_finds_the_first_stop_exactly() {
        for byte in 0..=u8::MAX {
            for place in 0..8 {
                for filler in [b'a', 0x00, 0x01, 0x80, 0xFF] {
                    let mut chunk = [filler; 8];
                    chunk[place] = byte;
                    let expected = (0..8).find(|&at| FLOW_STOPS[usize::from(chunk[at])]);
                    let stops = flow_stops_in(u64::from_le_bytes(chunk));
                    let found = (stops != 0).then(|| stops.trailing_zeros() as usize / 8);
                    assert_eq!(found, expected, "{chunk:?}");
                }
            }
        }
    }

    #[test]
    fn unusual_characters_anywhere_hand_the_text_on() {
        let base = "tender:\n  title: a long enough title to fill several words\n";
        for odd in [
            "\t", "\r", "\u{85}", "\u{2028}", "\u{2029}", "\u{feff}", "\u{fffe}", "\u{7f}",
            "\u{1b}",
        ] {
            for at in [0, 3, 8, 17, base.len() - 1] {
                let text = format!("{}{odd}{}", &base[..at], &base[at..]);
                assert!(!plain_characters(text.as_bytes()), "{text:?}");
            }
        }
        assert!(plain_characters("a: £5 “quoted” é 😀\n".as_bytes()));
        assert!(!plain_characters(b"a: 1"));
    }
}
