//! YAML text to a compact spanned tree, on saphyr-parser's event stream.
//!
//! Every node keeps its byte span and every mapping key its own, scalars keep their style
//! (so `"30"` and `30` stay different), and the resource budgets that stop hostile files
//! (depth, nodes, aliases, anchor copies) are enforced while the events stream in.
//! [`de`] builds the serde models from the tree, collecting every refused value.

mod block;
pub mod de;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle as EventStyle, ScanError};

use crate::parse::ParseError;
use crate::span::Span;

/// Node budget for one file: far above any real tender, far below what exhausts memory.
pub const MAX_NODES: usize = 2_000_000;
/// Nesting budget (block and flow alike): a tender is about six levels deep.
pub const MAX_DEPTH: usize = 64;
/// Alias budget: a tender has no reason to use aliases at all.
pub const MAX_ALIASES: usize = 50_000;
/// How many values anchors may copy in all (what stops a "billion laughs" alias bomb).
pub const MAX_ANCHOR_COPIES: usize = 100_000;

/// One YAML node and where it was written, seen in the tree that holds its children. A
/// quoted scalar's span includes its quotes; a block collection's span is empty and sits at
/// its first key or `-`; a flow one's covers its opening bracket.
#[derive(Clone, Copy)]
pub struct Yaml<'t> {
    tree: &'t Tree<'t>,
    node: &'t StoredNode<'t>,
}

/// A node's value; a collection's children are read through it.
#[derive(Clone, Debug, PartialEq)]
pub enum YamlValue<'t> {
    Scalar(Scalar<'t>),
    Sequence(Items<'t>),
    /// Entries in file order; duplicate keys have been refused and dropped.
    Mapping(Entries<'t>),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entry<'t> {
    pub key: Yaml<'t>,
    pub value: Yaml<'t>,
}

impl<'t> Yaml<'t> {
    pub fn span(self) -> Span {
        self.node.span
    }

    // Inlined: asked of every node by each reader of the tree.
    #[inline(always)]
    pub fn value(self) -> YamlValue<'t> {
        let tree = self.tree;
        match &self.node.value {
            StoredValue::Scalar(scalar) => YamlValue::Scalar(tree.scalar(scalar)),
            StoredValue::Sequence(range) => YamlValue::Sequence(Items {
                tree,
                items: tree.items[range.clone()].iter(),
            }),
            StoredValue::Mapping(range) => YamlValue::Mapping(Entries {
                tree,
                entries: tree.entries[range.clone()].iter(),
            }),
        }
    }

    /// The scalar, if the node is one.
    #[inline(always)]
    pub fn scalar(self) -> Option<Scalar<'t>> {
        self.tree.scalar_of(self.node)
    }

    /// A number for this node that no other node of its document has.
    pub fn identity(self) -> usize {
        std::ptr::from_ref(self.node) as usize
    }
}

/// Two nodes are equal when they are written alike, whichever trees hold them.
impl PartialEq for Yaml<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.span() == other.span() && self.value() == other.value()
    }
}

impl fmt::Debug for Yaml<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Yaml")
            .field("value", &self.value())
            .field("span", &self.span())
            .finish()
    }
}

/// A sequence's items, in file order.
#[derive(Clone)]
pub struct Items<'t> {
    tree: &'t Tree<'t>,
    items: std::slice::Iter<'t, StoredNode<'t>>,
}

impl<'t> Iterator for Items<'t> {
    type Item = Yaml<'t>;

    fn next(&mut self) -> Option<Yaml<'t>> {
        let node = self.items.next()?;
        Some(Yaml {
            tree: self.tree,
            node,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.items.size_hint()
    }
}

impl ExactSizeIterator for Items<'_> {}

impl Items<'_> {
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl PartialEq for Items<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.clone().eq(other.clone())
    }
}

impl fmt::Debug for Items<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

/// A mapping's entries, in file order.
#[derive(Clone)]
pub struct Entries<'t> {
    tree: &'t Tree<'t>,
    entries: std::slice::Iter<'t, StoredEntry<'t>>,
}

impl<'t> Iterator for Entries<'t> {
    type Item = Entry<'t>;

    fn next(&mut self) -> Option<Entry<'t>> {
        let entry = self.entries.next()?;
        let tree = self.tree;
        Some(Entry {
            key: Yaml {
                tree,
                node: &entry.key,
            },
            value: Yaml {
                tree,
                node: &entry.value,
            },
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.entries.size_hint()
    }
}

impl ExactSizeIterator for Entries<'_> {}

impl Entries<'_> {
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl PartialEq for Entries<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.clone().eq(other.clone())
    }
}

impl fmt::Debug for Entries<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

/// A document's nodes below its root: every collection's children sit side by side in
/// one of two vectors, so a tree is built and dropped with a few allocations, not one per
/// collection. Scalars borrow their text from the document, or from `texts` when it had to
/// be unescaped or folded, so the nodes own nothing to drop.
struct Tree<'a> {
    items: Vec<StoredNode<'a>>,
    entries: Vec<StoredEntry<'a>>,
    texts: Vec<String>,
}

