//! The tender file format (docs/tender-format.md) as typed serde models.
//!
//! Every leaf is a [`Node`] so rules can point at it. No `flatten`, untagged or
//! internally tagged enums: serde buffers those and the spans would be lost.

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::{Count, Date, Money, Node, Percent, Quantity};

/// The whole file: other top-level keys belong to the buyer's own tooling.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Document {
    /// The tender. Everything tenderlint reads lives under this key; other top-level keys are ignored.
    #[schemars(required, with = "Tender")]
    pub tender: Option<Node<Tender>>,
}

type Field<T> = Option<Node<T>>;

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tender {
    /// The buyer's own reference for the procurement, e.g. `NEICB-2026-014`.
    pub id: Field<String>,
    /// What is being bought, in a few words.
    pub title: Field<String>,
    /// The contracting authority: its name and kind (the kind decides its class for thresholds).
    pub buyer: Field<Buyer>,
    /// The law the procurement runs under: `procurement_act_2023` (the default), `pcr_2015` for procurements begun under the old rules, `provider_selection_regime` for NHS health care services in England, or `pcsr_2015` for devolved Scottish contracting authorities.
    pub regime: Field<Regime>,
    /// The procedure, in the regime's own names. Procurement Act 2023: `open`, `competitive_flexible`, `framework`, `open_framework`, `dynamic_market`, `direct_award`, `call_off`. PCR 2015 and PCSR 2015: `open`, `restricted`, `competitive_procedure_with_negotiation`, `competitive_dialogue`, `innovation_partnership`, `negotiated_without_prior_publication`, `framework`, `dynamic_purchasing_system`, `call_off`. Provider Selection Regime: `direct_award_a`, `direct_award_b`, `direct_award_c`, `most_suitable_provider`, `competitive_process`.
    pub procedure: Field<Procedure>,
    /// The contract type for thresholds: `goods`, `services`, `works` or `light_touch`.
    pub category: Field<Category>,
    /// Whether the contract may be particularly suitable for SMEs and VCSEs (PR 2024 reg 18(2)(t)); a lot may say so for itself.
    pub suitability: Field<Suitability>,
    /// The estimated value of the contract.
    pub value: Field<Value>,
    /// The contract's term and nature.
    pub contract: Field<Contract>,
    /// The lots the contract is divided into. Give either `lots` or `no_lots_reason`.
    pub lots: Field<Vec<Node<Lot>>>,
    /// Limits on the lots one supplier may bid for or win, and how they are applied.
    pub lots_policy: Field<LotsPolicy>,
    /// When the contract is not divided into lots, why not (PA23 s.18; PR 2024 reg 18(2)(q)).
    pub no_lots_reason: Field<String>,
    /// Preliminary market engagement (PA23 s.16 and s.17).
    pub market_engagement: Field<MarketEngagement>,
    /// The procurement's key dates (ISO 8601, e.g. 2026-03-02).
    pub timeline: Field<Timeline>,
    /// What a supplier must show to take part (PA23 s.22): finance, insurance, certifications, references.
    pub conditions_of_participation: Field<Conditions>,
    /// The award criteria. Weights are percentages and must total 100, or give no weights at all (ranked criteria).
    pub award_criteria: Field<Vec<Node<Criterion>>>,
    /// The social value model, outcomes and commitments asked of suppliers.
    pub social_value: Field<SocialValue>,
    /// Scotland (`pcsr_2015`): the community benefit requirements, or why there are none (PR(S)A 2014 s.25).
    pub community_benefits: Field<CommunityBenefits>,
    /// Payment terms for the contract and its sub-contracts.
    pub payment: Field<Payment>,
    /// What the prime contractor must do about sub-contracting to SMEs.
    pub subcontracting: Field<Subcontracting>,
    /// How tenders are submitted and how much bidders must write.
    pub submission: Field<Submission>,
    /// Feedback given to bidders after award.
    pub feedback: Field<Feedback>,
    /// The specification text, checked for brand names, standards without equivalents and input-based wording.
    pub specification: Field<String>,
    /// Rule id → the recorded reason for departing from that rule, e.g. `PROC005: "Estates works need a 10-year term to recover the capital investment."`. A justified finding is reported as a note, not an error.
    pub justifications: Field<Justifications>,
}

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommunityBenefits {
    /// A summary of the community benefit requirements, as the contract notice gives it.
    pub summary: Field<String>,
    /// Why the contract imposes no community benefit requirements.
    pub no_requirements_reason: Field<String>,
}

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Buyer {
    /// The contracting authority's name.
    pub name: Field<String>,
    /// The kind of authority; it decides the class (central or sub-central) used for thresholds. `nhs` is refused: write `nhs_trust` or `icb`.
    pub kind: Field<BuyerKind>,
    /// Overrides the class the kind implies (PR 2024 Sch 2).
    pub central_government_authority: Field<bool>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BuyerKind {
    /// Government departments, executive agencies and non-departmental public bodies (central).
    CentralGovernment,
    /// NHS trusts and foundation trusts, NHS England, the NHS Business Services Authority (central government authorities under PR 2024).
    NhsTrust,
    /// Integrated care boards (sub-central).
    Icb,
    /// Councils and other local authorities (sub-central).
    LocalGovernment,
    /// Schools and academies (sub-central).
    School,
    /// A utility buying for its utility activity.
    Utility,
    /// Any other contracting authority (sub-central).
    Other,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// The Procurement Act 2023 (the default).
    #[default]
    #[serde(rename = "procurement_act_2023")]
    ProcurementAct2023,
    /// The Provider Selection Regime for NHS health care services in England: the Act does not apply, findings are policy.
    ProviderSelectionRegime,
    /// The Public Contracts Regulations 2015, for procurements begun under the old rules.
    #[serde(rename = "pcr_2015")]
    Pcr2015,
    /// The Public Contracts (Scotland) Regulations 2015 and the Procurement Reform (Scotland) Act 2014: devolved Scottish contracting authorities (PA23 s.2(5)(a)).
    #[serde(rename = "pcsr_2015")]
    Pcsr2015,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Procedure {
    /// Open procedure: any supplier may tender.
    Open,
    /// Competitive flexible procedure designed by the buyer.
    CompetitiveFlexible,
    /// Award of a framework agreement.
    Framework,
    /// Award of an open framework.
    OpenFramework,
    /// Award through a dynamic market.
    DynamicMarket,
    /// Direct award without competition.
    DirectAward,
    /// A call-off under an existing framework.
    CallOff,
    /// PCR/PCSR restricted procedure: tenders only from suppliers invited after selection.
    Restricted,
    /// PCR/PCSR competitive procedure with negotiation.
    CompetitiveProcedureWithNegotiation,
    /// PCR/PCSR competitive dialogue.
    CompetitiveDialogue,
    /// PCR/PCSR innovation partnership.
    InnovationPartnership,
    /// PCR/PCSR negotiated procedure without prior publication.
    NegotiatedWithoutPriorPublication,
    /// PCR/PCSR dynamic purchasing system.
    DynamicPurchasingSystem,
    /// PSR direct award process A.
    DirectAwardA,
    /// PSR direct award process B.
    DirectAwardB,
    /// PSR direct award process C.
    DirectAwardC,
    /// PSR most suitable provider process.
    MostSuitableProvider,
    /// PSR competitive process.
    CompetitiveProcess,
}

impl Procedure {
    /// The procedure's word in a tender file, e.g. `competitive_flexible`.
    pub fn word(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|value| value.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// Whether the procedure is one of `regime`'s own (docs/tender-format.md): the Act's names
    /// under the Act, the PCR/PCSR names under `pcr_2015` and `pcsr_2015`, the PSR's under
    /// the PSR. `open`, `framework` and `call_off` belong to the Act and the PCR/PCSR alike.
    pub fn belongs_to(self, regime: Regime) -> bool {
        use Procedure::*;
        match self {
            Open | Framework | CallOff => !matches!(regime, Regime::ProviderSelectionRegime),
            CompetitiveFlexible | OpenFramework | DynamicMarket | DirectAward => {
                regime == Regime::ProcurementAct2023
            }
            Restricted
            | CompetitiveProcedureWithNegotiation
            | CompetitiveDialogue
            | InnovationPartnership
            | NegotiatedWithoutPriorPublication
            | DynamicPurchasingSystem => matches!(regime, Regime::Pcr2015 | Regime::Pcsr2015),
            DirectAwardA | DirectAwardB | DirectAwardC | MostSuitableProvider
            | CompetitiveProcess => regime == Regime::ProviderSelectionRegime,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Goods.
    Goods,
    /// Services.
    Services,
    /// Works.
    Works,
    /// Light touch services (health, social, education and similar services).
    LightTouch,
}

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Suitability {
    /// Whether the contract (or lot) may be particularly suitable for small and medium-sized enterprises.
    pub sme: Field<bool>,
    /// Whether the contract (or lot) may be particularly suitable for voluntary, community and social enterprises.
    pub vcse: Field<bool>,
}

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Value {
    /// Estimated whole-life value, extensions and options included.
    pub total: Field<Money>,
    /// Whether `total` already includes VAT. When false (the default), VAT is added at the `vat` rate before thresholds are compared.
    pub includes_vat: Field<bool>,
    /// The VAT rate that applies when `includes_vat` is false: `standard` (20%, the default), `reduced` (5%), `zero` or `exempt` (0%).
    pub vat: Field<VatRate>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VatRate {
    /// 20%.
    #[default]
    Standard,
    /// 5%.
    Reduced,
    /// 0%.
    Zero,
    /// Exempt (0%): many health, care and education services.
    Exempt,
}

impl VatRate {
    /// The rate as a whole percentage.
    pub const fn percent(self) -> i64 {
        match self {
            VatRate::Standard => 20,
            VatRate::Reduced => 5,
            VatRate::Zero | VatRate::Exempt => 0,
        }
    }
}

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// The initial term in whole months.
    pub duration_months: Field<Count>,
    /// Optional extensions in whole months, counted in the whole-life term.
    pub extension_months: Field<Count>,
    /// Whether this is a defence and security contract (its own threshold and framework term).
    pub defence_and_security: Field<bool>,
    /// Why a framework runs past the Act's maximum term.
    pub term_reason: Field<String>,
}

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lot {
    /// The lot's short identifier, e.g. `platform`.
    pub id: Field<String>,
    /// What the lot covers.
    pub title: Field<String>,
    /// The lot's estimated whole-life value.
    pub value: Field<Money>,
    /// Whether this lot may be particularly suitable for SMEs and VCSEs.
    pub suitability: Field<Suitability>,
    /// A minimum annual turnover for this lot, replacing the tender-wide figure.
    pub minimum_annual_turnover: Field<Money>,
    /// The lot's own specification text.
    pub specification: Field<String>,
}

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LotsPolicy {
    /// The most lots one supplier may be awarded (PA23 s.23(4)).
    pub max_lots_per_supplier: Field<Count>,
    /// How lots are allocated when a supplier would win more than `max_lots_per_supplier`: an objective mechanism set out in advance.
    pub award_limit_mechanism: Field<String>,
    /// Whether suppliers must bid for every lot.
    pub bid_for_all_lots_required: Field<bool>,
}

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarketEngagement {
    /// Whether preliminary market engagement was (or will be) held.
    pub held: Field<bool>,
    /// How engagement events are held: `online`, `in_person` or `hybrid`.
    pub format: Field<EngagementFormat>,
    /// Publication date of the preliminary market engagement notice.
    pub notice_date: Field<Date>,
    /// Whether an engagement event was aimed at SMEs.
    pub sme_event: Field<bool>,
    /// Why engagement was held without a preliminary market engagement notice (PA23 s.17).
    pub no_notice_reason: Field<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EngagementFormat {
    /// Online events.
    Online,
    /// In-person events only.
    InPerson,
    /// In person with online participation.
    Hybrid,
}

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    /// Publication date of a planned procurement notice; 40 days to 12 months before the tender notice it can shorten the minimum tendering period.
    pub planned_procurement_notice: Field<Date>,
    /// Publication date of the tender notice: the procurement's start date, which picks the thresholds in force.
    pub tender_notice: Field<Date>,
    /// Whether all tender documents are available from the tender notice (default true).
    pub documents_with_notice: Field<bool>,
    /// Whether the buyer relies on urgency to shorten the time limits.
    pub urgency: Field<bool>,
    /// Competitive flexible procedure: the deadline for requests to participate. A time of exactly 00:00 is the end of the day before.
    #[serde(default, deserialize_with = "super::date::deserialize_deadline")]
    pub participation_deadline: Field<Date>,
    /// Competitive flexible procedure: the date tenders are invited from the shortlisted suppliers.
    pub invitation_to_tender: Field<Date>,
    /// Sub-central and utility buyers: whether the tendering period was agreed with the pre-selected suppliers.
    pub tendering_period_agreed: Field<bool>,
    /// The last date for clarification questions. A time of exactly 00:00 is the end of the day before.
    #[serde(default, deserialize_with = "super::date::deserialize_deadline")]
    pub clarification_deadline: Field<Date>,
    /// The deadline for tenders. A time of exactly 00:00 is the end of the day before.
    #[serde(default, deserialize_with = "super::date::deserialize_deadline")]
    pub submission_deadline: Field<Date>,
    /// The planned date of the award decision.
    pub award_decision: Field<Date>,
    /// The planned contract start date.
    pub contract_start: Field<Date>,
}

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    /// The minimum annual turnover a supplier must have.
    pub minimum_annual_turnover: Field<Money>,
    /// The number of years a supplier must have been trading.
    pub years_trading: Field<Count>,
    /// Whether audited accounts are required (PA23 s.22(3)(a) allows it only from suppliers required to have them audited).
    pub audited_accounts_required: Field<bool>,
    /// Whether suppliers without audited accounts may give equivalent financial information.
    pub alternative_financial_evidence_accepted: Field<bool>,
    /// The insurance cover required and when evidence of it is asked for.
    pub insurance: Field<Insurance>,
    /// Registrations the law requires to deliver the service, by name (`Care Quality Commission`, `GPhC`, `Ofsted`): not certifications, so no "or equivalent" is asked (QUAL005), and not a suitability gate the buyer imposes (QUAL012).
    pub registrations: Field<Vec<Node<String>>>,
    /// Required certifications: a bare name (`- ISO 9001`, equivalents not accepted) or a mapping with `name` and `equivalents_accepted`.
    pub certifications: Field<Vec<Node<Certification>>>,
    /// References or case studies required from previous contracts.
    pub references: Field<References>,
    /// Whether consortia may bid.
    pub consortia_allowed: Field<bool>,
    /// Whether suppliers may rely on sub-contractors to meet the conditions.
    pub subcontracting_allowed: Field<bool>,
    /// Whether a parent company guarantee is required.
    pub parent_company_guarantee_required: Field<bool>,
    /// A performance bond as a percentage of the contract value.
    pub performance_bond_percent: Field<Percent>,
    /// A minimum credit rating from a credit agency, e.g. `"Creditsafe 50"`; null when none.
    pub credit_score_minimum: Field<String>,
    /// Whether a supplier below a financial threshold may offer mitigations (a guarantee, a bond, step-in rights) instead of being excluded.
    pub financial_risk_mitigations_accepted: Field<bool>,
    /// Whether a previous contract with this authority is required.
    pub previous_contract_with_authority_required: Field<bool>,
    /// Whether bidders' own payment performance is assessed (PPN 018: central government, over £5m a year).
    pub payment_performance_test: Field<bool>,
}

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Insurance {
    /// Professional indemnity cover required.
    pub professional_indemnity: Field<Money>,
    /// Public liability cover required.
    pub public_liability: Field<Money>,
    /// Employers' liability cover required.
    pub employers_liability: Field<Money>,
    /// When evidence of insurance is required: `bid` or `award` (PA23 s.22(3)(b): not before award).
    pub evidence_required_at: Field<EvidenceStage>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceStage {
    /// With the tender.
    Bid,
    /// Only from the winning supplier, at award.
    Award,
}

/// A required certification. A bare name (`- ISO 9001`) accepts no equivalents.
#[derive(Debug, Default, PartialEq)]
pub struct Certification {
    pub name: Field<String>,
    pub equivalents_accepted: Field<bool>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct CertificationFields {
    /// The certification or standard, e.g. `ISO/IEC 27001`.
    name: Field<String>,
    /// Whether equivalent certifications are accepted (PA23 s.22(4)(c)).
    equivalents_accepted: Field<bool>,
}

impl JsonSchema for Certification {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Certification".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let details = CertificationFields::json_schema(generator);
        schemars::json_schema!({
            "description": "A required certification: a bare name (equivalents not accepted) or a mapping with `name` and `equivalents_accepted`.",
            "anyOf": [
                {"type": "string", "description": "The certification's name; a bare name means equivalents are not accepted."},
                details
            ]
        })
    }
}

impl<'de> Deserialize<'de> for Certification {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CertificationVisitor;

        impl<'de> Visitor<'de> for CertificationVisitor {
            type Value = Certification;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a certification name, or a mapping with `name` and `equivalents_accepted`",
                )
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<Certification, E> {
                // The bare form's span is the enclosing node's; `Node<Certification>` carries it.
                Ok(Certification {
                    name: Some(Node::new(name.to_owned(), Default::default())),
                    equivalents_accepted: None,
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Certification, A::Error> {
                let fields =
                    CertificationFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Certification {
                    name: fields.name,
                    equivalents_accepted: fields.equivalents_accepted,
                })
            }
        }

        deserializer.deserialize_any(CertificationVisitor)
    }
}

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct References {
    /// How many references are required.
    pub count: Field<Count>,
    /// The smallest value a referenced contract may have.
    pub minimum_contract_value: Field<Money>,
}

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// The criterion as bidders will see it.
    pub name: Field<String>,
    /// What the criterion assesses: `price`, `quality`, `social_value` or `other`.
    pub kind: Field<CriterionKind>,
    /// The criterion's weight as a percentage of the total score.
    pub weight: Field<Percent>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CriterionKind {
    /// Price or cost.
    Price,
    /// Quality.
    Quality,
    /// Social value.
    SocialValue,
    /// Anything else.
    Other,
}

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SocialValue {
    /// The social value model: `ppn_002`, `ppn_06_20` (superseded for central government) or `local`.
    pub model: Field<SocialValueModel>,
    /// The social value outcomes (missions) the contract contributes to.
    pub outcomes: Field<Vec<Node<String>>>,
    /// Specific commitments asked of the supplier.
    pub commitments: Field<Vec<Node<Commitment>>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SocialValueModel {
    /// PPN 002 mission outcomes (central government from October 2025).
    #[serde(rename = "ppn_002")]
    Ppn002,
    /// The PPN 06/20 model, superseded by PPN 002 for central government.
    #[serde(rename = "ppn_06_20")]
    Ppn0620,
    /// The buyer's own local model.
    Local,
}

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    /// What the supplier commits to.
    pub description: Field<String>,
    /// How much, in `unit`: any number of 0 or more (`2.5` hours, tonnes or FTE).
    pub quantity: Field<Quantity>,
    /// The unit of `quantity`, e.g. `apprentices`.
    pub unit: Field<String>,
    /// Whether the ask scales with the supplier's size or the contract's value, so a small supplier is not asked for the same absolute number.
    pub scaled_to_supplier_size: Field<bool>,
}

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Payment {
    /// Days within which undisputed valid invoices are paid; the Act implies 30.
    pub terms_days: Field<Count>,
    /// When the supplier is paid: `milestones`, `monthly_in_arrears`, `quarterly_in_arrears`, `on_completion` or `upfront`.
    pub schedule: Field<PaymentSchedule>,
    /// Whether the 30-day payment term flows down to sub-contracts (PA23 s.73).
    pub flow_down_to_subcontracts: Field<bool>,
    /// The share of each payment retained until completion, as a percentage.
    pub retention_percent: Field<Percent>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentSchedule {
    /// On reaching agreed milestones.
    Milestones,
    /// Monthly in arrears.
    MonthlyInArrears,
    /// Quarterly in arrears.
    QuarterlyInArrears,
    /// Once, on completion.
    OnCompletion,
    /// In advance.
    Upfront,
}

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subcontracting {
    /// Whether bidders must submit a plan for sub-contracting to SMEs.
    pub sme_plan_required: Field<bool>,
    /// Whether the plan must name the SMEs.
    pub named_smes_required: Field<bool>,
    /// How often the prime reports spend with SME sub-contractors: `monthly`, `quarterly`, `six_monthly`, `annually` or `none`.
    pub reporting: Field<ReportingFrequency>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportingFrequency {
    /// Monthly.
    Monthly,
    /// Quarterly.
    Quarterly,
    /// Every six months.
    SixMonthly,
    /// Once a year.
    Annually,
    /// No reporting.
    None,
}

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// Whether tenders are submitted electronically (default true).
    pub electronic: Field<bool>,
    /// The number of quality questions bidders answer.
    pub quality_questions: Field<Count>,
    /// The total word limit across all quality answers.
    pub word_limit_total: Field<Count>,
    /// The e-tendering portal used.
    pub portal: Field<String>,
}

#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    /// Whether every bidder receives an assessment summary (PA23 s.50).
    pub assessment_summaries: Field<bool>,
    /// Whether a verbal debrief is offered to bidders.
    pub verbal_debrief_offered: Field<bool>,
}

/// Rule id → the recorded reason for departing from it, in file order.
#[derive(Debug, Default, PartialEq)]
pub struct Justifications(pub Vec<(Node<String>, Node<String>)>);

impl JsonSchema for Justifications {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Justifications".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Rule id → the recorded reason for departing from that rule. An empty or placeholder reason does not justify.",
            "type": "object",
            "additionalProperties": {
                "type": "string",
                "minLength": 1,
                "description": "Why the tender departs from the rule, as recorded by the buyer."
            }
        })
    }
}

impl<'de> Deserialize<'de> for Justifications {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct JustificationsVisitor;

        impl<'de> Visitor<'de> for JustificationsVisitor {
            type Value = Justifications;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a mapping from rule id to the recorded reason, such as `PROC005: \"...\"`",
                )
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Justifications, A::Error> {
                let mut entries = Vec::new();
                while let Some(rule) = map.next_key::<Node<String>>()? {
                    let reason = map.next_value::<Option<Node<String>>>()?;
                    let reason = reason.unwrap_or_else(|| Node::new(String::new(), rule.span));
                    entries.push((rule, reason));
                }
                Ok(Justifications(entries))
            }
        }

        deserializer.deserialize_map(JustificationsVisitor)
    }
}
