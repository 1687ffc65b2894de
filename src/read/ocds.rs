//! Published notices (OCDS JSON) to the tender model, as NOTICES.md and docs/notices.md map them.
//!
//! A notice affirms some facts and is silent on most: only what it shows is mapped; the rest
//! stays absent, and what was inferred (rather than read) is recorded with its reason.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use regex::Regex;

use super::json::{self, Json, Value};
use crate::model::{
    Buyer, Category, Conditions, Contract, Count, Criterion, CriterionKind, Date, Insurance, Lot,
    LotsPolicy, Money, Node, Percent, Procedure, Regime, Submission, Suitability, Tender, Timeline,
    Value as TenderValue,
};
use crate::parse::ParseError;
use crate::source::{ReadError, SourceFile};
use crate::span::Span;

/// What was inferred about one notice, and which fields its format has (for rules about
/// something missing: NOTICES.md "What a notice can and cannot show").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoticeInfo {
    pub ocid: String,
    pub inferred: Vec<Inference>,
    /// Model fields the notice's format has a place for, e.g. `suitability` on a UK4 notice.
    pub format_fields: Vec<&'static str>,
    /// `false` when the law the notice runs under cannot be told: no rule runs.
    pub regime_known: bool,
}

impl NoticeInfo {
    pub fn has_field(&self, field: &str) -> bool {
        self.format_fields.contains(&field)
    }
}

/// One model field that was inferred: the value given it, and the notice fields it came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Inference {
    pub field: &'static str,
    pub value: String,
    pub from: String,
}

/// Whether a path names a notice file (`.json` or `.jsonl`).
pub fn is_notice_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension == "json" || extension == "jsonl")
}

fn is_json_lines(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension == "jsonl")
}

/// A cheap look at the start of a file found in a directory walk: does it hold OCDS?
pub fn sniff(path: &Path) -> bool {
    let mut head = Vec::with_capacity(8192);
    let Ok(file) = std::fs::File::open(path) else {
        // Unreadable files are reported by the reader, not skipped silently.
        return true;
    };
    if file.take(8192).read_to_end(&mut head).is_err() {
        return true;
    }
    let head = String::from_utf8_lossy(&head);
    let start = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    (start.starts_with('{') || start.starts_with('['))
        && ["\"ocid\"", "\"releases\"", "\"records\""]
            .iter()
            .any(|key| head.contains(key))
}

/// One release with a `tender`, ready to be mapped: its own text (whole lines of the file,
/// numbered as in the file) and where the release's JSON starts in that text.
pub struct ReleaseText {
    pub source: SourceFile,
    pub start: usize,
}

/// Where a notice is read from: a file, or standard input under the name `--stdin-filename`
/// gives it (whose extension says JSON or JSON Lines).
pub enum NoticeInput {
    File(PathBuf),
    Stdin(String),
}

/// Calls `visit` for every release with a `tender` in the input, one at a time: JSON Lines
/// are read a line at a time, so memory is that of the longest line.
pub fn for_each_release(
    input: &NoticeInput,
    max_size: u64,
    visit: &mut dyn FnMut(Result<ReleaseText, (SourceFile, ParseError)>),
) {
    let (name, path) = match input {
        NoticeInput::File(path) => (path.display().to_string(), Some(path.as_path())),
        NoticeInput::Stdin(name) => (name.clone(), None),
    };
    let failed = |error: ReadError| read_failure(&name, path, error);
    if !is_json_lines(path.unwrap_or(Path::new(&name))) {
        let read = match path {
            Some(path) => SourceFile::read(path, max_size),
            None => SourceFile::read_stdin(&name, max_size),
        };
        match read {
            Ok(source) => split_unit(&source, &name, None, visit),
            Err(error) => visit(Err(failed(error))),
        }
        return;
    }
    let Some(path) = path else {
        return each_line(std::io::stdin().lock(), &name, None, max_size, visit);
    };
    // A FIFO or device named `.jsonl` could block or never end: only regular files are read.
    let opened = match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_file() => std::fs::File::open(path),
        Ok(_) => return visit(Err(failed(ReadError::new("not a regular file")))),
        Err(error) => Err(error),
    };
    match opened {
        Ok(file) => each_line(BufReader::new(file), &name, Some(path), max_size, visit),
        Err(error) => visit(Err(failed(ReadError::new(error.to_string())))),
    }
}

/// The releases of JSON Lines read from `reader`, a line at a time.
fn each_line(
    mut reader: impl BufRead,
    name: &str,
    path: Option<&Path>,
    max_size: u64,
    visit: &mut dyn FnMut(Result<ReleaseText, (SourceFile, ParseError)>),
) {
    let failed = |message: String| read_failure(name, path, ReadError::new(message));
    let mut line = Vec::new();
    let mut lines_before = 0;
    loop {
        line.clear();
        // Bounded: a line longer than the size limit is refused before it is held whole.
        let read = Read::take(&mut reader, max_size.saturating_add(1)).read_until(b'\n', &mut line);
        match read {
            Ok(0) => return,
            Ok(_) if line.len() as u64 > max_size && !line.ends_with(b"\n") => {
                return visit(Err(failed(format!(
                    "line {} is larger than the {max_size}-byte limit (--max-file-size)",
                    lines_before + 1
                ))));
            }
            Ok(_) => {}
            Err(error) => return visit(Err(failed(error.to_string()))),
        }
        // The line's own text, without its break: an error at its end stays on this line.
        let content = line.strip_suffix(b"\n").unwrap_or(&line);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        let text = match std::str::from_utf8(content) {
            Ok(text) => text.to_owned(),
            Err(error) => {
                let lossy = String::from_utf8_lossy(content).into_owned();
                let source = SourceFile::new(name.to_owned(), path.map(Path::to_path_buf), lossy)
                    .numbered_after(lines_before);
                let span = Span::point(error.valid_up_to());
                visit(Err((
                    source,
                    ParseError::new(
                        "is not valid UTF-8 here; notices must be UTF-8",
                        Some(span),
                        None,
                    ),
                )));
                lines_before += 1;
                continue;
            }
        };
        if !text.trim().is_empty() {
            let source = SourceFile::new(name.to_owned(), path.map(Path::to_path_buf), text)
                .numbered_after(lines_before);
            split_unit(&source, name, Some(lines_before + 1), visit);
        }
        lines_before += 1;
    }
}