impl<'a> Tree<'a> {
    /// A stored scalar as its readers see it, its text wherever it is kept.
    fn scalar<'t>(&'t self, scalar: &StoredScalar<'a>) -> Scalar<'t> {
        Scalar {
            text: match scalar.text {
                StoredText::Written(text) => text,
                StoredText::Unescaped(index) => &self.texts[index],
            },
            style: scalar.style,
        }
    }

    /// The node's scalar, if it is one.
    fn scalar_of<'t>(&'t self, node: &StoredNode<'a>) -> Option<Scalar<'t>> {
        match &node.value {
            StoredValue::Scalar(scalar) => Some(self.scalar(scalar)),
            _ => None,
        }
    }
}

#[derive(Clone)]
struct StoredNode<'a> {
    value: StoredValue<'a>,
    span: Span,
}

/// A collection's children are a range of [`Tree::items`] or [`Tree::entries`].
#[derive(Clone)]
enum StoredValue<'a> {
    Scalar(StoredScalar<'a>),
    Sequence(Range<usize>),
    Mapping(Range<usize>),
}

#[derive(Clone)]
struct StoredScalar<'a> {
    text: StoredText<'a>,
    style: ScalarStyle,
}

#[derive(Clone, Copy)]
enum StoredText<'a> {
    /// As written in the document.
    Written(&'a str),
    /// An index of [`Tree::texts`].
    Unescaped(usize),
}

#[derive(Clone)]
struct StoredEntry<'a> {
    key: StoredNode<'a>,
    value: StoredNode<'a>,
}

/// Builds a [`Tree`] bottom-up. Each collection being read gathers its children in a buffer
/// for its level of nesting, kept for the next collection at that level, and moves them into
/// the tree in one copy at its close.
struct TreeBuilder<'a> {
    tree: Tree<'a>,
    /// The buffers of the sequences being read, outermost first, and of those read before
    /// at deeper levels (empty): the first `open_sequences` are in use.
    sequences: Vec<Vec<StoredNode<'a>>>,
    open_sequences: usize,
    /// The same for mappings.
    mappings: Vec<OpenMapping<'a>>,
    open_mappings: usize,
}

/// A mapping being read: its entries so far and the fingerprints of its scalar keys.
struct OpenMapping<'a> {
    entries: Vec<StoredEntry<'a>>,
    fingerprints: u64,
    /// Whether two keys share a fingerprint: only then may a key repeat another.
    shared_fingerprint: bool,
}

/// Most collections of a tender have fewer children than this: their buffers are not grown.
const CHILDREN: usize = 16;

impl<'a> TreeBuilder<'a> {
    /// Sized for a tender of `length` bytes, which holds a mapping entry per 30 to 180
    /// bytes and a sequence item per 300 or more (the benchmark's tenders): the tree is
    /// rarely grown. A text far longer than a tender (a 10 MB specification) is given no
    /// more than a long tender would need, and grows its tree as it is read.
    fn for_text(length: usize) -> Self {
        const MOST_ENTRIES: usize = 4096;
        const MOST_ITEMS: usize = 1024;
        Self {
            tree: Tree {
                items: Vec::with_capacity((length / 256).min(MOST_ITEMS)),
                entries: Vec::with_capacity((length / 28).min(MOST_ENTRIES)),
                texts: Vec::new(),
            },
            sequences: Vec::new(),
            open_sequences: 0,
            mappings: Vec::new(),
            open_mappings: 0,
        }
    }

    fn open_sequence(&mut self) {
        if self.sequences.len() == self.open_sequences {
            self.sequences.push(Vec::with_capacity(CHILDREN));
        }
        self.open_sequences += 1;
    }

    fn open_mapping(&mut self) {
        if self.mappings.len() == self.open_mappings {
            self.mappings.push(OpenMapping {
                entries: Vec::with_capacity(CHILDREN),
                fingerprints: 0,
                shared_fingerprint: false,
            });
        }
        self.open_mappings += 1;
    }

