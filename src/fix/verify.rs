//! The safety net under every fix: a fixed text is accepted only if it still
//! parses as a tender and changes no value except as the fix's edits write it.
//!
//! Rules need no extra API for this. Both texts are parsed into a generic YAML
//! tree whose every node carries its span; then, over the whole tree:
//! - every leaf (scalar or empty collection) of the original must still be there, at
//!   the same path, with the same value; or, when edits touch it, with the text the
//!   edits write (its old text with them applied), or lying wholly in inserted text;
//!   sequence items wholly inside inserted text are new and shift no index;
//! - every leaf at a path the original lacks must lie inside text an edit inserted.
//!
//! So a fix at a stale offset, an edit that uncomments a line, a key inserted among a
//! keep-chomped scalar's trailing blank lines, or a change that reaches another value
//! through a YAML alias is refused, and its finding is reported with the reason.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::diagnostic::Edit;
use crate::model::{Node, Tender};
use crate::parse::Document;
use crate::read::yaml;
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
    Verifier::of(&Document::parse(&before))?
        .check(&after, edits)
        .map(|_| ())
}

/// The text before some fixes, read once to check any number of results against.
pub struct Verifier {
    before: String,
    tree: Node<Tree>,
}

/// A fixed text that passed: its tender (for the re-lint) and the verifier of the next fixes.
pub struct Verified {
    pub tender: Node<Tender>,
    pub next: Verifier,
}

impl Verifier {
    /// The verifier of fixes to `document`'s text, from the YAML already read.
    pub fn of(document: &Document) -> Result<Verifier, Rejection> {
        let tree = tree_of(document).map_err(|message| {
            Rejection::new(
                format!("the text before the fix is not plain YAML ({message})"),
                None,
            )
        })?;
        Ok(Verifier {
            before: document.source().text.clone(),
            tree,
        })
    }

    /// See [`verify`]. `after` is read once: for the comparison, the tender and the next verifier.
    pub fn check(&self, after: &SourceFile, edits: &[Edit]) -> Result<Verified, Rejection> {
        let document = Document::parse(after);
        let tree = tree_of(&document).map_err(|message| {
            Rejection::new(format!("the result is not valid YAML ({message})"), None)
        })?;
        let tender = document.tender().map_err(|error| {
            Rejection::new(
                format!("the result is not a valid tender ({})", error.message),
                None,
            )
        })?;
        compare(&self.tree, &tree, &self.before, &after.text, edits)?;
        Ok(Verified {
            tender,
            next: Verifier {
                before: after.text.clone(),
                tree,
            },
        })
    }
}

/// The end of the block scalar whose span holds `offset` strictly and whose value keeps
/// trailing blank lines (only keep chomping, `|+`, ends a value with two line breaks).
pub(crate) fn keep_scalar_containing(text: &str, offset: usize) -> Option<usize> {
    let source = SourceFile::new("text", None, text.to_owned());
    let tree = tree_of(&Document::parse(&source)).ok()?;
    let mut all = Vec::new();
    leaves(&tree, &[], &mut Vec::new(), &mut all);
    all.into_iter().find_map(|(_, node)| {
        let keeps_blank_lines = matches!(&node.inner, Tree::Str(value) if value.ends_with("\n\n"));
        (keeps_blank_lines && node.span.start < offset && offset < node.span.end)
            .then_some(node.span.end)
    })
}