/// A notice that could not be read: its name (and path) with the reason.
fn read_failure(name: &str, path: Option<&Path>, error: ReadError) -> (SourceFile, ParseError) {
    let span = error.offset.map(Span::point);
    (
        SourceFile::new(
            name.to_owned(),
            path.map(Path::to_path_buf),
            error.lossy_text.unwrap_or_default(),
        ),
        ParseError::new(error.message, span, None),
    )
}

/// Finds the releases in one parsed unit (a file, or a line of a JSON Lines file).
fn split_unit(
    unit: &SourceFile,
    name: &str,
    line: Option<usize>,
    visit: &mut dyn FnMut(Result<ReleaseText, (SourceFile, ParseError)>),
) {
    let (content, bom) = unit.content();
    let document = match json::parse(content) {
        Ok(document) => document,
        Err(error) => {
            let span = Span::point(bom + error.offset);
            return visit(Err((
                unit.clone(),
                ParseError::new(
                    format!("is not valid JSON: {}", error.message),
                    Some(span),
                    None,
                ),
            )));
        }
    };
    let releases = match releases_of(&document) {
        Ok(releases) => releases,
        Err((message, span)) => {
            let span = span.map(|span| Span::new(span.start + bom, span.end + bom));
            return visit(Err((
                unit.clone(),
                ParseError::new(
                    message,
                    span,
                    Some("tenderlint reads OCDS releases, release packages, record packages and JSON Lines of them".to_owned()),
                ),
            )));
        }
    };
    for release in releases {
        let start = bom + release.span.start;
        let first = unit.line_start(start);
        let lines_before = unit.line_col(first).0 - 1;
        let ocid = release.get("ocid").and_then(Json::as_text).unwrap_or("");
        let name = match line {
            Some(line) => format!("{name}#{ocid}:{line}"),
            None => format!("{name}#{ocid}"),
        };
        let text = unit.text[first..bom + release.span.end].to_owned();
        let source = SourceFile::new(name, unit.path.clone(), text).numbered_after(lines_before);
        visit(Ok(ReleaseText {
            source,
            start: start - first,
        }));
    }
}

/// The releases with a `tender` in a document, or why it is not OCDS (naming the key).
fn releases_of<'d, 'a>(
    document: &'d Json<'a>,
) -> Result<Vec<&'d Json<'a>>, (String, Option<Span>)> {
    let with_tender = |releases: Vec<&'d Json<'a>>| {
        releases
            .into_iter()
            .filter(|release| {
                release
                    .get("tender")
                    .is_some_and(|tender| matches!(tender.value, Value::Object(_)))
            })
            .collect()
    };
    match &document.value {
        Value::Object(members) => {
            if let Some(releases) = document.get("releases") {
                return Ok(with_tender(releases.items().iter().collect()));
            }
            if let Some(records) = document.get("records") {
                return Ok(with_tender(
                    records
                        .items()
                        .iter()
                        .filter_map(|record| record.get("compiledRelease"))
                        .collect(),
                ));
            }
            if document.get("ocid").is_some() {
                return Ok(with_tender(vec![document]));
            }
            let why = match members.first() {
                Some(member) => (
                    format!(
                        "is JSON but not OCDS: the top-level object has no `ocid`, `releases` or `records` key (its first key is `{}`)",
                        member.key
                    ),
                    Some(member.key_span),
                ),
                None => (
                    "is JSON but not OCDS: the top-level object is empty".to_owned(),
                    Some(document.span),
                ),
            };
            Err(why)
        }
        // A bare array of releases, as some copies of FTS data are kept.
        Value::Array(items) if items.iter().all(|item| item.get("ocid").is_some()) => {
            Ok(with_tender(items.iter().collect()))
        }
        Value::Array(items) => {
            let odd = items
                .iter()
                .find(|item| item.get("ocid").is_none())
                .map(|item| item.span);
            Err((
                "is JSON but not OCDS: an element of the top-level array has no `ocid`".to_owned(),
                odd,
            ))
        }
        _ => Err((
            "is JSON but not OCDS: expected an object (a release or a package)".to_owned(),
            Some(document.span),
        )),
    }
}

/// A release's JSON, parsed from its own text: the paths of findings are looked up in it.
pub fn parse_release(release: &ReleaseText) -> Result<Json<'_>, ParseError> {
    json::parse(&release.source.text[release.start..]).map_err(|error| {
        ParseError::new(
            error.message,
            Some(Span::point(release.start + error.offset)),
            None,
        )
    })
}

/// Maps one release (spans relative to the release's own text, shifted by `start`).
/// One release mapped to the tender model.
pub struct Mapped {
    pub tender: Node<Tender>,
    pub notice: NoticeInfo,
    /// When the lots' award criteria differ, each lot's set, checked in turn in
    /// `tender.award_criteria` (which is then absent).
    pub criteria_per_lot: Vec<Node<Vec<Node<Criterion>>>>,
}

pub fn map_release(release: &Json, start: usize) -> Mapped {
    let mut mapper = Mapper {
        start,
        criteria_per_lot: Vec::new(),
        info: NoticeInfo {
            ocid: release
                .get("ocid")
                .and_then(Json::as_text)
                .unwrap_or("")
                .to_owned(),
            ..NoticeInfo::default()
        },
    };
    let tender_json = release
        .get("tender")
        .expect("releases are chosen for their tender");
    let mut tender = Tender::default();
    let legacy = tender_json.get("xClassifications").is_some();
    tender.id = mapper.text(tender_json.get("id"));
    tender.title = mapper.text(tender_json.get("title"));
    tender.specification = mapper.text(tender_json.get("description"));
    tender.buyer = mapper.buyer(release);
    tender.regime = mapper.regime(release, tender_json);
    tender.category = mapper.category(tender_json);
    let regime = tender.regime.as_deref().copied();
    tender.procedure = mapper
        .procedure(tender_json, regime)
        .and_then(|procedure| mapper.procedure_of_regime(procedure, regime));
    tender.value = mapper.value(tender_json, legacy);
    mapper.lots(tender_json, &mut tender, legacy);
    tender.timeline = mapper.timeline(
        release,
        tender_json,
        tender.procedure.as_deref().copied(),
        legacy,
    );
    tender.conditions_of_participation = mapper.conditions(tender_json);
    tender.submission = mapper.submission(tender_json);
    Mapped {
        tender: mapper.node(tender, tender_json),
        notice: mapper.info,
        criteria_per_lot: mapper.criteria_per_lot,
    }
}

