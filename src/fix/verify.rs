//! The safety net under every fix: a fixed text is accepted only if it still
//! parses as a tender and changes no value except as the fix's edits write it.
//!
//! Rules need no extra API for this. Both texts are read into the leaves of their YAML
//! tree (scalars and empty collections), each with its path and span; then:
//! - every leaf of the original must still be there, at the same path, with the same
//!   value; or, when edits touch it, with the text the edits write (its old text with
//!   them applied), or lying wholly in inserted text; sequence items wholly inside
//!   inserted text are new and shift no index;
//! - every leaf at a path the original lacks must lie inside text an edit inserted.
//!
//! So a fix at a stale offset, an edit that uncomments a line, a key inserted among a
//! keep-chomped scalar's trailing blank lines, or a change that reaches another value
//! through a YAML alias is refused, and its finding is reported with the reason.
//!
//! Usually the two trees are walked side by side instead, which accepts only what the
//! comparison of leaves accepts; a result the walk does not settle is compared leaf by leaf.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::fmt;
use std::ops::Range;

use crate::diagnostic::Edit;
use crate::model::{Node, Tender};
use crate::parse::Document;
use crate::read::yaml::{Resolved, Scalar, Yaml, YamlValue};
use crate::source::SourceFile;
use crate::span::Span;

/// Why a fixed text was refused. `span`, when present, indexes the text before the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub reason: String,
    pub span: Option<Span>,
}

impl Rejection {
    fn new(reason: impl Into<String>, span: Option<Span>) -> Self {
        Self {
            reason: reason.into(),
            span,
        }
    }
}

/// Checks that `after`, the result of applying `edits` (offsets into `before`) to
/// `before`, still parses as a tender and changes only what the edits name.
pub fn verify(before: &str, after: &str, edits: &[Edit]) -> Result<(), Rejection> {
    let before = SourceFile::new("before", None, before.to_owned());
    let after = SourceFile::new("fixed", None, after.to_owned());
    Verifier::of(&Document::parse(&before))
        .check(&after, edits)
        .map(|_| ())
}

/// The text before some fixes, read once to check any number of results against.
pub struct Verifier<'t> {
    document: &'t Document<'t>,
    /// Its leaves, or why it is not plain YAML: read only for a result the trees alone do
    /// not settle (most files never need them; reading them was a fifth of checking fixes).
    leaves: OnceCell<Result<Leaves, Rejection>>,
}

impl<'t> Verifier<'t> {
    /// The verifier of fixes to `document`'s text, from the YAML already read.
    pub fn of(document: &'t Document) -> Verifier<'t> {
        Verifier {
            document,
            leaves: OnceCell::new(),
        }
    }

    fn leaves(&self) -> Result<&Leaves, Rejection> {
        self.leaves
            .get_or_init(|| {
                Leaves::read(self.document, &[], None).map_err(|message| {
                    Rejection::new(
                        format!("the text before the fix is not plain YAML ({message})"),
                        None,
                    )
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// See [`verify`]; `Ok` holds the tender `after` reads as, for the re-lint.
    pub fn check(&self, after: &SourceFile, edits: &[Edit]) -> Result<Node<Tender>, Rejection> {
        let before = &self.document.source().text;
        let changes = Changes::new(before, &after.text, edits);
        let document = Document::parse(after);
        if !changes.keep_every_value(self.document, &document) {
            let old = self.leaves()?;
            let new = Leaves::read(&document, &changes.added, Some(old)).map_err(|message| {
                Rejection::new(format!("the result is not valid YAML ({message})"), None)
            })?;
            let tender = tender_of(&document)?;
            compare(old, &new, &changes)?;
            return Ok(tender);
        }
        tender_of(&document)
    }
}

fn tender_of(document: &Document) -> Result<Node<Tender>, Rejection> {
    document.tender().map_err(|error| {
        Rejection::new(
            format!("the result is not a valid tender ({})", error.message),
            None,
        )
    })
}

/// A pass's edits, as the comparisons ask about them. The edits of one pass never touch
/// one another, so ordered by start they are ordered by end too, and so are the texts
/// they insert: those touching a value, and the insertion holding a span, are found by
/// binary search, not by a scan per value.
struct Changes<'e> {
    before: &'e str,
    after: &'e str,
    by_start: Vec<&'e Edit>,
    /// Where each edit's replacement text lies in `after`, in the order of `by_start`.
    inserted: Vec<Range<usize>>,
    /// The texts inserted at a point: sequence items wholly inside them are new.
    added: Vec<Range<usize>>,
}

impl<'e> Changes<'e> {
    fn new(before: &'e str, after: &'e str, edits: &'e [Edit]) -> Self {
        let mut by_start: Vec<&Edit> = edits.iter().collect();
        by_start.sort_by_key(|edit| (edit.span.start, edit.span.end));
        let inserted = inserted_ranges(&by_start);
        let added = by_start
            .iter()
            .zip(&inserted)
            .filter(|(edit, _)| edit.span.is_empty())
            .map(|(_, range)| range.clone())
            .collect();
        Changes {
            before,
            after,
            by_start,
            inserted,
            added,
        }
    }

    /// The edits that can have changed the value written at `span`.
    fn touching(&self, span: Span) -> Vec<&'e Edit> {
        let first = self
            .by_start
            .partition_point(|edit| edit.span.end < span.start);
        self.by_start[first..]
            .iter()
            .copied()
            .take_while(|edit| edit.span.start <= span.end)
            .filter(|edit| touches(edit.span, span))
            .collect()
    }

    /// Whether `span` (of the fixed text) lies in text an edit wrote.
    fn written(&self, span: Span) -> bool {
        inside(&self.inserted, span)
    }

    /// Whether the value `old` at `span`, now written at `new_span`, changed as the
    /// `touching` edits write it: to its old text with them applied, or to text they
    /// wrote. An empty value's span may sit after its line: filling it in is judged by
    /// where the new value lies.
    fn rewritten(&self, old: Value<&str>, span: Span, new_span: Span, touching: &[&Edit]) -> bool {
        let empty = matches!(old, Value::Null) && span.is_empty();
        (!touching.is_empty() || empty)
            && (self.written(new_span)
                || reads_as_intended(self.before, span, touching, &self.after[new_span.range()]))
    }

    /// Whether the value `old` at `span` may now be a collection with entries: an empty
    /// one that gained them, or a value an edit replaced whole (by a mapping).
    fn may_hold_entries(old: Value<&str>, span: Span, touching: &[&Edit]) -> bool {
        matches!(old, Value::EmptyList | Value::EmptyMapping)
            || touching.iter().any(|edit| covers(edit.span, span))
    }

    /// Whether `new` keeps every value of `old` as [`compare`] would find, by walking the
    /// two trees side by side instead of listing their leaves and looking each up by
    /// path. It settles only the usual case, where every key is a string and the new tree
    /// pairs with the old one entry by entry and item by item: `false` leaves the result
    /// (and the reason of a refusal) to `compare`. A walk pairs the values `compare` finds
    /// at one path because such keys name a path once: the reader refuses a repeated key.
    fn keep_every_value(&self, old: &Document, new: &Document) -> bool {
        fn root<'d>(document: &'d Document) -> Option<Yaml<'d>> {
            match document.yaml() {
                Ok(loaded) if loaded.errors.is_empty() => loaded.root(),
                _ => None,
            }
        }
        match (root(old), root(new)) {
            (Some(old), Some(new)) => self.keeps(old, new),
            _ => false,
        }
    }

    /// Whether the value `new` at the path of `old` keeps it, and every value below it.
    fn keeps(&self, old: Yaml, new: Yaml) -> bool {
        match (old.value(), new.value()) {
            (YamlValue::Mapping(old_entries), YamlValue::Mapping(new_entries))
                if !old_entries.is_empty() && !new_entries.is_empty() =>
            {
                let mut old_entries = old_entries.peekable();
                for entry in new_entries {
                    let Some(key) = string_key(entry.key) else {
                        return false;
                    };
                    // Any other key is one the old mapping lacks (an old key left unpaired
                    // ends the walk): its values must all be written by the fix.
                    let paired = old_entries.next_if(|old| names_alike(old.key, key));
                    let kept = match paired {
                        Some(old_entry) => self.keeps(old_entry.value, entry.value),
                        None => self.all_written(entry.value),
                    };
                    if !kept {
                        return false;
                    }
                }
                old_entries.next().is_none()
            }
            (YamlValue::Sequence(mut old_items), YamlValue::Sequence(new_items))
                if !old_items.is_empty() && !new_items.is_empty() =>
            {
                for item in new_items {
                    // An item inserted at a point is numbered apart, as `Leaves` numbers it.
                    let paired = if inside(&self.added, item.span()) {
                        None
                    } else {
                        old_items.next()
                    };
                    let kept = match paired {
                        Some(old_item) => self.keeps(old_item, item),
                        None => self.all_written(item),
                    };
                    if !kept {
                        return false;
                    }
                }
                old_items.next().is_none()
            }
            // Written alike, a scalar reads alike: most are left as they were.
            (YamlValue::Scalar(old_scalar), YamlValue::Scalar(new_scalar))
                if old_scalar.style == new_scalar.style && old_scalar.text == new_scalar.text =>
            {
                true
            }
            _ => {
                let Some(old_value) = leaf_value(old) else {
                    return false;
                };
                match leaf_value(new) {
                    Some(new_value) if new_value == old_value => true,
                    Some(_) => self.rewritten(
                        old_value,
                        old.span(),
                        new.span(),
                        &self.touching(old.span()),
                    ),
                    None => {
                        Self::may_hold_entries(old_value, old.span(), &self.touching(old.span()))
                            && self.all_written(new)
                    }
                }
            }
        }
    }

    /// Whether every leaf of `new` lies in text the fix wrote, under string keys.
    fn all_written(&self, new: Yaml) -> bool {
        match new.value() {
            YamlValue::Mapping(mut entries) if !entries.is_empty() => entries
                .all(|entry| string_key(entry.key).is_some() && self.all_written(entry.value)),
            YamlValue::Sequence(mut items) if !items.is_empty() => {
                items.all(|item| self.all_written(item))
            }
            _ => self.written(new.span()),
        }
    }
}

/// A key that reads as a string: its text is its name ([`key_of`]) and no other key of
/// its mapping has that text. `None` for any other key.
fn string_key<'y>(key: Yaml<'y>) -> Option<Scalar<'y>> {
    key.scalar()
        .filter(|scalar| matches!(scalar.resolve(), Resolved::Str))
}

