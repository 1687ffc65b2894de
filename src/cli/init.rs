//! `tenderlint init [PATH]`: write a commented starter tender.
//!
//! Every section of the format, with SME-friendly defaults that pass the rules
//! and `<placeholders>` for what only the buyer knows. The dates are laid out
//! from the run date so the timeline is lawful and avoids weekends and holidays.
//! An existing file is never overwritten.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{exit, parse_date};
use crate::model::{Date, Weekday};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the starter tender.
    #[arg(value_name = "PATH", default_value = "new.tender.yaml")]
    pub path: PathBuf,

    /// Lay out the timeline from this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<Date>,
}

pub fn run(args: &InitArgs) -> u8 {
    let text = starter(args.date.unwrap_or_else(Date::today));
    let path = &args.path;
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    let mut file = match file {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "error: {} already exists; tenderlint init never overwrites a file (name another path, or move the file first)",
                path.display()
            );
            return exit::ERROR;
        }
        Err(error) => {
            eprintln!("error: cannot create {}: {error}", path.display());
            return exit::ERROR;
        }
    };
    if let Err(error) = file.write_all(text.as_bytes()).and_then(|()| file.flush()) {
        eprintln!("error: cannot write {}: {error}", path.display());
        return exit::ERROR;
    }
    eprintln!(
        "Wrote {path}. Replace each <placeholder>, check every figure against your procurement, then run `tenderlint {path}`.",
        path = path.display()
    );
    exit::CLEAN
}

/// The key dates of the starter's timeline.
struct Timeline {
    engagement_notice: Date,
    tender_notice: Date,
    clarification_deadline: Date,
    submission_deadline: Date,
    award_decision: Date,
    contract_start: Date,
}

/// A timeline starting at least six weeks after `today`: the tender notice on a
/// Monday, six weeks and two days to tender (above every statutory minimum and the
/// usual 30-day SME benchmark, even across Christmas), the deadline on a Wednesday
/// clear of the dates a UK bank holiday can fall midweek.
fn timeline(today: Date) -> Timeline {
    let mut tender_notice = today.add_days(42);
    while tender_notice.weekday() != Weekday::Monday {
        tender_notice = tender_notice.add_days(1);
    }
    while near_midweek_holiday(tender_notice.add_days(44)) {
        tender_notice = tender_notice.add_days(7);
    }
    let submission_deadline = tender_notice.add_days(44);
    let award_decision = submission_deadline.add_days(35);
    Timeline {
        engagement_notice: tender_notice.add_days(-28),
        tender_notice,
        clarification_deadline: tender_notice.add_days(30),
        submission_deadline,
        award_decision,
        contract_start: award_decision.add_days(54),
    }
}

/// Christmas to New Year, St Patrick's Day, the Battle of the Boyne and St Andrew's Day:
/// the holidays of the UK's calendars that can fall on a Wednesday.
fn near_midweek_holiday(date: Date) -> bool {
    let (_, month, day) = date.ymd();
    matches!(
        (month, day),
        (12, 20..=31) | (1, 1..=5) | (3, 17) | (7, 12) | (11, 30)
    )
}

/// The starter tender, with its timeline laid out from `today`.
pub fn starter(today: Date) -> String {
    let dates = timeline(today);
    STARTER
        .replace("{schema_url}", super::schema::SCHEMA_URL)
        .replace("{engagement_notice}", &dates.engagement_notice.to_string())
        .replace("{tender_notice}", &dates.tender_notice.to_string())
        .replace(
            "{clarification_deadline}",
            &dates.clarification_deadline.to_string(),
        )
        .replace(
            "{submission_deadline}",
            &dates.submission_deadline.to_string(),
        )
        .replace("{award_decision}", &dates.award_decision.to_string())
        .replace("{contract_start}", &dates.contract_start.to_string())
}