struct Mapper {
    start: usize,
    criteria_per_lot: Vec<Node<Vec<Node<Criterion>>>>,
    info: NoticeInfo,
}

impl Mapper {
    fn span(&self, json: &Json) -> Span {
        Span::new(json.span.start + self.start, json.span.end + self.start)
    }

    fn node<T>(&self, value: T, json: &Json) -> Node<T> {
        Node::new(value, self.span(json))
    }

    fn infer(&mut self, field: &'static str, value: impl ToString, from: impl Into<String>) {
        self.info.inferred.push(Inference {
            field,
            value: value.to_string(),
            from: from.into(),
        });
    }

    fn text(&self, json: Option<&Json>) -> Option<Node<String>> {
        let json = json?;
        Some(self.node(json.as_text()?.to_owned(), json))
    }

    fn buyer(&mut self, release: &Json) -> Option<Node<Buyer>> {
        let party = buyer_party(release);
        let named = release
            .get("buyer")
            .filter(|buyer| buyer.get("name").is_some())
            .or(party)?;
        let mut buyer = Buyer {
            name: self.text(named.get("name")),
            ..Buyer::default()
        };
        let classes = party
            .and_then(|party| party.at(&["details", "classifications"]))
            .map(Json::items)
            .unwrap_or_default();
        for class in classes {
            if class.get("scheme").and_then(Json::as_str) != Some("UK_CA_TYPE") {
                continue;
            }
            let Some(id) = class.get("id") else { continue };
            let (central, utility) = match id.as_str() {
                Some("publicAuthorityCentralGovernment") => (true, false),
                Some("publicAuthoritySubCentralGovernment") => (false, false),
                Some("publicUndertaking" | "privateUtility") => (false, true),
                _ => continue,
            };
            buyer.central_government_authority = Some(self.node(central, id));
            if utility {
                buyer.kind = Some(self.node(crate::model::BuyerKind::Utility, id));
            }
            let class = if central {
                "central"
            } else if utility {
                "utility"
            } else {
                "sub-central"
            };
            self.infer(
                "buyer class",
                class,
                format!("UK_CA_TYPE `{}`", id.as_str().unwrap_or("")),
            );
        }
        Some(self.node(buyer, named))
    }

    fn regime(&mut self, release: &Json, tender: &Json) -> Option<Node<Regime>> {
        self.info.regime_known = false;
        let basis = tender.get("legalBasis");
        let scheme = basis
            .and_then(|basis| basis.get("scheme"))
            .and_then(Json::as_str)
            .unwrap_or("");
        let id = basis
            .and_then(|basis| basis.get("id"))
            .and_then(Json::as_str)
            .unwrap_or("");
        let psr_review = release
            .get("parties")
            .map(Json::items)
            .unwrap_or_default()
            .iter()
            .find(|party| {
                has_role(party, "reviewBody")
                    && party
                        .get("name")
                        .and_then(Json::as_str)
                        .is_some_and(|name| {
                            let name = name.to_lowercase();
                            name.contains("psr") || name.contains("provider selection")
                        })
            });
        let psr_review = psr_review.or_else(|| psr_key_criteria(tender));
        let notice_type = notice_type(tender);
        let stated = match (scheme, id) {
            ("UKPGA", "2023/54") => Some(Regime::ProcurementAct2023),
            ("UKSI", "2023/1348") => Some(Regime::ProviderSelectionRegime),
            ("SSI", "2015/446") => Some(Regime::Pcsr2015),
            ("UKSI", "2015/102") => Some(Regime::Pcr2015),
            _ => None,
        };
        let (regime, at, from): (Regime, &Json, String) = if let Some(marker) = psr_review {
            let from = match marker.get("name").and_then(Json::as_str) {
                Some(name) if has_role(marker, "reviewBody") => {
                    format!("review body `{name}` (a PSR review panel)")
                }
                _ => "award criteria that are the PSR's key criteria (Health Care Services (Provider Selection Regime) Regulations 2023, reg 5)".to_owned(),
            };
            if stated.is_some_and(|stated| stated != Regime::ProviderSelectionRegime) {
                self.infer(
                    "regime",
                    "unknown",
                    format!("{from} on a notice stating another law: contradictory"),
                );
                return None;
            }
            (Regime::ProviderSelectionRegime, marker, from)
        } else if let Some(stated) = stated {
            if notice_type.is_some_and(|kind| kind.starts_with("UK"))
                && stated != Regime::ProcurementAct2023
                && stated != Regime::ProviderSelectionRegime
            {
                self.infer("regime", "unknown", format!("legal basis `{scheme} {id}` on a Procurement Act notice form: contradictory"));
                return None;
            }
            self.info.regime_known = true;
            return Some(self.node(stated, basis.expect("a stated legal basis")));
        } else if scheme == "CELEX" && id == "32014L0024" {
            let scottish = buyer_party(release)
                .and_then(|party| party.at(&["address", "region"]))
                .and_then(Json::as_str)
                .is_some_and(|region| region.starts_with("UKM"));
            let regime = if scottish {
                Regime::Pcsr2015
            } else {
                Regime::Pcr2015
            };
            let place = if scottish {
                "a Scottish buyer (NUTS `UKM…`)"
            } else {
                "a buyer outside Scotland"
            };
            (
                regime,
                basis.expect("a CELEX legal basis"),
                format!("CELEX `32014L0024` (the public contracts directive) and {place}"),
            )
        } else if notice_type.is_some_and(|kind| kind.starts_with("UK")) {
            let at = tender.get("documents").unwrap_or(tender);
            (
                Regime::ProcurementAct2023,
                at,
                format!(
                    "notice type `{}`, a Procurement Act 2023 form",
                    notice_type.unwrap_or("")
                ),
            )
        } else {
            let why = if basis.is_some() {
                format!("legal basis `{scheme} {id}` is not a regime tenderlint models")
            } else {
                "no legal basis and no Procurement Act notice type".to_owned()
            };
            self.infer("regime", "unknown: no rule runs", why);
            return None;
        };
        self.info.regime_known = true;
        let name = match regime {
            Regime::ProcurementAct2023 => "procurement_act_2023",
            Regime::ProviderSelectionRegime => "provider_selection_regime",
            Regime::Pcr2015 => "pcr_2015",
            Regime::Pcsr2015 => "pcsr_2015",
        };
        self.infer("regime", name, from);
        Some(self.node(regime, at))
    }

