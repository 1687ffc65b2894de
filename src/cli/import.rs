//! `tenderlint import NOTICE [--ocid OCID]`: the tender YAML a published notice implies,
//! with a comment on every section the notice did not give, so a buyer re-tendering starts
//! from last time's design and fills the gaps.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::exit;
use crate::model::{Category, CriterionKind, Money, Node, Percent, Procedure, Regime, Suitability};
use crate::read::ocds::{self, Mapped};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The notice: an OCDS release, release package, record package or JSON Lines file.
    #[arg(value_name = "NOTICE")]
    pub notice: PathBuf,
    /// The release to import when the file holds several.
    #[arg(long, value_name = "OCID")]
    pub ocid: Option<String>,
    /// Refuse files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = crate::source::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
}

pub fn run(args: &ImportArgs) -> u8 {
    match import(args) {
        Ok(yaml) => {
            let mut out = std::io::stdout().lock();
            if out
                .write_all(yaml.as_bytes())
                .and_then(|()| out.flush())
                .is_err()
            {
                return exit::ERROR;
            }
            exit::CLEAN
        }
        Err(message) => {
            eprintln!("error: {}: {message}", args.notice.display());
            exit::ERROR
        }
    }
}

fn import(args: &ImportArgs) -> Result<String, String> {
    let mut found: Vec<String> = Vec::new();
    let mut chosen = None;
    let mut failure = None;
    ocds::for_each_release(
        &ocds::NoticeInput::File(args.notice.clone()),
        args.max_file_size,
        &mut |release| match release {
            Err((_, error)) if failure.is_none() => {
                failure = Some(crate::report::error_line(&error))
            }
            Err(_) => {}
            Ok(release) => {
                let Ok(json) = ocds::parse_release(&release) else {
                    return;
                };
                let mapped = ocds::map_release(&json, release.start);
                let wanted = args
                    .ocid
                    .as_ref()
                    .is_none_or(|ocid| *ocid == mapped.notice.ocid);
                found.push(mapped.notice.ocid.clone());
                if wanted && chosen.is_none() {
                    chosen = Some(render(&mapped, &release.source.name));
                }
            }
        },
    );
    if let Some(message) = failure {
        return Err(message);
    }
    match (chosen, &args.ocid) {
        (Some(yaml), Some(_)) => Ok(yaml),
        (Some(yaml), None) if found.len() == 1 => Ok(yaml),
        (Some(_), None) => Err(format!(
            "holds {} releases with a tender; choose one with --ocid (the first is {})",
            found.len(),
            found[0]
        )),
        (None, Some(ocid)) => Err(format!("no release with a tender has the ocid `{ocid}`")),
        (None, None) => Err("holds no release with a tender".to_owned()),
    }
}

/// A YAML double-quoted scalar (JSON string syntax is valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

fn money(money: Money) -> String {
    quoted(&money.to_string())
}

fn percent(percent: Percent) -> String {
    let hundredths = percent.hundredths();
    if hundredths.is_multiple_of(100) {
        (hundredths / 100).to_string()
    } else {
        format!("{}.{:02}", hundredths / 100, hundredths % 100)
    }
}

fn regime_name(regime: Regime) -> &'static str {
    match regime {
        Regime::ProcurementAct2023 => "procurement_act_2023",
        Regime::ProviderSelectionRegime => "provider_selection_regime",
        Regime::Pcr2015 => "pcr_2015",
        Regime::Pcsr2015 => "pcsr_2015",
    }
}

fn procedure_name(procedure: Procedure) -> &'static str {
    match procedure {
        Procedure::Open => "open",
        Procedure::CompetitiveFlexible => "competitive_flexible",
        Procedure::Framework => "framework",
        Procedure::OpenFramework => "open_framework",
        Procedure::DynamicMarket => "dynamic_market",
        Procedure::DirectAward => "direct_award",
        Procedure::CallOff => "call_off",
        Procedure::Restricted => "restricted",
        Procedure::CompetitiveProcedureWithNegotiation => "competitive_procedure_with_negotiation",
        Procedure::CompetitiveDialogue => "competitive_dialogue",
        Procedure::InnovationPartnership => "innovation_partnership",
        Procedure::NegotiatedWithoutPriorPublication => "negotiated_without_prior_publication",
        Procedure::DynamicPurchasingSystem => "dynamic_purchasing_system",
        Procedure::DirectAwardA => "direct_award_a",
        Procedure::DirectAwardB => "direct_award_b",
        Procedure::DirectAwardC => "direct_award_c",
        Procedure::MostSuitableProvider => "most_suitable_provider",
        Procedure::CompetitiveProcess => "competitive_process",
    }
}

fn category_name(category: Category) -> &'static str {
    match category {
        Category::Goods => "goods",
        Category::Services => "services",
        Category::Works => "works",
        Category::LightTouch => "light_touch",
    }
}