/// Whether `old` is a key that reads as a string with the text of `new`, one that does.
fn names_alike(old: Yaml, new: Scalar) -> bool {
    matches!(old.scalar(), Some(old) if old.text == new.text
        // Written alike, it reads alike: only a key quoted otherwise is resolved again.
        && (old.style == new.style || matches!(old.resolve(), Resolved::Str)))
}

/// The value of a leaf (a scalar or an empty collection); `None` for a collection with entries.
fn leaf_value<'y>(yaml: Yaml<'y>) -> Option<Value<&'y str>> {
    match yaml.value() {
        YamlValue::Scalar(scalar) => Some(value_of(scalar)),
        YamlValue::Sequence(items) if items.is_empty() => Some(Value::EmptyList),
        YamlValue::Mapping(entries) if entries.is_empty() => Some(Value::EmptyMapping),
        _ => None,
    }
}

/// The end of the block scalar whose span holds `offset` strictly and whose value keeps
/// trailing blank lines (only keep chomping, `|+`, ends a value with two line breaks).
pub(crate) fn keep_scalar_containing(text: &str, offset: usize) -> Option<usize> {
    let source = SourceFile::new("text", None, text.to_owned());
    let document = Document::parse(&source);
    let leaves = Leaves::read(&document, &[], None).ok()?;
    leaves.leaves.iter().find_map(|leaf| {
        let keeps_blank_lines =
            matches!(leaves.value(leaf), Value::Str(value) if value.ends_with("\n\n"));
        (keeps_blank_lines && leaf.span.start < offset && offset < leaf.span.end)
            .then_some(leaf.span.end)
    })
}

/// Compares every leaf of the two texts. A leaf may differ only as its edits say:
/// its new text is its old text with the edits inside it applied (a replaced scalar,
/// words inserted in a sentence), or it lies wholly in text an edit wrote (a value
/// filled in or replaced by a mapping). Sequence items wholly inside inserted text are
/// new items: the items after them keep their old index for the comparison.
fn compare(old: &Leaves, new: &Leaves, changes: &Changes) -> Result<(), Rejection> {
    let mut new_by_path = InOrder::new(new, old);
    let mut old_paths = InOrder::new(old, new);

    for (index, old_leaf) in old.leaves.iter().enumerate() {
        let old_value = old.value(old_leaf);
        let span = old_leaf.span;
        let touching = changes.touching(span);
        match new_by_path.get(index).map(|found| &new.leaves[found]) {
            Some(new_leaf) if new.value(new_leaf) == old_value => {}
            Some(new_leaf) if changes.rewritten(old_value, span, new_leaf.span, &touching) => {}
            Some(new_leaf) => {
                let what = if touching.is_empty() {
                    "a value the fix does not touch"
                } else {
                    "which is not what the fix writes"
                };
                return Err(Rejection::new(
                    format!(
                        "it would change `{}` from {} to {}, {what}",
                        display_path(old.path(index)),
                        old_value,
                        new.value(new_leaf)
                    ),
                    Some(span),
                ));
            }
            // Still present, as a collection that gained entries or as the mapping an edit
            // replaced the value with: the new entries are checked below.
            None if Changes::may_hold_entries(old_value, span, &touching)
                && new.has_descendant(old, index) => {}
            None => {
                return Err(Rejection::new(
                    format!(
                        "it would remove `{}` ({}), a value the fix does not touch",
                        display_path(old.path(index)),
                        old_value
                    ),
                    Some(span),
                ));
            }
        }
    }

    for (index, new_leaf) in new.leaves.iter().enumerate() {
        // Asked first: a leaf the fix wrote is new, and looking for it among the old ones
        // would miss the look-ahead and index them all.
        if !changes.written(new_leaf.span) && old_paths.get(index).is_none() {
            return Err(Rejection::new(
                format!(
                    "it would add `{}` ({}) outside the text the fix inserts",
                    display_path(new.path(index)),
                    new.value(new_leaf)
                ),
                None,
            ));
        }
    }
    Ok(())
}