    /// `mainProcurementCategory`, or light touch where the notice marks it. Legacy Contracts
    /// Finder `ojeuContractType` is not read: it says `Works` of everything.
    fn category(&mut self, tender: &Json) -> Option<Node<Category>> {
        let light_touch = tender
            .get("specialRegime")
            .map(|regimes| {
                regimes
                    .items()
                    .iter()
                    .chain(std::iter::once(regimes))
                    .any(|regime| {
                        regime
                            .as_str()
                            .is_some_and(|name| name.eq_ignore_ascii_case("lightTouch"))
                    })
            })
            .unwrap_or(false);
        if light_touch {
            let at = tender.get("specialRegime").expect("checked above");
            self.infer(
                "category",
                "light_touch",
                "tender.specialRegime `lightTouch`",
            );
            return Some(self.node(Category::LightTouch, at));
        }
        let json = tender.get("mainProcurementCategory")?;
        let category = match json.as_str()? {
            "goods" => Category::Goods,
            "services" => Category::Services,
            "works" => Category::Works,
            _ => return None,
        };
        Some(self.node(category, json))
    }

    fn procedure(&mut self, tender: &Json, regime: Option<Regime>) -> Option<Node<Procedure>> {
        let techniques = tender.get("techniques");
        let flag = |key: &str| {
            techniques
                .and_then(|t| t.get(key))
                .filter(|flag| flag.as_bool() == Some(true))
        };
        if let Some(at) = flag("hasFrameworkAgreement") {
            return Some(self.node(Procedure::Framework, at));
        }
        if let Some(at) = flag("hasDynamicPurchasingSystem") {
            let procedure = match regime {
                Some(Regime::ProcurementAct2023) => Procedure::DynamicMarket,
                _ => Procedure::DynamicPurchasingSystem,
            };
            return Some(self.node(procedure, at));
        }
        if let Some(details) = tender.get("procurementMethodDetails")
            && let Some(procedure) = details.as_str().and_then(procedure_named)
        {
            return Some(self.node(procedure, details));
        }
        let method = tender.get("procurementMethod")?;
        (method.as_str() == Some("open")).then(|| {
            self.infer("procedure", "open", "tender.procurementMethod `open`");
            self.node(Procedure::Open, method)
        })
    }

    /// A YAML tender may only name its own regime's procedures (docs/tender-format.md), and a
    /// notice maps to the same model: an open procedure published for a PSR procurement is
    /// the PSR's competitive process; any other name from another regime's forms is unknown.
    fn procedure_of_regime(
        &mut self,
        procedure: Node<Procedure>,
        regime: Option<Regime>,
    ) -> Option<Node<Procedure>> {
        // An unknown regime reads as the format's default, as it would in the imported YAML.
        let regime = regime.unwrap_or_default();
        if procedure.belongs_to(regime) {
            return Some(procedure);
        }
        if regime == Regime::ProviderSelectionRegime && *procedure == Procedure::Open {
            self.infer(
                "procedure",
                "competitive_process",
                "an open procedure published for a Provider Selection Regime procurement",
            );
            return Some(Node::new(Procedure::CompetitiveProcess, procedure.span));
        }
        None
    }

    fn value(&mut self, tender: &Json, legacy: bool) -> Option<Node<TenderValue>> {
        let (json, from_min) = match tender.get("value") {
            Some(value)
                if !matches!(
                    value.get("amount").map(|a| &a.value),
                    None | Some(Value::Null)
                ) || value.get("amountGross").is_some() =>
            {
                (value, false)
            }
            _ if legacy => (tender.get("minValue")?, true),
            _ => return None,
        };
        let currency = json.get("currency").and_then(Json::as_str);
        if currency.is_some_and(|currency| currency != "GBP") {
            self.infer(
                "value",
                "unknown",
                format!(
                    "currency `{}` is not pounds sterling",
                    currency.unwrap_or("")
                ),
            );
            return None;
        }
        let (amount, includes_vat) = match (json.get("amount"), json.get("amountGross")) {
            (Some(net), _) if net.as_number().is_some() => (net, false),
            (_, Some(gross)) if gross.as_number().is_some() => (gross, true),
            _ => return None,
        };
        let money = money(amount)?;
        if from_min {
            self.infer(
                "value.total",
                money,
                "tender.minValue.amount (legacy Contracts Finder leaves value.amount null)",
            );
        }
        let value = TenderValue {
            total: Some(self.node(money, amount)),
            includes_vat: Some(self.node(includes_vat, amount)),
            ..TenderValue::default()
        };
        Some(self.node(value, json))
    }