    /// A scalar's text as stored: written, or unescaped and kept by the tree.
    fn text(&mut self, text: Cow<'a, str>) -> StoredText<'a> {
        match text {
            Cow::Borrowed(text) => StoredText::Written(text),
            Cow::Owned(text) => {
                self.tree.texts.push(text);
                StoredText::Unescaped(self.tree.texts.len() - 1)
            }
        }
    }

    /// Adds an item to the innermost sequence being read.
    fn push_item(&mut self, item: StoredNode<'a>) {
        self.sequences[self.open_sequences - 1].push(item);
    }

    /// Adds an entry to the innermost mapping being read.
    // Inlined: a call moved both nodes through the stack again (2.3 M instructions on the
    // benchmark).
    #[inline(always)]
    fn push_entry(&mut self, key: StoredNode<'a>, value: StoredNode<'a>) {
        let mapping = &mut self.mappings[self.open_mappings - 1];
        if let Some(scalar) = self.tree.scalar_of(&key) {
            let fingerprint = key_fingerprint(scalar.text);
            mapping.shared_fingerprint |= mapping.fingerprints & fingerprint != 0;
            mapping.fingerprints |= fingerprint;
        }
        mapping.entries.push(StoredEntry { key, value });
    }

    /// The innermost sequence being read, now complete.
    fn close_sequence(&mut self) -> StoredValue<'a> {
        self.open_sequences -= 1;
        let start = self.tree.items.len();
        self.tree
            .items
            .append(&mut self.sequences[self.open_sequences]);
        StoredValue::Sequence(start..self.tree.items.len())
    }

    /// The innermost mapping being read, now complete, each repeated key refused (an error
    /// in `errors`) and dropped.
    fn close_mapping(&mut self, errors: &mut Vec<ParseError>) -> StoredValue<'a> {
        let mapping = &mut self.mappings[self.open_mappings - 1];
        if mapping.shared_fingerprint {
            let duplicates = duplicate_keys(&self.tree, &mapping.entries, errors);
            if !duplicates.is_empty() {
                let mut index = 0;
                mapping.entries.retain(|_| {
                    index += 1;
                    duplicates.binary_search(&(index - 1)).is_err()
                });
            }
        }
        self.close_unique_mapping()
    }

    /// The innermost mapping being read, whose keys are known to differ.
    fn close_unique_mapping(&mut self) -> StoredValue<'a> {
        self.open_mappings -= 1;
        let mapping = &mut self.mappings[self.open_mappings];
        mapping.fingerprints = 0;
        mapping.shared_fingerprint = false;
        let start = self.tree.entries.len();
        self.tree.entries.append(&mut mapping.entries);
        StoredValue::Mapping(start..self.tree.entries.len())
    }

    /// `node` with a copy of everything below it (an alias's value: each copy is a node of
    /// its own to the typed model).
    fn copy(&mut self, node: StoredNode<'a>) -> StoredNode<'a> {
        let value = match node.value {
            StoredValue::Scalar(_) => node.value,
            StoredValue::Sequence(range) => {
                self.open_sequence();
                for index in range {
                    let item = self.tree.items[index].clone();
                    let copy = self.copy(item);
                    self.push_item(copy);
                }
                self.close_sequence()
            }
            StoredValue::Mapping(range) => {
                self.open_mapping();
                for index in range {
                    let StoredEntry { key, value } = self.tree.entries[index].clone();
                    let key = self.copy(key);
                    let value = self.copy(value);
                    self.push_entry(key, value);
                }
                // The value's repeated keys were dropped when it was read.
                self.close_unique_mapping()
            }
        };
        StoredNode {
            value,
            span: node.span,
        }
    }

    /// How many nodes `node` is, itself included.
    fn count_nodes(&self, node: &StoredNode) -> usize {
        1 + match &node.value {
            StoredValue::Scalar(_) => 0,
            StoredValue::Sequence(range) => self.tree.items[range.clone()]
                .iter()
                .map(|item| self.count_nodes(item))
                .sum(),
            StoredValue::Mapping(range) => self.tree.entries[range.clone()]
                .iter()
                .map(|entry| self.count_nodes(&entry.key) + self.count_nodes(&entry.value))
                .sum(),
        }
    }

    fn finish(self, root: Option<StoredNode<'a>>, errors: Vec<ParseError>) -> Loaded<'a> {
        Loaded {
            root,
            tree: self.tree,
            errors,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scalar<'t> {
    pub text: &'t str,
    pub style: ScalarStyle,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

impl ScalarStyle {
    pub fn is_quoted(self) -> bool {
        matches!(self, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted)
    }
}

/// A plain scalar's meaning under the YAML 1.2 core schema.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Resolved {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str,
}

impl Scalar<'_> {
    /// Core-schema resolution; quoted and block scalars are always strings.
    pub fn resolve(&self) -> Resolved {
        if self.style == ScalarStyle::Plain {
            resolve_plain(self.text)
        } else {
            Resolved::Str
        }
    }
}

/// The YAML 1.2 core schema's tags for a plain scalar (no YAML 1.1 `yes`/`no`, no `1_000`).
pub fn resolve_plain(text: &str) -> Resolved {
    let bytes = text.as_bytes();
    // Most plain scalars are words: only these characters start a null, a bool or a number,
    // and no null or bool word is longer than five characters.
    match bytes.first() {
        None => return Resolved::Null,
        Some(b'~' | b'n' | b'N' | b't' | b'T' | b'f' | b'F') if bytes.len() <= 5 => {
            return match text {
                "~" | "null" | "Null" | "NULL" => Resolved::Null,
                "true" | "True" | "TRUE" => Resolved::Bool(true),
                "false" | "False" | "FALSE" => Resolved::Bool(false),
                _ => Resolved::Str,
            };
        }
        Some(b'0'..=b'9') => {
            // Most numbers are short runs of digits, which fit a u64 read by hand; a run of
            // digits followed by anything but a fraction, an exponent or a radix (a date, an
            // amount with commas) is text.
            let whole = bytes
                .iter()
                .take_while(|byte| byte.is_ascii_digit())
                .count();
            match bytes.get(whole) {
                None if whole <= U64_DIGITS => {
                    let value = bytes
                        .iter()
                        .fold(0u64, |value, &digit| value * 10 + u64::from(digit - b'0'));
                    return Resolved::Int(i128::from(value));
                }
                None | Some(b'.' | b'e' | b'E' | b'x' | b'o') => {}
                Some(_) => return Resolved::Str,
            }
        }
        Some(b'.' | b'+' | b'-') => {}
        Some(_) => return Resolved::Str,
    }
    match text {
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Resolved::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Resolved::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Resolved::Float(f64::NAN),
        _ => {}
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !unsigned.is_empty() && unsigned.bytes().all(|byte| byte.is_ascii_digit()) {
        return text.parse().map_or(Resolved::Str, Resolved::Int);
    }
    for (prefix, radix) in [("0o", 8), ("0x", 16)] {
        if let Some(digits) = text.strip_prefix(prefix)
            && !digits.is_empty()
            && digits.bytes().all(|byte| (byte as char).is_digit(radix))
        {
            return i128::from_str_radix(digits, radix).map_or(Resolved::Str, Resolved::Int);
        }
    }
    if is_core_float(bytes) {
        return text.parse().map_or(Resolved::Str, Resolved::Float);
    }
    Resolved::Str
}

/// Every number of this many decimal digits fits a `u64`.
const U64_DIGITS: usize = 18;

/// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
fn is_core_float(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    if let [b'-' | b'+', tail @ ..] = rest {
        rest = tail;
    }
    let digits = |rest: &[u8]| rest.iter().take_while(|byte| byte.is_ascii_digit()).count();
    let whole = digits(rest);
    rest = &rest[whole..];
    let mut fraction = 0;
    if let [b'.', tail @ ..] = rest {
        fraction = digits(tail);
        rest = &tail[fraction..];
    } else if whole == 0 {
        return false;
    }
    if whole == 0 && fraction == 0 {
        return false;
    }
    if let [b'e' | b'E', tail @ ..] = rest {
        let tail = match tail {
            [b'-' | b'+', signed @ ..] => signed,
            _ => tail,
        };
        let exponent = digits(tail);
        return exponent > 0 && exponent == tail.len();
    }
    rest.is_empty()
}

/// The document's root (`None` for an empty document) and the problems that did not stop
/// reading (duplicate keys). A syntax error or a breached budget ends reading: `Err`.
pub struct Loaded<'a> {
    root: Option<StoredNode<'a>>,
    tree: Tree<'a>,
    pub errors: Vec<ParseError>,
}

impl Loaded<'_> {
    pub fn root(&self) -> Option<Yaml<'_>> {
        self.root.as_ref().map(|node| Yaml {
            tree: &self.tree,
            node,
        })
    }
}

