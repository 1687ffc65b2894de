//! The minimum participation and tendering periods of PA23 s.54(3)–(5), s.15(3), and,
//! under `pcsr_2015`, the open procedure's time limits in PCSR 2015 reg 28.
//!
//! Periods count calendar days from the day after the notice or invitation to the
//! deadline, so the plain date difference is the period. Where several entries of
//! the s.54 table apply, the minimum is the shortest any of them allows.
//!
//! Unknown is not zero: where the file does not say whether a shorter entry
//! applies (the buyer's class, the date of the tender notice), the entry is
//! taken as possibly applying, so a finding is only made when no reading of the
//! file makes the period lawful.

use crate::facts::Facts;
use crate::model::{Date, Procedure, Tender};

/// One entry of the s.54 table: its minimum in days and when it applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub days: i64,
    /// The provision that sets it: "s.54" or "PCSR reg 28".
    pub law: &'static str,
    /// Completes "the N-day minimum s.54 sets …".
    pub ground: &'static str,
}

/// What the s.54 table asks about a procurement.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Circumstances {
    pub light_touch: bool,
    /// The buyer is (or, when its class is unknown, may be) sub-central or a utility.
    pub sub_central_or_utility: bool,
    /// `timeline.tendering_period_agreed: true`.
    pub tendering_period_agreed: bool,
    /// Tenders are invited after a participation stage (`timeline.invitation_to_tender`).
    pub invited_after_participation: bool,
    /// A planned procurement notice published 40 days to 12 months before the tender notice.
    pub qualifying_planned_notice: bool,
    pub urgency: bool,
    pub dynamic_market: bool,
    /// `submission.electronic`, true unless stated otherwise.
    pub electronic: bool,
    /// `timeline.documents_with_notice`, true unless stated otherwise.
    pub documents_with_notice: bool,
    /// The open procedure under PCSR 2015 reg 28 rather than PA23 s.54.
    pub pcsr_open: bool,
    /// PCSR reg 28(3): a prior information notice sent 35 days to 12 months before the contract notice.
    pub qualifying_prior_information_notice: bool,
}

/// TIME001 runs on this tender: its row of the scope table holds (PA23 or PCSR, above
/// threshold) and the procedure is one it measures — under the Act a competitive award
/// (not a call-off or direct award), under the PCSR the open procedure (reg 28).
pub fn applies(facts: &Facts) -> bool {
    let procedure_measured = if facts.is_pcsr() {
        facts.procedure == Some(Procedure::Open)
    } else {
        !matches!(
            facts.procedure,
            Some(Procedure::CallOff | Procedure::DirectAward)
        )
    };
    procedure_measured && crate::scope::applies("TIME001", facts).is_some()
}

/// PCSR reg 28(3): a prior information notice sent at least 35 days and no more than 12
/// months before the contract notice shortens the open procedure.
pub fn is_qualifying_prior_information_notice(planned: Date, contract_notice: Date) -> bool {
    let (year, month, day) = planned.ymd();
    planned.days_until(contract_notice) >= 35 && contract_notice.ymd() <= (year + 1, month, day)
}

/// s.15(3), s.54(5): published at least 40 days, and no more than 12 months, before the tender notice.
pub fn is_qualifying_planned_notice(planned: Date, tender_notice: Date) -> bool {
    let (year, month, day) = planned.ymd();
    let one_year_on = (year + 1, month, day);
    planned.days_until(tender_notice) >= 40 && tender_notice.ymd() <= one_year_on
}

