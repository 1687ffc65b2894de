//! Derived figures and scope: what the rules need to know about a tender beyond
//! what it literally says (docs/tender-format.md "Derived figures", RULES.md "Scope").

use crate::model::{
    BuyerKind, Category, Date, Lot, Money, Node, Procedure, Regime, Tender, VatRate,
};
use crate::thresholds::{self, AuthorityClass, ContractType, ThresholdTable};

#[derive(Debug, Clone)]
pub struct Facts {
    pub regime: Regime,
    pub buyer_kind: Option<BuyerKind>,
    /// `None` when neither `buyer.kind` nor the override says.
    pub class: Option<AuthorityClass>,
    pub category: Option<Category>,
    pub procedure: Option<Procedure>,
    pub defence_and_security: bool,
    /// `value.total`, else the sum of the lot values when every lot has one.
    pub whole_life_value: Option<Money>,
    /// The whole-life value with VAT, which thresholds compare.
    pub value_with_vat: Option<Money>,
    /// The whole-life value without VAT, which the PR(S)A 2014 figures compare.
    pub value_without_vat: Option<Money>,
    /// `duration_months + extension_months`; `None` without `duration_months`.
    pub contract_months: Option<u32>,
    pub annual_value: Option<Money>,
    pub start_date: Date,
    pub contract_type: ContractType,
    pub threshold_table: &'static ThresholdTable,
    /// `Some(true)` above threshold for every class the buyer could be, `Some(false)` below
    /// for every one, `None` when the value (or, at the margin, the class) is unknown.
    pub above_threshold: Option<bool>,
    /// False when the threshold that decided `above_threshold` is a figure the table marks
    /// unconfirmed (a Scottish figure assumed to equal the UK one).
    pub threshold_confirmed: bool,
    /// Days from the invitation to tender (else the tender notice) to the submission deadline.
    pub tendering_period_days: Option<i64>,
    /// Days from the tender notice to the participation deadline.
    pub participation_period_days: Option<i64>,
}

impl Facts {
    /// `run_date` stands in for the start date when the tender notice is not dated.
    pub fn derive(tender: &Tender, run_date: Date) -> Facts {
        let regime = tender.regime.as_deref().copied().unwrap_or_default();
        let buyer = tender.buyer.as_deref();
        let buyer_kind = buyer.and_then(|buyer| buyer.kind.as_deref().copied());
        let class_override =
            buyer.and_then(|buyer| buyer.central_government_authority.as_deref().copied());
        let class = match (class_override, buyer_kind) {
            (Some(true), _) => Some(AuthorityClass::Central),
            (Some(false), Some(BuyerKind::Utility)) => Some(AuthorityClass::Utility),
            (Some(false), _) => Some(AuthorityClass::SubCentral),
            (None, kind) => kind.map(class_of),
        };
        let category = tender.category.as_deref().copied();
        let contract = tender.contract.as_deref();
        let defence_and_security = contract
            .and_then(|contract| contract.defence_and_security.as_deref().copied())
            .unwrap_or(false);
        let contract_type = match category {
            Some(Category::Works) => ContractType::Works,
            Some(Category::LightTouch) => ContractType::LightTouch,
            _ if defence_and_security => ContractType::DefenceAndSecurity,
            _ => ContractType::GoodsAndServices,
        };

        let whole_life_value = tender
            .value
            .as_ref()
            .and_then(|value| value.total.as_deref().copied())
            .or_else(|| {
                let lots = tender.lots.as_deref()?;
                if lots.is_empty() {
                    return None;
                }
                lots.iter().try_fold(Money::ZERO, |sum, lot| {
                    sum.checked_add(*lot.value.as_deref()?)
                })
            });
        let section = tender.value.as_deref();
        let includes_vat = section
            .and_then(|section| section.includes_vat.as_deref().copied())
            .unwrap_or(false);
        let vat_percent = 100
            + section
                .and_then(|section| section.vat.as_deref().copied())
                .unwrap_or(VatRate::Standard)
                .percent();
        let (value_with_vat, value_without_vat) = match whole_life_value {
            Some(value) if includes_vat => (Some(value), Some(value.mul_div(100, vat_percent))),
            Some(value) => (Some(value.mul_div(vat_percent, 100)), Some(value)),
            None => (None, None),
        };

        let contract_months = contract.and_then(|contract| {
            let duration = contract.duration_months.as_deref()?.get();
            let extension = contract
                .extension_months
                .as_deref()
                .map_or(0, |months| months.get());
            Some(duration + extension)
        });
        let annual_value = whole_life_value.and_then(|value| annualise(value, contract_months));

        let timeline = tender.timeline.as_deref();
        let date = |pick: fn(&crate::model::Timeline) -> Option<Date>| timeline.and_then(pick);
        let tender_notice = date(|t| t.tender_notice.as_deref().copied());
        let start_date = tender_notice.unwrap_or(run_date);
        let threshold_table = thresholds::table_for(start_date, regime);
        let classes: Vec<AuthorityClass> =
            class.map_or(AuthorityClass::ALL.to_vec(), |class| vec![class]);
        let threshold_confirmed = classes
            .iter()
            .all(|class| threshold_table.is_confirmed(*class, contract_type));
        let above_threshold = value_with_vat.and_then(|value| {
            let above = |class| value >= threshold_table.threshold(class, contract_type);
            if classes.iter().copied().all(above) {
                Some(true)
            } else if !classes.iter().copied().any(above) {
                Some(false)
            } else {
                None
            }
        });

        let submission = date(|t| t.submission_deadline.as_deref().copied());
        let invitation = date(|t| t.invitation_to_tender.as_deref().copied());
        let tendering_period_days = invitation
            .or(tender_notice)
            .zip(submission)
            .map(|(from, to)| from.days_until(to));
        let participation_period_days = tender_notice
            .zip(date(|t| t.participation_deadline.as_deref().copied()))
            .map(|(from, to)| from.days_until(to));

        Facts {
            regime,
            buyer_kind,
            class,
            category,
            procedure: tender.procedure.as_deref().copied(),
            defence_and_security,
            whole_life_value,
            value_with_vat,
            value_without_vat,
            contract_months,
            annual_value,
            start_date,
            contract_type,
            threshold_table,
            above_threshold,
            threshold_confirmed,
            tendering_period_days,
            participation_period_days,
        }
    }

