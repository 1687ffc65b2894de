#!/usr/bin/env python3
"""Writes N synthetic but realistic tender files for the benchmark (scripts/bench).

    scripts/bench-corpus.py N DIR

Deterministic: file i depends only on i, so the first 1,000 files of a 10,000-file corpus
are the 1,000-file corpus. Sizes are mixed (most tenders are a few kilobytes, some carry a
long specification); about one in six is clean, the others trip rules of every family
(LOT, QUAL, PAY, SV, TIME, SPEC, PROC and the justification/suppression meta rules).
"""

import random
import sys
from datetime import date, timedelta
from pathlib import Path

KINDS = ["central_government", "nhs_trust", "icb", "local_government", "school", "utility", "other"]
# Each regime accepts its own procedure names only (docs/tender-format.md).
PROCEDURES = {
    "procurement_act_2023": ["open", "open", "open", "competitive_flexible", "framework", "open_framework"],
    "pcr_2015": ["open", "open", "restricted", "competitive_procedure_with_negotiation", "framework"],
    "provider_selection_regime": ["competitive_process", "competitive_process", "direct_award_c", "most_suitable_provider"],
}
CATEGORIES = ["services", "services", "goods", "works", "light_touch"]
BUYERS = [
    "North East Example ICB", "Example Borough Council", "Department for Examples",
    "Example Teaching Hospitals NHS Foundation Trust", "Example Academy Trust",
    "Example Water Services", "Example Fire and Rescue Authority",
]
SUBJECTS = [
    "Population health analytics platform", "Grounds maintenance", "School meals",
    "Patient transport services", "Temporary agency staffing", "Estates cleaning",
    "Digital records migration", "Community equipment service", "Legal advisory panel",
    "Fleet vehicle leasing", "Library management system", "Highways resurfacing",
]
OUTCOMES = [
    "Make Britain a clean energy superpower", "Build an NHS fit for the future",
    "Kickstart economic growth", "Break down barriers to opportunity",
    "Tackle economic inequality in the local area",
]
SENTENCES = [
    "Care teams can see, for their registered population, who is at rising risk of admission.",
    "The service is available from 07:00 to 19:00 on working days across all three sites.",
    "Data stays within the buyer's existing secure data environment at all times.",
    "The supplier reports monthly against the key performance indicators in schedule 4.",
    "Dashboards meet WCAG 2.2 AA and are tested with assistive technology users.",
    "Vehicles are ultra low emission and are replaced at the end of their fifth year.",
    "Staff hold the qualifications the role requires and receive annual refresher training.",
    "Incidents are acknowledged within one hour and resolved within one working day.",
    "The supplier works with the buyer's carbon reduction plan and reports net zero progress.",
    "Meals follow the school food standards and cater for every recorded dietary need.",
]
# Each trips a SPEC rule (brand without equivalent, UK standard, input-based phrasing).
SPEC_TRIGGERS = [
    "Reports are delivered as Microsoft Excel workbooks.",
    "The platform must be built on Oracle Database.",
    "Electrical work complies with BS 7671.",
    "Quality management follows BS EN ISO 9001.",
    "The supplier must use the buyer's proprietary scheduling tool.",
    "Laptops run Windows® 11 Enterprise.",
    "Information modelling follows PAS 1192.",
]
BANK_HOLIDAYS_2026 = {
    date(2026, 1, 1), date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 4),
    date(2026, 5, 25), date(2026, 8, 31), date(2026, 12, 25), date(2026, 12, 28),
}
SPEC_EQUIVALENT = "Reports are delivered as Microsoft Excel workbooks or equivalent."


def money(pounds):
    if pounds >= 1_000_000 and pounds % 100_000 == 0:
        return f'"£{pounds / 1_000_000:g}m"'
    if pounds >= 1_000 and pounds % 1_000 == 0:
        return f'"£{pounds // 1_000}k"'
    return f'"£{pounds:,}"'


def paragraph(rng, sentences):
    return " ".join(rng.choice(SENTENCES) for _ in range(sentences))


def block(text, indent):
    """A literal block scalar (`|`) holding `text`, wrapped at about 90 columns."""
    pad = " " * indent
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) > 90:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "|\n" + "\n".join(pad + item for item in lines)


