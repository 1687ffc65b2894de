//! The dated threshold tables in `rules/thresholds.toml`.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::{Date, Money};

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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdTable {
    in_force_from: String,
    pub source: String,
    #[serde(default)]
    applies_to_pcr_2015: bool,
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

    fn in_force_from(&self) -> Date {
        Date::parse(&self.in_force_from)
            .unwrap_or_else(|error| panic!("rules/thresholds.toml: {error}"))
    }
}

fn tables() -> &'static [ThresholdTable] {
    static TABLES: OnceLock<Vec<ThresholdTable>> = OnceLock::new();
    TABLES.get_or_init(|| {
        let text = crate::registry::data_file("thresholds.toml")
            .expect("rules/thresholds.toml is embedded");
        let mut file: ThresholdFile = toml::from_str(text)
            .unwrap_or_else(|error| panic!("rules/thresholds.toml is malformed: {error}"));
        file.table.sort_by_key(ThresholdTable::in_force_from);
        file.table
    })
}

/// The table in force on `start`: the newest not after it, or the oldest we hold.
/// Under the Public Contracts Regulations 2015 the table marked for them applies whatever the date.
pub fn table_for(start: Date, pcr_2015: bool) -> &'static ThresholdTable {
    let tables = tables();
    if pcr_2015 && let Some(table) = tables.iter().find(|table| table.applies_to_pcr_2015) {
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
        let new = table_for(Date::from_ymd(2026, 3, 2).unwrap(), false);
        assert_eq!(
            new.threshold(AuthorityClass::Central, ContractType::GoodsAndServices),
            Money::from_pounds(135_018)
        );
        let old = table_for(Date::from_ymd(2025, 12, 31).unwrap(), false);
        assert_eq!(
            old.threshold(AuthorityClass::SubCentral, ContractType::GoodsAndServices),
            Money::from_pounds(214_904)
        );
        let pcr = table_for(Date::from_ymd(2026, 3, 2).unwrap(), true);
        assert_eq!(
            pcr.threshold(AuthorityClass::Central, ContractType::Works),
            Money::from_pounds(5_372_609)
        );
    }
}
