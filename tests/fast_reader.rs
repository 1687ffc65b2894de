//! The fast block reader (src/read/yaml/block.rs) against the reader on saphyr-parser's
//! events: wherever the fast reader reads a text, both must give the same tree (every value,
//! style and span) and the same errors. Inputs: every tender in the repository, the YAML test
//! suite, and tenders mutated at random a character or a line at a time. The fast reader must
//! also read every example itself, so that the comparison is not won by declining everything.

mod common;

use std::path::Path;

use tenderlint::read::yaml::{load_fast, load_on_events};

/// Compares both readers on `text`; `true` when the fast reader read it.
fn same_as_parser(name: &str, text: &str) -> bool {
    let Some(fast) = load_fast(text) else {
        return false;
    };
    match load_on_events(text) {
        Ok(parsed) => {
            assert!(
                fast.root() == parsed.root(),
                "{name}: the fast reader's tree differs from saphyr-parser's\n--- text\n{text}\n--- fast\n{:#?}\n--- parser\n{:#?}",
                fast.root(),
                parsed.root()
            );
            assert_eq!(fast.errors, parsed.errors, "{name}: errors differ\n{text}");
        }
        Err(error) => panic!(
            "{name}: the fast reader read a text saphyr-parser refuses ({})\n{text}",
            error.message
        ),
    }
    true
}

fn repository_tenders() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for path in common::corpus() {
        let text = std::fs::read_to_string(common::root().join(&path)).expect("readable");
        files.push((path.display().to_string(), text));
    }
    files
}

#[test]
fn reads_every_example_as_the_parser_does() {
    let mut read = 0;
    for (name, text) in repository_tenders() {
        let fast = same_as_parser(&name, &text);
        if name.starts_with("examples") {
            assert!(fast, "{name}: the fast reader declined an example");
        }
        read += usize::from(fast);
    }
    eprintln!("fast reader: read {read} of the repository's tenders");
}

#[test]
fn agrees_with_the_parser_on_the_yaml_test_suite() {
    let Some(dir) = common::shared_corpus("yaml-test-suite") else {
        eprintln!("note: yaml-test-suite not found next to the repository; skipped");
        return;
    };
    let mut read = 0;
    let mut total = 0;
    for entry in std::fs::read_dir(&dir).expect("readable") {
        let path = entry.expect("entry").path();
        if path
            .extension()
            .is_some_and(|extension| extension == "yaml")
        {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            total += 1;
            read += usize::from(same_as_parser(&display(&path), &text));
        }
    }
    eprintln!("fast reader: read {read} of {total} YAML test suite inputs");
}

/// Edge cases of the subset, each read by the fast reader (and compared), and texts just
/// outside it, which it must hand on.
#[test]
fn agrees_with_the_parser_on_edge_cases() {
    let read = [
        "a:\nb: 1\n",
        "a:\n",
        "a:   \n  # note\nb:\n",
        "a: # note\n  b: 1\n",
        "a:\n- 1\n-   2\nb: 3\n",
        "a:\n  - x: 1\n    y: [1, 'two', \"three\"]\n  -\n    z: {}\n",
        "a: |\n  one\n\n  two\n\n\nb: >\n  folded\n  text\n\n  next\n",
        "a: |-\n  strip\n\nb: |+\n  keep\n\n\n# end\n",
        "a: >+\n  keep\n\n",
        "a: |\n    deeper\n      more\n    back\n",
        "- a\n- 'it''s'\n- \"q\" # c\n- { k: v , l: [ ] }\n",
        "key with spaces  : value with: colon-less text, commas [and] {braces}\n",
        "a: b#c d\nurl: https://example.org/x?y=1#z\n",
        "a: 1\na: 2\nb: {x: 1, x: 2}\n",
        "£: é\n\"\": 1\n",
        "a: -1\nb: -x\nc: ~\nd: null\n",
    ];
    for (index, text) in read.iter().enumerate() {
        let name = format!("edge case {index}: {text:?}");
        // Not every one is in the subset; those that are must agree.
        same_as_parser(&name, text);
    }
    let handed_on = [
        "a: &x 1\nb: *x\n",
        "a: !tag 1\n",
        "--- \na: 1\n",
        "a: 1\n...\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: multi\n  line\n",
        "a: 'multi\n  line'\n",
        "a: \"esc\\n\"\n",
        "a:\tb\n",
        "a: 1\r\n",
        "a: 1",
        "\u{feff}a: 1\n",
        "a: |2\n  x\n",
        "? a\n: b\n",
        "a: [1,\n  2]\n",
        "a:\n  b: 1\n c: 2\n",
        "a: b: c\n",
        "- - a\n",
        "a: {b: }\n",
        "a: [1, ]\n",
        "",
        "# only a comment\n",
        "x\n",
    ];
    for text in handed_on {
        assert!(load_fast(text).is_none(), "the fast reader read {text:?}");
    }
}

