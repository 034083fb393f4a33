"""Benchmark: load + check, import, and check_many, each against a baseline in one run.

    pip install -e ".[bench]" && python benchmarks/bench_check.py [--quick]

1. load + check: JSON text to a checked verdict for each proposal to
   ``seinajoki-2022-12``. The baseline is bench_io's pydantic v2 model with the
   same 14 checks written as a pydantic validator (the call and the moment
   passed in the validation context, the parameters as constants: less work
   than ours, which reads dated parameters). Each side returns, per rule, its
   code, whether it passed and the values its message names. Ratio = pydantic
   time / ours (aim: 0.8, goal 1.0).
2. ``import ekosysteemi`` against ``import cattrs``: fresh interpreters,
   interleaved, median of 15 (aim: at most 1.3x).
3. ``eko.check_many`` over 20 000 proposals from a seeded generator, kept in a
   list, against ``[eko.check(p, call) for p in ps]`` with default garbage
   collection (aim: at least 1.3x).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from bench_io import PProposal, documents
from dateutil.relativedelta import relativedelta
from pydantic import ValidationInfo, model_validator

import ekosysteemi as eko
from ekosysteemi import fi

# ----------------------------------------------------------------- the baseline

FIRST, LAST = date(2021, 1, 1), date(2029, 12, 31)
FLAT_40 = {"staff", "flat_rate"}
CEILING = Decimal(300_000)


class PChecked(PProposal):
    """The proposal with the standard rules as a validator; findings land in
    ``info.context["findings"]`` as (code, passed, params)."""

    @model_validator(mode="after")
    def _rules(self, info: ValidationInfo) -> PChecked:
        context: dict[str, Any] = info.context
        call: eko.Call = context["call"]
        at: datetime = context["at"]
        found: list[tuple[str, bool, dict[str, Any]]] = []
        moment = fi.to_helsinki(self.submitted_at) if self.submitted_at else at
        deadline = call.effective_deadline.instant
        found.append(("call.id", self.call_id == call.id, {"actual": self.call_id}))
        found.append(("call.open", moment <= deadline, {"moment": moment, "deadline": deadline}))
        found.append(
            ("call.focus_area", set(self.focus_areas) <= set(call.focus_areas),
             {"areas": self.focus_areas})
        )  # fmt: skip
        types = call.project_types
        found.append(
            ("call.project_type", types is None or self.project_type in types,
             {"actual": self.project_type})
        )  # fmt: skip
        kinds = call.eligible_applicants
        parties = [self.applicant, *self.co_implementers]
        found.append(
            ("applicant.kind", kinds is None or all(o.kind in kinds for o in parties),
             {"kinds": [o.kind for o in parties]})
        )  # fmt: skip
        found.append(
            ("period.costs_eligible", FIRST <= self.period.start and self.period.end <= LAST,
             {"start": self.period.start, "end": self.period.end})
        )  # fmt: skip
        span = relativedelta(self.period.end + timedelta(days=1), self.period.start)
        months = span.years * 12 + span.months
        limit = call.max_duration_months
        found.append(("period.duration", limit is None or months <= limit, {"months": months}))
        categories = {line.category.value for line in self.costs}
        models = call.cost_models
        found.append(
            ("costs.cost_model",
             (models is None or self.cost_model in models) and categories <= FLAT_40,
             {"model": self.cost_model})
        )  # fmt: skip
        staff = sum((c.amount for c in self.costs if c.category.value == "staff"), Decimal(0))
        flat = sum((c.amount for c in self.costs if c.category.value == "flat_rate"), Decimal(0))
        limit_flat = (staff * Decimal("0.40")).quantize(Decimal("0.01"), rounding=ROUND_FLOOR)
        found.append(("costs.flat_rate", flat <= limit_flat, {"flat": flat, "limit": limit_flat}))
        total = sum((c.amount for c in self.costs), Decimal(0))
        financed = sum((f.amount for f in self.financing), Decimal(0))
        found.append(
            ("financing.balanced", financed == total - self.revenues,
             {"financed": financed, "total": total})
        )  # fmt: skip
        eu = sum((f.amount for f in self.financing if f.source.value == "eu_and_state"), Decimal(0))
        share = call.max_aid_intensity or Decimal("0.8")
        found.append(
            ("financing.aid_intensity", eu <= total * share, {"eu": eu, "limit": total * share})
        )  # fmt: skip
        found.append(
            ("financing.available_funds", eu <= call.available_funding,
             {"eu": eu, "funds": call.available_funding})
        )  # fmt: skip
        if self.state_aid.value == "de_minimis":
            since = moment.date() - relativedelta(years=3)
            earlier = sum((g.amount for g in self.de_minimis if g.granted_on > since), Decimal(0))
            found.append(
                ("state_aid.de_minimis", earlier + eu <= CEILING, {"earlier": earlier})
            )  # fmt: skip
        else:
            found.append(("state_aid.de_minimis", True, {}))
        found.append(("call.closing_time", moment <= deadline, {"moment": moment}))
        context["findings"] = found
        return self


def baseline(texts: list[str], call: eko.Call, at: datetime) -> list[bool]:
    verdicts = []
    for text in texts:
        context: dict[str, Any] = {"call": call, "at": at}
        PChecked.model_validate_json(text, context=context)
        verdicts.append(all(passed for code, passed, _ in context["findings"] if code !=
                            "call.closing_time"))  # fmt: skip
    return verdicts


def ours(texts: list[str], call: eko.Call, at: datetime) -> list[bool]:
    return [eko.check(eko.loads(eko.Proposal, t), call, at=at).eligible for t in texts]


# ----------------------------------------------------------------- measuring


def best(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def compile_bytecode() -> None:
    """pip compiles an installed package's bytecode; an editable checkout run with
    PYTHONDONTWRITEBYTECODE has none and would compile its source on every import.
    Compile it first, so that both imports are measured as installed."""
    import compileall
    from pathlib import Path

    compileall.compile_dir(Path(eko.__file__).parent, quiet=1)


def import_time(module: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    count, repeat = (100, 3) if quick else (1000, 7)
    call = eko.call("seinajoki-2022-12")
    at = datetime(2022, 12, 1, 12, tzinfo=fi.HELSINKI)
    texts = documents(count)
    mine, theirs = ours(texts, call, at), baseline(texts, call, at)
    assert mine == theirs, "the baseline must reach the same verdicts"

    rows = []
    mine_t = theirs_t = float("inf")
    for _ in range(repeat):  # interleaved, so both see the same machine
        mine_t = min(mine_t, best(lambda: ours(texts, call, at), 1))
        theirs_t = min(theirs_t, best(lambda: baseline(texts, call, at), 1))
    rows.append(("load + check", theirs_t / count, mine_t / count, theirs_t / mine_t, "≥ 0.8"))

    n = 5 if quick else 15
    compile_bytecode()
    ekosysteemi_t, cattrs_t = [], []
    for _ in range(n):
        ekosysteemi_t.append(import_time("ekosysteemi"))
        cattrs_t.append(import_time("cattrs"))
    ratio = statistics.median(ekosysteemi_t) / statistics.median(cattrs_t)
    rows.append(
        ("import (x cattrs)", statistics.median(cattrs_t), statistics.median(ekosysteemi_t),
         ratio, "≤ 1.3")
    )  # fmt: skip

    proposals = [eko.loads(eko.Proposal, t) for t in documents(2_000 if quick else 20_000)]
    plain_t = many_t = float("inf")
    for _ in range(2 if quick else 3):
        plain_t = min(plain_t, best(lambda: [eko.check(p, call) for p in proposals], 1))
        many_t = min(many_t, best(lambda: list(eko.check_many(proposals, call)), 1))
    rows.append(
        ("check_many (x loop)", plain_t / len(proposals), many_t / len(proposals),
         plain_t / many_t, "≥ 1.3")
    )  # fmt: skip

    print(f"{'measure':<22}{'baseline':>12}{'ours':>12}{'ratio':>8}  aim")
    for name, base, own, ratio, aim in rows:
        unit, scale = ("ms", 1e3) if name.startswith("import") else ("µs", 1e6)
        print(
            f"{name:<22}{base * scale:>9.1f} {unit}{own * scale:>9.1f} {unit}{ratio:>8.2f}  {aim}"
        )
    print(
        "\nload + check, check_many: baseline time / ours (above 1: ours is faster); "
        "import: our time / cattrs' (below 1.3 is the aim)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
