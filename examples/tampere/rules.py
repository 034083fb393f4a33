"""Tampere's own rule, checked with the standard ones (an example, not a real rule).

    python examples/tampere/rules.py

The implementers must fund at least ``tampere.min_own_share`` (a dated
parameter in ``parameters.toml``) of the costs themselves. Its texts come
with the rule, in Finnish, Swedish and English.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import ekosysteemi as eko
from ekosysteemi import rules

HERE = Path(__file__).parent


@rules.rule(
    "tampere.own_share",
    title={
        "fi": "riittävä omarahoitus",
        "sv": "tillräcklig egenfinansiering",
        "en": "enough own funding",
    },
)
def own_share(ctx: rules.Context) -> rules.Outcome:
    """The implementers' own funding is at least the city's minimum share of the costs."""
    least: Decimal = ctx.param("tampere.min_own_share")
    own = ctx.proposal.funding("own")
    needed = ctx.totals.net * least
    return rules.Outcome(
        passed=own >= needed,
        path="$.financing",
        expected=needed,
        actual=own,
        params={"share": least},
        message={
            "fi": "omarahoitus {actual:euros}; vähintään {share:percent} on {expected:euros}",
            "sv": "egenfinansiering {actual:euros}; minst {share:percent} är {expected:euros}",
            "en": "own funding {actual:euros}; at least {share:percent} is {expected:euros}",
        },
        hint={
            "fi": "nosta omarahoitus vähintään summaan {expected:euros}",
            "sv": "höj egenfinansieringen till minst {expected:euros}",
            "en": "raise own funding to at least {expected:euros}",
        },
    )


RULES = (*rules.STANDARD_RULES, own_share)


def main() -> int:
    catalogue = eko.Catalogue.load(HERE)
    for path in sorted((HERE / "proposals").glob("*.json")):
        report = eko.check(eko.load(eko.Proposal, path), catalogue=catalogue, rules=RULES)
        print(report.explain("fi"))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
