"""The main job on the bundled Seinäjoki data: check proposals to the 2.12.2022 call.

    python examples/seinajoki.py [--lang fi|sv|en] [PROPOSAL.json ...]

Without files it checks every proposal under ``examples/proposals/``: one
eligible, and near misses that fail one rule each. It prints a short summary
of each proposal in Finnish conventions and the decision text of its check,
and exits with 0 when every file could be read and checked.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import ekosysteemi as eko
from ekosysteemi import fi

HERE = Path(__file__).parent


def summary(proposal: eko.Proposal) -> str:
    eu = proposal.funding(eko.FundingSource.EU_AND_STATE)
    lines = [
        f"{proposal.id}: {proposal.title}",
        f"  hakija:        {proposal.applicant.name} ({proposal.applicant.business_id})",
        f"  toteutusaika:  {fi.format_period(proposal.period)} ({proposal.period.months} kk)",
        f"  kustannukset:  {fi.format_euros(proposal.total_costs)}",
        f"  EU- ja valtion rahoitus: {fi.format_euros(eu)}",
    ]
    if proposal.submitted_at is not None:
        lines.append(f"  jätetty:       {fi.format_datetime(proposal.submitted_at)}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--lang", choices=["fi", "sv", "en"], default="fi")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.files or sorted((HERE / "proposals").glob("*.json"))
    call = eko.call("seinajoki-2022-12")
    print(f"{call.title.get(args.lang)} ({call.id})")
    print(call.window_text(args.lang, at=call.deadline.instant))
    status = 0
    for path in paths:
        print()
        try:
            proposal = eko.load(eko.Proposal, path)
        except eko.EkosysteemiError as error:
            print(f"{path}: {error}", file=sys.stderr)
            status = 1
            continue
        print(summary(proposal))
        print()
        print(eko.check(proposal).explain(args.lang))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