/// Compares every leaf of the two trees. A leaf may differ only as its edits say:
/// its new text is its old text with the edits inside it applied (a replaced scalar,
/// words inserted in a sentence), or it lies wholly in text an edit wrote (a value
/// filled in or replaced by a mapping). Sequence items wholly inside inserted text are
/// new items: the items after them keep their old index for the comparison.
fn compare(
    old_tree: &Node<Tree>,
    new_tree: &Node<Tree>,
    before: &str,
    after: &str,
    edits: &[Edit],
) -> Result<(), Rejection> {
    let inserted = inserted_ranges(edits);
    let added_items: Vec<std::ops::Range<usize>> = edits
        .iter()
        .zip(inserted_ranges_in_order(edits))
        .filter(|(edit, _)| edit.span.is_empty())
        .map(|(_, range)| range)
        .collect();
    let mut old_leaves = Vec::new();
    leaves(old_tree, &[], &mut Vec::new(), &mut old_leaves);
    let mut new_leaves = Vec::new();
    leaves(new_tree, &added_items, &mut Vec::new(), &mut new_leaves);
    let mut new_by_path = InOrder::new(&new_leaves);
    let mut old_paths = InOrder::new(&old_leaves);
    let written_by_fix = |span: Span| inside(&inserted, span);
    // The edits of one pass never touch one another, so ordered by start they are ordered by
    // end too: those touching a value are found by binary search, not by a scan per value.
    let mut by_start: Vec<&Edit> = edits.iter().collect();
    by_start.sort_unstable_by_key(|edit| (edit.span.start, edit.span.end));

    for (path, old) in &old_leaves {
        let first = by_start.partition_point(|edit| edit.span.end < old.span.start);
        let touching: Vec<&Edit> = by_start[first..]
            .iter()
            .copied()
            .take_while(|edit| edit.span.start <= old.span.end)
            .filter(|edit| touches(edit.span, old.span))
            .collect();
        // An empty value's span may sit after its line: filling it in is judged by where the new value lies.
        let empty = matches!(old.inner, Tree::Null) && old.span.is_empty();
        match new_by_path.get(path) {
            Some(new) if new.inner == old.inner => {}
            Some(new)
                if (!touching.is_empty() || empty)
                    && (written_by_fix(new.span)
                        || intended_texts(before, old.span, &touching)
                            .iter()
                            .any(|text| text == &after[new.span.range()])) => {}
            Some(new) => {
                let what = if touching.is_empty() {
                    "a value the fix does not touch"
                } else {
                    "which is not what the fix writes"
                };
                return Err(Rejection::new(
                    format!(
                        "it would change `{}` from {} to {}, {what}",
                        display_path(path),
                        old.inner,
                        new.inner
                    ),
                    Some(old.span),
                ));
            }
            // Still present, as a collection that gained entries or as the mapping an edit
            // replaced the value with: the new entries are checked below.
            None if (matches!(old.inner, Tree::Map(_) | Tree::Seq(_))
                || touching.iter().any(|edit| covers(edit.span, old.span)))
                && has_descendant(&new_leaves, path) => {}
            None => {
                return Err(Rejection::new(
                    format!(
                        "it would remove `{}` ({}), a value the fix does not touch",
                        display_path(path),
                        old.inner
                    ),
                    Some(old.span),
                ));
            }
        }
    }

    for (path, new) in &new_leaves {
        if old_paths.get(path).is_some() {
            continue;
        }
        if !written_by_fix(new.span) {
            return Err(Rejection::new(
                format!(
                    "it would add `{}` ({}) outside the text the fix inserts",
                    display_path(path),
                    new.inner
                ),
                None,
            ));
        }
    }
    Ok(())
}

/// The texts the value at `span` may have after the `edits` that lie within it: those
/// inside it always apply; an insertion at either edge may extend the value or stand
/// beside it (a key inserted after a block scalar), so each edge is tried with and
/// without its insertions. Empty when an edit reaches outside the value.
fn intended_texts(before: &str, span: Span, edits: &[&Edit]) -> Vec<String> {
    let at_edge = |edit: &Edit, offset: usize| edit.span.is_empty() && edit.span.start == offset;
    let mut texts = Vec::new();
    for (with_start, with_end) in [(true, true), (true, false), (false, true), (false, false)] {
        let kept: Vec<&Edit> = edits
            .iter()
            .copied()
            .filter(|edit| {
                (with_start || !at_edge(edit, span.start)) && (with_end || !at_edge(edit, span.end))
            })
            .collect();
        if let Some(text) = intended_text(before, span, &kept) {
            texts.push(text);
        }
    }
    texts
}