    fn lots(&mut self, tender_json: &Json, tender: &mut Tender, legacy: bool) {
        let lots_json = tender_json.get("lots");
        let lots = lots_json.map(Json::items).unwrap_or_default();
        if lots.iter().any(|lot| lot.get("suitability").is_some())
            || tender_json.get("suitability").is_some()
            || notice_type(tender_json).is_some_and(|kind| kind.starts_with("UK"))
        {
            // The Procurement Act forms (and any notice carrying the field) say per lot whether it suits SMEs.
            self.info.format_fields.push("suitability");
        }
        tender.suitability = tender_json
            .get("suitability")
            .and_then(|json| self.suitability(json));
        let mut months = None;
        for lot in lots {
            if let Some(lot_months) = lot
                .get("contractPeriod")
                .and_then(|period| self.months(period))
            {
                months = Some(months.map_or(lot_months, |(longest, at): (u32, Span)| {
                    if lot_months.0 > longest {
                        lot_months
                    } else {
                        (longest, at)
                    }
                }));
            }
        }
        if legacy
            && let Some(period) = tender_json.get("tenderPeriod")
            && let Some(found) = self.months(period)
        {
            self.infer(
                "contract.duration_months",
                found.0,
                "tender.tenderPeriod: legacy Contracts Finder data put the contract period there",
            );
            months = Some(found);
        }
        if let Some((months, span)) = months {
            if lots.len() > 1 {
                self.infer(
                    "contract.duration_months",
                    months,
                    "the longest lot's contractPeriod",
                );
            }
            tender.contract = Some(Node::new(
                Contract {
                    duration_months: Some(Node::new(Count(months), span)),
                    ..Contract::default()
                },
                span,
            ));
        }
        let awarded = tender_json.at(&["lotDetails", "maximumLotsAwardedPerSupplier"]);
        if let Some(limit) =
            awarded.and_then(|limit| limit.as_number()?.parse::<u32>().ok().map(|n| (n, limit)))
        {
            let policy = LotsPolicy {
                max_lots_per_supplier: Some(self.node(Count(limit.0), limit.1)),
                ..LotsPolicy::default()
            };
            tender.lots_policy = Some(self.node(policy, awarded.expect("read above")));
        }
        self.criteria(lots, tender);
        match lots {
            [] => {}
            [only] => {
                // FTS publishes at least one lot: one lot is a contract not divided into lots.
                self.infer("lots", "not divided", "a single lot in tender.lots");
                if tender.suitability.is_none() {
                    tender.suitability = only
                        .get("suitability")
                        .and_then(|json| self.suitability(json));
                }
                if tender.value.is_none()
                    && let Some(amount) = only.at(&["value", "amount"])
                    && let Some(money) = money(amount)
                {
                    let value = TenderValue {
                        total: Some(self.node(money, amount)),
                        includes_vat: Some(self.node(false, amount)),
                        ..TenderValue::default()
                    };
                    tender.value = Some(self.node(value, amount));
                }
            }
            lots => {
                let mut mapped: Vec<Node<Lot>> = lots.iter().map(|lot| self.lot(lot)).collect();
                let total = tender
                    .value
                    .as_ref()
                    .and_then(|value| value.total.as_deref().copied());
                if total.is_some()
                    && mapped
                        .iter()
                        .all(|lot| lot.value.as_deref().copied() == total)
                {
                    // A common publishing habit: every lot restates the whole value.
                    for lot in &mut mapped {
                        lot.value = None;
                    }
                    self.infer(
                        "lots[].value",
                        "not read",
                        "every lot restates the tender's total value",
                    );
                }
                tender.lots = Some(self.node(mapped, lots_json.expect("lots were found")));
            }
        }
    }

    fn lot(&mut self, json: &Json) -> Node<Lot> {
        let id = json.get("id").and_then(|id| match &id.value {
            Value::String(text) => Some(self.node(text.to_string(), id)),
            Value::Number(digits) => Some(self.node((*digits).to_owned(), id)),
            _ => None,
        });
        let lot = Lot {
            id,
            title: self.text(json.get("title")),
            value: json
                .at(&["value", "amount"])
                .and_then(|amount| Some(self.node(money(amount)?, amount))),
            suitability: json
                .get("suitability")
                .and_then(|json| self.suitability(json)),
            specification: self.text(json.get("description")),
            ..Lot::default()
        };
        self.node(lot, json)
    }

    fn suitability(&self, json: &Json) -> Option<Node<Suitability>> {
        let flag = |key| {
            json.get(key)
                .and_then(|flag| Some(self.node(flag.as_bool()?, flag)))
        };
        let suitability = Suitability {
            sme: flag("sme"),
            vcse: flag("vcse"),
        };
        (suitability.sme.is_some() || suitability.vcse.is_some())
            .then(|| self.node(suitability, json))
    }

    /// A contract period in whole months, with the span of the field it came from.
    fn months(&mut self, period: &Json) -> Option<(u32, Span)> {
        if let Some(days) = period.get("durationInDays")
            && let Some(count) = days
                .as_number()
                .and_then(|digits| digits.parse::<u32>().ok())
        {
            // FTS writes months × 30.
            return Some(((count + 15) / 30, self.span(days)));
        }
        let start = period
            .get("startDate")
            .and_then(|date| local_date(date.as_str()?))?;
        let end = period
            .get("endDate")
            .and_then(|date| local_date(date.as_str()?))?;
        let days = start.0.days_until(end.0.add_days(1));
        (days > 0).then(|| (((days as f64) / 30.4375).round() as u32, self.span(period)))
    }

    fn criteria(&mut self, lots: &[Json], tender: &mut Tender) {
        let sets: Vec<&Json> = lots
            .iter()
            .filter_map(|lot| lot.at(&["awardCriteria", "criteria"]))
            .filter(|criteria| !criteria.items().is_empty())
            .collect();
        let Some(first) = sets.first() else { return };
        let same = |a: &Json, b: &Json| {
            let key = |set: &Json| {
                set.items()
                    .iter()
                    .map(|c| {
                        (
                            c.get("name").and_then(Json::as_str).map(str::to_owned),
                            c.get("type").and_then(Json::as_str).map(str::to_owned),
                            weight(c).map(|(p, _)| p),
                        )
                    })
                    .collect::<Vec<_>>()
            };
            key(a) == key(b)
        };
        if sets.iter().any(|set| !same(set, first)) {
            // Criteria differing between lots are checked per lot (see `Mapped`).
            self.infer(
                "award_criteria",
                "checked per lot",
                "the lots' award criteria differ",
            );
            self.criteria_per_lot = sets.iter().map(|set| self.criteria_set(set)).collect();
            return;
        }
        tender.award_criteria = Some(self.criteria_set(first));
    }

    fn criteria_set(&mut self, set: &Json) -> Node<Vec<Node<Criterion>>> {
        let mut criteria = Vec::new();
        for criterion in set.items() {
            let name = criterion.get("name").and_then(Json::as_text);
            let description = criterion.get("description").and_then(Json::as_text);
            let mentions_social_value = [name, description]
                .iter()
                .flatten()
                .any(|text| text.to_lowercase().contains("social value"));
            let kind = match criterion.get("type").and_then(Json::as_str) {
                _ if mentions_social_value => Some(CriterionKind::SocialValue),
                Some("price" | "cost") => Some(CriterionKind::Price),
                Some("quality") => Some(CriterionKind::Quality),
                _ => None,
            };
            let type_json = criterion.get("type").unwrap_or(criterion);
            criteria.push(self.node(
                Criterion {
                    name: self.text(criterion.get("name")),
                    kind: kind.map(|kind| self.node(kind, type_json)),
                    weight: weight(criterion).map(|(percent, at)| self.node(percent, at)),
                },
                criterion,
            ));
        }
        let text_weights = set
            .items()
            .iter()
            .any(|c| weight(c).is_none() && text_weight(c).is_some());
        if text_weights
            && !self
                .info
                .inferred
                .iter()
                .any(|inference| inference.field == "award_criteria[].weight")
        {
            self.infer(
                "award_criteria[].weight",
                "not read",
                "weights written as text in `description` may be nested (sub-criteria within quality)",
            );
        }
        self.node(criteria, set)
    }