/// Whether `text` is a text the value at `span` may have after the `edits` (in offset
/// order) that lie within it: those inside it always apply; an insertion at either edge
/// may extend the value or stand beside it (a key inserted after a block scalar), so each
/// edge is tried with and without its insertions. Never when an edit reaches outside the value.
fn reads_as_intended(before: &str, span: Span, edits: &[&Edit], text: &str) -> bool {
    let at_edge = |edit: &Edit, offset: usize| edit.span.is_empty() && edit.span.start == offset;
    [(true, true), (true, false), (false, true), (false, false)]
        .into_iter()
        .any(|(with_start, with_end)| {
            let kept = edits.iter().copied().filter(|edit| {
                (with_start || !at_edge(edit, span.start)) && (with_end || !at_edge(edit, span.end))
            });
            is_intended_text(before, span, kept, text)
        })
}

/// Whether `text` is the value at `span` with `edits` (in offset order) applied; never
/// when an edit reaches outside the value. Compared piece by piece, not built.
fn is_intended_text<'e>(
    before: &str,
    span: Span,
    edits: impl Iterator<Item = &'e Edit>,
    text: &str,
) -> bool {
    let mut rest = text.as_bytes();
    let mut take = |piece: &str| match rest.strip_prefix(piece.as_bytes()) {
        Some(tail) => {
            rest = tail;
            true
        }
        None => false,
    };
    let mut at = span.start;
    for edit in edits {
        if edit.span.start < span.start
            || edit.span.end > span.end
            || !take(&before[at..edit.span.start])
            || !take(&edit.replacement)
        {
            return false;
        }
        at = edit.span.end;
    }
    take(&before[at..span.end]) && rest.is_empty()
}

/// Whether `span` lies in one of `ranges` (in offset order, each ending before the next
/// starts); an empty span must sit before a range's end (a point at the end of inserted
/// text belongs to the text after it).
fn inside(ranges: &[std::ops::Range<usize>], span: Span) -> bool {
    // Of the ranges starting at or before the span, the last ends latest: only it can hold it.
    let starting_before = ranges.partition_point(|range| range.start <= span.start);
    starting_before.checked_sub(1).is_some_and(|last| {
        let range = &ranges[last];
        if span.is_empty() {
            span.start < range.end
        } else {
            span.end <= range.end
        }
    })
}

/// Whether an edit of `edit` can have changed the value written at `value`:
/// the ranges overlap or meet (an insertion at either end of a scalar extends it).
fn touches(edit: Span, value: Span) -> bool {
    edit.start <= value.end && value.start <= edit.end
}

/// Whether the replacement `edit` covers all of the value written at `value`.
fn covers(edit: Span, value: Span) -> bool {
    !edit.is_empty() && edit.start <= value.start && value.end <= edit.end
}

/// Where each edit's replacement text lies in the fixed text; `edits` in offset order.
fn inserted_ranges(edits: &[&Edit]) -> Vec<std::ops::Range<usize>> {
    let mut shift: isize = 0;
    edits
        .iter()
        .map(|edit| {
            let start = (edit.span.start as isize + shift) as usize;
            shift += edit.replacement.len() as isize - edit.span.len() as isize;
            start..start + edit.replacement.len()
        })
        .collect()
}

/// Leaves looked up by path, for a walk that asks for them in about the order they were
/// read: both texts list their leaves in document order and a fix adds or changes a few,
/// so the next few leaves after the last one found usually hold the path. Only a miss
/// there indexes them all by the hash of their path. Paths are unique in a text, so either
/// way finds the same leaf; hashing every path of every file was 8% of a run.
struct InOrder<'l> {
    leaves: &'l Leaves,
    /// The leaves whose paths are asked for.
    asking: &'l Leaves,
    next: usize,
    /// The last leaf asked for and the one found at its path.
    last: Option<(usize, usize)>,
    /// Each leaf's index by the hash of its path, in hash order.
    by_hash: Option<Vec<(u64, usize)>>,
}

/// How many leaves past the last one found are tried before the index.
const LOOK_AHEAD: usize = 8;

impl<'l> InOrder<'l> {
    fn new(leaves: &'l Leaves, asking: &'l Leaves) -> Self {
        InOrder {
            leaves,
            asking,
            next: 0,
            last: None,
            by_hash: None,
        }
    }

    /// The index of the leaf at the path of leaf `index` of the leaves asking.
    fn get(&mut self, index: usize) -> Option<usize> {
        let (leaves, from) = (self.leaves, self.asking);
        let count = leaves.leaves.len();
        // After a leaf and the one asked before it matched, the steps both share with the
        // leaf before them are known to match: usually all but the last.
        let last = self.last;
        let known = |found: usize| match last {
            Some((asked, matched)) if asked + 1 == index && matched + 1 == found => {
                leaves.leaves[found].kept.min(from.leaves[index].kept)
            }
            _ => 0,
        };
        let nearby = (self.next.min(count)..count)
            .take(LOOK_AHEAD)
            .find(|&found| leaves.same_path(found, from, index, known(found)));
        let found = match nearby {
            Some(found) => found,
            // Leaves are scalars and empty collections, so none is at a path with leaves
            // below it: a scalar a fix replaced with a mapping (QUAL005) is gone, and
            // indexing every path would not find it.
            None if self.next < count && leaves.lies_below(self.next, from, index) => {
                return None;
            }
            None => {
                let by_hash = self.by_hash.get_or_insert_with(|| {
                    let mut by_hash: Vec<(u64, usize)> = (0..count)
                        .map(|found| (leaves.path_hash(found), found))
                        .collect();
                    by_hash.sort_unstable();
                    by_hash
                });
                let hash = from.path_hash(index);
                let first = by_hash.partition_point(|&(other, _)| other < hash);
                by_hash[first..]
                    .iter()
                    .take_while(|&&(other, _)| other == hash)
                    .map(|&(_, found)| found)
                    .find(|&found| leaves.same_path(found, from, index, 0))?
            }
        };
        self.next = found + 1;
        self.last = Some((index, found));
        Some(found)
    }
}

/// One step of a path: a mapping key or a sequence index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment<K> {
    Key(K),
    Index(usize),
    /// A sequence item the fix inserted, numbered among the inserted ones.
    Added(usize),
}

fn display_path<'k>(path: impl Iterator<Item = Segment<&'k str>>) -> String {
    let mut text = String::new();
    for segment in path {
        match segment {
            Segment::Key(key) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            Segment::Index(index) => text.push_str(&format!("[{index}]")),
            Segment::Added(index) => text.push_str(&format!("[new {index}]")),
        }
    }
    if text.is_empty() {
        text.push_str("(the document)");
    }
    text
}

/// A leaf's value: a scalar as the tender reader types it, or an empty collection. `S` is
/// how a string is held: as a range of [`Leaves::text`], or as the text.
#[derive(Debug, Clone, Copy)]
enum Value<S> {
    Null,
    Bool(bool),
    Int(i128),
    /// Compared by bits, so an unchanged NaN is unchanged.
    Float(f64),
    Str(S),
    EmptyList,
    EmptyMapping,
}

