//! The dated threshold tables in `rules/thresholds.toml`.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::{Date, Money, Regime};

/// The row of the threshold table a contract falls in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContractType {
    GoodsAndServices,
    Works,
    LightTouch,
    DefenceAndSecurity,
}

/// Which column of the table applies to the buyer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthorityClass {
    Central,
    SubCentral,
    Utility,
}

impl AuthorityClass {
    pub const ALL: [AuthorityClass; 3] = [
        AuthorityClass::Central,
        AuthorityClass::SubCentral,
        AuthorityClass::Utility,
    ];
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThresholdFile {
    table: Vec<ThresholdTable>,
    scotland_regulated: ScotlandRegulated,
}

/// PR(S)A 2014 figures, excluding VAT: regulated procurements (s.3) and the community
/// benefit duty (s.25).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScotlandRegulated {
    pub source: String,
    pub goods_and_services: Money,
    pub works: Money,
    pub community_benefits: Money,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdTable {
    in_force_from: String,
    pub source: String,
    #[serde(default)]
    applies_to_pcr_2015: bool,
    /// `pcsr_2015` for the Scottish tables; absent for the UK tables.
    #[serde(default)]
    regime: Option<String>,
    /// Figures not confirmed in primary text, as `column.row` (`sub_central.goods_and_services`).
    #[serde(default)]
    unconfirmed: Vec<String>,
    central: Row,
    sub_central: Row,
    utility: Row,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    goods_and_services: Money,
    works: Money,
    light_touch: Money,
    defence_and_security: Money,
}

impl ThresholdTable {
    pub fn threshold(&self, class: AuthorityClass, contract: ContractType) -> Money {
        let row = match class {
            AuthorityClass::Central => &self.central,
            AuthorityClass::SubCentral => &self.sub_central,
            AuthorityClass::Utility => &self.utility,
        };
        match contract {
            ContractType::GoodsAndServices => row.goods_and_services,
            ContractType::Works => row.works,
            ContractType::LightTouch => row.light_touch,
            ContractType::DefenceAndSecurity => row.defence_and_security,
        }
    }

    /// Whether the figure for `class` and `contract` was confirmed (false for the
    /// Scottish figures assumed to equal the UK ones).
    pub fn is_confirmed(&self, class: AuthorityClass, contract: ContractType) -> bool {
        let column = match class {
            AuthorityClass::Central => "central",
            AuthorityClass::SubCentral => "sub_central",
            AuthorityClass::Utility => "utility",
        };
        let row = match contract {
            ContractType::GoodsAndServices => "goods_and_services",
            ContractType::Works => "works",
            ContractType::LightTouch => "light_touch",
            ContractType::DefenceAndSecurity => "defence_and_security",
        };
        !self.unconfirmed.contains(&format!("{column}.{row}"))
    }

    fn in_force_from(&self) -> Date {
        Date::parse(&self.in_force_from)
            .unwrap_or_else(|error| panic!("rules/thresholds.toml: {error}"))
    }
}

fn file() -> &'static ThresholdFile {
    static FILE: OnceLock<ThresholdFile> = OnceLock::new();
    FILE.get_or_init(|| {
        let mut file: ThresholdFile = crate::registry::embedded("thresholds.toml");
        file.table.sort_by_key(ThresholdTable::in_force_from);
        file
    })
}

/// The PR(S)A 2014 figures (excluding VAT).
pub fn scotland_regulated() -> &'static ScotlandRegulated {
    &file().scotland_regulated
}

/// The table in force on `start` for `regime`: the newest not after it, or the oldest held.
/// Under the Public Contracts Regulations 2015 the table marked for them applies whatever the
/// date; under `pcsr_2015` the Scottish tables apply; every other regime uses the UK tables.
pub fn table_for(start: Date, regime: Regime) -> &'static ThresholdTable {
    let scottish = regime == Regime::Pcsr2015;
    let tables: Vec<&ThresholdTable> = file()
        .table
        .iter()
        .filter(|table| (table.regime.as_deref() == Some("pcsr_2015")) == scottish)
        .collect();
    if regime == Regime::Pcr2015
        && let Some(table) = tables.iter().find(|table| table.applies_to_pcr_2015)
    {
        return table;
    }
    tables
        .iter()
        .rev()
        .find(|table| table.in_force_from() <= start)
        .unwrap_or(&tables[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_table_in_force_on_the_start_date() {
        let new = table_for(
            Date::from_ymd(2026, 3, 2).unwrap(),
            Regime::ProcurementAct2023,
        );
        assert_eq!(
            new.threshold(AuthorityClass::Central, ContractType::GoodsAndServices),
            Money::from_pounds(135_018)
        );
        let old = table_for(
            Date::from_ymd(2025, 12, 31).unwrap(),
            Regime::ProviderSelectionRegime,
        );
        assert_eq!(
            old.threshold(AuthorityClass::SubCentral, ContractType::GoodsAndServices),
            Money::from_pounds(214_904)
        );
        let pcr = table_for(Date::from_ymd(2026, 3, 2).unwrap(), Regime::Pcr2015);
        assert_eq!(
            pcr.threshold(AuthorityClass::Central, ContractType::Works),
            Money::from_pounds(5_372_609)
        );
    }

    #[test]
    fn scottish_tables_mark_the_figures_they_assume() {
        let scottish = table_for(Date::from_ymd(2026, 3, 2).unwrap(), Regime::Pcsr2015);
        assert!(scottish.source.contains("Scotland"));
        assert!(scottish.is_confirmed(AuthorityClass::Central, ContractType::GoodsAndServices));
        assert!(scottish.is_confirmed(AuthorityClass::SubCentral, ContractType::Works));
        assert!(!scottish.is_confirmed(AuthorityClass::SubCentral, ContractType::GoodsAndServices));
        let before = table_for(Date::from_ymd(2025, 6, 1).unwrap(), Regime::Pcsr2015);
        assert_eq!(
            before.threshold(AuthorityClass::Central, ContractType::GoodsAndServices),
            Money::from_pounds(139_688)
        );
        assert_eq!(
            scotland_regulated().community_benefits,
            Money::from_pounds(4_000_000)
        );
    }
}
