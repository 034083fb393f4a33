"""Another city's own rule, checked together with the standard ones.

    python examples/kuopio_own_rule.py

The call (examples/calls/kuopio-esimerkki-2025-03.toml) is an illustration,
not a real Kuopio call. The rule ``kuopio.local_implementer`` asks that at
least one implementer be based in Kuopio (municipality 297); its messages
come with the rule, in Finnish, Swedish and English.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import ekosysteemi as eko
from ekosysteemi import rules

HERE = Path(__file__).parent
KUOPIO = "297"


@rules.rule(
    "kuopio.local_implementer",
    title={
        "fi": "vähintään yksi toteuttaja Kuopiosta",
        "sv": "minst en genomförare från Kuopio",
        "en": "at least one implementer from Kuopio",
    },
)
def local_implementer(ctx: rules.Context) -> rules.Outcome:
    """At least one implementer's home municipality is Kuopio."""
    homes = [org.municipality_code for org in ctx.proposal.organisations]
    return rules.Outcome(
        passed=KUOPIO in homes,
        path="$.applicant.municipality_code",
        expected=KUOPIO,
        actual=homes,
        message={
            "fi": "toteuttajien kotikunnat: {actual:list}; Kuopion kuntanumero on {expected}",
            "sv": "genomförarnas hemkommuner: {actual:list}; Kuopios kommunkod är {expected}",
            "en": "the implementers' home municipalities: {actual:list}; Kuopio is {expected}",
        },
        hint={
            "fi": "ota mukaan kuopiolainen toteuttaja",
            "sv": "ta med en genomförare från Kuopio",
            "en": "include an implementer based in Kuopio",
        },
    )


RULES = (*rules.STANDARD_RULES, local_implementer)


def proposal(home: str) -> eko.Proposal:
    return eko.Proposal(
        id="KUO-2025-003",
        title="Etäkuntoutuksen testiympäristö",
        call_id="kuopio-esimerkki-2025-03",
        applicant=eko.Organisation(
            name="Esimerkin kehitysyhtiö Oy (keksitty esimerkki)",
            business_id="7654321-2",  # an invented organisation
            kind="development_company",
            municipality_code=home,
        ),
        focus_areas=("terveys-ja-hyvinvointiteknologia",),
        project_type="development",
        period=eko.Period(start=date(2025, 5, 1), end=date(2027, 4, 30)),
        submitted_at=datetime(2025, 3, 10, 11, 30),
        cost_model="flat_rate_40",
        costs=(
            eko.CostLine(category="staff", amount=Decimal("150000")),
            eko.CostLine(category="flat_rate", amount=Decimal("60000")),
        ),
        financing=(
            eko.FinancingLine(source="eu_and_state", amount=Decimal("168000")),
            eko.FinancingLine(source="municipal", amount=Decimal("42000")),
        ),
    )


def main() -> int:
    call = eko.load(eko.Call, HERE / "calls" / "kuopio-esimerkki-2025-03.toml")
    for home in (KUOPIO, "091"):
        report = eko.check(proposal(home), call, rules=RULES)
        print(report.explain("fi"))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
