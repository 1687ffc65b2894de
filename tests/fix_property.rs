//! Property: tenders generated in many layouts (block and flow mappings and lists,
//! comments before entries and after values, block scalars with every chomping and an
//! explicit indentation indicator, CRLF, a byte order mark, anchors and aliases), with
//! fixable findings of every rule that has a fix, fixed with `--fix --unsafe-fixes`.
//!
//! Each case checks: every fixable finding is fixed or reported unfixed with its rule
//! named; the result parses; the values no fix names (a sentinel section full of
//! traps, the buyer, the notice date) are unchanged; every comment line
//! survives; no rule has more warnings or errors; a second run changes nothing; and
//! `--diff` through the binary shows exactly what `--fix` writes.

mod common;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::process::Command;

use common::{BIN, settings};
use proptest::prelude::*;
use tenderlint::diagnostic::{Diagnostic, Severity};
use tenderlint::fix::{FixOptions, fix_source, unified_diff};
use tenderlint::parse::parse_tender;
use tenderlint::source::SourceFile;

/// A small deterministic generator: every layout choice comes from the seed.
struct Choices(u64);

impl Choices {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn pick<T: Copy>(&mut self, options: &[T]) -> T {
        options[(self.next() % options.len() as u64) as usize]
    }

    fn chance(&mut self, in_four: u64) -> bool {
        self.next() % 4 < in_four
    }
}