impl PartialEq for Value<&str> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Value::Null, Value::Null)
            | (Value::EmptyList, Value::EmptyList)
            | (Value::EmptyMapping, Value::EmptyMapping) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => a == b,
            _ => false,
        }
    }
}

impl fmt::Display for Value<&str> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(value) => write!(f, "`{value}`"),
            Value::Int(value) => write!(f, "`{value}`"),
            Value::Float(value) => write!(f, "`{value}`"),
            Value::Str(value) => write!(f, "{value:?}"),
            Value::EmptyList => f.write_str("`[]`"),
            Value::EmptyMapping => f.write_str("`{}`"),
        }
    }
}

impl<S> Value<S> {
    fn map_str<T>(self, f: impl FnOnce(S) -> T) -> Value<T> {
        match self {
            Value::Null => Value::Null,
            Value::Bool(value) => Value::Bool(value),
            Value::Int(value) => Value::Int(value),
            Value::Float(value) => Value::Float(value),
            Value::Str(value) => Value::Str(f(value)),
            Value::EmptyList => Value::EmptyList,
            Value::EmptyMapping => Value::EmptyMapping,
        }
    }
}

/// A scalar as the tender reader resolves it ([`Scalar::resolve`]): a quoted or block
/// scalar is a string.
fn value_of<'t>(scalar: Scalar<'t>) -> Value<&'t str> {
    match scalar.resolve() {
        Resolved::Null => Value::Null,
        Resolved::Bool(value) => Value::Bool(value),
        Resolved::Int(value) => Value::Int(value),
        Resolved::Float(value) => Value::Float(value),
        Resolved::Str => Value::Str(scalar.text),
    }
}

/// The leaves of a YAML document (scalars and empty collections) in document order, with
/// their paths, read with the tender reader's limits. They own their text, all of it in
/// one string, and the paths lie end to end in one list: a tree of owned values was an
/// allocation per value, and its leaves were listed again at every check.
struct Leaves {
    /// Every key and string value of the leaves, end to end.
    text: String,
    /// The paths, keys as ranges of `text`.
    segments: Vec<Segment<Range<usize>>>,
    leaves: Vec<Leaf>,
    /// While reading: how many steps of the path have stayed since the last leaf.
    steps_kept: usize,
}

struct Leaf {
    value: Value<Range<usize>>,
    span: Span,
    /// Where its path lies in [`Leaves::segments`].
    path: Range<usize>,
    /// How many leading steps of its path are those of the leaf before it.
    kept: usize,
}

impl Leaves {
    /// The leaves of `document`; sequence items inside `added` (text inserted at a point)
    /// are numbered apart. `Err` says why the text is not plain YAML. `like`, the leaves of
    /// the text before a fix, sizes the lists: growing them was a tenth of the reading.
    fn read(
        document: &Document,
        added: &[Range<usize>],
        like: Option<&Leaves>,
    ) -> Result<Leaves, String> {
        let loaded = document.yaml().map_err(|error| error.message.clone())?;
        if let Some(error) = loaded.errors.first() {
            return Err(error.message.clone());
        }
        let length = document.source().text.len();
        let (segments, count) = like.map_or(
            // A tender has a leaf per 55 bytes and a step of a path per 16 (the bench corpus):
            // sized a little over, the lists of a text read alone are not grown either.
            (length / 12 + 1, length / 48 + 1),
            // A fix adds a few leaves.
            |like| (like.segments.len() + 32, like.leaves.len() + 8),
        );
        let mut leaves = Leaves {
            // Keys and strings are most of a tender's text.
            text: String::with_capacity(length),
            segments: Vec::with_capacity(segments),
            leaves: Vec::with_capacity(count),
            steps_kept: 0,
        };
        match loaded.root() {
            None => leaves.push(Value::Null, Span::default(), &[]),
            Some(root) => leaves
                // Deeper than a tender nests: the path is not grown step by step.
                .collect(root, added, &mut Vec::with_capacity(16))
                .map_err(|error| error.to_string())?,
        }
        Ok(leaves)
    }

    fn collect<'t>(
        &mut self,
        yaml: Yaml<'t>,
        added: &[Range<usize>],
        path: &mut Vec<Segment<Range<usize>>>,
    ) -> Result<(), UnnamedKey<'t>> {
        match yaml.value() {
            YamlValue::Scalar(scalar) => {
                let value = value_of(scalar).map_str(|text| self.keep(text));
                self.push(value, yaml.span(), path);
            }
            YamlValue::Sequence(items) if items.is_empty() => {
                self.push(Value::EmptyList, yaml.span(), path);
            }
            YamlValue::Sequence(items) => {
                let (mut kept, mut new) = (0, 0);
                for (index, item) in items.enumerate() {
                    if inside(added, item.span()) {
                        path.push(Segment::Added(new));
                        new += 1;
                    } else {
                        path.push(Segment::Index(kept));
                        kept += 1;
                    }
                    self.collect(item, added, path)
                        .map_err(|error| error.in_(Segment::Index(index)))?;
                    path.pop();
                    self.steps_kept = self.steps_kept.min(path.len());
                }
            }
            YamlValue::Mapping(entries) if entries.is_empty() => {
                self.push(Value::EmptyMapping, yaml.span(), path);
            }
            YamlValue::Mapping(entries) => {
                for entry in entries {
                    let key = key_of(entry.key)?;
                    path.push(Segment::Key(self.keep(&key)));
                    self.collect(entry.value, added, path)
                        .map_err(|error| error.in_(Segment::Key(key_text(entry.key))))?;
                    path.pop();
                    self.steps_kept = self.steps_kept.min(path.len());
                }
            }
        }
        Ok(())
    }

    /// `text` as a range of the leaves' own text.
    fn keep(&mut self, text: &str) -> Range<usize> {
        let start = self.text.len();
        self.text.push_str(text);
        start..self.text.len()
    }

    fn push(&mut self, value: Value<Range<usize>>, span: Span, path: &[Segment<Range<usize>>]) {
        let start = self.segments.len();
        self.segments.extend_from_slice(path);
        self.leaves.push(Leaf {
            value,
            span,
            path: start..self.segments.len(),
            kept: self.steps_kept.min(path.len()),
        });
        self.steps_kept = path.len();
    }

    fn value(&self, leaf: &Leaf) -> Value<&str> {
        leaf.value.clone().map_str(|range| &self.text[range])
    }

    /// The path of leaf `index`, outermost step first.
    fn path(&self, index: usize) -> impl DoubleEndedIterator<Item = Segment<&str>> {
        self.segments[self.leaves[index].path.clone()]
            .iter()
            .map(|segment| match segment {
                Segment::Key(range) => Segment::Key(&self.text[range.clone()]),
                Segment::Index(index) => Segment::Index(*index),
                Segment::Added(index) => Segment::Added(*index),
            })
    }

    fn path_len(&self, index: usize) -> usize {
        self.leaves[index].path.len()
    }

    /// Whether leaf `index` has the path of leaf `other_index` of `other`, whose first
    /// `known` steps are known to match.
    fn same_path(&self, index: usize, other: &Leaves, other_index: usize, known: usize) -> bool {
        let mine = &self.segments[self.leaves[index].path.clone()];
        let theirs = &other.segments[other.leaves[other_index].path.clone()];
        // Compared from the innermost step: neighbouring paths differ there.
        mine.len() == theirs.len()
            && mine[known..]
                .iter()
                .rev()
                .zip(theirs[known..].iter().rev())
                .all(|pair| match pair {
                    (Segment::Key(mine), Segment::Key(theirs)) => {
                        self.text.as_bytes()[mine.clone()] == other.text.as_bytes()[theirs.clone()]
                    }
                    (Segment::Index(mine), Segment::Index(theirs))
                    | (Segment::Added(mine), Segment::Added(theirs)) => mine == theirs,
                    _ => false,
                })
    }

    /// FNV-1a over the steps of the path of leaf `index`, each led by its kind: a lookup
    /// that misses hashes every path, and SipHash was most of its cost.
    fn path_hash(&self, index: usize) -> u64 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut add = |bytes: &[u8]| {
            for &byte in bytes {
                hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
            }
        };
        for segment in &self.segments[self.leaves[index].path.clone()] {
            match segment {
                Segment::Key(key) => {
                    add(b"k");
                    add(&self.text.as_bytes()[key.clone()]);
                }
                Segment::Index(item) => {
                    add(b"i");
                    add(&item.to_le_bytes());
                }
                Segment::Added(item) => {
                    add(b"a");
                    add(&item.to_le_bytes());
                }
            }
        }
        hash
    }

    /// Whether some leaf lies strictly below the path of leaf `index` of `other`.
    fn has_descendant(&self, other: &Leaves, index: usize) -> bool {
        (0..self.leaves.len()).any(|leaf| self.lies_below(leaf, other, index))
    }

    /// Whether leaf `leaf` lies strictly below the path of leaf `index` of `other`.
    fn lies_below(&self, leaf: usize, other: &Leaves, index: usize) -> bool {
        let depth = other.path_len(index);
        self.path_len(leaf) > depth && self.path(leaf).take(depth).eq(other.path(index))
    }
}