    fn conditions(&mut self, tender: &Json) -> Option<Node<Conditions>> {
        let criteria = tender.at(&["selectionCriteria", "criteria"])?;
        let mut conditions = Conditions::default();
        let mut insurance = Insurance::default();
        for criterion in criteria.items() {
            for key in ["minimum", "description"] {
                let Some(text_json) = criterion.get(key) else {
                    continue;
                };
                let Some(text) = text_json.as_str() else {
                    continue;
                };
                let economic = criterion.get("type").and_then(Json::as_str) == Some("economic");
                if economic
                    && conditions.minimum_annual_turnover.is_none()
                    && let Some((money, span)) = figure_after(text, turnover_words())
                {
                    conditions.minimum_annual_turnover =
                        Some(Node::new(money, self.inner_span(text_json, span)));
                    self.infer(
                        "conditions_of_participation.minimum_annual_turnover",
                        money,
                        format!("a turnover figure in selectionCriteria `{key}`"),
                    );
                }
                for (words, slot, field) in [
                    (
                        public_liability_words(),
                        &mut insurance.public_liability,
                        "public_liability",
                    ),
                    (
                        professional_indemnity_words(),
                        &mut insurance.professional_indemnity,
                        "professional_indemnity",
                    ),
                    (
                        employers_liability_words(),
                        &mut insurance.employers_liability,
                        "employers_liability",
                    ),
                ] {
                    if slot.is_none()
                        && let Some((money, span)) = figure_after(text, words)
                    {
                        *slot = Some(Node::new(money, self.inner_span(text_json, span)));
                        self.info.inferred.push(Inference {
                            field: "conditions_of_participation.insurance",
                            value: format!("{field} {money}"),
                            from: format!("a figure in selectionCriteria `{key}`"),
                        });
                    }
                }
            }
        }
        if insurance != Insurance::default() {
            conditions.insurance = Some(self.node(insurance, criteria));
        }
        (conditions != Conditions::default()).then(|| self.node(conditions, criteria))
    }

    /// The span of a match inside a JSON string: exact when the string has no escapes before it.
    fn inner_span(&self, string: &Json, within: std::ops::Range<usize>) -> Span {
        let whole = self.span(string);
        let quoted = string.span.len() == string.as_str().map_or(0, str::len) + 2;
        if quoted {
            Span::new(whole.start + 1 + within.start, whole.start + 1 + within.end)
        } else {
            whole
        }
    }

    fn submission(&mut self, tender: &Json) -> Option<Node<Submission>> {
        let policy = tender.at(&["submissionTerms", "electronicSubmissionPolicy"]);
        let (electronic, at) = if let Some(policy) = policy {
            match policy.as_str()? {
                "notAllowed" => (false, policy),
                "allowed" | "required" => (true, policy),
                _ => return None,
            }
        } else {
            let methods = tender.get("submissionMethod")?;
            let electronic = methods
                .items()
                .iter()
                .any(|method| method.as_str() == Some("electronicSubmission"));
            if !electronic {
                return None;
            }
            (true, methods)
        };
        let submission = Submission {
            electronic: Some(self.node(electronic, at)),
            ..Submission::default()
        };
        Some(self.node(submission, at))
    }

    fn timeline(
        &mut self,
        release: &Json,
        tender: &Json,
        procedure: Option<Procedure>,
        legacy: bool,
    ) -> Option<Node<Timeline>> {
        if legacy {
            // The release date is a batch date and tenderPeriod holds the contract period.
            return None;
        }
        let mut timeline = Timeline::default();
        let notice_document = tender
            .get("documents")
            .map(Json::items)
            .unwrap_or_default()
            .iter()
            .find(|document| {
                document.get("documentType").and_then(Json::as_str) == Some("tenderNotice")
            });
        let tagged_tender = release.get("tag").is_some_and(|tags| {
            tags.items()
                .iter()
                .any(|tag| tag.as_str() == Some("tender"))
        });
        let published = notice_document
            .and_then(|document| document.get("datePublished"))
            .or_else(|| release.get("date").filter(|_| tagged_tender));
        timeline.tender_notice = published.and_then(|date| self.date(date, None));
        // With a second stage (or a procedure that always has one, behind a framework too),
        // tenderPeriod ends with the requests to participate, not with the tenders.
        let named = tender
            .get("procurementMethodDetails")
            .and_then(Json::as_str)
            .and_then(procedure_named);
        let two_stage = tender.get("secondStage").is_some()
            || [procedure, named].into_iter().flatten().any(|procedure| {
                matches!(
                    procedure,
                    Procedure::Restricted
                        | Procedure::CompetitiveProcedureWithNegotiation
                        | Procedure::CompetitiveDialogue
                        | Procedure::InnovationPartnership
                )
            });
        let deadline = tender
            .at(&["tenderPeriod", "endDate"])
            .and_then(|date| self.date(date, Some("tender.tenderPeriod.endDate")));
        if two_stage {
            if deadline.is_some() {
                self.infer(
                    "timeline.participation_deadline",
                    "tender.tenderPeriod.endDate",
                    "a two-stage procedure: the first deadline is for requests to participate",
                );
            }
            timeline.participation_deadline = deadline;
        } else {
            timeline.submission_deadline = deadline;
        }
        timeline.clarification_deadline = tender
            .at(&["enquiryPeriod", "endDate"])
            .and_then(|date| self.date(date, Some("tender.enquiryPeriod.endDate")));
        timeline.invitation_to_tender = tender
            .at(&["secondStage", "invitationDate"])
            .and_then(|date| self.date(date, None));
        timeline.award_decision = tender
            .at(&["awardPeriod", "startDate"])
            .and_then(|date| self.date(date, None));
        timeline.contract_start = tender
            .get("lots")
            .map(Json::items)
            .unwrap_or_default()
            .iter()
            .filter_map(|lot| lot.at(&["contractPeriod", "startDate"]))
            .filter_map(|date| self.date(date, None))
            .min_by_key(|date| date.inner);
        (timeline != Timeline::default()).then(|| self.node(timeline, tender))
    }