/// A YAML value to render.
enum Value {
    /// A plain scalar, written plain, single- or double-quoted by choice.
    Scalar(&'static str),
    /// Text written as a block scalar (`|`/`>` with a chomping indicator).
    Block(&'static str),
    Map(Vec<(&'static str, Value)>),
    Seq(Vec<Value>),
    /// Written as is (anchors, aliases, flow text).
    Raw(&'static str),
}

use Value::{Block, Map, Raw, Scalar, Seq};

struct Renderer<'a> {
    choices: &'a mut Choices,
    indent: usize,
    lines: Vec<String>,
    comments: usize,
}

impl Renderer<'_> {
    fn comment(&mut self, column: usize) {
        if self.choices.chance(1) {
            self.comments += 1;
            let text = self
                .choices
                .pick(&["note", "agreed: yes", "see annex #2", "'quoted'"]);
            self.lines
                .push(format!("{}# {text} {}", " ".repeat(column), self.comments));
        }
    }

    fn trailing(&mut self) -> String {
        if self.choices.chance(1) {
            self.comments += 1;
            format!(" # after {}", self.comments)
        } else {
            String::new()
        }
    }

    fn scalar(&mut self, text: &str) -> String {
        let plain_safe = !text.contains([':', '#', ',', '{', '}', '[', ']', '£', '"', '\'']);
        match self.choices.next() % 3 {
            0 if plain_safe => text.to_owned(),
            1 => format!("'{}'", text.replace('\'', "''")),
            _ => format!("\"{}\"", text.replace('"', "\\\"")),
        }
    }

    fn flow(&mut self, value: &Value) -> Option<String> {
        Some(match value {
            Scalar(text) => self.scalar(text),
            Raw(text) => (*text).to_owned(),
            Block(_) => return None,
            Map(entries) => {
                let mut parts = Vec::new();
                for (key, value) in entries {
                    parts.push(format!("{key}: {}", self.flow(value)?));
                }
                format!("{{{}}}", parts.join(", "))
            }
            Seq(items) => {
                let mut parts = Vec::new();
                for item in items {
                    parts.push(self.flow(item)?);
                }
                format!("[{}]", parts.join(", "))
            }
        })
    }

    fn block_scalar(&mut self, text: &str, column: usize) -> (String, Vec<String>) {
        let style = self.choices.pick(&['|', '>']);
        let chomping = self.choices.pick(&["", "-", "+"]);
        let explicit = self.choices.chance(1);
        let width = if explicit { 2 } else { self.indent };
        let header = if explicit {
            format!("{style}{width}{chomping}")
        } else {
            format!("{style}{chomping}")
        };
        let mut lines: Vec<String> = text
            .lines()
            .map(|line| format!("{}{line}", " ".repeat(column + width)))
            .collect();
        if chomping == "+" && self.choices.chance(2) {
            lines.push(String::new());
        }
        (header, lines)
    }

    /// Renders `entries` as a block mapping at `column`.
    fn map(&mut self, entries: &[(&'static str, Value)], column: usize) {
        for (key, value) in entries {
            self.comment(column);
            self.entry(&format!("{}{key}:", " ".repeat(column)), value, column);
        }
    }

    /// Renders `value` after `lead` (`key:` or `-`), the entry's content at `column`.
    fn entry(&mut self, lead: &str, value: &Value, column: usize) {
        let flow_collection = matches!(value, Map(_) | Seq(_)) && self.choices.chance(1);
        match value {
            Scalar(_) | Raw(_) => {
                let text = self.flow(value).expect("scalars render");
                let trailing = self.trailing();
                self.lines.push(format!("{lead} {text}{trailing}"));
            }
            Block(text) => {
                let (header, lines) = self.block_scalar(text, column);
                self.lines.push(format!("{lead} {header}"));
                self.lines.extend(lines);
            }
            _ if flow_collection && self.flow(value).is_some() => {
                let text = self.flow(value).expect("checked");
                let trailing = self.trailing();
                self.lines.push(format!("{lead} {text}{trailing}"));
            }
            Map(entries) => {
                self.lines.push(lead.to_owned());
                self.map(entries, column + self.indent);
            }
            Seq(items) => {
                self.lines.push(lead.to_owned());
                let item_column = column + self.indent;
                for item in items {
                    self.comment(item_column);
                    match item {
                        Map(entries) if !entries.is_empty() && !self.choices.chance(1) => {
                            // `- key: value` with the other keys under the first.
                            let inner = item_column + 2;
                            let (first_key, first_value) = &entries[0];
                            self.entry(
                                &format!("{}- {first_key}:", " ".repeat(item_column)),
                                first_value,
                                inner,
                            );
                            self.map(&entries[1..], inner);
                        }
                        _ => self.entry(
                            &format!("{}-", " ".repeat(item_column)),
                            item,
                            item_column + 2,
                        ),
                    }
                }
            }
        }
    }
}

/// The sentinel: values no fix may touch, with every trap in the book.
fn sentinel() -> Value {
    Map(vec![
        ("keep", Block("kept\n\nand kept")),
        ("anchored", Raw("&shared {one: 1, two: [a, b]}")),
        ("alias", Raw("*shared")),
        (
            "list",
            Seq(vec![Scalar("a"), Scalar("b: c"), Block("folded text")]),
        ),
        ("empty", Raw("")),
        ("nothing", Raw("~")),
    ])
}

/// A tender with findings for every rule that has a fix, in layouts chosen by `seed`.
fn generate(seed: u64) -> String {
    let mut choices = Choices(seed | 1);
    let kind = choices.pick(&["central_government", "local_government", "icb", "nhs_trust"]);
    let kind: &'static str = kind;
    let mut tender: Vec<(&'static str, Value)> = vec![
        (
            "buyer",
            Map(vec![
                ("name", Scalar("Example Council")),
                ("kind", Raw(kind)),
            ]),
        ),
        ("procedure", Raw("open")),
        ("category", Raw("services")),
        ("value", Map(vec![("total", Scalar("£2m"))])),
        (
            "timeline",
            Map(vec![
                ("tender_notice", Raw("2026-03-02")),
                (
                    "submission_deadline",
                    Raw(choices.pick(&["2026-03-20", "2026-04-11", "2026-04-06"])),
                ),
                (
                    "award_decision",
                    Raw(choices.pick(&["2026-04-12", "2026-06-19"])),
                ),
            ]),
        ),
        ("submission", Map(vec![("electronic", Raw("true"))])),
    ];
    if choices.chance(2) {
        let mut payment = vec![("terms_days", Raw(choices.pick(&["60", "45", ""])))];
        if choices.chance(2) {
            payment.push(("schedule", Raw("on_completion")));
        }
        if choices.chance(2) {
            payment.push(("retention_percent", Raw("5")));
        }
        tender.push(("payment", Map(payment)));
    }
    if choices.chance(2) {
        tender.push((
            "feedback",
            Map(vec![
                ("assessment_summaries", Raw("false")),
                ("verbal_debrief_offered", Raw("false")),
            ]),
        ));
    }
    tender.push((
        "conditions_of_participation",
        Map(vec![
            ("audited_accounts_required", Raw("true")),
            ("alternative_financial_evidence_accepted", Raw("false")),
            ("consortia_allowed", Raw("false")),
            ("previous_contract_with_authority_required", Raw("true")),
            (
                "insurance",
                Map(vec![
                    ("professional_indemnity", Scalar("£1m")),
                    ("evidence_required_at", Raw("bid")),
                ]),
            ),
            (
                "certifications",
                Seq(vec![
                    Scalar("ISO 9001"),
                    Block("Cyber Essentials"),
                    Map(vec![("name", Block("ISO 14001"))]),
                    Map(vec![("name", Scalar("ISO 45001"))]),
                ]),
            ),
        ]),
    ));
    // Either price and quality, or those with quality giving 5 to social value.
    let social_value = !choices.chance(2);
    let quality_weight = if social_value { "55" } else { "60" };
    let mut criteria = vec![
        Map(vec![
            ("name", Scalar("Price")),
            ("kind", Raw("price")),
            ("weight", Raw("40")),
        ]),
        Map(vec![
            ("name", Scalar("Quality")),
            ("kind", Raw("quality")),
            ("weight", Raw(quality_weight)),
        ]),
    ];
    if social_value {
        criteria.push(Map(vec![
            ("name", Scalar("Social value")),
            ("kind", Raw("social_value")),
            ("weight", Raw("5")),
        ]));
    }
    let criteria = Seq(criteria);
    tender.push(("award_criteria", criteria));
    tender.push(("social_value", Map(vec![("model", Raw("ppn_06_20"))])));
    tender.push((
        "market_engagement",
        Map(vec![("held", Raw("true")), ("format", Raw("in_person"))]),
    ));
    tender.push((
        "subcontracting",
        Map(vec![
            ("sme_plan_required", Raw("false")),
            ("named_smes_required", Raw("false")),
        ]),
    ));
    if choices.chance(2) {
        tender.push((
            "lots",
            Seq(vec![
                Map(vec![("id", Raw("north")), ("value", Scalar("£1m"))]),
                Map(vec![("id", Raw("south")), ("value", Scalar("£1.5m"))]),
            ]),
        ));
        tender.push((
            "lots_policy",
            Map(vec![("bid_for_all_lots_required", Raw("true"))]),
        ));
    }
    // Last, so insertions at the end of `tender` meet its trailing lines.
    tender.push((
        "specification",
        Block("Laptops run Microsoft 365.\nWiring to BS 7671, tested yearly."),
    ));

    let indent = choices.pick(&[2, 4]);
    let mut renderer = Renderer {
        choices: &mut choices,
        indent,
        lines: Vec::new(),
        comments: 0,
    };
    let sentinel_first = renderer.choices.chance(2);
    if sentinel_first {
        renderer.entry("x-sentinel:", &sentinel(), 0);
    }
    renderer.comment(0);
    renderer.entry("tender:", &Map(tender), 0);
    if !sentinel_first {
        renderer.entry("x-sentinel:", &sentinel(), 0);
    }
    let lines = renderer.lines;
    let crlf = choices.chance(1);
    let bom = choices.chance(1);
    let nl = if crlf { "\r\n" } else { "\n" };
    let mut text = String::new();
    if bom {
        text.push('\u{feff}');
    }
    for line in lines {
        write!(text, "{line}{nl}").unwrap();
    }
    text
}

fn serious_by_rule(diagnostics: &[Diagnostic]) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for diagnostic in diagnostics {
        if diagnostic.suppressed.is_none() && diagnostic.severity >= Severity::Warning {
            *counts.entry(&*diagnostic.rule).or_insert(0) += 1;
        }
    }
    counts
}

fn comment_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| line.find("# ").map(|at| line[at..].trim_end().to_owned()))
        .filter(|comment| comment.contains(char::is_numeric))
        .collect()
}

/// The generic YAML value at `key` of the document (BOM stripped).
fn yaml_at(text: &str, path: &[&str]) -> serde_json::Value {
    let text = text.trim_start_matches('\u{feff}');
    let mut value: serde_json::Value = serde_saphyr::from_str(text).expect("generic YAML parses");
    for key in path {
        value = value[*key].take();
    }
    value
}

fn check(seed: u64) -> Result<(), String> {
    let text = generate(seed);
    let source = SourceFile::new("t.tender.yaml", None, text.clone());
    let Ok(_) = parse_tender(&source) else {
        return Err(format!("generated tender does not parse:\n{text}"));
    };
    let settings = settings();
    let options = FixOptions { unsafe_fixes: true };
    let original = tenderlint::lint::lint_source(&source, &settings).map_err(|e| e.message)?;
    let fixed = fix_source(&source, &settings, &options).map_err(|error| format!("{error:?}"))?;
    let after = &fixed.source.text;
    let fail = |what: String| {
        Err(format!(
            "{what}\n--- generated:\n{text}\n--- fixed:\n{after}"
        ))
    };

    if parse_tender(&fixed.source).is_err() {
        return fail("the fixed text does not parse".to_owned());
    }
    for diagnostic in fixed.remaining.iter().filter(|d| options.would_fix(d)) {
        if !fixed
            .unfixed
            .iter()
            .any(|unfixed| unfixed.rule == diagnostic.rule)
        {
            return fail(format!(
                "{} is neither fixed nor reported unfixed",
                diagnostic.rule
            ));
        }
    }
    for path in [
        &["x-sentinel"][..],
        &["tender", "buyer"],
        &["tender", "timeline", "tender_notice"],
    ] {
        if yaml_at(&text, path) != yaml_at(after, path) {
            return fail(format!("the fixes changed {path:?}"));
        }
    }
    let kept = comment_lines(after);
    for comment in comment_lines(&text) {
        if !kept.contains(&comment) {
            return fail(format!("lost the comment {comment:?}"));
        }
    }
    let before = serious_by_rule(&original);
    for (rule, count) in serious_by_rule(&fixed.remaining) {
        if count > before.get(rule).copied().unwrap_or(0) {
            return fail(format!("a new {rule} finding appeared"));
        }
    }
    let again = fix_source(&fixed.source, &settings, &options).map_err(|e| format!("{e:?}"))?;
    if &again.source.text != after {
        return fail("a second run changed the text again".to_owned());
    }
    // Through the binary: --diff shows exactly what --fix writes.
    let dir = std::env::temp_dir().join(format!(
        "tenderlint-fix-property-{}-{seed}",
        std::process::id()
    ));
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("t.tender.yaml"), &text).unwrap();
    let run = |mode: &str| {
        Command::new(BIN)
            .args([
                "check",
                "--no-color",
                "--date",
                "2026-06-01",
                "--isolated",
                "--unsafe-fixes",
            ])
            .args([mode, "t.tender.yaml"])
            .current_dir(&dir)
            .output()
            .expect("run tenderlint")
    };
    let diff = run("--diff");
    let written = run("--fix");
    let on_disk = fs::read_to_string(dir.join("t.tender.yaml")).unwrap();
    fs::remove_dir_all(&dir).unwrap();
    if written.status.code() == Some(2) || diff.status.code() == Some(2) {
        return fail(format!(
            "exit code 2: {}",
            String::from_utf8_lossy(&written.stdout)
        ));
    }
    if &on_disk != after {
        return fail("--fix wrote something else than the engine's result".to_owned());
    }
    if String::from_utf8_lossy(&diff.stdout) != unified_diff("t.tender.yaml", &text, after) {
        return fail("--diff shows something else than --fix writes".to_owned());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn fixing_any_layout_keeps_everything_it_does_not_name(seed in any::<u64>()) {
        if let Err(failure) = check(seed) {
            prop_assert!(false, "seed {seed}: {failure}");
        }
    }
}