fn kind_name(kind: CriterionKind) -> &'static str {
    match kind {
        CriterionKind::Price => "price",
        CriterionKind::Quality => "quality",
        CriterionKind::SocialValue => "social_value",
        CriterionKind::Other => "other",
    }
}

/// Writes `key: value` at `indent`, or a comment saying the notice did not give it.
fn line(out: &mut String, indent: usize, key: &str, value: Option<String>) {
    let pad = " ".repeat(indent);
    match value {
        Some(value) => writeln!(out, "{pad}{key}: {value}"),
        None => writeln!(out, "{pad}# {key}: not given by the notice"),
    }
    .expect("writing to a String");
}

fn suitability(out: &mut String, indent: usize, suitability: Option<&Node<Suitability>>) {
    let pad = " ".repeat(indent);
    let flag = |flag: &Option<Node<bool>>| flag.as_deref().map(bool::to_string);
    match suitability {
        Some(suitability) => {
            writeln!(out, "{pad}suitability:").expect("writing to a String");
            line(out, indent + 2, "sme", flag(&suitability.sme));
            line(out, indent + 2, "vcse", flag(&suitability.vcse));
        }
        None => writeln!(
            out,
            "{pad}# suitability: not given by the notice (sme: true/false, vcse: true/false)"
        )
        .expect("writing to a String"),
    }
}

/// Sections a notice never carries: they live in the tender documents.
const FROM_THE_DOCUMENTS: [&str; 6] = [
    "market_engagement: not in a tender notice (held, notice_date, format, sme_event)",
    "social_value: not in a tender notice (model, outcomes, commitments)",
    "payment: not in a tender notice (terms_days, schedule, flow_down_to_subcontracts, retention_percent)",
    "subcontracting: not in a tender notice (sme_plan_required, named_smes_required, reporting)",
    "feedback: not in a tender notice (assessment_summaries, verbal_debrief_offered)",
    "no_lots_reason: not in a tender notice; give it if the contract is not divided into lots",
];