impl Circumstances {
    pub fn of(tender: &Tender, facts: &Facts) -> Circumstances {
        let timeline = tender.timeline.as_deref();
        let flag = |pick: fn(&crate::model::Timeline) -> Option<bool>, default: bool| {
            timeline.and_then(pick).unwrap_or(default)
        };
        let planned = timeline.and_then(|t| t.planned_procurement_notice.as_deref().copied());
        let tender_notice = timeline.and_then(|t| t.tender_notice.as_deref().copied());
        let qualifies = |rule: fn(Date, Date) -> bool| match (planned, tender_notice) {
            (Some(planned), Some(notice)) => rule(planned, notice),
            // Without a dated tender notice the notice may qualify.
            (Some(_), None) => true,
            (None, _) => false,
        };
        let qualifying_planned_notice = qualifies(is_qualifying_planned_notice);
        let electronic = tender
            .submission
            .as_deref()
            .and_then(|submission| submission.electronic.as_deref().copied())
            .unwrap_or(true);
        Circumstances {
            light_touch: facts.is_light_touch(),
            sub_central_or_utility: facts.class.is_none()
                || facts.is_sub_central()
                || facts.is_utility_buyer(),
            tendering_period_agreed: flag(|t| t.tendering_period_agreed.as_deref().copied(), false),
            invited_after_participation: timeline.is_some_and(|t| t.invitation_to_tender.is_some()),
            qualifying_planned_notice,
            urgency: flag(|t| t.urgency.as_deref().copied(), false),
            dynamic_market: facts.procedure == Some(Procedure::DynamicMarket),
            electronic,
            documents_with_notice: flag(|t| t.documents_with_notice.as_deref().copied(), true),
            pcsr_open: facts.is_pcsr() && facts.procedure == Some(Procedure::Open),
            qualifying_prior_information_notice: qualifies(is_qualifying_prior_information_notice),
        }
    }

    /// The minimum participation period (competitive flexible procedure); `None` when there is none.
    pub fn participation_minimum(&self) -> Option<Entry> {
        if self.light_touch || self.pcsr_open {
            return None;
        }
        Some(if self.urgency {
            Entry {
                days: 10,
                law: "s.54",
                ground: "for requests to participate under urgency",
            }
        } else {
            Entry {
                days: 25,
                law: "s.54",
                ground: "for requests to participate",
            }
        })
    }

    /// The minimum tendering period; `None` when the Act sets none.
    pub fn tendering_minimum(&self) -> Option<Entry> {
        if self.light_touch {
            return None;
        }
        if self.pcsr_open {
            return Some(self.pcsr_open_minimum());
        }
        if self.sub_central_or_utility && self.tendering_period_agreed {
            return None;
        }
        let ten_day_grounds = [
            (
                self.qualifying_planned_notice,
                "after a qualifying planned procurement notice",
            ),
            (self.urgency, "under urgency"),
            (self.dynamic_market, "for a dynamic market"),
            (
                self.sub_central_or_utility && self.invited_after_participation,
                "for a sub-central or utility buyer inviting pre-selected suppliers",
            ),
        ];
        if let Some((_, ground)) = ten_day_grounds.into_iter().find(|(applies, _)| *applies) {
            return Some(Entry {
                days: 10,
                law: "s.54",
                ground,
            });
        }
        Some(match (self.electronic, self.documents_with_notice) {
            (true, true) => Entry {
                days: 25,
                law: "s.54",
                ground: "for electronic submission with all tender documents available from the notice",
            },
            (true, false) => Entry {
                days: 30,
                law: "s.54",
                ground: "for electronic submission with tender documents provided after the notice",
            },
            (false, true) => Entry {
                days: 30,
                law: "s.54",
                ground: "for paper submission with all tender documents available from the notice",
            },
            (false, false) => Entry {
                days: 35,
                law: "s.54",
                ground: "for paper submission with tender documents provided after the notice",
            },
        })
    }
}