/// Reads one YAML document. Spans index into `text`, a UTF-8 byte order mark included.
/// Most tenders are read by the fast block reader; anything outside its subset, and every
/// error, by the reader on saphyr-parser's events.
pub fn load(text: &str) -> Result<Loaded<'_>, ParseError> {
    load_fast(text).map_or_else(|| load_on_events(text), Ok)
}

/// The fast block reader alone: `None` for a text outside its subset. For the tests and the
/// fuzz target that compare it with [`load_on_events`].
pub fn load_fast(text: &str) -> Option<Loaded<'_>> {
    block::read(text)
}

/// The reader on saphyr-parser's events alone, which reads every YAML document.
pub fn load_on_events(text: &str) -> Result<Loaded<'_>, ParseError> {
    Loader::new(text).run()
}

/// A collection being read (its children wait in the [`TreeBuilder`]).
enum Frame<'a> {
    Sequence {
        span: Span,
        anchor: usize,
    },
    Mapping {
        span: Span,
        anchor: usize,
        key: Option<StoredNode<'a>>,
    },
}

struct Loader<'a> {
    text: &'a str,
    offsets: ByteOffsets<'a>,
    stack: Vec<Frame<'a>>,
    tree: TreeBuilder<'a>,
    anchors: HashMap<usize, StoredNode<'a>>,
    nodes: usize,
    aliases: usize,
    copies: usize,
    /// Nodes held as anchors' values.
    anchored: usize,
    documents: usize,
    root: Option<StoredNode<'a>>,
    errors: Vec<ParseError>,
}