def tender(index):
    rng = random.Random(20260601 + index)
    clean = rng.random() < 0.16
    # How many rule triggers a dirty tender carries: most carry a few, some many.
    bad = (lambda p: False) if clean else (lambda p: rng.random() < p)
    size = rng.choices(["small", "medium", "large"], weights=[65, 30, 5])[0]
    kind = rng.choice(KINDS)
    regime = rng.choices(
        ["procurement_act_2023", "pcr_2015", "provider_selection_regime"], weights=[85, 10, 5]
    )[0]
    if regime == "provider_selection_regime":
        kind = rng.choice(["nhs_trust", "icb"])
    procedures = PROCEDURES[regime]
    procedure = procedures[0] if clean else rng.choice(procedures)
    category = rng.choice(CATEGORIES)
    if clean:
        # Above threshold, below the house limits: a tender no rule has anything to say about.
        total = rng.choice([1_200_000, 2_400_000, 4_800_000])
        months, extension = rng.choice([24, 36]), rng.choice([0, 12])
    else:
        total = rng.choice([80_000, 150_000, 600_000, 1_200_000, 4_800_000, 12_000_000, 48_000_000])
        months = rng.choice([12, 24, 36, 48]) if not bad(0.08) else rng.choice([60, 96, 120])
        extension = rng.choice([0, 12, 24])
    notice = date(2026, 1, 5) + timedelta(days=rng.randrange(0, 300))
    period = rng.choice([30, 35, 42]) if not bad(0.2) else rng.choice([12, 20, 26])
    deadline = notice + timedelta(days=period)
    if not clean:
        while deadline.weekday() >= 5 and not bad(0.3):
            deadline += timedelta(days=1)
    else:
        while deadline.weekday() >= 5 or deadline in BANK_HOLIDAYS_2026:
            deadline += timedelta(days=1)
    lotted = size != "small" and (clean or not bad(0.3))

    out = ["tender:"]
    if rng.random() < 0.2:
        out.insert(0, f"# {rng.choice(SUBJECTS)}: draft {rng.randrange(1, 9)} for review")
    subject = rng.choice(SUBJECTS)
    out += [
        f"  id: BENCH-2026-{index:05d}",
        f"  title: {subject}",
        "  buyer:",
        f"    name: {rng.choice(BUYERS)}",
        f"    kind: {kind}",
        f"  regime: {regime}",
        f"  procedure: {procedure}",
        f"  category: {category}",
    ]
    if not bad(0.25):
        out += ["  suitability:", "    sme: true", f"    vcse: {str(rng.random() < 0.5).lower()}"]
    out += [
        "  value:",
        f"    total: {money(total)}",
        "    includes_vat: false",
        f"    vat: {rng.choice(['standard', 'standard', 'exempt'])}",
        "  contract:",
        f"    duration_months: {months}",
        f"    extension_months: {extension}",
    ]
    if months > 48 and procedure == "framework" and not bad(0.5):
        out.append('    term_reason: "Capital investment is recovered over the full term."')

    if lotted:
        count = rng.choice([2, 3, 4])
        shares = [rng.randrange(1, 10) for _ in range(count)]
        if clean:
            shares = [1] * count
        elif bad(0.15):
            shares[0] = sum(shares) * 4  # one dominant lot
        values = [total * share // sum(shares) // 1_000 * 1_000 for share in shares]
        if not bad(0.15):
            values[-1] = total - sum(values[:-1])  # lot values add up to the total
        out.append("  lots:")
        for number, value in enumerate(values, 1):
            out += [
                f"    - id: lot{number}",
                f"      title: {subject}, lot {number}",
                f"      value: {money(value)}",
            ]
            if not bad(0.2):
                out.append("      suitability: {sme: true, vcse: false}")
            if size == "large":
                out.append("      specification: " + block(paragraph(rng, 6), 8))
        out.append("  lots_policy:")
        if bad(0.3):
            out.append("    max_lots_per_supplier: 2")
        elif rng.random() < 0.3:
            out += [
                "    max_lots_per_supplier: 2",
                '    award_limit_mechanism: "Lots are awarded in descending value."',
            ]
        out.append(f"    bid_for_all_lots_required: {str(bad(0.15)).lower()}")
    elif clean or not bad(0.5):
        out.append('  no_lots_reason: "One integrated service; splitting it would duplicate governance."')

    held = not bad(0.3)
    out += ["  market_engagement:", f"    held: {str(held).lower()}"]
    if held:
        out.append(f"    format: {'in_person' if bad(0.3) else rng.choice(['online', 'hybrid'])}")
        if not bad(0.3):
            out.append(f"    notice_date: {notice - timedelta(days=rng.randrange(30, 90))}")
        out.append("    sme_event: true")

    out += [
        "  timeline:",
        f"    tender_notice: {notice}",
        "    documents_with_notice: true",
        f"    clarification_deadline: {deadline - timedelta(days=10)}",
        f"    submission_deadline: {deadline}",
    ]
    award = deadline + timedelta(days=rng.randrange(20, 60))
    if bad(0.08):
        award = deadline - timedelta(days=3)  # out of order
    out += [f"    award_decision: {award}", f"    contract_start: {award + timedelta(days=45)}"]

    annual = total * 12 // (months + extension)
    out.append("  conditions_of_participation:")
    if not clean:
        turnover = annual * (4 if bad(0.3) else 1) // 1_000 * 1_000
        out.append(f"    minimum_annual_turnover: {money(max(turnover, 1_000))}")
    out += [
        f"    years_trading: {rng.choice([3, 5]) if bad(0.25) else rng.choice([1, 2])}",
        f"    audited_accounts_required: {str(bad(0.2)).lower()}",
        f"    alternative_financial_evidence_accepted: {str(not bad(0.2)).lower()}",
        "    insurance:",
        f"      professional_indemnity: {money(10_000_000 if bad(0.25) else 1_000_000)}",
        f"      public_liability: {money(5_000_000 if bad(0.15) else 1_000_000)}",
        f"      employers_liability: {money(5_000_000)}",
        f"      evidence_required_at: {'bid' if bad(0.25) else 'award'}",
        "    certifications:",
    ]
    if bad(0.3):
        out.append("      - ISO 9001")
    out += [
        "      - name: Cyber Essentials Plus",
        f"        equivalents_accepted: {str(not bad(0.2)).lower()}",
        "    references:",
        f"      count: {5 if bad(0.2) else 2}",
    ]
    if not clean:
        out.append(f"      minimum_contract_value: {money(max(annual // 2 // 1_000 * 1_000, 1_000))}")
    out += [
        f"    consortia_allowed: {str(not bad(0.15)).lower()}",
        f"    subcontracting_allowed: {str(not bad(0.1)).lower()}",
        f"    parent_company_guarantee_required: {str(bad(0.15)).lower()}",
        f"    performance_bond_percent: {15 if bad(0.1) else 0}",
        f"    previous_contract_with_authority_required: {str(bad(0.1)).lower()}",
    ]
    if kind == "central_government" and not bad(0.5):
        out.append("    payment_performance_test: true")

    social = 5 if bad(0.3) else rng.choice([10, 15, 20])
    quality = 60 - social if not bad(0.1) else 50
    out += [
        "  award_criteria:",
        "    - {name: Price, kind: price, weight: 40}",
        f"    - {{name: Quality, kind: quality, weight: {quality}}}",
        f"    - {{name: Social value, kind: social_value, weight: {social}}}",
    ]
    outcomes = rng.sample(OUTCOMES[1:], 2) if not clean else OUTCOMES[:2]
    out += [
        "  social_value:",
        f"    model: {'ppn_06_20' if bad(0.2) else 'ppn_002'}",
        "    outcomes:",
    ] + [f"      - {outcome}" for outcome in outcomes]
    out += [
        "    commitments:",
        "      - description: Apprenticeship starts within the buyer's area",
        f"        quantity: {3 if bad(0.3) else 1}",
        "        unit: apprentices",
        f"        scaled_to_supplier_size: {str(not bad(0.3)).lower()}",
    ]

    if not bad(0.15):
        out += ["  payment:", f"    terms_days: {rng.choice([45, 60, 90]) if bad(0.35) else 30}"]
        out.append(f"    schedule: {'on_completion' if bad(0.2) else rng.choice(['milestones', 'monthly_in_arrears'])}")
        if not bad(0.2):
            out.append(f"    flow_down_to_subcontracts: {str(not bad(0.3)).lower()}")
        out.append(f"    retention_percent: {rng.choice([5, 10]) if bad(0.2) else 0}")

    out += [
        "  subcontracting:",
        f"    sme_plan_required: {str(not bad(0.3)).lower()}",
        f"    named_smes_required: {str(not bad(0.3)).lower()}",
        "    reporting: quarterly",
        "  submission:",
        "    electronic: true",
        f"    quality_questions: {rng.choice([14, 20]) if bad(0.2) else rng.choice([4, 6, 8])}",
        f"    word_limit_total: {rng.choice([12000, 20000]) if bad(0.2) else rng.choice([3000, 6000])}",
        "    portal: Atamis",
        "  feedback:",
        f"    assessment_summaries: {str(not bad(0.15)).lower()}",
        f"    verbal_debrief_offered: {str(not bad(0.3)).lower()}",
    ]

    sentences = {"small": 3, "medium": 15, "large": 150}[size]
    text = paragraph(rng, sentences)
    if not clean:
        triggers = rng.sample(SPEC_TRIGGERS, rng.randrange(0, 4))
        text = " ".join([text] + triggers)
    elif rng.random() < 0.5:
        text += " " + SPEC_EQUIVALENT
    out.append("  specification: " + block(text, 4))

    if not clean and rng.random() < 0.2:
        out += [
            "  justifications:",
            '    PAY001: "Agreed with the supplier market at engagement."',
        ]
        if rng.random() < 0.3:
            out.append('    QUAL006: "tbc"')
    if not clean and rng.random() < 0.1:
        # An inline suppression that suppresses nothing (SUP001).
        out.insert(2, "  # tenderlint: ignore[SPEC001]")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: bench-corpus.py N DIR")
    count, directory = int(sys.argv[1]), Path(sys.argv[2])
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.tender.yaml"):
        stale.unlink()
    total = 0
    for index in range(count):
        text = tender(index).encode()
        total += len(text)
        (directory / f"bench-{index:05d}.tender.yaml").write_bytes(text)
    print(f"{count} tenders, {total / 1e6:.1f} MB in {directory}")


if __name__ == "__main__":
    main()