/// The tender YAML for one mapped notice.
pub fn render(mapped: &Mapped, name: &str) -> String {
    let (tender, notice) = (&mapped.tender, &mapped.notice);
    let mut out = String::new();
    let w = &mut out;
    writeln!(w, "# Imported by `tenderlint import` from {name}.").expect("writing to a String");
    writeln!(
        w,
        "# Lines starting `# key:` are what the notice did not give: fill them in."
    )
    .expect("writing to a String");
    for inference in &notice.inferred {
        writeln!(
            w,
            "# inferred {}: {} (from {})",
            inference.field, inference.value, inference.from
        )
        .expect("writing to a String");
    }
    writeln!(w, "tender:").expect("writing to a String");
    line(w, 2, "id", tender.id.as_deref().map(|id| quoted(id)));
    line(
        w,
        2,
        "title",
        tender.title.as_deref().map(|title| quoted(title)),
    );
    match tender.buyer.as_deref() {
        Some(buyer) => {
            writeln!(w, "  buyer:").expect("writing to a String");
            line(w, 4, "name", buyer.name.as_deref().map(|name| quoted(name)));
            line(
                w,
                4,
                "kind",
                buyer.kind.as_deref().map(|_| "utility".to_owned()),
            );
            line(
                w,
                4,
                "central_government_authority",
                buyer
                    .central_government_authority
                    .as_deref()
                    .map(bool::to_string),
            );
        }
        None => line(w, 2, "buyer", None),
    }
    let regime = tender.regime.as_deref().copied();
    if notice.regime_known {
        line(
            w,
            2,
            "regime",
            regime.map(|regime| regime_name(regime).to_owned()),
        );
    } else {
        writeln!(
            w,
            "  # regime: unknown from the notice; say which law applies"
        )
        .expect("writing to a String");
    }
    line(
        w,
        2,
        "procedure",
        tender
            .procedure
            .as_deref()
            .map(|p| procedure_name(*p).to_owned()),
    );
    line(
        w,
        2,
        "category",
        tender
            .category
            .as_deref()
            .map(|c| category_name(*c).to_owned()),
    );
    suitability(w, 2, tender.suitability.as_ref());
    match tender.value.as_deref() {
        Some(value) => {
            writeln!(w, "  value:").expect("writing to a String");
            line(
                w,
                4,
                "total",
                value.total.as_deref().map(|total| money(*total)),
            );
            line(
                w,
                4,
                "includes_vat",
                value.includes_vat.as_deref().map(bool::to_string),
            );
        }
        None => line(w, 2, "value", None),
    }
    match tender.contract.as_deref() {
        Some(contract) => {
            writeln!(w, "  contract:").expect("writing to a String");
            line(
                w,
                4,
                "duration_months",
                contract.duration_months.as_deref().map(|m| m.to_string()),
            );
            line(w, 4, "extension_months", None);
        }
        None => line(w, 2, "contract", None),
    }
    match tender.lots.as_deref() {
        Some(lots) => {
            writeln!(w, "  lots:").expect("writing to a String");
            for lot in lots {
                // Each entry's keys on their own lines, so any of them may be a comment.
                writeln!(w, "    -").expect("writing to a String");
                line(w, 6, "id", lot.id.as_deref().map(|id| quoted(id)));
                line(
                    w,
                    6,
                    "title",
                    lot.title.as_deref().map(|title| quoted(title)),
                );
                line(
                    w,
                    6,
                    "value",
                    lot.value.as_deref().map(|value| money(*value)),
                );
                suitability(w, 6, lot.suitability.as_ref());
                line(
                    w,
                    6,
                    "specification",
                    lot.specification.as_deref().map(|text| quoted(text)),
                );
            }
        }
        None => writeln!(
            w,
            "  # lots: the notice shows one lot: the contract is not divided"
        )
        .expect("writing to a String"),
    }
    match tender.lots_policy.as_deref() {
        Some(policy) => {
            writeln!(w, "  lots_policy:").expect("writing to a String");
            line(
                w,
                4,
                "max_lots_per_supplier",
                policy
                    .max_lots_per_supplier
                    .as_deref()
                    .map(|n| n.to_string()),
            );
            line(w, 4, "award_limit_mechanism", None);
        }
        None => line(w, 2, "lots_policy", None),
    }
    match tender.timeline.as_deref() {
        Some(timeline) => {
            writeln!(w, "  timeline:").expect("writing to a String");
            let dates = [
                ("tender_notice", &timeline.tender_notice),
                ("participation_deadline", &timeline.participation_deadline),
                ("invitation_to_tender", &timeline.invitation_to_tender),
                ("clarification_deadline", &timeline.clarification_deadline),
                ("submission_deadline", &timeline.submission_deadline),
                ("award_decision", &timeline.award_decision),
                ("contract_start", &timeline.contract_start),
            ];
            for (key, date) in dates {
                line(w, 4, key, date.as_deref().map(|date| date.to_string()));
            }
        }
        None => line(w, 2, "timeline", None),
    }
    match tender.conditions_of_participation.as_deref() {
        Some(conditions) => {
            writeln!(w, "  conditions_of_participation:").expect("writing to a String");
            line(
                w,
                4,
                "minimum_annual_turnover",
                conditions
                    .minimum_annual_turnover
                    .as_deref()
                    .map(|m| money(*m)),
            );
            match conditions.insurance.as_deref() {
                Some(insurance) => {
                    writeln!(w, "    insurance:").expect("writing to a String");
                    line(
                        w,
                        6,
                        "professional_indemnity",
                        insurance
                            .professional_indemnity
                            .as_deref()
                            .map(|m| money(*m)),
                    );
                    line(
                        w,
                        6,
                        "public_liability",
                        insurance.public_liability.as_deref().map(|m| money(*m)),
                    );
                    line(
                        w,
                        6,
                        "employers_liability",
                        insurance.employers_liability.as_deref().map(|m| money(*m)),
                    );
                }
                None => line(w, 4, "insurance", None),
            }
        }
        None => line(w, 2, "conditions_of_participation", None),
    }
    match tender.award_criteria.as_deref() {
        Some(criteria) => {
            writeln!(w, "  award_criteria:").expect("writing to a String");
            for criterion in criteria {
                writeln!(w, "    -").expect("writing to a String");
                line(
                    w,
                    6,
                    "name",
                    criterion.name.as_deref().map(|name| quoted(name)),
                );
                line(
                    w,
                    6,
                    "kind",
                    criterion
                        .kind
                        .as_deref()
                        .map(|kind| kind_name(*kind).to_owned()),
                );
                line(
                    w,
                    6,
                    "weight",
                    criterion.weight.as_deref().map(|weight| percent(*weight)),
                );
            }
        }
        None if !mapped.criteria_per_lot.is_empty() => writeln!(
            w,
            "  # award_criteria: the lots' criteria differ; give them per lot in the documents"
        )
        .expect("writing to a String"),
        None => line(w, 2, "award_criteria", None),
    }
    match tender.submission.as_deref() {
        Some(submission) => {
            writeln!(w, "  submission:").expect("writing to a String");
            line(
                w,
                4,
                "electronic",
                submission.electronic.as_deref().map(bool::to_string),
            );
        }
        None => line(w, 2, "submission", None),
    }
    for section in FROM_THE_DOCUMENTS {
        writeln!(w, "  # {section}").expect("writing to a String");
    }
    line(
        w,
        2,
        "specification",
        tender.specification.as_deref().map(|text| quoted(text)),
    );
    out
}
