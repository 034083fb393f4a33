"""Benchmark: selecting among 1 000 proposals with three assessors each, against
checking those proposals alone (the eligibility checks selection needs).

    python benchmarks/bench_select.py [--quick]

Both run in one process, interleaved. Aim: selection at most 1.5x the time of
the checks alone.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, datetime
from pathlib import Path

from bench_io import documents

import ekosysteemi as eko
from ekosysteemi import fi

EXAMPLE = Path(__file__).parents[1] / "examples" / "selection" / "catalogue.toml"


def assessments(call: eko.Call, ids: list[str], seed: int = 2023) -> list[eko.Assessment]:
    rng = random.Random(seed)
    found = []
    for proposal_id in ids:
        for assessor in ("Arvioija A", "Arvioija B", "Arvioija C"):
            found.append(
                eko.Assessment(
                    proposal_id=proposal_id,
                    assessor=assessor,
                    scores=tuple(
                        eko.Score(
                            criterion_id=c.id,
                            value=rng.randint(0, c.max_score),
                            justification="perusteltu",
                        )
                        for c in call.criteria
                    ),
                    assessed_on=date(2023, 1, 16),
                )
            )
    return found


def best(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    count, repeat = (200, 3) if quick else (1000, 5)
    catalogue = eko.Catalogue.load(EXAMPLE)
    call = catalogue.call("seinajoki-2022-12")
    proposals = [eko.loads(eko.Proposal, text) for text in documents(count)]
    scored = assessments(call, [p.id for p in proposals])
    at = datetime(2022, 12, 1, 12, tzinfo=fi.HELSINKI)

    def checks() -> object:
        return list(eko.check_many(proposals, call, at=at, catalogue=catalogue))

    def selection() -> object:
        return eko.select(call, proposals, scored, at=at, catalogue=catalogue)

    chosen = selection()
    assert isinstance(chosen, eko.Selection)
    assert len(chosen.rows) == count
    check_t = select_t = float("inf")
    for _ in range(repeat):  # interleaved, so both see the same machine
        check_t = min(check_t, best(checks, 1))
        select_t = min(select_t, best(selection, 1))
    print(f"{count} proposals, 3 assessors each, {len(call.criteria)} criteria")
    print(f"check_many alone  {check_t * 1e3:8.1f} ms")
    print(f"select            {select_t * 1e3:8.1f} ms   ({select_t / check_t:.2f}x; aim ≤ 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