impl Circumstances {
    /// PCSR 2015 reg 28: 35 days from the contract notice; 30 with electronic submission;
    /// 15 after a qualifying prior information notice or under urgency.
    fn pcsr_open_minimum(&self) -> Entry {
        let (days, ground) = if self.qualifying_prior_information_notice {
            (15, "after a prior information notice")
        } else if self.urgency {
            (15, "under urgency")
        } else if self.electronic {
            (30, "for the open procedure with electronic submission")
        } else {
            (35, "for the open procedure")
        };
        Entry {
            days,
            law: "PCSR reg 28",
            ground,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An open procedure by a central buyer: electronic, documents with the notice.
    fn base() -> Circumstances {
        Circumstances {
            electronic: true,
            documents_with_notice: true,
            ..Circumstances::default()
        }
    }

    fn tendering(circumstances: Circumstances) -> Option<i64> {
        circumstances.tendering_minimum().map(|entry| entry.days)
    }

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn electronic_with_documents_is_25_days() {
        assert_eq!(tendering(base()), Some(25));
    }

    #[test]
    fn documents_later_or_paper_is_30_days() {
        let documents_later = Circumstances {
            documents_with_notice: false,
            ..base()
        };
        assert_eq!(tendering(documents_later), Some(30));
        let paper = Circumstances {
            electronic: false,
            ..base()
        };
        assert_eq!(tendering(paper), Some(30));
    }

    #[test]
    fn paper_with_documents_later_is_35_days() {
        let circumstances = Circumstances {
            electronic: false,
            documents_with_notice: false,
            ..base()
        };
        assert_eq!(tendering(circumstances), Some(35));
    }

    #[test]
    fn qualifying_planned_notice_is_10_days() {
        let circumstances = Circumstances {
            qualifying_planned_notice: true,
            electronic: false,
            documents_with_notice: false,
            ..base()
        };
        assert_eq!(tendering(circumstances), Some(10));
    }

    #[test]
    fn urgency_is_10_days() {
        let circumstances = Circumstances {
            urgency: true,
            ..base()
        };
        assert_eq!(tendering(circumstances), Some(10));
        assert_eq!(circumstances.participation_minimum().unwrap().days, 10);
    }

    #[test]
    fn dynamic_market_is_10_days() {
        let circumstances = Circumstances {
            dynamic_market: true,
            ..base()
        };
        assert_eq!(tendering(circumstances), Some(10));
    }

    #[test]
    fn sub_central_inviting_pre_selected_suppliers_is_10_days() {
        let sub_central = Circumstances {
            sub_central_or_utility: true,
            invited_after_participation: true,
            ..base()
        };
        assert_eq!(tendering(sub_central), Some(10));
        // A central buyer inviting its shortlist keeps the full period.
        let central = Circumstances {
            invited_after_participation: true,
            ..base()
        };
        assert_eq!(tendering(central), Some(25));
    }

    #[test]
    fn agreed_period_for_sub_central_or_utility_has_no_minimum() {
        let agreed = Circumstances {
            sub_central_or_utility: true,
            tendering_period_agreed: true,
            ..base()
        };
        assert_eq!(tendering(agreed), None);
        // A central buyer cannot agree the period away.
        let central = Circumstances {
            tendering_period_agreed: true,
            ..base()
        };
        assert_eq!(tendering(central), Some(25));
    }

    #[test]
    fn light_touch_has_no_minimum() {
        let circumstances = Circumstances {
            light_touch: true,
            ..base()
        };
        assert_eq!(tendering(circumstances), None);
        assert_eq!(circumstances.participation_minimum(), None);
    }

    #[test]
    fn pcsr_open_procedure_follows_reg_28() {
        let open = Circumstances {
            pcsr_open: true,
            ..base()
        };
        assert_eq!(tendering(open), Some(30));
        assert_eq!(open.participation_minimum(), None);
        let paper = Circumstances {
            electronic: false,
            ..open
        };
        assert_eq!(tendering(paper), Some(35));
        let pin = Circumstances {
            qualifying_prior_information_notice: true,
            electronic: false,
            ..open
        };
        assert_eq!(tendering(pin), Some(15));
        let urgent = Circumstances {
            urgency: true,
            ..open
        };
        assert_eq!(tendering(urgent), Some(15));
        let notice = date("2026-03-02");
        assert!(is_qualifying_prior_information_notice(
            date("2026-01-26"),
            notice
        )); // 35 days
        assert!(!is_qualifying_prior_information_notice(
            date("2026-01-27"),
            notice
        )); // 34 days
        assert!(!is_qualifying_prior_information_notice(
            date("2025-03-01"),
            notice
        ));
    }

    #[test]
    fn participation_period_is_25_days() {
        assert_eq!(base().participation_minimum().unwrap().days, 25);
    }

    #[test]
    fn planned_notice_qualifies_from_40_days_to_12_months_ahead() {
        let notice = date("2026-03-02");
        assert!(is_qualifying_planned_notice(date("2026-01-21"), notice)); // 40 days
        assert!(!is_qualifying_planned_notice(date("2026-01-22"), notice)); // 39 days
        assert!(is_qualifying_planned_notice(date("2025-03-02"), notice)); // exactly a year
        assert!(!is_qualifying_planned_notice(date("2025-03-01"), notice)); // a day more
        // A notice of 29 February 2024 qualifies until 28 February 2025, not 1 March.
        assert!(is_qualifying_planned_notice(
            date("2024-02-29"),
            date("2025-02-28")
        ));
        assert!(!is_qualifying_planned_notice(
            date("2024-02-29"),
            date("2025-03-01")
        ));
    }
}