/// The text of the value at `span` with `edits` applied; `None` when an edit reaches
/// outside the value.
fn intended_text(before: &str, span: Span, edits: &[&Edit]) -> Option<String> {
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|edit| (edit.span.start, edit.span.end));
    let mut out = String::new();
    let mut at = span.start;
    for edit in sorted {
        if edit.span.start < span.start || edit.span.end > span.end {
            return None;
        }
        out.push_str(&before[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&before[at..span.end]);
    Some(out)
}

/// Whether `span` lies in one of `ranges`; an empty span must sit before a range's end
/// (a point at the end of inserted text belongs to the text after it).
fn inside(ranges: &[std::ops::Range<usize>], span: Span) -> bool {
    ranges.iter().any(|range| {
        if span.is_empty() {
            range.start <= span.start && span.start < range.end
        } else {
            range.start <= span.start && span.end <= range.end
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

/// Where each edit's replacement text lies in the fixed text, in offset order.
fn inserted_ranges(edits: &[Edit]) -> Vec<std::ops::Range<usize>> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.span.start, edit.span.end));
    let mut shift: isize = 0;
    sorted
        .into_iter()
        .map(|edit| {
            let start = (edit.span.start as isize + shift) as usize;
            shift += edit.replacement.len() as isize - edit.span.len() as isize;
            start..start + edit.replacement.len()
        })
        .collect()
}

/// [`inserted_ranges`] in the order of `edits`.
fn inserted_ranges_in_order(edits: &[Edit]) -> Vec<std::ops::Range<usize>> {
    let mut order: Vec<usize> = (0..edits.len()).collect();
    order.sort_by_key(|&index| (edits[index].span.start, edits[index].span.end));
    let mut ranges = vec![0..0; edits.len()];
    let mut shift: isize = 0;
    for index in order {
        let edit = &edits[index];
        let start = (edit.span.start as isize + shift) as usize;
        shift += edit.replacement.len() as isize - edit.span.len() as isize;
        ranges[index] = start..start + edit.replacement.len();
    }
    ranges
}

/// Leaves looked up by path, for a walk that asks for them in about the order they were
/// collected: both trees list their leaves in document order and a fix adds or changes a
/// few, so the next few leaves after the last one found usually hold the path. Only a miss
/// there builds a map of them all. Paths are unique in a tree, so either way finds the same
/// leaf; hashing every path of every file was 8% of a run.
struct InOrder<'l, 'a> {
    leaves: &'l [(Vec<Segment<'a>>, &'a Node<Tree>)],
    next: usize,
    all: Option<std::collections::HashMap<&'l [Segment<'a>], usize>>,
}

/// How many leaves past the last one found are tried before the map.
const LOOK_AHEAD: usize = 8;

impl<'l, 'a> InOrder<'l, 'a> {
    fn new(leaves: &'l [(Vec<Segment<'a>>, &'a Node<Tree>)]) -> Self {
        InOrder {
            leaves,
            next: 0,
            all: None,
        }
    }

    fn get(&mut self, path: &[Segment<'a>]) -> Option<&'a Node<Tree>> {
        let nearby = self.leaves[self.next.min(self.leaves.len())..]
            .iter()
            .take(LOOK_AHEAD)
            .position(|(candidate, _)| candidate.as_slice() == path);
        let index = match nearby {
            Some(offset) => self.next + offset,
            None => *self
                .all
                .get_or_insert_with(|| {
                    self.leaves
                        .iter()
                        .enumerate()
                        .map(|(index, (path, _))| (path.as_slice(), index))
                        .collect()
                })
                .get(path)?,
        };
        self.next = index + 1;
        Some(self.leaves[index].1)
    }
}

/// Whether some leaf lies strictly below `path`.
fn has_descendant(leaves: &[(Vec<Segment>, &Node<Tree>)], path: &[Segment]) -> bool {
    leaves
        .iter()
        .any(|(leaf, _)| leaf.len() > path.len() && leaf.starts_with(path))
}

/// One step of a path: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
    /// A sequence item the fix inserted, numbered among the inserted ones.
    Added(usize),
}

fn display_path(path: &[Segment]) -> String {
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

/// Collects the leaves of `node` (scalars and empty collections) with their paths;
/// sequence items inside `added` (text inserted at a point) are numbered apart.
fn leaves<'a>(
    node: &'a Node<Tree>,
    added: &[std::ops::Range<usize>],
    path: &mut Vec<Segment<'a>>,
    out: &mut Vec<(Vec<Segment<'a>>, &'a Node<Tree>)>,
) {
    match &node.inner {
        Tree::Map(entries) if !entries.is_empty() => {
            for (key, value) in entries {
                path.push(Segment::Key(key));
                leaves(value, added, path, out);
                path.pop();
            }
        }
        Tree::Seq(items) if !items.is_empty() => {
            let (mut kept, mut new) = (0, 0);
            for item in items {
                if inside(added, item.span) {
                    path.push(Segment::Added(new));
                    new += 1;
                } else {
                    path.push(Segment::Index(kept));
                    kept += 1;
                }
                leaves(item, added, path, out);
                path.pop();
            }
        }
        _ => out.push((path.clone(), node)),
    }
}

/// A YAML document as a generic tree. Built by its own visitor (not an untagged
/// enum, which would buffer the input and lose every span).
#[derive(Debug, Clone)]
enum Tree {
    Null,
    Bool(bool),
    Int(i128),
    /// Compared by bits, so an unchanged NaN is unchanged.
    Float(f64),
    Str(String),
    Seq(Vec<Node<Tree>>),
    Map(Vec<(String, Node<Tree>)>),
}

impl PartialEq for Tree {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Tree::Null, Tree::Null) => true,
            (Tree::Bool(a), Tree::Bool(b)) => a == b,
            (Tree::Int(a), Tree::Int(b)) => a == b,
            (Tree::Float(a), Tree::Float(b)) => a.to_bits() == b.to_bits(),
            (Tree::Str(a), Tree::Str(b)) => a == b,
            (Tree::Seq(a), Tree::Seq(b)) => a == b,
            (Tree::Map(a), Tree::Map(b)) => a == b,
            _ => false,
        }
    }
}

