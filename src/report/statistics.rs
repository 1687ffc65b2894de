//! `--statistics`: how many findings each rule made, and how many each buyer's tenders
//! drew, instead of the findings themselves (as `ruff check --statistics`). Only counts
//! are kept, so a run of any size prints in constant memory.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use super::human::summary_line;
use super::{FileResult, Summary};
use crate::diagnostic::Applicability;
use crate::registry::Registry;

/// Findings counted per rule and per buyer; justified and suppressed findings are not counted.
#[derive(Default)]
pub struct Statistics {
    rules: HashMap<String, RuleCount>,
    buyers: HashMap<Option<String>, usize>,
}

#[derive(Default)]
struct RuleCount {
    count: usize,
    fixable: usize,
}

#[derive(Serialize)]
struct JsonStatistics<'a> {
    version: u32,
    rules: Vec<JsonRule<'a>>,
    buyers: Vec<JsonBuyer<'a>>,
    summary: &'a Summary,
}

#[derive(Serialize)]
struct JsonRule<'a> {
    rule: &'a str,
    name: &'a str,
    count: usize,
    /// How many `--fix` would repair (safe fixes).
    fixable: usize,
}

#[derive(Serialize)]
struct JsonBuyer<'a> {
    /// `tender.buyer.name`; `null` when the tender does not name its buyer.
    buyer: Option<&'a str>,
    count: usize,
}

impl Statistics {
    /// Counts one result's findings; `buyer` is the name of the tender's buyer, if given.
    pub fn add(&mut self, result: &FileResult, buyer: Option<&str>) {
        let mut findings = 0;
        for diagnostic in result
            .diagnostics()
            .iter()
            .filter(|diagnostic| diagnostic.suppressed.is_none())
        {
            let count = self.rules.entry(diagnostic.rule.to_string()).or_default();
            count.count += 1;
            if diagnostic
                .fix
                .as_ref()
                .is_some_and(|fix| fix.applicability == Applicability::Safe)
            {
                count.fixable += 1;
            }
            findings += 1;
        }
        if findings > 0 {
            *self.buyers.entry(buyer.map(str::to_owned)).or_default() += findings;
        }
    }

    /// Most findings first, then by rule id.
    fn sorted_rules(&self) -> Vec<(&str, &RuleCount)> {
        let mut rules: Vec<(&str, &RuleCount)> = self
            .rules
            .iter()
            .map(|(rule, count)| (rule.as_str(), count))
            .collect();
        rules.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
        rules
    }

    /// Most findings first, then by name (an unnamed buyer first).
    fn sorted_buyers(&self) -> Vec<(Option<&str>, usize)> {
        let mut buyers: Vec<(Option<&str>, usize)> = self
            .buyers
            .iter()
            .map(|(buyer, count)| (buyer.as_deref(), *count))
            .collect();
        buyers.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        buyers
    }

    /// The counts as aligned columns, then the closing summary unless `quiet`.
    pub fn print_human(
        &self,
        out: &mut dyn Write,
        summary: &Summary,
        quiet: bool,
    ) -> io::Result<()> {
        let registry = Registry::builtin();
        let (rules, buyers) = (self.sorted_rules(), self.sorted_buyers());
        let largest = rules
            .iter()
            .map(|(_, count)| count.count)
            .chain(buyers.iter().map(|(_, count)| *count))
            .max()
            .unwrap_or(0);
        let width = largest.to_string().len();
        let id_width = rules.iter().map(|(rule, _)| rule.len()).max().unwrap_or(0);
        if !rules.is_empty() {
            writeln!(out, "Findings by rule:")?;
        }
        for (rule, count) in &rules {
            let name = registry.get(rule).map_or("", |meta| meta.name.as_str());
            let fixable = if count.fixable > 0 {
                format!(" ({} fixable)", count.fixable)
            } else {
                String::new()
            };
            writeln!(
                out,
                "  {:>width$}  {rule:<id_width$}  {name}{fixable}",
                count.count
            )?;
        }
        if !buyers.is_empty() {
            writeln!(out, "Findings by buyer:")?;
        }
        for (buyer, count) in &buyers {
            let buyer = buyer.map_or("(buyer not named)".into(), super::display_name);
            writeln!(out, "  {count:>width$}  {buyer}")?;
        }
        if !quiet {
            writeln!(out, "{}", summary_line(summary))?;
        }
        Ok(())
    }

    /// `{"version": 1, "rules": [...], "buyers": [...], "summary": {...}}`.
    pub fn print_json(&self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let registry = Registry::builtin();
        let (rules, buyers) = (self.sorted_rules(), self.sorted_buyers());
        let output = JsonStatistics {
            version: 1,
            rules: rules
                .iter()
                .map(|(rule, count)| JsonRule {
                    rule,
                    name: registry.get(rule).map_or("", |meta| meta.name.as_str()),
                    count: count.count,
                    fixable: count.fixable,
                })
                .collect(),
            buyers: buyers
                .iter()
                .map(|(buyer, count)| JsonBuyer {
                    buyer: *buyer,
                    count: *count,
                })
                .collect(),
            summary,
        };
        serde_json::to_writer_pretty(&mut *out, &output).map_err(io::Error::other)?;
        writeln!(out)
    }
}