impl<'a> Loader<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            offsets: ByteOffsets::new(text),
            stack: Vec::new(),
            tree: TreeBuilder::for_text(text.len()),
            anchors: HashMap::new(),
            nodes: 0,
            aliases: 0,
            copies: 0,
            anchored: 0,
            documents: 0,
            root: None,
            errors: Vec::new(),
        }
    }

    fn run(mut self) -> Result<Loaded<'a>, ParseError> {
        let mut parser = Parser::new_from_str(self.text);
        while let Some(event) = parser.next_event() {
            let (event, span) = event.map_err(|error| self.syntax_error(&error))?;
            let span = Span::new(
                self.offsets.byte(span.start.index()),
                self.offsets.byte(span.end.index()),
            );
            match event {
                Event::StreamEnd => break,
                Event::DocumentStart(_) => self.documents += 1,
                Event::Scalar(text, style, anchor, _) => {
                    self.check_document(span)?;
                    self.count_nodes(1, span)?;
                    let style = ScalarStyle::from(style);
                    let mut span = self.after_properties(span, anchor);
                    if style.is_quoted() {
                        span.end = closing_quote_end(self.text, span);
                    }
                    if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
                        span.end = block_scalar_end(self.text, span, &text);
                    }
                    let node = StoredNode {
                        span,
                        value: StoredValue::Scalar(StoredScalar {
                            text: self.tree.text(text),
                            style,
                        }),
                    };
                    self.finish(node, anchor)?;
                }
                Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                    self.check_document(span)?;
                    self.count_nodes(1, span)?;
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(limit(too_deep(), span));
                    }
                    let span = self.after_properties(span, anchor);
                    self.stack
                        .push(if matches!(event, Event::SequenceStart(..)) {
                            self.tree.open_sequence();
                            Frame::Sequence { span, anchor }
                        } else {
                            self.tree.open_mapping();
                            Frame::Mapping {
                                span,
                                anchor,
                                key: None,
                            }
                        });
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let (node, anchor) = match self.stack.pop() {
                        Some(Frame::Sequence { span, anchor }) => (
                            StoredNode {
                                value: self.tree.close_sequence(),
                                span,
                            },
                            anchor,
                        ),
                        Some(Frame::Mapping { span, anchor, .. }) => (
                            StoredNode {
                                value: self.tree.close_mapping(&mut self.errors),
                                span,
                            },
                            anchor,
                        ),
                        None => continue,
                    };
                    self.finish(node, anchor)?;
                }
                Event::Alias(anchor) => {
                    self.check_document(span)?;
                    self.aliases += 1;
                    if self.aliases > MAX_ALIASES {
                        return Err(limit(
                            format!(
                                "the YAML uses more than {} aliases (`*name`)",
                                thousands(MAX_ALIASES)
                            ),
                            span,
                        ));
                    }
                    let Some(target) = self.anchors.get(&anchor) else {
                        return Err(ParseError::new(
                            "an alias (`*name`) names no anchor defined before it",
                            Some(span),
                            None,
                        ));
                    };
                    let target = target.clone();
                    let copied = self.tree.count_nodes(&target);
                    self.count_copies(copied, span)?;
                    self.count_nodes(copied, span)?;
                    let mut copy = self.tree.copy(target);
                    copy.span = span;
                    self.finish(copy, 0)?;
                }
                Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
            }
        }
        Ok(self.tree.finish(self.root, self.errors))
    }

    fn count_copies(&mut self, count: usize, span: Span) -> Result<(), ParseError> {
        self.copies += count;
        if self.copies > MAX_ANCHOR_COPIES {
            return Err(alias_bomb(span));
        }
        Ok(())
    }

    /// A second document is refused as soon as it has content.
    fn check_document(&self, span: Span) -> Result<(), ParseError> {
        if self.documents > 1 && self.stack.is_empty() {
            return Err(ParseError::new(
                "more than one YAML document in the file",
                Some(span),
                Some(MULTIPLE_DOCUMENTS_HELP.to_owned()),
            ));
        }
        Ok(())
    }

    fn count_nodes(&mut self, count: usize, span: Span) -> Result<(), ParseError> {
        self.nodes += count;
        if self.nodes > MAX_NODES {
            return Err(limit(
                format!(
                    "the YAML has more than {} nodes (values, lists and mappings)",
                    thousands(MAX_NODES)
                ),
                span,
            ));
        }
        Ok(())
    }

    /// An empty document (`---` alone) is no document.
    fn is_empty_document(&self, node: &StoredNode) -> bool {
        self.tree
            .tree
            .scalar_of(node)
            .is_some_and(|scalar| scalar.resolve() == Resolved::Null)
    }

    /// The parser's span of an anchored node starts at `&name`: the node starts after it.
    fn after_properties(&self, span: Span, anchor: usize) -> Span {
        if anchor == 0 {
            return span;
        }
        let written = &self.text[span.range()];
        let Some(rest) = written.strip_prefix('&') else {
            return span;
        };
        let name_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let skipped = rest[name_end..].trim_start();
        let start = span.end - skipped.len();
        Span::new(start, span.end.max(start))
    }

    /// Places a finished node in its parent (or as the root) and records its anchor.
    fn finish(&mut self, node: StoredNode<'a>, anchor: usize) -> Result<(), ParseError> {
        if anchor != 0 {
            // Keeping an anchor's value is a copy too, under a budget of its own: nested
            // anchors around a long list would otherwise copy it once per level.
            self.anchored += self.tree.count_nodes(&node);
            if self.anchored > MAX_ANCHOR_COPIES {
                return Err(alias_bomb(node.span));
            }
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() && !self.is_empty_document(&node) {
                    self.root = Some(node);
                }
            }
            Some(Frame::Sequence { .. }) => self.tree.push_item(node),
            Some(Frame::Mapping { key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(key) => self.tree.push_entry(key, node),
            },
        }
        Ok(())
    }

    fn syntax_error(&mut self, error: &ScanError) -> ParseError {
        // An error found at the end of the file belongs to the last line written.
        let offset = self
            .offsets
            .byte(error.marker().index())
            .min(self.text.trim_end().len());
        let line_start = self.text[..offset]
            .rfind(['\n', '\r'])
            .map_or(0, |index| index + 1);
        let line_end = self.text[offset..]
            .find(['\n', '\r'])
            .map_or(self.text.len(), |index| offset + index);
        let line = &self.text[line_start..line_end];
        // The scanner often notices a stray character only on the line after it.
        let previous_line = self.text[..line_start]
            .trim_end_matches(['\n', '\r'])
            .rsplit(['\n', '\r'])
            .next()
            .unwrap_or("");
        let (message, help) = explain_syntax(error.info(), line, previous_line);
        ParseError::new(message, Some(Span::point(offset)), help)
    }
}