    /// A date or date-time as the buyer's local (Europe/London) date; a deadline at 00:00 is
    /// the end of the day before.
    fn date(&mut self, json: &Json, deadline: Option<&'static str>) -> Option<Node<Date>> {
        let (date, midnight) = local_date(json.as_str()?)?;
        if let Some(field) = deadline
            && midnight
        {
            let previous = date.add_days(-1);
            self.infer(
                field,
                previous,
                format!(
                    "a deadline at 00:00 ({}) is the end of {previous}",
                    json.as_str().unwrap_or("")
                ),
            );
            return Some(self.node(previous, json));
        }
        Some(self.node(date, json))
    }
}

fn has_role(party: &Json, role: &str) -> bool {
    party
        .get("roles")
        .is_some_and(|roles| roles.items().iter().any(|r| r.as_str() == Some(role)))
}

/// The award criteria of a lot when they are the Provider Selection Regime's key criteria
/// (quality and innovation; value; integration, collaboration and service sustainability;
/// improving access, reducing health inequalities and facilitating choice; social value).
fn psr_key_criteria<'d, 'a>(tender: &'d Json<'a>) -> Option<&'d Json<'a>> {
    const KEY_CRITERIA: [&str; 3] = [
        "quality and innovation",
        "integration, collaboration",
        "improving access",
    ];
    tender.get("lots")?.items().iter().find_map(|lot| {
        let criteria = lot.at(&["awardCriteria", "criteria"])?;
        let names: Vec<String> = criteria
            .items()
            .iter()
            .filter_map(|criterion| criterion.get("name").and_then(Json::as_str))
            .map(str::to_lowercase)
            .collect();
        KEY_CRITERIA
            .iter()
            .all(|key| names.iter().any(|name| name.starts_with(key)))
            .then_some(criteria)
    })
}

fn buyer_party<'d, 'a>(release: &'d Json<'a>) -> Option<&'d Json<'a>> {
    release
        .get("parties")?
        .items()
        .iter()
        .find(|party| has_role(party, "buyer"))
}

fn notice_type<'d>(tender: &'d Json) -> Option<&'d str> {
    tender
        .get("documents")?
        .items()
        .iter()
        .find_map(|document| document.get("noticeType").and_then(Json::as_str))
}

fn procedure_named(details: &str) -> Option<Procedure> {
    let details = details.to_lowercase();
    let procedure = match details.trim() {
        "open procedure" | "below threshold - open competition" => Procedure::Open,
        "competitive flexible procedure" => Procedure::CompetitiveFlexible,
        "restricted procedure" => Procedure::Restricted,
        "competitive procedure with negotiation" => Procedure::CompetitiveProcedureWithNegotiation,
        "competitive dialogue" => Procedure::CompetitiveDialogue,
        "innovation partnership" => Procedure::InnovationPartnership,
        "negotiated procedure without prior publication" => {
            Procedure::NegotiatedWithoutPriorPublication
        }
        "direct award" => Procedure::DirectAward,
        "direct award process a" => Procedure::DirectAwardA,
        "direct award process b" => Procedure::DirectAwardB,
        "direct award process c" => Procedure::DirectAwardC,
        "most suitable provider process" => Procedure::MostSuitableProvider,
        "competitive process" => Procedure::CompetitiveProcess,
        _ => return None,
    };
    Some(procedure)
}

/// A numeric amount as exact money; negative, fractional-penny and non-finite amounts are unknown.
fn money(json: &Json) -> Option<Money> {
    Money::parse(json.as_number()?).ok()
}

/// A weight given as a number with `weight: percentageExact`.
fn weight<'d, 'a>(criterion: &'d Json<'a>) -> Option<(Percent, &'d Json<'a>)> {
    criterion.get("numbers")?.items().iter().find_map(|number| {
        if number.get("weight").and_then(Json::as_str) != Some("percentageExact") {
            return None;
        }
        let figure = number.get("number")?;
        Some((Percent::parse(figure.as_number()?).ok()?, figure))
    })
}

fn text_weight(criterion: &Json) -> Option<Percent> {
    Percent::parse(criterion.get("description")?.as_str()?).ok()
}

fn turnover_words() -> &'static Regex {
    static WORDS: OnceLock<Regex> = OnceLock::new();
    WORDS.get_or_init(|| Regex::new(r"(?i)turnover").expect("a valid pattern"))
}

fn public_liability_words() -> &'static Regex {
    static WORDS: OnceLock<Regex> = OnceLock::new();
    WORDS.get_or_init(|| Regex::new(r"(?i)public liability").expect("a valid pattern"))
}

fn professional_indemnity_words() -> &'static Regex {
    static WORDS: OnceLock<Regex> = OnceLock::new();
    WORDS.get_or_init(|| Regex::new(r"(?i)professional indemnity").expect("a valid pattern"))
}

fn employers_liability_words() -> &'static Regex {
    static WORDS: OnceLock<Regex> = OnceLock::new();
    WORDS.get_or_init(|| {
        Regex::new(r"(?i)employer'?s'? (\(compulsory\) )?liability").expect("a valid pattern")
    })
}

