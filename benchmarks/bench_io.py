"""Benchmark: loading and dumping proposals, against an equivalent pydantic v2 model.

    pip install -e ".[bench]" && python benchmarks/bench_io.py [--quick]

The pydantic model below (kept here, in benchmarks/ only) reads the same wire
format with the same validation: strict types, exact decimals with at most
two decimals and no floats, business IDs checked by python-stdnum, dates ISO
or Finnish, aware datetimes, enums, a period that does not end before it
starts, unknown keys refused. Both sides load the same JSON texts and dump
the objects they loaded, interleaved in one process; the report gives the
ratio pydantic / ours (above 1: ours is faster).
"""

from __future__ import annotations

import json
import random
import sys
import timeit
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    model_validator,
)

import ekosysteemi as eko
from ekosysteemi import fi

# ----------------------------------------------------------------- the baseline


def _amount(value: Any) -> Decimal:
    if isinstance(value, bool | float):
        raise ValueError("expected an exact amount")
    amount = Decimal(value) if isinstance(value, int | str) else value
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise ValueError("expected an amount")
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(Decimal("0.01")):  # type: ignore[operator]
        raise ValueError("at most two decimals")
    if amount < 0 or amount > 10**12:
        raise ValueError("out of range")
    return amount


Amount = Annotated[Decimal, BeforeValidator(_amount), PlainSerializer(lambda d: f"{d:.2f}")]
Text = Annotated[str, Field(strict=True, min_length=1, max_length=10_000)]
Slug = Annotated[str, Field(strict=True, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


def _business_id(value: str) -> str:
    from stdnum.fi import ytunnus

    return str(ytunnus.format(ytunnus.validate(value)))


def _date(value: Any) -> date:
    if isinstance(value, str):
        return fi.parse_date(value)
    raise ValueError("expected a date")


def _datetime(value: Any) -> datetime:
    if isinstance(value, str):
        return fi.parse_datetime(value)
    raise ValueError("expected a datetime")


Day = Annotated[date, BeforeValidator(_date)]
Moment = Annotated[datetime, BeforeValidator(_datetime)]
BusinessId = Annotated[str, Field(strict=True), AfterValidator(_business_id)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class POrganisation(Strict):
    name: Text
    business_id: BusinessId
    kind: eko.OrganisationKind
    municipality_code: Annotated[str, Field(strict=True, pattern=r"^[0-9]{3}$")] | None = None


class PPeriod(Strict):
    start: Day
    end: Day

    @model_validator(mode="after")
    def _order(self) -> PPeriod:
        if self.end < self.start:
            raise ValueError("end before start")
        return self


class PCost(Strict):
    category: eko.CostCategory
    amount: Amount
    description: Annotated[str, Field(strict=True, max_length=10_000)] = ""


class PFinancing(Strict):
    source: eko.FundingSource
    amount: Amount


class PAid(Strict):
    granted_on: Day
    amount: Amount
    granter: Text


class PProposal(Strict):
    format: Annotated[int, Field(strict=True, ge=1, le=1)] = 1
    id: Text
    title: Text
    call_id: Text
    applicant: POrganisation
    focus_areas: Annotated[list[Slug], Field(min_length=1)]
    project_type: eko.ProjectType
    period: PPeriod
    cost_model: eko.CostModel
    costs: Annotated[list[PCost], Field(min_length=1)]
    financing: Annotated[list[PFinancing], Field(min_length=1)]
    co_implementers: list[POrganisation] = []
    submitted_at: Moment | None = None
    revenues: Amount = Decimal("0.00")
    state_aid: eko.StateAidBasis = eko.StateAidBasis.NONE
    de_minimis: list[PAid] = []
    description: Annotated[str, Field(strict=True, max_length=10_000)] = ""


# ----------------------------------------------------------------- the workload


def documents(count: int, seed: int = 2022) -> list[str]:
    """Realistic proposals to the 2.12.2022 call, as JSON texts."""
    rng = random.Random(seed)
    ids = ["0187690-1", "0201256-6", "0245895-5", "2539767-3", "1572860-0"]
    kinds = ["municipality", "university_of_applied_sciences", "development_company", "company"]
    texts = []
    for n in range(count):
        staff = Decimal(rng.randrange(20_000_00, 400_000_00)) / 100
        flat = (staff * Decimal("0.4")).quantize(Decimal("0.01"))
        total = staff + flat
        eu = (total * Decimal("0.8")).quantize(Decimal("0.01"))
        partners = rng.sample(ids[1:], rng.randrange(0, 3))
        texts.append(
            json.dumps(
                {
                    "format": 1,
                    "id": f"SJK-2022-{n:03d}",
                    "title": rng.choice(
                        ["Ruokavienti kasvuun", "Älykäs teollisuus", "Kasvua ruoasta"]
                    ),
                    "call_id": "seinajoki-2022-12",
                    "applicant": {
                        "name": "Esimerkki Oy",
                        "business_id": ids[0],
                        "kind": rng.choice(kinds),
                        "municipality_code": "743",
                    },
                    "co_implementers": [
                        {"name": f"Kumppani {i}", "business_id": bid, "kind": rng.choice(kinds)}
                        for i, bid in enumerate(partners)
                    ],
                    "focus_areas": ["ruokaekosysteemin-kestava-uudistuminen"],
                    "project_type": "development",
                    "period": {
                        "start": "2023-01-01",
                        "end": rng.choice(["2024-12-31", "31.12.2025"]),
                    },
                    "submitted_at": "2022-12-01T14:00:00+02:00",
                    "cost_model": "flat_rate_40",
                    "costs": [
                        {"category": "staff", "amount": str(staff)},
                        {"category": "flat_rate", "amount": str(flat)},
                    ],
                    "revenues": "0.00",
                    "financing": [
                        {"source": "eu_and_state", "amount": str(eu)},
                        {"source": "municipal", "amount": str(total - eu)},
                    ],
                    "state_aid": "none",
                    "de_minimis": [],
                    "description": "",
                },
                ensure_ascii=False,
            )
        )
    return texts


def timed(fn: Callable[[], object], repeat: int) -> float:
    return min(timeit.repeat(fn, number=1, repeat=repeat))


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    count, repeat = (50, 3) if quick else (500, 7)
    texts = documents(count)
    ours = [eko.loads(eko.Proposal, t) for t in texts]
    theirs = [PProposal.model_validate_json(t) for t in texts]
    assert len(ours) == len(theirs) == count
    # Both sides refuse the same broken document, and ours reports every problem.
    broken = json.loads(texts[0])
    broken["applicant"]["business_id"] = "0187690-2"
    broken["period"] = {"start": "2025-01-01", "end": "2024-01-01"}
    broken["costs"][0]["amount"] = 1.5
    try:
        eko.from_dict(eko.Proposal, broken)
    except eko.ValidationError as error:
        assert 3 == len(error.errors), error
    try:
        PProposal.model_validate(broken)
    except ValidationError as error:
        assert error.error_count() >= 1

    results = {}
    for name, mine, baseline in [
        (
            "load",
            lambda: [eko.loads(eko.Proposal, t) for t in texts],
            lambda: [PProposal.model_validate_json(t) for t in texts],
        ),
        (
            "dump",
            lambda: [eko.dumps(p, indent=None) for p in ours],
            lambda: [p.model_dump_json() for p in theirs],
        ),
    ]:
        mine_t = baseline_t = float("inf")
        for _ in range(repeat):  # interleaved, so both see the same machine
            mine_t = min(mine_t, timed(mine, 1))
            baseline_t = min(baseline_t, timed(baseline, 1))
        results[name] = baseline_t / mine_t
        print(
            f"{name}: ours {mine_t / count * 1e6:8.1f} µs/proposal   pydantic "
            f"{baseline_t / count * 1e6:8.1f} µs/proposal   ratio {results[name]:.2f}x"
        )
    print(f"\n{count} proposals; ratio = pydantic time / our time (aim: at least 1 on both)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
