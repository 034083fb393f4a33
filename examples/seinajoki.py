"""The main job on the bundled Seinäjoki data: the 2.12.2022 call and a proposal to it.

Run with ``python examples/seinajoki.py [PROPOSAL.json ...]``; without arguments
it reads every proposal under ``examples/proposals/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import ekosysteemi as eko
from ekosysteemi import fi

HERE = Path(__file__).parent


def summary(proposal: eko.Proposal) -> str:
    call = eko.call(proposal.call_id)
    eu = proposal.funding(eko.FundingSource.EU_AND_STATE)
    lines = [
        f"{proposal.id}: {proposal.title}",
        f"  haku:        {call.title.fi} ({call.id})",
        f"  hakija:      {proposal.applicant.name} ({proposal.applicant.business_id})",
        f"  toteutusaika: {fi.format_period(proposal.period)} ({proposal.period.months} kk)",
        f"  kustannukset: {fi.format_euros(proposal.total_costs)}",
        f"  EU- ja valtion rahoitus: {fi.format_euros(eu)}",
    ]
    if proposal.submitted_at is not None:
        lines.append(f"  jätetty:     {fi.format_datetime(proposal.submitted_at)}")
        lines.append(f"  {call.window_text(at=proposal.submitted_at)}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv] or sorted((HERE / "proposals").glob("*.json"))
    for path in paths:
        print(summary(eko.load(eko.Proposal, path)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