fn display(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// Small, seeded, dependency-free: the same mutants on every run.
struct Random(u64);

impl Random {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }
}

/// Characters that change how YAML reads a line, and a few that do not.
const INSERTED: [&str; 28] = [
    ":", ": ", "#", " #", "- ", "-", "'", "\"", "''", "|", ">", "|-", ">+", "{", "}", "[", "]",
    ", ", " ", "  ", "\n", "\n\n", "&a ", "*a", "!", "? ", "\\", "£",
];

fn mutate(text: &str, random: &mut Random) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let line = random.below(lines.len().max(1));
    match random.below(6) {
        // Delete, repeat or re-indent a line.
        0 => lines
            .iter()
            .enumerate()
            .filter(|(index, _)| *index != line)
            .map(|(_, text)| *text)
            .collect(),
        1 => lines
            .iter()
            .enumerate()
            .flat_map(|(index, text)| std::iter::repeat_n(*text, 1 + usize::from(index == line)))
            .collect(),
        2 => lines
            .iter()
            .enumerate()
            .map(|(index, text)| match (index == line, random.below(3)) {
                (true, 0) => format!(" {text}"),
                (true, 1) => format!("   {text}"),
                (true, _) => text.strip_prefix(' ').unwrap_or(text).to_owned(),
                (false, _) => (*text).to_owned(),
            })
            .collect(),
        // Insert something anywhere, or at the end of a value.
        3 | 4 => {
            let mut at = random.below(text.len().max(1));
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if random.below(2) == 0
                && let Some(end) = text[at..].find('\n')
            {
                at += end;
            }
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let inserted = INSERTED[random.below(INSERTED.len())];
            format!("{}{inserted}{}", &text[..at], &text[at..])
        }
        // Cut the text short.
        _ => {
            let mut at = random.below(text.len().max(1));
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            format!("{}\n", &text[..at])
        }
    }
}

#[test]
fn agrees_with_the_parser_on_mutated_tenders() {
    let tenders = repository_tenders();
    let seed = std::env::var("FAST_READER_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let mut random = Random(seed);
    let mut read = 0;
    // FAST_READER_ROUNDS=2000 for a deeper search than CI's.
    let rounds: usize = std::env::var("FAST_READER_ROUNDS")
        .ok()
        .and_then(|rounds| rounds.parse().ok())
        .unwrap_or(40);
    for round in 0..rounds {
        for (name, text) in &tenders {
            let mut mutant = mutate(text, &mut random);
            // Some mutants twice over, so that two changes meet.
            if round % 4 == 3 {
                mutant = mutate(&mutant, &mut random);
            }
            read += usize::from(same_as_parser(&format!("{name} (mutant {round})"), &mutant));
        }
    }
    eprintln!(
        "fast reader: read {read} of {} mutated tenders",
        rounds * tenders.len()
    );
}