const STARTER: &str = r#"# yaml-language-server: $schema={schema_url}
#
# A starter tender written by `tenderlint init`. Replace every "<placeholder>",
# check every figure and date against your procurement, then run `tenderlint` on
# this file. The defaults are the SME-friendly choices; where you depart from
# one, tenderlint will say what the law or the guidance asks, and you can record
# your reason under `justifications`. The format is described in docs/tender-format.md.
# Until every "<placeholder>" reason is replaced, tenderlint reports it as missing.
tender:
  id: "<your reference>"
  title: "<what you are buying>"
  buyer:
    name: "<your organisation>"
    # central_government | nhs_trust | icb | local_government | school | utility | other
    # (decides your thresholds: NHS trusts are central, integrated care boards sub-central)
    kind: local_government
  regime: procurement_act_2023       # procurement_act_2023 | provider_selection_regime | pcr_2015 | pcsr_2015
  procedure: open                    # open | competitive_flexible | framework | open_framework | dynamic_market | direct_award | call_off
  category: services                 # goods | services | works | light_touch
  suitability:                       # say whether the contract suits SMEs and VCSEs (PR 2024 reg 18(2)(t))
    sme: true
    vcse: true

  value:
    total: "£500k"                   # <your estimate>: whole-life value, extensions and options included
    includes_vat: false
    vat: standard                    # standard | reduced | zero | exempt
  contract:
    duration_months: 24
    extension_months: 12             # optional extensions count towards the whole-life value

  # Divide the contract into lots where you can (by place, specialism or phase),
  # replacing `no_lots_reason` with, for example:
  # lots:
  #   - id: north
  #     title: "<what this lot covers>"
  #     value: "£250k"
  #     suitability: {sme: true, vcse: true}
  # lots_policy:
  #   max_lots_per_supplier: 1
  #   award_limit_mechanism: "<how lots are allocated when a supplier comes first in more than one>"
  #   bid_for_all_lots_required: false
  no_lots_reason: "<why this contract is not divided into lots>"

  market_engagement:
    held: true
    format: online                   # online events reach more small suppliers
    notice_date: {engagement_notice}          # preliminary market engagement notice
    sme_event: true

  timeline:
    tender_notice: {tender_notice}
    documents_with_notice: true      # publish every tender document with the notice
    urgency: false
    clarification_deadline: {clarification_deadline}
    submission_deadline: {submission_deadline}  # six weeks: time for small bid teams and partners
    award_decision: {award_decision}
    contract_start: {contract_start}

  conditions_of_participation:
    # Ask only for what this contract needs. If you set a minimum turnover, keep it
    # to at most twice the contract's annual value:
    # minimum_annual_turnover: "£300k"
    audited_accounts_required: false
    alternative_financial_evidence_accepted: true
    insurance:
      professional_indemnity: "£1m"
      public_liability: "£1m"
      employers_liability: "£5m"     # the legal minimum for most employers
      evidence_required_at: award    # ask the winner, not every bidder
    # Certifications always accept equivalents, for example:
    #   - name: Cyber Essentials
    #     equivalents_accepted: true
    certifications: []
    references:
      count: 2
      minimum_contract_value: "£100k"
    consortia_allowed: true
    subcontracting_allowed: true
    parent_company_guarantee_required: false
    performance_bond_percent: 0
    financial_risk_mitigations_accepted: true
    previous_contract_with_authority_required: false
    payment_performance_test: false  # PPN 018: set true for central government contracts over £5m a year

  award_criteria:                    # weights are percentages and total 100
    - name: Price
      kind: price
      weight: 40
    - name: Quality
      kind: quality
      weight: 50
    - name: Social value
      kind: social_value
      weight: 10

  social_value:
    model: ppn_002                   # ppn_002 | ppn_06_20 | local
    outcomes:
      - "<the outcome the contract should contribute to, e.g. Make Britain a clean energy superpower>"
    commitments:
      - description: "<a commitment proportionate to the contract, e.g. a local apprenticeship start>"
        quantity: 1
        unit: apprentices
        scaled_to_supplier_size: true

  payment:
    terms_days: 30
    schedule: monthly_in_arrears     # milestones | monthly_in_arrears | quarterly_in_arrears | on_completion | upfront
    flow_down_to_subcontracts: true
    retention_percent: 0

  subcontracting:
    sme_plan_required: true
    named_smes_required: true
    reporting: quarterly             # monthly | quarterly | six_monthly | annually | none

  submission:
    electronic: true
    quality_questions: 5
    word_limit_total: 4000
    portal: "<your e-tendering portal>"

  feedback:
    assessment_summaries: true
    verbal_debrief_offered: true

  specification: |
    <Describe the outcome you need rather than how to deliver it: what will be
    true when the contract succeeds, for whom, by when, and how it will be measured.
    Where you cite a standard or a product, add "or equivalent".>

  # Rule id -> your recorded reason for departing from that rule, for example:
  # PROC005: "Estates works need a 10-year term to recover the capital investment."
  justifications: {}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_is_ordered_and_on_working_days() {
        for day in 0..400 {
            let today = Date::from_ymd(2026, 1, 1).unwrap().add_days(day);
            let dates = timeline(today);
            assert!(today.days_until(dates.engagement_notice) > 0);
            assert_eq!(dates.tender_notice.weekday(), Weekday::Monday);
            assert_eq!(dates.submission_deadline.weekday(), Weekday::Wednesday);
            assert!(!near_midweek_holiday(dates.submission_deadline));
            assert_eq!(
                dates.tender_notice.days_until(dates.submission_deadline),
                44
            );
            let order = [
                dates.engagement_notice,
                dates.tender_notice,
                dates.clarification_deadline,
                dates.submission_deadline,
                dates.award_decision,
                dates.contract_start,
            ];
            assert!(order.windows(2).all(|pair| pair[0] < pair[1]));
        }
    }
}