/// The first amount of money stated in pounds within the sentence after `words`:
/// `£500,000`, `500,000 GBP`, `£1m`, `1 Million GBP`. A figure without a currency is not read.
fn figure_after(text: &str, words: &Regex) -> Option<(Money, std::ops::Range<usize>)> {
    static AMOUNT: OnceLock<Regex> = OnceLock::new();
    let amount = AMOUNT.get_or_init(|| {
        Regex::new(r"(?i)(£|GBP)\s?(\d[\d,]*(?:\.\d+)?)\s?(million|m|k|thousand)?\b|(\d[\d,]*(?:\.\d+)?)\s?(million|m|k|thousand)?\s?(GBP|pounds)")
            .expect("a valid pattern")
    });
    let found = words.find(text)?;
    let rest = &text[found.end()..];
    // The same sentence or line: a figure further on belongs to something else.
    let end = rest.find(['.', '\n']).map_or(rest.len(), |index| {
        // `£1.5m` keeps its decimal point: a sentence ends at a point not followed by a digit.
        rest[index..]
            .char_indices()
            .find(|(offset, c)| {
                (*c == '\n')
                    || (*c == '.'
                        && !rest[index + offset + 1..].starts_with(|d: char| d.is_ascii_digit()))
            })
            .map_or(rest.len(), |(offset, _)| index + offset)
    });
    let captures = amount.captures(&rest[..end])?;
    let digits = captures.get(2).or(captures.get(4))?.as_str();
    let scale = captures
        .get(3)
        .or(captures.get(5))
        .map_or("", |unit| unit.as_str());
    let money = Money::parse(&format!("{digits} {scale}").replace(',', "")).ok()?;
    let whole = captures.get(0)?.range();
    Some((money, found.end() + whole.start..found.end() + whole.end))
}

/// An ISO 8601 date or date-time as the Europe/London date, and whether it is 00:00 there.
/// A date-time without a zone is read as local time.
pub fn local_date(text: &str) -> Option<(Date, bool)> {
    let date = Date::parse(text.get(..10)?).ok()?;
    let rest = &text[10..];
    if rest.is_empty() {
        return Some((date, false));
    }
    let time = rest.strip_prefix(['T', 't', ' '])?;
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = time.get(range)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let hours = number(0..2)?;
    let minutes = number(3..5)?;
    let (seconds, zone) = if time.get(5..6) == Some(":") {
        let seconds = number(6..8)?;
        let after = &time[8..];
        let after = after.strip_prefix('.').map_or(after, |fraction| {
            fraction.trim_start_matches(|c: char| c.is_ascii_digit())
        });
        (seconds, after)
    } else {
        (0, &time[5..])
    };
    let local_seconds = hours * 3600 + minutes * 60 + seconds;
    let utc_offset = match zone {
        "" => None,
        "Z" | "z" => Some(0),
        zone => {
            let sign = match zone.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let zone = &zone[1..];
            let (h, m) = zone
                .split_once(':')
                .unwrap_or((zone.get(..2)?, zone.get(2..).unwrap_or("00")));
            Some(sign * (h.parse::<i64>().ok()? * 3600 + m.parse::<i64>().ok()? * 60))
        }
    };
    let epoch = Date::from_ymd(1970, 1, 1)?;
    let Some(offset) = utc_offset else {
        return Some((date, local_seconds == 0));
    };
    let utc = epoch.days_until(date) * 86_400 + local_seconds - offset;
    let london = utc + london_offset(utc);
    let day = epoch.add_days(london.div_euclid(86_400));
    Some((day, london.rem_euclid(86_400) == 0))
}

/// Seconds Europe/London is ahead of UTC at `utc` (seconds since 1970): British Summer Time
/// runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
fn london_offset(utc: i64) -> i64 {
    let epoch = Date::from_ymd(1970, 1, 1).expect("a real date");
    let year = epoch.add_days(utc.div_euclid(86_400)).year();
    let last_sunday = |month: u32| {
        let last = Date::from_ymd(year, month, 31).expect("March and October have 31 days");
        let back = (0..7)
            .find(|&days| last.add_days(-days).weekday() == crate::model::Weekday::Sunday)
            .expect("a week holds a Sunday");
        epoch.days_until(last.add_days(-back)) * 86_400 + 3600
    };
    if (last_sunday(3)..last_sunday(10)).contains(&utc) {
        3600
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> (String, bool) {
        let (date, midnight) = local_date(text).unwrap();
        (date.to_string(), midnight)
    }

    #[test]
    fn dates_are_taken_in_london() {
        // BST: 23:30 UTC on 1 June is 00:30 on 2 June in London.
        assert_eq!(day("2026-06-01T23:30:00Z"), ("2026-06-02".into(), false));
        // GMT in January: UTC is London time.
        assert_eq!(day("2026-01-10T23:30:00Z"), ("2026-01-10".into(), false));
        assert_eq!(
            day("2026-05-30T00:00:00+01:00"),
            ("2026-05-30".into(), true)
        );
        assert_eq!(day("2026-05-29T23:00:00Z"), ("2026-05-30".into(), true));
        assert_eq!(day("2026-06-08"), ("2026-06-08".into(), false));
        assert_eq!(
            day("2026-04-24T23:59:59.5+01:00"),
            ("2026-04-24".into(), false)
        );
        assert!(local_date("2026-06-08T9am").is_none());
    }

    #[test]
    fn summer_time_starts_and_ends_at_one_in_the_morning_utc() {
        // 2026: BST from Sunday 29 March 01:00 UTC to Sunday 25 October 01:00 UTC.
        assert_eq!(day("2026-03-29T00:59:59Z"), ("2026-03-29".into(), false));
        assert_eq!(day("2026-03-28T23:00:00Z"), ("2026-03-28".into(), false));
        assert_eq!(day("2026-10-24T23:00:00Z"), ("2026-10-25".into(), true));
        assert_eq!(day("2026-10-25T23:30:00Z"), ("2026-10-25".into(), false));
    }

    #[test]
    fn reads_a_turnover_figure_only_when_stated_in_pounds() {
        let text = "Bidders will be required to have a minimum \"specific\" yearly turnover of 500,000 GBP for the last two years.";
        let (money, range) = figure_after(text, turnover_words()).unwrap();
        assert_eq!(money, Money::from_pounds(500_000));
        assert_eq!(&text[range], "500,000 GBP");
        assert_eq!(
            figure_after(
                "a minimum turnover of £1.5m. Insurance £5m",
                turnover_words()
            )
            .map(|f| f.0),
            Some(Money::from_pounds(1_500_000))
        );
        assert!(
            figure_after(
                "turnover appropriate to the contract. £2m cover",
                turnover_words()
            )
            .is_none()
        );
        assert!(figure_after("turnover of twice the value", turnover_words()).is_none());
        assert_eq!(
            figure_after(
                "Public Liability Insurance = 1 Million GBP",
                public_liability_words()
            )
            .map(|f| f.0),
            Some(Money::from_pounds(1_000_000))
        );
    }
}