    /// The threshold for this contract and buyer, when the buyer's class is known.
    pub fn threshold(&self) -> Option<Money> {
        self.class
            .map(|class| self.threshold_table.threshold(class, self.contract_type))
    }

    /// A lot's annual value, from its own value and the contract's term.
    pub fn lot_annual_value(&self, lot: &Node<Lot>) -> Option<Money> {
        annualise(*lot.value.as_deref()?, self.contract_months)
    }

    pub fn is_pa23(&self) -> bool {
        self.regime == Regime::ProcurementAct2023
    }

    pub fn is_pcr(&self) -> bool {
        self.regime == Regime::Pcr2015
    }

    pub fn is_psr(&self) -> bool {
        self.regime == Regime::ProviderSelectionRegime
    }

    pub fn is_pcsr(&self) -> bool {
        self.regime == Regime::Pcsr2015
    }

    /// Known to be above threshold (false when the value is unknown).
    pub fn above_threshold(&self) -> bool {
        self.above_threshold == Some(true)
    }

    /// A regulated procurement under the Procurement Reform (Scotland) Act 2014 (s.3): the
    /// value excluding VAT is at least £50,000 (£2,000,000 for works). False when unknown.
    pub fn scottish_regulated(&self) -> bool {
        let figures = thresholds::scotland_regulated();
        let floor = if self.contract_type == ContractType::Works {
            figures.works
        } else {
            figures.goods_and_services
        };
        self.is_pcsr() && self.value_without_vat.is_some_and(|value| value >= floor)
    }

    pub fn is_central(&self) -> bool {
        self.class == Some(AuthorityClass::Central)
    }

    pub fn is_sub_central(&self) -> bool {
        self.class == Some(AuthorityClass::SubCentral)
    }

    pub fn is_utility_buyer(&self) -> bool {
        self.buyer_kind == Some(BuyerKind::Utility) || self.class == Some(AuthorityClass::Utility)
    }

    pub fn is_light_touch(&self) -> bool {
        self.category == Some(Category::LightTouch)
    }

    pub fn is_nhs_buyer(&self) -> bool {
        matches!(self.buyer_kind, Some(BuyerKind::NhsTrust | BuyerKind::Icb))
    }
}

/// The authority class a buyer kind implies (docs/tender-format.md "Buyer kinds and authority classes").
fn class_of(kind: BuyerKind) -> AuthorityClass {
    match kind {
        BuyerKind::CentralGovernment | BuyerKind::NhsTrust => AuthorityClass::Central,
        BuyerKind::Icb | BuyerKind::LocalGovernment | BuyerKind::School | BuyerKind::Other => {
            AuthorityClass::SubCentral
        }
        BuyerKind::Utility => AuthorityClass::Utility,
    }
}

/// Value per year: whole value ÷ contract years, where a contract counts as at least one year.
fn annualise(value: Money, contract_months: Option<u32>) -> Option<Money> {
    let months = contract_months?.max(12);
    Some(value.mul_div(12, i64::from(months)))
}