impl fmt::Display for Tree {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tree::Null => f.write_str("null"),
            Tree::Bool(value) => write!(f, "`{value}`"),
            Tree::Int(value) => write!(f, "`{value}`"),
            Tree::Float(value) => write!(f, "`{value}`"),
            Tree::Str(value) => write!(f, "{value:?}"),
            Tree::Seq(items) if items.is_empty() => f.write_str("`[]`"),
            Tree::Seq(_) => f.write_str("a list"),
            Tree::Map(entries) if entries.is_empty() => f.write_str("`{}`"),
            Tree::Map(_) => f.write_str("a mapping"),
        }
    }
}

/// Any YAML document as a [`Tree`] with spans, read with the tender reader's limits.
fn tree_of(document: &Document) -> Result<Node<Tree>, String> {
    let loaded = document.yaml().map_err(|error| error.message.clone())?;
    if let Some(error) = loaded.errors.first() {
        return Err(error.message.clone());
    }
    match &loaded.root {
        None => Ok(Node::new(Tree::Null, Span::default())),
        Some(root) => yaml::de::from_yaml(root).map_err(|errors| {
            errors
                .into_iter()
                .map(|error| error.message)
                .collect::<Vec<_>>()
                .join("; ")
        }),
    }
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Tree, E> {
        Ok(Tree::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Tree, E> {
        Ok(Tree::Int(value.into()))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Tree, E> {
        Ok(Tree::Int(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Tree, E> {
        Ok(Tree::Int(value.into()))
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Tree, E> {
        i128::try_from(value)
            .map(Tree::Int)
            .map_err(|_| E::custom("integer too large"))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Tree, E> {
        Ok(Tree::Float(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Tree, E> {
        Ok(Tree::Str(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Tree, E> {
        Ok(Tree::Str(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Tree, D::Error> {
        Tree::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node<Tree>>()? {
            items.push(item);
        }
        Ok(Tree::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut entries = Vec::new();
        while let Some(Key(key)) = map.next_key::<Key>()? {
            let value = map.next_value::<Node<Tree>>()?;
            entries.push((key, value));
        }
        Ok(Tree::Map(entries))
    }
}

/// A value as flow-style text without spans, to name a complex key.
fn canonical(tree: &Tree) -> String {
    match tree {
        Tree::Seq(items) => {
            let items: Vec<String> = items.iter().map(|item| canonical(&item.inner)).collect();
            format!("[{}]", items.join(", "))
        }
        Tree::Map(entries) => {
            let entries: Vec<String> = entries
                .iter()
                .map(|(key, value)| format!("{key:?}: {}", canonical(&value.inner)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        scalar => scalar.to_string(),
    }
}

/// A mapping key as text, whatever type it was written as.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'k> Visitor<'k> for KeyVisitor {
            type Value = Key;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a scalar mapping key")
            }

            fn visit_bool<E: de::Error>(self, value: bool) -> Result<Key, E> {
                Ok(Key(value.to_string()))
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Key, E> {
                Ok(Key(value.to_string()))
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Key, E> {
                Ok(Key(value.to_string()))
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Key, E> {
                Ok(Key(value.to_string()))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Key, E> {
                Ok(Key(value.to_owned()))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Key, E> {
                Ok(Key("null".to_owned()))
            }

            // A complex key (`? - a`) is named by its canonical text.
            fn visit_seq<A: SeqAccess<'k>>(self, seq: A) -> Result<Key, A::Error> {
                TreeVisitor.visit_seq(seq).map(|tree| Key(canonical(&tree)))
            }

            fn visit_map<A: MapAccess<'k>>(self, map: A) -> Result<Key, A::Error> {
                TreeVisitor.visit_map(map).map(|tree| Key(canonical(&tree)))
            }
        }

        deserializer.deserialize_any(KeyVisitor)
    }
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

    #[test]
    fn leaves_in_order_are_found_as_a_map_finds_them() {
        let keys: Vec<String> = (0..40).map(|index| format!("k{index}")).collect();
        let nodes: Vec<Node<Tree>> = (0..40)
            .map(|index| Node::new(Tree::Null, Span::new(index, index + 1)))
            .collect();
        let leaves: Vec<(Vec<Segment>, &Node<Tree>)> = keys
            .iter()
            .zip(&nodes)
            .map(|(key, node)| (vec![Segment::Key("tender"), Segment::Key(key)], node))
            .collect();
        // In order, skipping a few, jumping back, jumping far ahead, and absent paths.
        let asked = [
            "k0", "k1", "k3", "k9", "k2", "k39", "k10", "nope", "k11", "k12", "k30", "k31",
        ];
        let mut in_order = InOrder::new(&leaves);
        for key in asked {
            let path = [Segment::Key("tender"), Segment::Key(key)];
            let expected = keys.iter().position(|other| other == key);
            let found = in_order.get(&path).map(|node| node.span.start);
            assert_eq!(found, expected, "{key}");
        }
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
