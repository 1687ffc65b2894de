//! A small JSON reader that keeps the byte span of every value and key.
//!
//! serde_json gives no positions, and findings on a notice must point at a line and
//! column. The parser is iterative (an explicit stack, so hostile nesting cannot
//! overflow the thread's stack) with a depth budget, and copies a string only when
//! it holds escapes.

use std::borrow::Cow;

use crate::span::Span;

/// Nesting budget: an OCDS release is about eight levels deep.
const MAX_DEPTH: usize = 128;

/// A JSON value and the bytes it was written in.
#[derive(Debug, Clone, PartialEq)]
pub struct Json<'a> {
    pub value: Value<'a>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    /// The number as written, so money keeps its exact decimal digits.
    Number(&'a str),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Vec<Member<'a>>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member<'a> {
    pub key: Cow<'a, str>,
    pub key_span: Span,
    pub value: Json<'a>,
}

/// Why the text is not JSON, at the byte where that became clear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub message: String,
    pub offset: usize,
}

impl<'a> Json<'a> {
    /// The member `key` of an object (the first, should a key repeat).
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match &self.value {
            Value::Object(members) => members
                .iter()
                .find(|member| member.key == key)
                .map(|member| &member.value),
            _ => None,
        }
    }

    /// Follows a path of object keys.
    pub fn at(&self, path: &[&str]) -> Option<&Json<'a>> {
        path.iter().try_fold(self, |value, key| value.get(key))
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// A string that says something: not empty or only spaces.
    pub fn as_text(&self) -> Option<&str> {
        self.as_str().map(str::trim).filter(|text| !text.is_empty())
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(flag) => Some(flag),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<&'a str> {
        match self.value {
            Value::Number(digits) => Some(digits),
            _ => None,
        }
    }

    /// The elements of an array; nothing for any other value.
    pub fn items(&self) -> &[Json<'a>] {
        match &self.value {
            Value::Array(items) => items,
            _ => &[],
        }
    }

    /// The path (`tender.lots[2].value.amount`) of the innermost value or key holding
    /// `offset`, relative to `self`; empty when `offset` is `self` itself.
    pub fn path_to(&self, offset: usize) -> String {
        let mut path = String::new();
        let mut node = self;
        'descend: loop {
            match &node.value {
                Value::Object(members) => {
                    for member in members {
                        let holds = |span: Span| {
                            span.start <= offset && offset < span.end.max(span.start + 1)
                        };
                        if holds(member.key_span) || holds(member.value.span) {
                            if !path.is_empty() {
                                path.push('.');
                            }
                            path.push_str(&member.key);
                            if holds(member.key_span) {
                                return path;
                            }
                            node = &member.value;
                            continue 'descend;
                        }
                    }
                    return path;
                }
                Value::Array(items) => {
                    let Some(index) = items
                        .iter()
                        .position(|item| item.span.start <= offset && offset < item.span.end)
                    else {
                        return path;
                    };
                    path.push_str(&format!("[{index}]"));
                    node = &items[index];
                }
                _ => return path,
            }
        }
    }
}

/// Parses one JSON document; spans are byte offsets into `text`.
pub fn parse(text: &str) -> Result<Json<'_>, JsonError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = parser.document()?;
    parser.skip_space();
    if parser.at < parser.bytes.len() {
        return Err(parser.error("unexpected text after the end of the JSON value"));
    }
    Ok(value)
}