/// A key's bit among 64, from its length and last byte: keys with different fingerprints
/// differ.
fn key_fingerprint(key: &str) -> u64 {
    let bytes = key.as_bytes();
    let last = bytes.last().map_or(0, |&byte| usize::from(byte));
    1 << ((bytes.len() * 7 + last) % 64)
}

/// Refuses every repeat of a scalar key (the first is kept): their indices. Asked only of
/// a mapping where two keys share a [`key_fingerprint`]. A tender's mappings hold tens of
/// keys: below `HASH_KEYS_FROM` keys, only a key whose fingerprint was seen before is
/// compared with the earlier keys.
fn duplicate_keys(
    tree: &Tree,
    entries: &[StoredEntry],
    errors: &mut Vec<ParseError>,
) -> Vec<usize> {
    const HASH_KEYS_FROM: usize = 64;
    let mut seen: Option<HashMap<&str, ()>> = (entries.len() >= HASH_KEYS_FROM).then(HashMap::new);
    let mut fingerprints = 0u64;
    let mut duplicates = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let Some(key) = tree.scalar_of(&entry.key) else {
            continue;
        };
        let key_bytes = key.text.as_bytes();
        let repeated = match &mut seen {
            Some(seen) => seen.insert(key.text, ()).is_some(),
            None => {
                let fingerprint = key_fingerprint(key.text);
                let maybe_seen = fingerprints & fingerprint != 0;
                fingerprints |= fingerprint;
                maybe_seen
                    && entries[..index].iter().any(|earlier| {
                        tree.scalar_of(&earlier.key)
                            .is_some_and(|earlier| earlier.text.as_bytes() == key_bytes)
                    })
            }
        };
        if repeated {
            duplicates.push(index);
            // One past the cap is enough to say that more errors follow.
            if errors.len() > de::MAX_ERRORS {
                continue;
            }
            errors.push(ParseError::new(
                format!("duplicate key `{}`", key.text),
                Some(entry.key.span),
                Some("a key may appear only once in a mapping; keep one of them".to_owned()),
            ));
        }
    }
    duplicates
}

/// The end of a quoted scalar, just past its closing quote. The parser's span runs on over
/// the spaces and comment that follow it.
fn closing_quote_end(text: &str, span: Span) -> usize {
    let written = text.as_bytes().get(span.range()).unwrap_or_default();
    let Some((&quote, body)) = written.split_first() else {
        return span.end;
    };
    let mut index = 0;
    while index < body.len() {
        match body[index] {
            b'\\' if quote == b'"' => index += 2,
            b'\'' if quote == b'\'' && body.get(index + 1) == Some(&b'\'') => index += 2,
            byte if byte == quote => return span.start + index + 2,
            _ => index += 1,
        }
    }
    span.end
}

fn alias_bomb(span: Span) -> ParseError {
    limit(
        format!(
            "the YAML's anchors and aliases (`&name`, `*name`) expand to more than {} values: an alias bomb",
            thousands(MAX_ANCHOR_COPIES)
        ),
        span,
    )
}

