//! The tender file format (TENDER-FORMAT.md) as typed serde models.
//!
//! Every leaf is a [`Node`] so rules can point at it. No `flatten`, untagged or
//! internally tagged enums: serde buffers those and the spans would be lost.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::{Count, Date, Money, Node, Percent};

/// The whole file: other top-level keys belong to the buyer's own tooling.
#[derive(Debug, Deserialize)]
pub struct Document {
    pub tender: Option<Node<Tender>>,
}

type Field<T> = Option<Node<T>>;

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tender {
    pub id: Field<String>,
    pub title: Field<String>,
    pub buyer: Field<Buyer>,
    pub regime: Field<Regime>,
    pub procedure: Field<Procedure>,
    pub category: Field<Category>,
    pub suitability: Field<Suitability>,
    pub value: Field<Value>,
    pub contract: Field<Contract>,
    pub lots: Field<Vec<Node<Lot>>>,
    pub lots_policy: Field<LotsPolicy>,
    pub no_lots_reason: Field<String>,
    pub market_engagement: Field<MarketEngagement>,
    pub timeline: Field<Timeline>,
    pub conditions_of_participation: Field<Conditions>,
    pub award_criteria: Field<Vec<Node<Criterion>>>,
    pub social_value: Field<SocialValue>,
    pub payment: Field<Payment>,
    pub subcontracting: Field<Subcontracting>,
    pub submission: Field<Submission>,
    pub feedback: Field<Feedback>,
    pub specification: Field<String>,
    pub justifications: Field<Justifications>,
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Buyer {
    pub name: Field<String>,
    pub kind: Field<BuyerKind>,
    /// Overrides the class the kind implies (PR 2024 Sch 2).
    pub central_government_authority: Field<bool>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BuyerKind {
    CentralGovernment,
    NhsTrust,
    Icb,
    LocalGovernment,
    School,
    Utility,
    Other,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    #[default]
    #[serde(rename = "procurement_act_2023")]
    ProcurementAct2023,
    ProviderSelectionRegime,
    #[serde(rename = "pcr_2015")]
    Pcr2015,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Procedure {
    Open,
    CompetitiveFlexible,
    Framework,
    OpenFramework,
    DynamicMarket,
    DirectAward,
    CallOff,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Goods,
    Services,
    Works,
    LightTouch,
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suitability {
    pub sme: Field<bool>,
    pub vcse: Field<bool>,
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Value {
    /// Estimated whole-life value, extensions and options included.
    pub total: Field<Money>,
    pub includes_vat: Field<bool>,
    pub vat: Field<VatRate>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VatRate {
    #[default]
    Standard,
    Reduced,
    Zero,
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

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    pub duration_months: Field<Count>,
    pub extension_months: Field<Count>,
    pub defence_and_security: Field<bool>,
    /// Why a framework runs past the Act's maximum term.
    pub term_reason: Field<String>,
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lot {
    pub id: Field<String>,
    pub title: Field<String>,
    pub value: Field<Money>,
    pub suitability: Field<Suitability>,
    pub minimum_annual_turnover: Field<Money>,
    pub specification: Field<String>,
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LotsPolicy {
    pub max_lots_per_supplier: Field<Count>,
    pub award_limit_mechanism: Field<String>,
    pub bid_for_all_lots_required: Field<bool>,
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarketEngagement {
    pub held: Field<bool>,
    pub format: Field<EngagementFormat>,
    pub notice_date: Field<Date>,
    pub sme_event: Field<bool>,
    pub no_notice_reason: Field<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EngagementFormat {
    Online,
    InPerson,
    Hybrid,
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    pub planned_procurement_notice: Field<Date>,
    pub tender_notice: Field<Date>,
    pub documents_with_notice: Field<bool>,
    pub urgency: Field<bool>,
    pub participation_deadline: Field<Date>,
    pub invitation_to_tender: Field<Date>,
    pub tendering_period_agreed: Field<bool>,
    pub clarification_deadline: Field<Date>,
    pub submission_deadline: Field<Date>,
    pub award_decision: Field<Date>,
    pub contract_start: Field<Date>,
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    pub minimum_annual_turnover: Field<Money>,
    pub years_trading: Field<Count>,
    pub audited_accounts_required: Field<bool>,
    pub alternative_financial_evidence_accepted: Field<bool>,
    pub insurance: Field<Insurance>,
    pub certifications: Field<Vec<Node<Certification>>>,
    pub references: Field<References>,
    pub consortia_allowed: Field<bool>,
    pub subcontracting_allowed: Field<bool>,
    pub parent_company_guarantee_required: Field<bool>,
    pub performance_bond_percent: Field<Percent>,
    pub credit_score_minimum: Field<String>,
    pub financial_risk_mitigations_accepted: Field<bool>,
    pub previous_contract_with_authority_required: Field<bool>,
    pub payment_performance_test: Field<bool>,
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Insurance {
    pub professional_indemnity: Field<Money>,
    pub public_liability: Field<Money>,
    pub employers_liability: Field<Money>,
    pub evidence_required_at: Field<EvidenceStage>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceStage {
    Bid,
    Award,
}

/// A required certification. A bare name (`- ISO 9001`) accepts no equivalents.
#[derive(Debug, Default, PartialEq)]
pub struct Certification {
    pub name: Field<String>,
    pub equivalents_accepted: Field<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CertificationFields {
    name: Field<String>,
    equivalents_accepted: Field<bool>,
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

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct References {
    pub count: Field<Count>,
    pub minimum_contract_value: Field<Money>,
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub name: Field<String>,
    pub kind: Field<CriterionKind>,
    pub weight: Field<Percent>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionKind {
    Price,
    Quality,
    SocialValue,
    Other,
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SocialValue {
    pub model: Field<SocialValueModel>,
    pub outcomes: Field<Vec<Node<String>>>,
    pub commitments: Field<Vec<Node<Commitment>>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SocialValueModel {
    #[serde(rename = "ppn_002")]
    Ppn002,
    #[serde(rename = "ppn_06_20")]
    Ppn0620,
    Local,
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub description: Field<String>,
    pub quantity: Field<Count>,
    pub unit: Field<String>,
    pub scaled_to_supplier_size: Field<bool>,
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payment {
    pub terms_days: Field<Count>,
    pub schedule: Field<PaymentSchedule>,
    pub flow_down_to_subcontracts: Field<bool>,
    pub retention_percent: Field<Percent>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentSchedule {
    Milestones,
    MonthlyInArrears,
    QuarterlyInArrears,
    OnCompletion,
    Upfront,
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subcontracting {
    pub sme_plan_required: Field<bool>,
    pub named_smes_required: Field<bool>,
    pub reporting: Field<ReportingFrequency>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportingFrequency {
    Monthly,
    Quarterly,
    SixMonthly,
    Annually,
    None,
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    pub electronic: Field<bool>,
    pub quality_questions: Field<Count>,
    pub word_limit_total: Field<Count>,
    pub portal: Field<String>,
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    pub assessment_summaries: Field<bool>,
    pub verbal_debrief_offered: Field<bool>,
}

/// Rule id → the recorded reason for departing from it, in file order.
#[derive(Debug, Default, PartialEq)]
pub struct Justifications(pub Vec<(Node<String>, Node<String>)>);

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
