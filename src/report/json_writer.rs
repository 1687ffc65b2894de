//! Pretty JSON written by hand for the one value written many times over, the JSON finding:
//! serde_json checks a string a byte at a time through a table and a derived `Serialize`
//! goes through a formatter call per token, about half of the JSON report's cost. The bytes
//! are exactly those of serde_json's pretty printer nested as [`super::JsonArray`] nests
//! them (pinned by tests against serde_json).

use serde::Serialize;

use crate::byte_words::{bytes_below, bytes_equal};

/// Writes `text` as a JSON string, escaped as serde_json escapes it: `\"`, `\\`, the short
/// escapes `\b \t \n \f \r`, other control bytes as `\u00xx`; everything else, non-ASCII
/// included, as it is. Runs needing no escape are copied whole.
pub(crate) fn write_string(buffer: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    buffer.reserve(bytes.len() + 2);
    buffer.push(b'"');
    let mut run_start = 0;
    while let Some(at) = next_escape(bytes, run_start) {
        buffer.extend_from_slice(&bytes[run_start..at]);
        write_escape(buffer, bytes[at]);
        run_start = at + 1;
    }
    buffer.extend_from_slice(&bytes[run_start..]);
    buffer.push(b'"');
}

/// The first byte at or after `from` that needs an escape: `< 0x20`, `"` or `\\`. Eight bytes
/// are tested at once ([`crate::byte_words`]), the last few too, and the first flagged is the
/// answer; most strings hold none.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let flagged =
        |word: u64| bytes_below(word, 0x20) | bytes_equal(word, b'"') | bytes_equal(word, b'\\');
    // The lowest flag is exact, and a little-endian read puts the first byte lowest.
    let first_flagged = |flags: u64| flags.trailing_zeros() as usize / 8;
    let mut words = bytes[from..].chunks_exact(8);
    for (index, word) in words.by_ref().enumerate() {
        let flags = flagged(u64::from_le_bytes(word.try_into().expect("eight bytes")));
        if flags != 0 {
            return Some(from + 8 * index + first_flagged(flags));
        }
    }
    // The last few, read as little-endian with zeros above them: a flag past them is on a
    // zero, not a byte of the text.
    let rest = words.remainder();
    let word = rest
        .iter()
        .rev()
        .fold(0, |word, &byte| (word << 8) | u64::from(byte));
    let index = first_flagged(flagged(word));
    (index < rest.len()).then(|| bytes.len() - rest.len() + index)
}

fn write_escape(buffer: &mut Vec<u8>, byte: u8) {
    const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        b'\t' => b't',
        b'\n' => b'n',
        0x0c => b'f',
        b'\r' => b'r',
        _ => {
            buffer.extend_from_slice(b"\\u00");
            buffer.push(HEX_DIGITS[usize::from(byte >> 4)]);
            buffer.push(HEX_DIGITS[usize::from(byte & 0x0f)]);
            return;
        }
    };
    buffer.extend_from_slice(&[b'\\', short]);
}

/// A line break and spaces: a first field's or item's separator and indentation are cut
/// from it, up to this indentation.
const FIRST_LINE: &[u8; 33] = b"\n                                ";
/// A comma, then [`FIRST_LINE`]: any other's.
const NEXT_LINE: &[u8; 34] = b",\n                                ";

/// A comma unless `first`, a line break, then `indent` spaces: where a pretty-printed value,
/// field or closing bracket starts.
#[inline(always)]
fn new_line(buffer: &mut Vec<u8>, first: bool, indent: usize) {
    // The whole constant is copied, then cut to length: a copy of a known length is a few
    // moves, where one of the length needed is a call to memcpy (some twenty per finding).
    let end = buffer.len() + indent + if first { 1 } else { 2 };
    if first {
        buffer.extend_from_slice(FIRST_LINE);
    } else {
        buffer.extend_from_slice(NEXT_LINE);
    }
    // Deeper than any finding's fields, the rest are filled in.
    buffer.resize(end, b' ');
}

/// A pretty-printed JSON object being written into `buffer`, whose first line is already
/// indented by `indent` spaces: a field a line, two spaces further in; `{}` when empty.
pub(crate) struct Object<'b> {
    buffer: &'b mut Vec<u8>,
    indent: usize,
    fields: usize,
}