fn too_deep() -> String {
    format!("the YAML is nested more than {MAX_DEPTH} levels deep")
}

fn limit(message: String, span: Span) -> ParseError {
    ParseError::new(
        message,
        Some(span),
        Some(
            "tenderlint limits nesting, aliases and size so that a hostile file cannot exhaust \
             memory; a real tender is far below these limits"
                .to_owned(),
        ),
    )
}

const MULTIPLE_DOCUMENTS_HELP: &str = "a tender file holds exactly one tender; split the documents separated by `---` into their own files";

/// The scanner's wording, with the characters a word processor leaves behind named.
fn explain_syntax(info: &str, line: &str, previous_line: &str) -> (String, Option<String>) {
    // The scanner counts flow nesting in a byte, and looks ahead of the events that the
    // depth budget counts: its limit is the same refusal.
    if info == "recursion limit exceeded" {
        let error = limit(too_deep(), Span::default());
        return (error.message, error.help);
    }
    let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
    if indent.contains('\t') || info.contains("tab") {
        return (
            format!("{info}: a tab character indents this line"),
            Some("YAML indents with spaces only: replace each tab at the start of the line with spaces".to_owned()),
        );
    }
    let help = character_hint(line).or_else(|| {
        character_hint(previous_line).map(|hint| format!("on the line before, {hint}"))
    });
    (info.to_owned(), help)
}

/// Names a word processor's character in `text` that YAML does not read as the writer meant.
pub fn character_hint(text: &str) -> Option<String> {
    if text.contains('\u{a0}') {
        return Some(
            "the text holds a non-breaking space (U+00A0), as Word and Outlook insert; YAML does not \
             treat it as a space: retype it as an ordinary space"
                .to_owned(),
        );
    }
    if text.contains(['\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}']) {
        return Some(
            "the text holds typographic (smart) quotes “ ” ‘ ’, which YAML reads as ordinary \
             characters, not quotes: use straight quotes \" or ', or none"
                .to_owned(),
        );
    }
    None
}

fn thousands(number: usize) -> String {
    crate::model::group_thousands(number as u64)
}

/// saphyr-parser ends a block scalar where the next token starts, after that line's
/// indentation. The scalar's text ends instead after the line break of its last line with
/// content, and after as many further line breaks as its value keeps (keep chomping), so an
/// edit placed at the start of the next line sits beside the scalar, not inside it.
fn block_scalar_end(text: &str, span: Span, value: &str) -> usize {
    let region = &text.as_bytes()[span.start..span.end];
    let Some(last) = region
        .iter()
        .rposition(|byte| !matches!(byte, b' ' | b'\t' | b'\r' | b'\n'))
    else {
        return span.end;
    };
    let kept_breaks = value.len() - value.trim_end_matches('\n').len();
    let mut end = span.start + last + 1;
    for _ in 0..kept_breaks.max(1) {
        match text.as_bytes()[end..span.end]
            .iter()
            .position(|&byte| byte == b'\n')
        {
            Some(newline) => end += newline + 1,
            None => return span.end,
        }
    }
    end
}

impl From<EventStyle> for ScalarStyle {
    fn from(style: EventStyle) -> Self {
        match style {
            EventStyle::Plain => ScalarStyle::Plain,
            EventStyle::SingleQuoted => ScalarStyle::SingleQuoted,
            EventStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
            EventStyle::Literal => ScalarStyle::Literal,
            EventStyle::Folded => ScalarStyle::Folded,
        }
    }
}

/// Converts the parser's character indices to byte offsets. Events arrive nearly in text
/// order, so a cursor that walks from the last position makes this linear; ASCII text
/// (most tenders) needs no walk at all.
struct ByteOffsets<'a> {
    text: &'a str,
    ascii: bool,
    chars: usize,
    bytes: usize,
}

impl<'a> ByteOffsets<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            ascii: text.is_ascii(),
            chars: 0,
            bytes: 0,
        }
    }

    fn byte(&mut self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.text.len());
        }
        let bytes = self.text.as_bytes();
        while self.chars < char_index && self.bytes < bytes.len() {
            self.bytes += utf8_width(bytes[self.bytes]);
            self.chars += 1;
        }
        while self.chars > char_index && self.bytes > 0 {
            self.bytes -= 1;
            while self.bytes > 0 && is_continuation(bytes[self.bytes]) {
                self.bytes -= 1;
            }
            self.chars -= 1;
        }
        self.bytes
    }
}