/// A mapping key as text, whatever type it was written as: a scalar as its value reads
/// (`true`, `1.5`, `null`), a complex key (`? - a`) by its canonical text.
fn key_of<'t>(key: Yaml<'t>) -> Result<Cow<'t, str>, UnnamedKey<'t>> {
    let Some(scalar) = key.scalar() else {
        return canonical(key).map(Cow::Owned);
    };
    Ok(match scalar.resolve() {
        Resolved::Null => Cow::Borrowed("null"),
        Resolved::Bool(value) => Cow::Owned(value.to_string()),
        Resolved::Int(value) if i64::try_from(value).is_ok() || u64::try_from(value).is_ok() => {
            Cow::Owned(value.to_string())
        }
        Resolved::Int(value) => {
            return Err(UnnamedKey {
                value,
                path: Vec::new(),
            });
        }
        Resolved::Float(value) => Cow::Owned(value.to_string()),
        Resolved::Str => Cow::Borrowed(scalar.text),
    })
}

/// A key written as an integer beyond 64 bits, which the verifier does not name (the text
/// is refused as not plain YAML), and the path of the mapping holding it.
struct UnnamedKey<'t> {
    value: i128,
    /// Innermost first: segments are added as the error leaves each enclosing value.
    path: Vec<Segment<&'t str>>,
}

impl<'t> UnnamedKey<'t> {
    fn in_(mut self, segment: Segment<&'t str>) -> Self {
        self.path.push(segment);
        self
    }
}

impl fmt::Display for UnnamedKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", display_path(self.path.iter().rev().copied()))?;
        }
        write!(
            f,
            "expected a scalar mapping key, found integer `{}` as i128",
            self.value
        )
    }
}

/// A key's text as written, to name it on a path; `?` for a complex key.
fn key_text<'t>(key: Yaml<'t>) -> &'t str {
    key.scalar().map_or("?", |key| key.text)
}