impl<'b> Object<'b> {
    pub fn open(buffer: &'b mut Vec<u8>, indent: usize) -> Object<'b> {
        buffer.push(b'{');
        Object {
            buffer,
            indent,
            fields: 0,
        }
    }

    /// Starts the field `key` (a name needing no escape) and returns the buffer, to write
    /// its value at the field's indentation, [`Object::field_indent`].
    // Always inlined, as are the field writers and `new_line`: a literal key's copies are
    // then of a known length, not calls to memcpy (a finding writes some twenty keys).
    #[inline(always)]
    pub fn key(&mut self, key: &str) -> &mut Vec<u8> {
        new_line(self.buffer, self.fields == 0, self.field_indent());
        self.fields += 1;
        self.buffer.reserve(key.len() + 4);
        self.buffer.push(b'"');
        self.buffer.extend_from_slice(key.as_bytes());
        self.buffer.extend_from_slice(b"\": ");
        self.buffer
    }

    pub fn field_indent(&self) -> usize {
        self.indent + 2
    }

    #[inline(always)]
    pub fn string(&mut self, key: &str, value: &str) {
        write_string(self.key(key), value);
    }

    pub fn optional_string(&mut self, key: &str, value: Option<&str>) {
        match value {
            Some(value) => self.string(key, value),
            None => self.null(key),
        }
    }

    /// A number, a boolean or a unit enum variant: what serde_json writes on one line.
    #[inline(always)]
    pub fn scalar(&mut self, key: &str, value: &impl Serialize) {
        serde_json::to_writer(self.key(key), value).expect("a scalar serialises into memory");
    }

    #[inline(always)]
    pub fn null(&mut self, key: &str) {
        self.key(key).extend_from_slice(b"null");
    }

    pub fn close(self) {
        if self.fields > 0 {
            new_line(self.buffer, true, self.indent);
        }
        self.buffer.push(b'}');
    }
}

/// Writes a pretty-printed JSON array whose first line is indented by `indent` spaces, each
/// item written by `write_item` (given the buffer and the item's indentation); `[]` when
/// empty.
pub(crate) fn write_array<T>(
    buffer: &mut Vec<u8>,
    indent: usize,
    items: &[T],
    mut write_item: impl FnMut(&mut Vec<u8>, usize, &T),
) {
    buffer.push(b'[');
    if items.is_empty() {
        buffer.push(b']');
        return;
    }
    let item_indent = indent + 2;
    for (index, item) in items.iter().enumerate() {
        new_line(buffer, index == 0, item_indent);
        write_item(buffer, item_indent, item);
    }
    new_line(buffer, true, indent);
    buffer.push(b']');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(text: &str) -> String {
        let mut buffer = Vec::new();
        write_string(&mut buffer, text);
        String::from_utf8(buffer).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every_ascii: String = (0u8..=0x7f).map(char::from).collect();
        let mut cases = vec![
            String::new(),
            every_ascii.clone(),
            every_ascii.chars().rev().collect(),
            "plain text, long enough to take several words at once".to_owned(),
            "é ü 日本語 🙂 \u{7f}\u{80}\u{ff}\u{2028}\u{fffd}".to_owned(),
            "\"\\\"\\".to_owned(),
        ];
        // Each byte to escape at every position in and around a word, amid non-ASCII.
        for byte in (0u8..0x20).chain([b'"', b'\\']) {
            for at in 0..20 {
                let mut text = "aé".repeat(at / 2 + 1);
                text.truncate(text.char_indices().nth(at).map_or(text.len(), |(i, _)| i));
                text.push(char::from(byte));
                text.push_str("xyzé0123456789");
                cases.push(text);
            }
        }
        for case in cases {
            assert_eq!(
                written(&case),
                serde_json::to_string(&case).unwrap(),
                "{case:?}"
            );
        }
    }

    #[test]
    fn objects_and_arrays_are_serde_json_s_pretty_json_indented() {
        let value = serde_json::json!({
            "text": "a \"quoted\"\nline",
            "number": 42,
            "nothing": null,
            "object": {"inner": [1, 2], "empty": []},
            "empty object": {},
        });
        // 40: deeper than the new lines' spaces reach.
        for indent in [0, 4, 10, 40] {
            // serde_json's maps (without `preserve_order`) list their keys sorted.
            let mut buffer = Vec::new();
            let mut object = Object::open(&mut buffer, indent);
            let empty_indent = object.field_indent();
            Object::open(object.key("empty object"), empty_indent).close();
            object.null("nothing");
            object.scalar("number", &42);
            let inner_indent = object.field_indent();
            let mut inner = Object::open(object.key("object"), inner_indent);
            let array_indent = inner.field_indent();
            write_array(inner.key("empty"), array_indent, &[] as &[u8], |_, _, _| {});
            write_array(
                inner.key("inner"),
                array_indent,
                &[1, 2],
                |buffer, _, item| serde_json::to_writer(buffer, item).unwrap(),
            );
            inner.close();
            object.string("text", "a \"quoted\"\nline");
            object.close();
            let expected = serde_json::to_string_pretty(&value)
                .unwrap()
                .replace('\n', &format!("\n{}", " ".repeat(indent)));
            assert_eq!(String::from_utf8(buffer).unwrap(), expected);
        }
    }
}