/// The length of the UTF-8 sequence a leading byte starts (the text is valid UTF-8).
fn utf8_width(leading: u8) -> usize {
    match leading {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Loaded<'_> {
        load(text).expect("valid YAML")
    }

    fn entries(node: Yaml<'_>) -> Vec<Entry<'_>> {
        let YamlValue::Mapping(entries) = node.value() else {
            panic!("mapping");
        };
        entries.collect()
    }

    fn root_entries<'t>(loaded: &'t Loaded) -> Vec<Entry<'t>> {
        entries(loaded.root().expect("a document"))
    }

    #[test]
    fn resolves_plain_scalars_by_the_core_schema() {
        assert_eq!(resolve_plain("30"), Resolved::Int(30));
        assert_eq!(resolve_plain("-7"), Resolved::Int(-7));
        assert_eq!(resolve_plain("0x1F"), Resolved::Int(31));
        assert_eq!(resolve_plain("12.5"), Resolved::Float(12.5));
        assert_eq!(resolve_plain(".5"), Resolved::Float(0.5));
        assert_eq!(resolve_plain("1e3"), Resolved::Float(1000.0));
        assert_eq!(resolve_plain("true"), Resolved::Bool(true));
        assert_eq!(resolve_plain("~"), Resolved::Null);
        assert_eq!(resolve_plain("007"), Resolved::Int(7));
        assert_eq!(
            resolve_plain("999999999999999999"),
            Resolved::Int(999_999_999_999_999_999)
        );
        assert_eq!(
            resolve_plain("99999999999999999999"),
            Resolved::Int(99_999_999_999_999_999_999)
        );
        assert_eq!(resolve_plain("0o17"), Resolved::Int(15));
        assert_eq!(resolve_plain("12e2"), Resolved::Float(1200.0));
        assert_eq!(resolve_plain("FALSE"), Resolved::Bool(false));
        for text in [
            "yes",
            "no",
            "on",
            "1_000",
            "1,000",
            "2026-03-02",
            "1e",
            ".",
            "-",
            "0x",
            "00x1",
            "12 apples",
            "1000000000000000000000000000000000000000",
            "nullable",
            "falsely",
        ] {
            assert_eq!(resolve_plain(text), Resolved::Str, "{text}");
        }
    }

    #[test]
    fn keys_values_and_multibyte_text_keep_byte_spans() {
        let text = "\u{feff}tender:\n  title: \"Café £5\"\n  id: é\n";
        let loaded = read(text);
        let tender = entries(root_entries(&loaded)[0].value);
        assert_eq!(&text[tender[0].key.span().range()], "title");
        assert_eq!(&text[tender[0].value.span().range()], "\"Café £5\"");
        assert_eq!(&text[tender[1].value.span().range()], "é");
    }

    #[test]
    fn a_block_scalar_ends_after_its_own_line_breaks() {
        // Clip keeps one line break, keep chomping its blank lines too, strip none of them:
        // the span never takes in the next key's indentation.
        let text = "a: |\n  one\n  two  \n\nb: x\nc: |+\n  kept\n\n\nd: >-\n  folded\n\ne: 1\n";
        let loaded = read(text);
        let entries = root_entries(&loaded);
        assert_eq!(&text[entries[0].value.span().range()], "one\n  two  \n");
        assert_eq!(&text[entries[2].value.span().range()], "kept\n\n\n");
        assert_eq!(&text[entries[3].value.span().range()], "folded\n");
    }

    #[test]
    fn a_quoted_value_ends_at_its_closing_quote() {
        let text = "a: \"x \\\" y\"   # note\nb: 'it''s'  # note\nc: [ \"v\" , 1 ]\n";
        let loaded = read(text);
        let entries = root_entries(&loaded);
        assert_eq!(&text[entries[0].value.span().range()], "\"x \\\" y\"");
        assert_eq!(&text[entries[1].value.span().range()], "'it''s'");
        let YamlValue::Sequence(mut items) = entries[2].value.value() else {
            panic!("sequence");
        };
        assert_eq!(
            &text[items.next().expect("an item").span().range()],
            "\"v\""
        );
    }

    #[test]
    fn character_indices_become_byte_offsets_both_ways() {
        let text = "a£b€c😀d";
        let mut offsets = ByteOffsets::new(text);
        let expected = [(7, 13), (1, 1), (3, 4), (5, 8), (0, 0), (6, 12), (99, 13)];
        for (char_index, byte) in expected {
            assert_eq!(offsets.byte(char_index), byte, "char {char_index}");
        }
    }

    #[test]
    fn an_anchored_value_starts_after_its_anchor() {
        let text = "a: &x 1\nb: *x\n";
        let loaded = read(text);
        let entries = root_entries(&loaded);
        assert_eq!(&text[entries[0].value.span().range()], "1");
        assert_eq!(&text[entries[1].value.span().range()], "*x");
    }

    #[test]
    fn duplicate_keys_are_refused_and_reading_goes_on() {
        let loaded = load("a: 1\nb: 2\na: 3\nb: 4\n").expect("readable");
        assert_eq!(loaded.errors.len(), 2);
        assert_eq!(loaded.errors[0].message, "duplicate key `a`");
        assert_eq!(loaded.errors[0].span, Some(Span::new(10, 11)));
    }
}