/// A value as flow-style text without spans, to name a complex key.
fn canonical<'t>(yaml: Yaml<'t>) -> Result<String, UnnamedKey<'t>> {
    Ok(match yaml.value() {
        YamlValue::Scalar(scalar) => value_of(scalar).to_string(),
        YamlValue::Sequence(items) => {
            let mut texts = Vec::with_capacity(items.len());
            for (index, item) in items.enumerate() {
                texts.push(canonical(item).map_err(|error| error.in_(Segment::Index(index)))?);
            }
            format!("[{}]", texts.join(", "))
        }
        YamlValue::Mapping(entries) => {
            let mut texts = Vec::with_capacity(entries.len());
            for entry in entries {
                let key = key_of(entry.key)?;
                let value = canonical(entry.value)
                    .map_err(|error| error.in_(Segment::Key(key_text(entry.key))))?;
                texts.push(format!("{key:?}: {value}"));
            }
            format!("{{{}}}", texts.join(", "))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TENDER: &str = "\
# A council contract.
tender:
  buyer: {name: Example Borough Council, kind: local_government}
  value: {total: \"£600k\"}
  payment:
    terms_days: 60 # agreed with finance
    schedule: milestones
    # retention_percent: 5
";

    /// The values of `text` as flow-style text, typed as `canonical` shows them.
    fn values(text: &str) -> Result<String, String> {
        let source = SourceFile::new("t", None, text.to_owned());
        let document = Document::parse(&source);
        Leaves::read(&document, &[], None)?;
        let root = document.yaml().expect("read above").root();
        Ok(root.map_or("null".to_owned(), |root| {
            canonical(root).unwrap_or_else(|_| unreachable!("read above"))
        }))
    }

    #[test]
    fn plain_scalars_are_typed_as_the_tender_reader_types_them() {
        assert_eq!(
            values("[1, -2, +3, 0o17, 0x1F, 99999999999999999999999, 1_000, 0x, '7', \"8\"]\n"),
            Ok("[`1`, `-2`, `3`, `15`, `31`, `99999999999999999999999`, \"1_000\", \"0x\", \"7\", \"8\"]".to_owned())
        );
        assert_eq!(
            values("[1.5, .5, 1e3, +1., .inf, -.Inf, .NaN, 1e]\n"),
            Ok("[`1.5`, `0.5`, `1000`, `1`, `inf`, `-inf`, `NaN`, \"1e\"]".to_owned())
        );
        assert_eq!(
            values("{a: , b: ~, c: Null, d: true, e: FALSE, f: yes, g: 'true', h: \"\"}\n"),
            Ok("{\"a\": null, \"b\": null, \"c\": null, \"d\": `true`, \"e\": `false`, \"f\": \"yes\", \"g\": \"true\", \"h\": \"\"}".to_owned())
        );
        assert_eq!(
            values("lit: |\n  a\n  b\nfold: >-\n  c\n  d\nkeep: |+\n  e\n\nplain: f\n  g\n"),
            Ok("{\"lit\": \"a\\nb\\n\", \"fold\": \"c d\", \"keep\": \"e\\n\\n\", \"plain\": \"f g\"}".to_owned())
        );
        assert_eq!(
            values("a: &x {b: [1, []]}\nc: *x\nd: {}\n"),
            Ok("{\"a\": {\"b\": [`1`, []]}, \"c\": {\"b\": [`1`, []]}, \"d\": {}}".to_owned())
        );
        assert_eq!(values(""), Ok("null".to_owned()));
        assert_eq!(values("a: 1\na: 2\n"), Err("duplicate key `a`".to_owned()));
    }

    #[test]
    fn keys_are_named_by_the_value_they_are_written_as() {
        assert_eq!(
            values("1: a\n-2: b\n1.5: c\n1e400: d\ntrue: e\n~: f\n'3': g\n? [x, 1]\n: h\n? {y: [z, null]}\n: i\n"),
            Ok("{\"1\": \"a\", \"-2\": \"b\", \"1.5\": \"c\", \"inf\": \"d\", \"true\": \"e\", \"null\": \"f\", \"3\": \"g\", \"[\\\"x\\\", `1`]\": \"h\", \"{\\\"y\\\": [\\\"z\\\", null]}\": \"i\"}".to_owned())
        );
        // Integers beyond 64 bits name no key; the error says where the mapping is.
        assert_eq!(
            values(
                "18446744073709551615: u64\n-9223372036854775808: i64\n18446744073709551616: more\n"
            ),
            Err(
                "expected a scalar mapping key, found integer `18446744073709551616` as i128"
                    .to_owned()
            )
        );
        assert_eq!(
            values("outer:\n  list:\n    - a\n    - {deep: {99999999999999999999: x}}\n"),
            Err("outer.list[1].deep: expected a scalar mapping key, found integer `99999999999999999999` as i128".to_owned())
        );
        assert_eq!(
            values("? {k: v}\n: [{99999999999999999999: x}]\n"),
            Err(
                "?[0]: expected a scalar mapping key, found integer `99999999999999999999` as i128"
                    .to_owned()
            )
        );
    }

    #[test]
    fn values_keep_the_span_they_were_written_at() {
        let text = "a: 'x'\nb:\n  - 1\n";
        let source = SourceFile::new("t", None, text.to_owned());
        let document = Document::parse(&source);
        let leaves = Leaves::read(&document, &[], None).expect("plain YAML");
        let spans: Vec<(String, Span)> = (0..leaves.leaves.len())
            .map(|index| (display_path(leaves.path(index)), leaves.leaves[index].span))
            .collect();
        assert_eq!(
            spans,
            [
                ("a".to_owned(), span_of(text, "'x'")),
                ("b[0]".to_owned(), span_of(text, "1"))
            ]
        );
    }

    #[test]
    fn a_span_inside_inserted_text_is_found_among_ranges_in_order() {
        // An insertion, a deletion (nothing inserted) and a replacement, in offset order.
        let ranges = [2..5, 7..7, 7..10];
        let inside_at = |start, end| inside(&ranges, Span::new(start, end));
        assert!(inside_at(2, 5) && inside_at(3, 4) && inside_at(7, 10) && inside_at(8, 9));
        assert!(!inside_at(1, 3) && !inside_at(4, 6) && !inside_at(6, 8) && !inside_at(9, 11));
        // A point at the end of inserted text belongs to the text after it.
        assert!(inside_at(2, 2) && inside_at(4, 4) && inside_at(7, 7) && inside_at(9, 9));
        assert!(!inside_at(1, 1) && !inside_at(5, 5) && !inside_at(10, 10));
    }

    #[test]
    fn leaves_in_order_are_found_as_an_index_finds_them() {
        let read = |text: String| {
            let source = SourceFile::new("t", None, text);
            Leaves::read(&Document::parse(&source), &[], None).expect("plain YAML")
        };
        // Each key's value is its number.
        let leaves = read((0..40).fold("tender:\n".to_owned(), |text, index| {
            format!("{text}  k{index}: {index}\n")
        }));
        // In order, skipping a few, jumping back, jumping far ahead, and absent paths.
        let asked = [
            "k0", "k1", "k3", "k9", "k2", "k39", "k10", "nope", "k11", "k12", "k30", "k31",
        ];
        let asking = read(asked.iter().fold("tender:\n".to_owned(), |text, key| {
            format!("{text}  {key}: x\n")
        }));
        let mut in_order = InOrder::new(&leaves, &asking);
        for (index, key) in asked.iter().enumerate() {
            let expected = key[1..].parse::<i128>().ok().map(Value::Int);
            let found = in_order
                .get(index)
                .map(|found| leaves.value(&leaves.leaves[found]));
            assert_eq!(found, expected, "{key}");
        }
    }

    #[test]
    fn a_path_with_leaves_below_it_is_absent_without_an_index() {
        let read = |text: &str| {
            let source = SourceFile::new("t", None, text.to_owned());
            Leaves::read(&Document::parse(&source), &[], None).expect("plain YAML")
        };
        let replaced = read("tender:\n  k0: 0\n  k1: {name: 1, other: 2}\n  k2: 3\n");
        let asking = read("tender:\n  k0: 0\n  k1: 1\n  k2: 3\n");
        let mut in_order = InOrder::new(&replaced, &asking);
        let found: Vec<Option<usize>> = (0..3).map(|index| in_order.get(index)).collect();
        assert_eq!(found, [Some(0), None, Some(3)]);
        assert!(in_order.by_hash.is_none());
    }

    fn apply(text: &str, edits: &[Edit]) -> String {
        let mut sorted = edits.to_vec();
        sorted.sort_by_key(|edit| edit.span.start);
        let mut out = text.to_owned();
        for edit in sorted.iter().rev() {
            out.replace_range(edit.span.range(), &edit.replacement);
        }
        out
    }

    fn span_of(text: &str, needle: &str) -> Span {
        let start = text.find(needle).expect("needle in text");
        Span::new(start, start + needle.len())
    }

    fn check(text: &str, edits: &[Edit]) -> Result<(), Rejection> {
        verify(text, &apply(text, edits), edits)
    }

    #[test]
    fn accepts_a_replacement_of_the_named_value() {
        let edits = [Edit::replace(span_of(TENDER, "60"), "30")];
        assert_eq!(check(TENDER, &edits), Ok(()));
    }

    #[test]
    fn accepts_inserted_keys_and_sections() {
        let at = TENDER.find("schedule").unwrap();
        let edits = [Edit::insert(at, "flow_down_to_subcontracts: true\n    ")];
        assert_eq!(check(TENDER, &edits), Ok(()));

        let at = TENDER.find("payment:").unwrap();
        let edits = [Edit::insert(
            at,
            "feedback:\n    verbal_debrief_offered: true\n  ",
        )];
        assert_eq!(check(TENDER, &edits), Ok(()));

        let at = TENDER.find("kind:").unwrap();
        let edits = [Edit::insert(at, "central_government_authority: false, ")];
        assert_eq!(check(TENDER, &edits), Ok(()));
    }

    #[test]
    fn accepts_text_inserted_at_the_end_of_the_named_scalar() {
        let text = "tender:\n  specification: Hosted on Microsoft Teams\n  title: X\n";
        let at = text.find("Teams").unwrap() + "Teams".len();
        let edits = [Edit::insert(at, " or equivalent")];
        assert_eq!(check(text, &edits), Ok(()));
    }

    #[test]
    fn refuses_an_insertion_among_a_keep_scalars_trailing_blank_lines() {
        let text = "tender:\n  specification: |+\n    Outcome text.\n\n";
        let at = text.find("\n\n").unwrap() + 1;
        let edits = [Edit::insert(
            at,
            "  feedback: {verbal_debrief_offered: true}\n",
        )];
        let rejection = check(text, &edits).unwrap_err();
        assert!(
            rejection
                .reason
                .starts_with("it would change `tender.specification` from \"Outcome text.\\n\\n\""),
            "{rejection:?}"
        );
        // After the blank line, the value is kept.
        let edits = [Edit::insert(
            text.len(),
            "  feedback: {verbal_debrief_offered: true}\n",
        )];
        assert_eq!(check(text, &edits), Ok(()));
    }

    #[test]
    fn items_inserted_before_others_do_not_shift_them() {
        let text = "tender:\n  award_criteria:\n    - {name: Price, weight: 50}\n    - {name: Quality, weight: 50}\n";
        let at = text.find("{name: Price").unwrap();
        let weight = text.find("50").unwrap();
        let edits = [
            Edit::insert(at, "{name: Social value, weight: 10}\n    - "),
            Edit::replace(Span::new(weight, weight + 2), "40"),
        ];
        assert_eq!(check(text, &edits), Ok(()));
    }

    #[test]
    fn refuses_a_result_that_is_not_yaml() {
        let edits = [Edit::replace(span_of(TENDER, "60"), "\"30")];
        let rejection = check(TENDER, &edits).unwrap_err();
        assert!(
            rejection.reason.starts_with("the result is not valid YAML"),
            "{rejection:?}"
        );
    }

    #[test]
    fn refuses_a_result_that_is_not_a_tender() {
        let edits = [Edit::replace(span_of(TENDER, "60"), "thirty")];
        let rejection = check(TENDER, &edits).unwrap_err();
        assert!(
            rejection
                .reason
                .starts_with("the result is not a valid tender"),
            "{rejection:?}"
        );
    }

    #[test]
    fn refuses_a_fix_that_uncomments_a_key() {
        // A stale offset that eats a comment marker turns a comment into a value.
        let edits = [Edit::replace(span_of(TENDER, "# retention"), "retention")];
        let rejection = check(TENDER, &edits).unwrap_err();
        assert_eq!(
            rejection.reason,
            "it would add `tender.payment.retention_percent` (`5`) outside the text the fix inserts"
        );
    }

    #[test]
    fn refuses_a_change_that_reaches_another_value_through_an_alias() {
        let text = "x-defaults:\n  days: &days 60\ntender:\n  payment:\n    terms_days: *days\n";
        let edits = [Edit::replace(span_of(text, "60"), "30")];
        let rejection = check(text, &edits).unwrap_err();
        assert_eq!(
            rejection.reason,
            "it would change `tender.payment.terms_days` from `60` to `30`, a value the fix does not touch"
        );
        assert_eq!(rejection.span, Some(span_of(text, "*days")));
    }

    #[test]
    fn refuses_a_fix_that_moves_a_key_to_another_section() {
        // Removing an indentation moves `team` out of the buyer's own top-level section.
        let text = "x-meta:\n  owner: procurement\n  team: estates\ntender:\n  payment:\n    terms_days: 60\n";
        let at = text.find("  team").unwrap();
        let edits = [Edit::replace(Span::new(at, at + 2), "")];
        let rejection = check(text, &edits).unwrap_err();
        assert_eq!(
            rejection.reason,
            "it would remove `x-meta.team` (\"estates\"), a value the fix does not touch"
        );
        // Inside the tender the typed model already refuses the move.
        let at = TENDER.find("    schedule").unwrap();
        let edits = [Edit::replace(Span::new(at, at + 2), "")];
        let rejection = check(TENDER, &edits).unwrap_err();
        assert!(
            rejection
                .reason
                .starts_with("the result is not a valid tender"),
            "{rejection:?}"
        );
    }

    #[test]
    fn refuses_a_fix_whose_edit_misses_the_value_it_names() {
        // The replacement text claims to set terms_days but lands on the title line.
        let text = "tender:\n  title: Cleaning\n  payment:\n    terms_days: 60\n";
        let edits = [Edit::replace(
            span_of(text, "Cleaning"),
            "Cleaning\n  retention: 3",
        )];
        let rejection = check(text, &edits).unwrap_err();
        assert!(
            rejection
                .reason
                .starts_with("the result is not a valid tender"),
            "{rejection:?}"
        );
    }
}

#[cfg(test)]
mod walk_tests {
    use super::*;

    /// Texts in the layouts the walk pairs values in: block and flow collections, quoted,
    /// block and empty values, aliases, keys that do not read as strings, CRLF and a BOM.
    pub(super) const TEXTS: &[&str] = &[
        "# A council contract.\ntender:\n  buyer: {name: Example Borough Council, kind: local_government}\n  value: {total: \"£600k\"}\n  payment:\n    terms_days: 60 # agreed with finance\n    schedule: milestones\n    # retention_percent: 5\n",
        "tender:\n  award_criteria:\n    - {name: Price, weight: 50}\n    - name: Quality\n      weight: 50\n    -\n    - []\n  lots: [a, 'b', \"c\", [d, e], {f: g}]\n  empty: {}\n  nothing:\n  tilde: ~\n",
        "tender:\n  specification: |+\n    Outcome text.\n\n  notes: >-\n    folded\n    text\n  title: 'It''s' # c\nx-end: 1\n",
        "x-defaults:\n  days: &days 60\n  list: &list [1, 2]\ntender:\n  payment:\n    terms_days: *days\n    other: *list\n",
        "tender:\n  1: a\n  true: c\n  \"k\": d\n  ? [x]\n  : e\n  01: f\n  '2': g\n",
        "\u{feff}tender:\r\n  title: Cleaning\r\n  items:\r\n    - one\r\n    - two\r\n  value: 3\r\n",
        "tender:\n  - a\n  - b: c\n    d: [1, {e: f}]\n  - - g\n    - h\n",
        "plain\n",
        "",
    ];

    /// Replacements that make and unmake YAML structure.
    const WRITTEN: &[&str] = &[
        "",
        "x",
        "30",
        "\n",
        "\n  ",
        "  ",
        "- ",
        "- x\n    ",
        "# ",
        "'",
        "\"",
        "k: v\n  ",
        "{a: 1}",
        "[]",
        "{}",
        "|\n    ",
        "a: ",
        ": ",
        "&a ",
        "*a",
        "~",
        "true",
        "1",
        "'1'",
        ", z",
        ", ",
        "\n\n",
        "q: {r: s}\n  ",
        "- {name: New, weight: 0}\n    ",
        "Price",
        "b",
    ];

    struct Choices(u64);

    impl Choices {
        fn next(&mut self, below: usize) -> usize {
            // xorshift64*
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % below.max(1)
        }
    }

    /// Up to three edits clear of one another, at char boundaries of `text`.
    fn edits(text: &str, choices: &mut Choices) -> Vec<Edit> {
        let mut edits: Vec<Edit> = Vec::new();
        for _ in 0..=choices.next(3) {
            let mut start = choices.next(text.len() + 1);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + choices.next(3) * choices.next(4)).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let replacement = if choices.next(4) == 0 {
                // A piece of the text itself, as a fix that restates a value writes it.
                let from = choices.next(text.len());
                let to = (from + choices.next(12)).min(text.len());
                text.get(from..to).unwrap_or("").to_owned()
            } else {
                WRITTEN[choices.next(WRITTEN.len())].to_owned()
            };
            let span = Span::new(start, end);
            if edits
                .iter()
                .all(|edit| !(edit.span.start <= span.end && span.start <= edit.span.end))
            {
                edits.push(Edit::replace(span, replacement));
            }
        }
        edits
    }

    /// The comparison of every leaf, as `check` falls back to it.
    fn leaf_comparison(before: &Document, after: &Document, changes: &Changes) -> bool {
        let Ok(old) = Leaves::read(before, &[], None) else {
            return false;
        };
        Leaves::read(after, &changes.added, Some(&old))
            .is_ok_and(|new| compare(&old, &new, changes).is_ok())
    }

    #[test]
    fn the_tree_walk_accepts_only_what_the_leaf_comparison_accepts() {
        let mut choices = Choices(0x9e37_79b9_7f4a_7c15);
        let (mut walked, mut compared) = (0, 0);
        for text in TEXTS {
            let before = SourceFile::new("before", None, (*text).to_owned());
            let before_document = Document::parse(&before);
            for _ in 0..3000 {
                let edits = edits(text, &mut choices);
                let after = SourceFile::new("after", None, super::super::apply_edits(text, &edits));
                let after_document = Document::parse(&after);
                let changes = Changes::new(text, &after.text, &edits);
                let walk = changes.keep_every_value(&before_document, &after_document);
                let leaves = leaf_comparison(&before_document, &after_document, &changes);
                assert!(!walk || leaves, "{text:?} with {edits:?}: {:?}", after.text);
                walked += usize::from(walk);
                compared += usize::from(leaves);
            }
        }
        // The walk settles most of what the comparison accepts (not an empty document).
        assert!(walked * 2 > compared, "{walked} of {compared}");
    }

    /// The result of checking `edits` to `text`, and whether the walk alone settled it.
    fn check(text: &str, edits: &[Edit]) -> (Result<(), Rejection>, bool) {
        let after = super::super::apply_edits(text, edits);
        let before = SourceFile::new("before", None, text.to_owned());
        let after_source = SourceFile::new("after", None, after.clone());
        let walked = Changes::new(text, &after, edits)
            .keep_every_value(&Document::parse(&before), &Document::parse(&after_source));
        (verify(text, &after, edits), walked)
    }

    fn at(text: &str, needle: &str) -> usize {
        text.find(needle).expect("needle in text")
    }

    const TEXT: &str = "x-first: 1\ntender:\n  title: 'Cleaning'\nx-note:\n  lots: [1, 2]\n  id: '7'\n  last: done\n";

    #[test]
    fn edits_at_the_first_and_last_byte_are_walked() {
        assert_eq!(check(TEXT, &[Edit::insert(0, "# top\n")]), (Ok(()), true));
        let end = TEXT.len();
        assert_eq!(
            check(TEXT, &[Edit::insert(end, "x-more: {a: [1]}\n")]),
            (Ok(()), true)
        );
        assert_eq!(
            check(TEXT, &[Edit::replace(Span::new(end - 1, end), "")]),
            (Ok(()), true)
        );
        // A key renamed at the first byte: the comparison names the value it loses.
        let (result, walked) = check(TEXT, &[Edit::replace(Span::new(0, 1), "y")]);
        assert_eq!(
            result.unwrap_err().reason,
            "it would remove `x-first` (`1`), a value the fix does not touch"
        );
        assert!(!walked);
        // Text added at the end of the last value extends it, as the edit writes it.
        assert_eq!(check(TEXT, &[Edit::insert(end - 1, "ly")]), (Ok(()), true));
    }

    #[test]
    fn insertions_between_two_values_are_walked() {
        let edits = [Edit::insert(at(TEXT, "  lots"), "  buyer: {name: X}\n")];
        assert_eq!(check(TEXT, &edits), (Ok(()), true));
        let edits = [Edit::insert(at(TEXT, ", 2]"), ", 9")];
        assert_eq!(check(TEXT, &edits), (Ok(()), true));
        // Text added to the end of a value is part of it, as the edit writes it.
        let edits = [Edit::insert(at(TEXT, ", 2]"), "5")];
        assert_eq!(check(TEXT, &edits), (Ok(()), true));
        // An item inserted before another is new: the other keeps its index.
        let edits = [Edit::insert(at(TEXT, "2]"), "3, ")];
        assert_eq!(check(TEXT, &edits), (Ok(()), true));
        // Written by a replacement, it is not: the last item moves to an index it lacked.
        let comma = at(TEXT, ", 2]");
        let edits = [Edit::replace(Span::new(comma, comma + 2), ", 3, ")];
        let (result, walked) = check(TEXT, &edits);
        assert_eq!(
            result.unwrap_err().reason,
            "it would add `x-note.lots[2]` (`2`) outside the text the fix inserts"
        );
        assert!(!walked);
    }

    #[test]
    fn a_change_of_quoting_is_a_change_only_of_a_value_read_otherwise() {
        // Unquoted, `Cleaning` reads the same; `7` becomes a number, as the edit writes it.
        let title = at(TEXT, "'Cleaning'");
        let edits = [Edit::replace(Span::new(title, title + 10), "Cleaning")];
        assert_eq!(check(TEXT, &edits), (Ok(()), true));
        let id = at(TEXT, "'7'");
        let edits = [Edit::replace(Span::new(id, id + 3), "7")];
        assert_eq!(check(TEXT, &edits), (Ok(()), true));
        // A quoted key names what it names unquoted.
        let title_key = at(TEXT, "title");
        let edits = [Edit::replace(
            Span::new(title_key, title_key + 5),
            "'title'",
        )];
        assert_eq!(check(TEXT, &edits), (Ok(()), true));
        // A key that reads as a number is left to the comparison of every value.
        let text = "tender:\n  title: X\nx-codes:\n  '1': a\n";
        let key = at(text, "'1'");
        let edits = [Edit::replace(Span::new(key, key + 3), "1")];
        assert_eq!(check(text, &edits), (Ok(()), false));
    }

    #[test]
    fn a_text_that_is_not_plain_yaml_is_refused_for_every_fix() {
        let text = "tender:\n  title: X\nx-extra:\n  18446744073709551616: more\n";
        let (result, walked) = check(text, &[Edit::insert(0, "# top\n")]);
        assert_eq!(
            result.unwrap_err().reason,
            "the text before the fix is not plain YAML (x-extra: expected a scalar mapping key, found integer `18446744073709551616` as i128)"
        );
        assert!(!walked);
    }
}