/// An array or object being filled, with the offset of its opening bracket.
enum Open<'a> {
    Array(usize, Vec<Json<'a>>),
    /// The members so far, and the key (with its span) waiting for its value.
    Object(usize, Vec<Member<'a>>, Option<(Cow<'a, str>, Span)>),
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, message: &str) -> JsonError {
        JsonError {
            message: message.to_owned(),
            offset: self.at.min(self.bytes.len()),
        }
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn document(&mut self) -> Result<Json<'a>, JsonError> {
        let mut stack: Vec<Open<'a>> = Vec::new();
        loop {
            self.skip_space();
            // Read one value: a scalar, or open a container and go round again.
            let mut value = match self.bytes.get(self.at) {
                Some(b'{') | Some(b'[') if stack.len() >= MAX_DEPTH => {
                    return Err(self.error(&format!(
                        "nested more than {MAX_DEPTH} levels deep; no notice is"
                    )));
                }
                Some(b'{') => {
                    let start = self.at;
                    self.at += 1;
                    self.skip_space();
                    if self.bytes.get(self.at) == Some(&b'}') {
                        self.at += 1;
                        Json {
                            value: Value::Object(Vec::new()),
                            span: Span::new(start, self.at),
                        }
                    } else {
                        let key = self.key()?;
                        stack.push(Open::Object(start, Vec::new(), Some(key)));
                        continue;
                    }
                }
                Some(b'[') => {
                    let start = self.at;
                    self.at += 1;
                    self.skip_space();
                    if self.bytes.get(self.at) == Some(&b']') {
                        self.at += 1;
                        Json {
                            value: Value::Array(Vec::new()),
                            span: Span::new(start, self.at),
                        }
                    } else {
                        stack.push(Open::Array(start, Vec::new()));
                        continue;
                    }
                }
                _ => self.scalar()?,
            };
            // Place the value in its container; close every container that ends here.
            loop {
                let Some(open) = stack.last_mut() else {
                    return Ok(value);
                };
                self.skip_space();
                let next = self.bytes.get(self.at).copied();
                self.at += 1;
                match open {
                    Open::Array(start, items) => {
                        items.push(value);
                        match next {
                            Some(b',') => break,
                            Some(b']') => {
                                let span = Span::new(*start, self.at);
                                let Some(Open::Array(_, items)) = stack.pop() else {
                                    unreachable!("the top of the stack is this array")
                                };
                                value = Json {
                                    value: Value::Array(items),
                                    span,
                                };
                            }
                            _ => {
                                self.at -= 1;
                                return Err(self.error("expected `,` or `]` in an array"));
                            }
                        }
                    }
                    Open::Object(start, members, pending) => {
                        let (key, key_span) = pending.take().expect("a value follows its key");
                        members.push(Member {
                            key,
                            key_span,
                            value,
                        });
                        match next {
                            Some(b',') => {
                                self.skip_space();
                                *pending = Some(self.key()?);
                                break;
                            }
                            Some(b'}') => {
                                let span = Span::new(*start, self.at);
                                let Some(Open::Object(_, members, _)) = stack.pop() else {
                                    unreachable!("the top of the stack is this object")
                                };
                                value = Json {
                                    value: Value::Object(members),
                                    span,
                                };
                            }
                            _ => {
                                self.at -= 1;
                                return Err(self.error("expected `,` or `}` in an object"));
                            }
                        }
                    }
                }
            }
        }
    }

    /// `"key"` and the colon after it.
    fn key(&mut self) -> Result<(Cow<'a, str>, Span), JsonError> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return Err(self.error("expected a quoted key"));
        }
        let start = self.at;
        let key = self.string()?;
        let span = Span::new(start, self.at);
        self.skip_space();
        if self.bytes.get(self.at) != Some(&b':') {
            return Err(self.error("expected `:` after the key"));
        }
        self.at += 1;
        Ok((key, span))
    }

    fn scalar(&mut self) -> Result<Json<'a>, JsonError> {
        let start = self.at;
        let value = match self.bytes.get(self.at) {
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.word("true", Value::Bool(true))?,
            Some(b'f') => self.word("false", Value::Bool(false))?,
            Some(b'n') => self.word("null", Value::Null)?,
            // Not JSON, but Find a Tender publishes `"maximumLotsBidPerSupplier": Infinity`
            // (as Python's encoder writes it): read as the number it stands for.
            Some(b'I') => self.word("Infinity", Value::Number("Infinity"))?,
            Some(b'N') => self.word("NaN", Value::Number("NaN"))?,
            Some(b'-') if self.bytes.get(self.at + 1) == Some(&b'I') => {
                self.word("-Infinity", Value::Number("-Infinity"))?
            }
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(_) => return Err(self.error("expected a JSON value")),
            None => return Err(self.error("the JSON ends where a value was expected")),
        };
        Ok(Json {
            value,
            span: Span::new(start, self.at),
        })
    }

    fn word(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>, JsonError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn number(&mut self) -> Result<Value<'a>, JsonError> {
        let start = self.at;
        let digits = |parser: &mut Self| {
            let from = parser.at;
            while parser.bytes.get(parser.at).is_some_and(u8::is_ascii_digit) {
                parser.at += 1;
            }
            parser.at > from
        };
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let integer_start = self.at;
        if !digits(self) || (self.bytes[integer_start] == b'0' && self.at - integer_start > 1) {
            return Err(self.error("not a JSON number"));
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if !digits(self) {
                return Err(self.error("not a JSON number: digits must follow `.`"));
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            if !digits(self) {
                return Err(self.error("not a JSON number: digits must follow the exponent"));
            }
        }
        Ok(Value::Number(&self.text[start..self.at]))
    }

    /// A quoted string, borrowed unless it holds escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        self.at += 1;
        let start = self.at;
        loop {
            match self.bytes.get(self.at) {
                Some(b'"') => {
                    let text = &self.text[start..self.at];
                    self.at += 1;
                    return Ok(Cow::Borrowed(text));
                }
                Some(b'\\') => break,
                Some(0..=0x1f) => return Err(self.error("a control character inside a string")),
                Some(_) => self.at += 1,
                None => return Err(self.error("a string is not closed")),
            }
        }
        let mut owned = self.text[start..self.at].to_owned();
        loop {
            match self.bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(owned));
                }
                Some(b'\\') => {
                    self.at += 1;
                    let simple = match self.bytes.get(self.at) {
                        Some(b'"') => Some('"'),
                        Some(b'\\') => Some('\\'),
                        Some(b'/') => Some('/'),
                        Some(b'b') => Some('\u{8}'),
                        Some(b'f') => Some('\u{c}'),
                        Some(b'n') => Some('\n'),
                        Some(b'r') => Some('\r'),
                        Some(b't') => Some('\t'),
                        Some(b'u') => None,
                        _ => return Err(self.error("an unknown escape in a string")),
                    };
                    self.at += 1;
                    let escaped = match simple {
                        Some(escaped) => escaped,
                        None => self.unicode_escape()?,
                    };
                    owned.push(escaped);
                }
                Some(0..=0x1f) => return Err(self.error("a control character inside a string")),
                Some(_) => {
                    let rest = &self.text[self.at..];
                    let end = rest.find(['"', '\\']).unwrap_or(rest.len());
                    let chunk = &rest[..end];
                    if let Some(bad) = chunk.bytes().position(|byte| byte < 0x20) {
                        self.at += bad;
                        return Err(self.error("a control character inside a string"));
                    }
                    owned.push_str(chunk);
                    self.at += end;
                }
                None => return Err(self.error("a string is not closed")),
            }
        }
    }

    /// The four hex digits after `\u` (and a low surrogate's, after a high one).
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let high = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&high) {
            if !self.bytes[self.at..].starts_with(b"\\u") {
                return Err(self.error("a lone surrogate in a `\\u` escape"));
            }
            self.at += 2;
            let low = self.hex4()?;
            if !(0xDC00..0xE000).contains(&low) {
                return Err(self.error("a lone surrogate in a `\\u` escape"));
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else {
            high
        };
        char::from_u32(code).ok_or_else(|| self.error("a lone surrogate in a `\\u` escape"))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self
            .text
            .get(self.at..self.at + 4)
            .filter(|digits| digits.bytes().all(|byte| byte.is_ascii_hexdigit()))
            .ok_or_else(|| self.error("expected four hex digits after `\\u`"))?;
        self.at += 4;
        u32::from_str_radix(digits, 16)
            .map_err(|_| self.error("expected four hex digits after `\\u`"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_spans_of_values_and_keys() {
        let text = r#"{"a": [1, "x\n", {"b": null}], "c": true}"#;
        let json = parse(text).unwrap();
        let a = json.get("a").unwrap();
        assert_eq!(&text[a.span.range()], r#"[1, "x\n", {"b": null}]"#);
        assert_eq!(a.items()[1].as_str(), Some("x\n"));
        assert_eq!(&text[a.items()[1].span.range()], r#""x\n""#);
        assert_eq!(a.items()[0].as_number(), Some("1"));
        assert_eq!(json.get("c").unwrap().as_bool(), Some(true));
        let null_at = text.find("null").unwrap();
        assert_eq!(json.path_to(null_at), "a[2].b");
        assert_eq!(json.path_to(text.find("\"c\"").unwrap()), "c");
    }

    #[test]
    fn decodes_escapes_and_surrogate_pairs() {
        let json = parse(r#""\u00a3 \ud83d\ude00 \"q\" \/""#).unwrap();
        assert_eq!(json.as_str(), Some("\u{a3} \u{1f600} \"q\" /"));
        assert!(parse(r#""\ud83d""#).is_err());
    }

    #[test]
    fn refuses_what_is_not_json_with_an_offset() {
        for (text, offset) in [
            ("{\"a\" 1}", 5),
            ("[1,]", 3),
            ("01", 2),
            ("{\"a\": tru}", 6),
            ("\"open", 5),
            ("[1] x", 4),
            ("", 0),
            ("Infinit", 0),
        ] {
            let error = parse(text).unwrap_err();
            assert_eq!(error.offset, offset, "{text}: {}", error.message);
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let text = "[".repeat(100_000);
        let error = parse(&text).unwrap_err();
        assert!(error.message.contains("nested more than"));
        let fine = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn numbers_keep_their_digits() {
        let json = parse("[30000000.0, -1.5e3, 0]").unwrap();
        let digits: Vec<_> = json.items().iter().filter_map(Json::as_number).collect();
        assert_eq!(digits, ["30000000.0", "-1.5e3", "0"]);
        let published = parse("[Infinity, -Infinity]").unwrap();
        assert_eq!(published.items()[1].as_number(), Some("-Infinity"));
    }
}
