"""Hypothesis strategies for ekosysteemi's objects, for your own test suites.

Needs the ``testing`` extra (``pip install ekosysteemi[testing]``).
Every strategy makes only valid objects, respecting every cross-field
invariant (a period never ends before it starts, a deadline's time exists
in Helsinki). Importing this module, or Hypothesis loading it through its
entry point (``ekosysteemi._hypothesis_plugin``), registers the strategies,
so ``st.from_type(eko.Proposal)`` works.

>>> from hypothesis import given
>>> import ekosysteemi as eko
>>> from ekosysteemi import testing
>>> @given(testing.proposals())
... def test_round_trip(proposal):
...     assert eko.loads(eko.Proposal, eko.dumps(proposal)) == proposal
>>> test_round_trip()
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from collections.abc import Sequence
from decimal import ROUND_CEILING, Decimal
from typing import Any, Final, TypeVar

import attrs
from hypothesis import strategies as st

from ekosysteemi._catalogue import Catalogue
from ekosysteemi._io import to_dict
from ekosysteemi._model import (
    Agreement,
    AidGrant,
    Assessment,
    Call,
    CostCategory,
    CostLine,
    CostModel,
    Criterion,
    CriterionKind,
    Deadline,
    FinancingLine,
    FundingSource,
    LocalizedText,
    Organisation,
    OrganisationKind,
    PartnerCity,
    Period,
    ProjectType,
    Proposal,
    Score,
    StateAidBasis,
    Theme,
    ThemeKind,
)
from ekosysteemi._model._criteria import DEFAULT_MAX_SCORES
from ekosysteemi._rules._messages import floor_cents
from ekosysteemi._rules._parameters import Parameters
from ekosysteemi._rules._standard import (
    FLAT_RATE_MODELS,
    NEVER,
    STANDARD_RULES,
    aid_share,
    allowed_categories,
    allowed_models,
    flat_rate_base,
)
from ekosysteemi.fi._calendar import add_months, calendar_range
from ekosysteemi.fi._dates import HELSINKI, to_helsinki
from ekosysteemi.fi._money import CENT, MAX_AMOUNT

__all__ = [
    "BROKEN_KINDS",
    "INVALID_KINDS",
    "MODEL_CLASSES",
    "agreements",
    "aid_grants",
    "amounts",
    "assessments",
    "aware_datetimes",
    "broken_documents",
    "breakable",
    "business_ids",
    "calls",
    "catalogues",
    "cities",
    "cost_lines",
    "criteria",
    "dates",
    "deadlines",
    "documents",
    "failable",
    "financing_lines",
    "invalid_documents",
    "invalidable",
    "localized_texts",
    "municipality_codes",
    "near_misses",
    "organisations",
    "periods",
    "proposals",
    "register",
    "scored_calls",
    "slugs",
    "texts",
    "themes",
]

T = TypeVar("T")

_FIRST_DAY: Final = dt.date(1900, 1, 1)
_LAST_DAY: Final = dt.date(2100, 12, 31)
_CHARACTERS: Final = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-empty text that is not only white space."""
    return st.text(_CHARACTERS, min_size=1, max_size=max_size).filter(lambda s: bool(s.strip()))


def slugs() -> st.SearchStrategy[str]:
    """Ids of lower-case ASCII words joined with ``-``."""
    return st.from_regex(r"[a-z0-9]{1,12}(?:-[a-z0-9]{1,12}){0,3}", fullmatch=True)


def amounts(
    min_value: Decimal | int = 0, max_value: Decimal | int = MAX_AMOUNT
) -> st.SearchStrategy[Decimal]:
    """Exact amounts of euros with at most two decimals."""
    return st.decimals(
        min_value=min_value, max_value=max_value, places=2, allow_nan=False, allow_infinity=False
    )


def dates(
    min_value: dt.date = _FIRST_DAY, max_value: dt.date = _LAST_DAY
) -> st.SearchStrategy[dt.date]:
    """Dates, by default from 1.1.1900 to 31.12.2100."""
    return st.dates(min_value=min_value, max_value=max_value)


def aware_datetimes(
    min_value: dt.datetime = dt.datetime(1970, 1, 1),
    max_value: dt.datetime = dt.datetime(2100, 12, 31),
) -> st.SearchStrategy[dt.datetime]:
    """Aware datetimes in Helsinki time, whole seconds, none in the spring gap."""
    return st.datetimes(
        min_value=min_value,
        max_value=max_value,
        timezones=st.just(HELSINKI),
        allow_imaginary=False,
    ).map(lambda moment: moment.replace(microsecond=0))


def municipality_codes() -> st.SearchStrategy[str]:
    """Codes of Statistics Finland's municipality classification (``"091"``), the codes
    the model accepts."""
    from ekosysteemi._municipalities import municipalities

    return st.sampled_from(tuple(municipalities()))


def _with_check_digit(base: str) -> str | None:
    from stdnum.fi import ytunnus

    for digit in "0123456789":
        if ytunnus.is_valid(base + digit):
            return f"{base}-{digit}"
    return None  # r == 1: such numbers are never issued


def business_ids() -> st.SearchStrategy[str]:
    """Valid business IDs in the normalised form ``NNNNNNN-T`` (check digits by stdnum)."""
    return (
        st.integers(0, 9_999_999)
        .map(lambda n: _with_check_digit(f"{n:07d}"))
        .filter(lambda value: value is not None)
        .map(str)
    )


def localized_texts() -> st.SearchStrategy[LocalizedText]:
    return st.builds(LocalizedText, fi=texts(), sv=st.none() | texts(), en=st.none() | texts())


def periods(
    min_value: dt.date = _FIRST_DAY, max_value: dt.date = _LAST_DAY
) -> st.SearchStrategy[Period]:
    """Periods whose end is never before their start."""
    return st.lists(dates(min_value, max_value), min_size=2, max_size=2).map(
        lambda ends: Period(start=min(ends), end=max(ends))
    )


def _exists(day: dt.date, at: dt.time) -> bool:
    try:
        to_helsinki(dt.datetime.combine(day, at))
    except ValueError:
        return False
    return True


def deadlines(
    min_value: dt.date = _FIRST_DAY, max_value: dt.date = _LAST_DAY
) -> st.SearchStrategy[Deadline]:
    """Deadlines of both forms: a date alone, and a date with an existing time of day."""
    times = st.times().map(lambda at: at.replace(microsecond=0))
    days = dates(min_value, max_value)
    with_time = st.tuples(days, times).filter(lambda pair: _exists(*pair))
    return st.one_of(
        days.map(lambda day: Deadline(date=day)),
        with_time.map(lambda pair: Deadline(date=pair[0], time=pair[1])),
    )


def organisations() -> st.SearchStrategy[Organisation]:
    return st.builds(
        Organisation,
        name=texts(),
        business_id=business_ids(),
        kind=st.sampled_from(OrganisationKind),
        municipality_code=st.none() | municipality_codes(),
    )


def cost_lines(max_amount: Decimal | int = MAX_AMOUNT) -> st.SearchStrategy[CostLine]:
    return st.builds(
        CostLine,
        category=st.sampled_from(CostCategory),
        amount=amounts(max_value=max_amount),
        description=st.just("") | texts(),
    )


def financing_lines(max_amount: Decimal | int = MAX_AMOUNT) -> st.SearchStrategy[FinancingLine]:
    return st.builds(
        FinancingLine, source=st.sampled_from(FundingSource), amount=amounts(max_value=max_amount)
    )


def aid_grants() -> st.SearchStrategy[AidGrant]:
    return st.builds(AidGrant, granted_on=dates(), amount=amounts(max_value=10**6), granter=texts())


@st.composite
def themes(draw: st.DrawFn, kind: ThemeKind | None = None, parent: str | None = None) -> Theme:
    """Themes (of ``kind`` and under ``parent`` when given); never their own parent."""
    ident = draw(slugs().filter(lambda value: value != parent))
    return Theme(
        id=ident,
        name=draw(localized_texts()),
        kind=kind if kind is not None else draw(st.sampled_from(ThemeKind)),
        parent=parent
        if parent is not None or kind is not None
        else draw(st.none() | slugs().filter(lambda value: value != ident)),
    )


def cities() -> st.SearchStrategy[PartnerCity]:
    return st.builds(
        PartnerCity, name=localized_texts(), municipality_code=municipality_codes(), region=texts()
    )


@st.composite
def agreements(draw: st.DrawFn) -> Agreement:
    theme = draw(st.none() | themes(kind=ThemeKind.AGREEMENT))
    areas = draw(
        st.lists(
            themes(kind=ThemeKind.FOCUS_AREA, parent=None if theme is None else theme.id),
            max_size=4,
            unique=True,
        )
    )
    return Agreement(
        id=draw(slugs()),
        cities=tuple(draw(st.lists(municipality_codes(), min_size=1, max_size=3, unique=True))),
        period=draw(periods()),
        theme=theme,
        focus_areas=tuple(areas),
    )


def _optional_set(values: Any) -> st.SearchStrategy[frozenset[Any] | None]:
    return st.none() | st.frozensets(st.sampled_from(values), min_size=1)


@st.composite
def criteria(draw: st.DrawFn, kind: CriterionKind | None = None) -> Criterion:
    """Criteria on the programme's scales or their own, with weights and minimums."""
    chosen = kind if kind is not None else draw(st.sampled_from(CriterionKind))
    top = draw(st.none() | st.integers(1, 10))
    scale = DEFAULT_MAX_SCORES[chosen] if top is None else top
    return Criterion(
        id=draw(slugs()),
        name=draw(localized_texts()),
        kind=chosen,
        max_score=scale,
        weight=draw(st.decimals(0, 10, places=2, allow_nan=False, allow_infinity=False)),
        min_score=draw(st.none() | st.integers(0, scale)),
    )


def _call_criteria() -> st.SearchStrategy[tuple[Criterion, ...]]:
    return (
        st.lists(criteria(), max_size=3, unique_by=lambda c: c.id)
        .filter(lambda found: not found or sum(c.weight for c in found) > 0)
        .map(tuple)
    )


@st.composite
def calls(
    draw: st.DrawFn,
    min_deadline: dt.date = _FIRST_DAY,
    max_deadline: dt.date = _LAST_DAY,
    catalogue: Catalogue | None = None,
) -> Call:
    """Calls with any parameters, their deadlines between ``min_deadline`` and
    ``max_deadline``, opened under an agreement of ``catalogue`` (by default the bundled
    one) and targeting its focus areas, so that ``check()`` never refuses them."""
    source = Catalogue.bundled() if catalogue is None else catalogue
    deal = draw(st.sampled_from(source.agreements()))
    areas = [area.id for area in deal.focus_areas] or [
        theme.id for theme in source.themes() if theme.kind is ThemeKind.FOCUS_AREA
    ]
    deadline = draw(deadlines(min_deadline, max_deadline))
    opens = draw(st.none() | dates(max_value=deadline.date))
    _, last = calendar_range()
    project_types = draw(_optional_set(ProjectType))
    cost_models = draw(
        _optional_set(CostModel).filter(
            lambda models: (
                models is None or all(models - {NEVER[t]} for t in (project_types or ProjectType))
            )
        )
    )
    return Call(
        id=draw(texts()),
        title=draw(localized_texts()),
        agreement_id=deal.id,
        opens=opens,
        deadline=deadline,
        available_funding=draw(amounts()),
        focus_areas=tuple(
            draw(st.lists(st.sampled_from(areas), max_size=4, unique=True)) if areas else ()
        ),
        eligible_applicants=draw(_optional_set(OrganisationKind)),
        project_types=project_types,
        cost_models=cost_models,
        max_duration_months=draw(st.none() | st.integers(1, 240)),
        max_aid_intensity=draw(
            st.none() | st.decimals(0, 1, places=3, allow_nan=False, allow_infinity=False)
        ),
        apply_statutory_deadline=draw(st.booleans()) and deadline.date <= last,
        available_funding_approximate=draw(st.booleans()),
        criteria=draw(_call_criteria()),
    )


@st.composite
def catalogues(draw: st.DrawFn) -> Catalogue:
    """Small standalone catalogues: a few themes, cities, agreements, criteria, calls and
    parameters, every reference in them resolved, as ``Catalogue.load`` would build."""
    tops = draw(
        st.lists(themes(kind=ThemeKind.AGREEMENT), min_size=1, max_size=3, unique_by=lambda t: t.id)
    )
    used = {t.id for t in tops}
    areas: list[Theme] = []
    for top in tops:
        for area in draw(st.lists(themes(kind=ThemeKind.FOCUS_AREA, parent=top.id), max_size=3)):
            if area.id not in used:
                used.add(area.id)
                areas.append(area)
    codes = draw(st.lists(municipality_codes(), min_size=1, max_size=4, unique=True))
    towns = [
        PartnerCity(name=draw(localized_texts()), municipality_code=code, region=draw(texts()))
        for code in codes
    ]
    deals = []
    for index, top in enumerate(tops):
        mine = [a.id for a in areas if a.parent == top.id]
        deals.append(
            {
                "id": f"sopimus-{index}",
                "cities": draw(
                    st.lists(st.sampled_from(codes), min_size=1, max_size=2, unique=True)
                ),
                "period": {k: v for k, v in to_dict(draw(periods())).items() if k != "format"},
                "theme": top.id,
                "focus_areas": mine,
            }
        )
    picked = draw(st.lists(criteria(), max_size=3, unique_by=lambda c: c.id))
    records: dict[str, list[dict[str, Any]]] = {
        "theme": [to_dict(t) for t in (*tops, *areas)],
        "city": [to_dict(t) for t in towns],
        "agreement": deals,
        "criterion": [to_dict(c) for c in picked],
        "parameter": [
            {
                "name": "oma.osuus",
                "type": "share",
                "valid_from": "2021-01-01",
                "value": str(draw(st.decimals(0, 1, places=2, allow_nan=False))),
            }
        ],
    }
    bare = _catalogue_from(records)
    records["call"] = [
        to_dict(c)
        for c in draw(st.lists(calls(catalogue=bare), max_size=3, unique_by=lambda c: c.id))
    ]
    return _catalogue_from(records)


def _catalogue_from(records: dict[str, list[dict[str, Any]]]) -> Catalogue:
    from ekosysteemi._catalogue import _from_records

    return _from_records(records)


@st.composite
def _proposals(draw: st.DrawFn) -> Proposal:
    applicant = draw(organisations())
    partners = draw(
        st.lists(
            organisations().filter(lambda o: o.business_id != applicant.business_id),
            max_size=3,
            unique_by=lambda o: o.business_id,
        )
    )
    limit = Decimal(10) ** 9
    return Proposal(
        id=draw(texts()),
        title=draw(texts()),
        call_id=draw(texts()),
        applicant=applicant,
        co_implementers=tuple(partners),
        focus_areas=tuple(draw(st.lists(slugs(), min_size=1, max_size=3, unique=True))),
        project_type=draw(st.sampled_from(ProjectType)),
        period=draw(periods()),
        submitted_at=draw(st.none() | aware_datetimes()),
        cost_model=draw(st.sampled_from(CostModel)),
        costs=tuple(draw(st.lists(cost_lines(limit), min_size=1, max_size=6))),
        revenues=draw(st.just(Decimal("0.00")) | amounts(max_value=limit)),
        financing=tuple(draw(st.lists(financing_lines(limit), min_size=1, max_size=5))),
        state_aid=draw(st.sampled_from(StateAidBasis)),
        de_minimis=tuple(draw(st.lists(aid_grants(), max_size=3))),
        description=draw(st.just("") | texts(200)),
        fiscal_year_end=draw(
            st.just("12-31")
            | st.dates(dt.date(2023, 1, 1), dt.date(2023, 12, 31)).map(
                lambda d: d.strftime("%m-%d")
            )
        ),
    )


def proposals(
    call: Call | None = None,
    *,
    eligible: bool = True,
    parameters: Parameters | None = None,
) -> st.SearchStrategy[Proposal]:
    """Valid proposals; with a ``call``, ones that pass every standard rule of it.

    With ``call`` and ``eligible=True`` (the default) every proposal passes
    ``eko.check(proposal, call)``: it is submitted within the call's window,
    and the reference date is then its submission date. With ``eligible=False``
    each proposal fails exactly one rule that can fail for this call (see
    :func:`near_misses`). Without a call: any valid proposal.
    """
    if call is None:
        return _proposals()
    if eligible:
        return _eligible(call, parameters or Parameters.default())
    codes = failable(call, parameters)
    return st.sampled_from(codes).flatmap(lambda code: near_misses(call, code, parameters))


_BUILDERS: Final[dict[type, Any]] = {
    LocalizedText: localized_texts,
    Period: periods,
    Deadline: deadlines,
    Organisation: organisations,
    CostLine: cost_lines,
    FinancingLine: financing_lines,
    AidGrant: aid_grants,
    Theme: themes,
    PartnerCity: cities,
    Agreement: agreements,
    Call: calls,
    Criterion: criteria,
    Proposal: proposals,
}


#: The model classes that have an object form on the wire, each with a strategy here.
MODEL_CLASSES: Final = (
    Proposal,
    Call,
    Criterion,
    Agreement,
    Theme,
    PartnerCity,
    Organisation,
    Period,
    CostLine,
    FinancingLine,
    AidGrant,
)


def documents(cls: type[T]) -> st.SearchStrategy[dict[str, Any]]:
    """Valid wire documents of ``cls`` (as ``eko.to_dict`` writes them)."""
    strategy: st.SearchStrategy[Any] = _BUILDERS[cls]()
    return strategy.map(to_dict)


#: The kinds of breakage :func:`broken_documents` makes, each one a JSON Schema can express.
BROKEN_KINDS: Final = ("missing_key", "wrong_type", "unknown_enum", "malformed_date", "unknown_key")


def _fields(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _required(cls: type) -> list[str]:
    return [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING]


def _enum_of(tp: Any) -> type[enum.Enum] | None:
    """The enumeration a field holds: itself, or the items of a (possibly optional) set."""
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp
    for arg in typing.get_args(tp):
        found = _enum_of(arg) if arg is not type(None) else None
        if found is not None:
            return found
    return None


def _enum_keys(cls: type) -> list[str]:
    return [k for k, t in _fields(cls).items() if _enum_of(t) is not None]


def _date_keys(cls: type) -> list[str]:
    dated = (dt.date, dt.datetime, dt.date | None, dt.datetime | None, Deadline)
    return [k for k, t in _fields(cls).items() if t in dated]


def breakable(cls: type) -> tuple[str, ...]:
    """The :data:`BROKEN_KINDS` that :func:`broken_documents` can make for ``cls``."""
    kinds = []
    for kind in BROKEN_KINDS:
        if kind == "unknown_enum" and not _enum_keys(cls):
            continue
        if kind == "malformed_date" and not _date_keys(cls):
            continue
        kinds.append(kind)
    return tuple(kinds)


#: Dates a JSON Schema pattern can tell apart from real ones; ``31.2.2023`` is
#: a calendar question that only the loader answers.
_MALFORMED_DATES: Final = ("2023-13-01", "tomorrow", "2023/01/01", "1.1.23", "2023-01-01T25:00")


@st.composite
def broken_documents(
    draw: st.DrawFn, cls: type, kind: str | None = None
) -> tuple[str, str, dict[str, Any]]:
    """Wire documents of ``cls`` broken in one named field: ``(kind, key, document)``.

    ``kind`` is one of :func:`breakable(cls) <breakable>` (drawn when ``None``):
    a required key missing, a required key of the wrong type, an unknown enum
    value, a malformed date, or an unknown key. ``key`` is the top-level key
    that was broken. Each breakage is one a JSON Schema can express, so both
    ``eko.from_dict`` and ``eko.json_schema(cls)`` refuse the document.
    """
    document = draw(documents(cls))
    kinds = breakable(cls)
    if kind is not None and kind not in kinds:
        raise ValueError(f"{cls.__name__} documents cannot be broken by {kind!r}")
    chosen = kind or draw(st.sampled_from(kinds))
    if chosen == "missing_key":
        key = draw(st.sampled_from(_required(cls)))
        del document[key]
    elif chosen == "wrong_type":
        key = draw(st.sampled_from(_required(cls)))
        document[key] = draw(st.sampled_from([True, None, [[]]]))
    elif chosen == "unknown_enum":
        key = draw(st.sampled_from(_enum_keys(cls)))
        single = isinstance(_fields(cls)[key], type)
        document[key] = "no-such-" + key if single else ["no-such-" + key]
    elif chosen == "malformed_date":
        key = draw(st.sampled_from(_date_keys(cls)))
        document[key] = draw(st.sampled_from(_MALFORMED_DATES))
    else:
        key = draw(st.from_regex(r"x_[a-z]{1,8}", fullmatch=True))
        document[key] = 1
    return chosen, key, document


#: The breaks :func:`invalid_documents` makes: each one passes for well-formed
#: under a JSON Schema, and only the loader's own checks refuse it.
INVALID_KINDS: Final = (
    "check_digit",
    "nonexistent_date",
    "end_before_start",
    "three_decimals",
    "negative_amount",
    "duplicate_co_implementer",
    "unknown_municipality",
    "spring_gap",
)


def _business_id_with_a_wrong_digit(valid: str) -> str:
    digit = int(valid[-1])
    return valid[:-1] + str((digit + 1) % 10)


def _invalid_breaks(cls: type) -> dict[str, Any]:
    """For each kind ``cls`` can take: a function that breaks a document in place and
    returns the path the loader names."""

    def bad_digit(doc: dict[str, Any]) -> str:
        if cls is Organisation:
            doc["business_id"] = _business_id_with_a_wrong_digit(doc["business_id"])
            return "$.business_id"
        applicant = doc["applicant"]
        applicant["business_id"] = _business_id_with_a_wrong_digit(applicant["business_id"])
        return "$.applicant.business_id"

    def no_such_day(doc: dict[str, Any]) -> str:
        target = doc if cls is Period else doc["period"]
        target["start"] = "31.2.2023"
        return "$.start" if cls is Period else "$.period.start"

    def backwards(doc: dict[str, Any]) -> str:
        target = doc if cls is Period else doc["period"]
        target["start"], target["end"] = "2030-01-02", "2030-01-01"
        return "$.end" if cls is Period else "$.period.end"

    def cents(doc: dict[str, Any], value: Any) -> str:
        if cls is Call:
            doc["available_funding"] = value
            return "$.available_funding"
        doc["costs"][0]["amount"] = value
        return "$.costs[0].amount"

    def twice(doc: dict[str, Any]) -> str:
        partner = {"name": "Kumppani", "business_id": "0245895-5", "kind": "university"}
        doc["co_implementers"] = [partner, dict(partner)]
        return "$.co_implementers[1].business_id"

    def nowhere(doc: dict[str, Any]) -> str:
        target = doc if cls is Organisation else doc["applicant"]
        target["municipality_code"] = "999"
        return "$.municipality_code" if cls is Organisation else "$.applicant.municipality_code"

    def gap(doc: dict[str, Any]) -> str:
        doc["submitted_at"] = "2023-03-26T03:30"  # clocks in Helsinki skip 03:00-04:00
        return "$.submitted_at"

    breaks: dict[str, Any] = {}
    if cls in (Proposal, Organisation):
        breaks["check_digit"] = bad_digit
        breaks["unknown_municipality"] = nowhere
    if cls in (Proposal, Period):
        breaks["nonexistent_date"] = no_such_day
        breaks["end_before_start"] = backwards
    if cls in (Proposal, Call):
        breaks["three_decimals"] = lambda doc: cents(doc, "1000.005")
        breaks["negative_amount"] = lambda doc: cents(doc, -5)
    if cls is Proposal:
        breaks["duplicate_co_implementer"] = twice
        breaks["spring_gap"] = gap
    return breaks


def invalidable(cls: type) -> tuple[str, ...]:
    """The :data:`INVALID_KINDS` that :func:`invalid_documents` can make for ``cls``."""
    return tuple(kind for kind in INVALID_KINDS if kind in _invalid_breaks(cls))


def invalid_documents(
    cls: type, kind: str | None = None
) -> st.SearchStrategy[tuple[str, str, dict[str, Any]]]:
    """Wire documents of ``cls`` that are well formed but invalid: ``(kind, path,
    document)``, ``path`` being where the loader reports the problem.

    ``kind`` is one of :func:`invalidable(cls) <invalidable>` (drawn when
    ``None``): a business ID with a wrong check digit, 31.2., an end before the
    start, an amount with three decimals, a negative amount, the same
    co-implementer twice, a municipality code Statistics Finland does not have,
    or a moment that Helsinki's clocks skip in spring. Unlike
    :func:`broken_documents`, a JSON Schema lets these through: only the
    loader's own checks refuse them.
    """
    breaks = _invalid_breaks(cls)
    if not breaks:
        raise ValueError(f"{cls.__name__} documents have no invalid kinds")
    if kind is not None and kind not in breaks:
        raise ValueError(f"{cls.__name__} documents cannot be made invalid by {kind!r}")
    kinds = st.just(kind) if kind is not None else st.sampled_from(sorted(breaks))

    def broken(chosen: str, document: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
        path: str = breaks[chosen](document)
        return chosen, path, document

    return st.builds(broken, kinds, documents(cls))


def scored_calls(
    min_deadline: dt.date = dt.date(2022, 1, 1),
    max_deadline: dt.date = dt.date(2029, 12, 31),
    catalogue: Catalogue | None = None,
) -> st.SearchStrategy[Call]:
    """Calls with one to four criteria (so that :func:`eko.select` can score against
    them), their deadlines by default within the programme period so that proposals
    can meet them; otherwise as :func:`calls` makes them."""
    criteria_of = (
        st.lists(criteria(), min_size=1, max_size=4, unique_by=lambda c: c.id)
        .filter(lambda found: sum(c.weight for c in found) > 0)
        .map(tuple)
    )
    return st.builds(
        lambda call, chosen: attrs.evolve(call, criteria=chosen),
        calls(min_deadline, max_deadline, catalogue=catalogue),
        criteria_of,
    )


@st.composite
def assessments(
    draw: st.DrawFn,
    call: Call,
    proposal_ids: Sequence[str],
    *,
    min_assessors: int = 1,
    max_assessors: int = 3,
) -> tuple[Assessment, ...]:
    """Valid assessments of every proposal in ``proposal_ids`` for ``call``: each
    proposal by ``min_assessors`` to ``max_assessors`` distinct assessors, each scoring
    every criterion of the call once, within its scale."""
    if not call.criteria:
        raise ValueError(f"the call {call.id!r} has no criteria to assess against")
    found: list[Assessment] = []
    names = st.sampled_from([f"Arvioija {letter}" for letter in "ABCDEFGH"])
    for proposal_id in proposal_ids:
        who = draw(st.lists(names, min_size=min_assessors, max_size=max_assessors, unique=True))
        for assessor in who:
            found.append(
                Assessment(
                    proposal_id=proposal_id,
                    assessor=assessor,
                    scores=tuple(
                        Score(
                            criterion_id=criterion.id,
                            value=draw(st.integers(0, criterion.max_score)),
                            justification=draw(texts(20)),
                        )
                        for criterion in call.criteria
                    ),
                    assessed_on=draw(dates(dt.date(2021, 1, 1), dt.date(2030, 12, 31))),
                )
            )
    return tuple(found)


def register() -> None:
    """Register every strategy with Hypothesis, so ``st.from_type`` finds them."""
    for cls, builder in _BUILDERS.items():
        st.register_type_strategy(cls, builder())


register()


# ----------------------------------------------------------------- proposals for a call


def _ceil(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_CEILING)


def _split(draw: st.DrawFn, total: Decimal, parts: int) -> list[Decimal]:
    """``total`` cut into ``parts`` amounts of whole cents that add up to it exactly."""
    cents = int(total * 100)
    cuts = sorted(draw(st.lists(st.integers(0, cents), min_size=parts - 1, max_size=parts - 1)))
    bounds = [0, *cuts, cents]
    return [Decimal(bounds[i + 1] - bounds[i]) / 100 for i in range(parts)]


def _window(call: Call, parameters: Parameters) -> tuple[dt.datetime, dt.datetime]:
    """The first and last whole second a proposal can be submitted in and be judged by
    parameters in force (the submission day is the check's reference date)."""
    deadline = call.effective_deadline
    last = deadline.instant - dt.timedelta(seconds=1)
    if deadline.time is None and "deadline.working_day_end" in parameters.entries:
        # Before the authorities' working day ends on the last day: no closing-time warning.
        try:
            end = parameters.on("deadline.working_day_end", deadline.date).value
        except ValueError:
            end = None
        if end is not None:
            close = to_helsinki(dt.datetime.combine(deadline.date, end))
            last = min(last, close - dt.timedelta(seconds=1))
    first = call.opens_at or last - dt.timedelta(days=365)
    in_force = max(values[0].valid_from for values in parameters.entries.values())
    return max(first, to_helsinki(dt.datetime.combine(in_force, dt.time()))), last


def _moment(draw: st.DrawFn, first: dt.datetime, last: dt.datetime) -> dt.datetime:
    seconds = draw(st.integers(0, max(0, int((last - first).total_seconds()))))
    return to_helsinki(first + dt.timedelta(seconds=seconds))


def _share(call: Call, kind: ProjectType, parameters: Parameters, day: dt.date) -> Decimal:
    return aid_share(call, kind, lambda name: parameters.on(name, day).value)


def _financing(draw: st.DrawFn, net: Decimal, eu: Decimal) -> tuple[FinancingLine, ...]:
    others = [
        FundingSource.MUNICIPAL,
        FundingSource.OTHER_PUBLIC,
        FundingSource.PRIVATE,
        FundingSource.OWN,
    ]
    sources = draw(st.lists(st.sampled_from(others), min_size=1, max_size=3, unique=True))
    rest = _split(draw, net - eu, len(sources))
    return (
        FinancingLine(source=FundingSource.EU_AND_STATE, amount=eu),
        *(FinancingLine(source=s, amount=a) for s, a in zip(sources, rest, strict=True)),
    )


@st.composite
def _eligible(
    draw: st.DrawFn,
    call: Call,
    parameters: Parameters,
    *,
    models: tuple[CostModel, ...] | None = None,
    staff_only: bool = False,
    kinds: tuple[ProjectType, ...] | None = None,
    share_cap: Decimal | None = None,
    net_range: tuple[Decimal, Decimal] | None = None,
    state_aid: StateAidBasis | None = None,
) -> Proposal:
    first, last = _window(call, parameters)
    if last < first:
        raise ValueError(f"the call {call.id} has no moment a proposal can be submitted in")
    submitted = _moment(draw, first, last)
    day = submitted.date()

    admitted = sorted(call.eligible_applicants or OrganisationKind, key=str)
    applicant = attrs.evolve(draw(organisations()), kind=draw(st.sampled_from(admitted)))
    partners = draw(
        st.lists(
            organisations().filter(lambda o: o.business_id != applicant.business_id),
            max_size=2,
            unique_by=lambda o: o.business_id,
        )
    )
    partners = [attrs.evolve(o, kind=draw(st.sampled_from(admitted))) for o in partners]

    if call.focus_areas:
        areas = draw(st.lists(st.sampled_from(call.focus_areas), min_size=1, unique=True))
    else:
        areas = draw(st.lists(slugs(), min_size=1, max_size=2, unique=True))

    def usable(t: ProjectType) -> list[CostModel]:
        allowed = allowed_models(call, t, lambda name: parameters.on(name, day).value)
        return [m for m in (models or CostModel) if m in allowed]

    types = [
        t
        for t in (kinds or ProjectType)
        if (call.project_types is None or t in call.project_types) and usable(t)
    ]
    if not types:
        raise ValueError(f"the call {call.id} admits no project type with a usable cost model")
    kind = draw(st.sampled_from(types))

    since = parameters.on("costs.eligible_from", day).value
    until = parameters.on("costs.eligible_until", day).value
    start = draw(dates(since, until))
    longest = call.max_duration_months or 72
    months = draw(st.integers(1, max(1, longest)))
    period = Period(
        start=start, end=max(start, min(until, add_months(start, months) - dt.timedelta(days=1)))
    )

    model = draw(st.sampled_from(usable(kind)))
    categories = sorted(allowed_categories(model) - {CostCategory.FLAT_RATE}, key=str)
    if staff_only or model is CostModel.FLAT_RATE_40:
        categories = [CostCategory.STAFF]
    lines = draw(st.lists(st.sampled_from(categories), min_size=1, max_size=4))
    if CostCategory.STAFF in allowed_categories(model) and CostCategory.STAFF not in lines:
        lines[0] = CostCategory.STAFF
    low, high = net_range or (Decimal(0), Decimal(2_000_000))
    direct = draw(amounts(low, high))
    costs = [
        CostLine(category=c, amount=a)
        for c, a in zip(lines, _split(draw, direct, len(lines)), strict=True)
    ]
    if model in FLAT_RATE_MODELS and (not staff_only and net_range is None):
        rate = parameters.on(f"flat_rate.{model.value}", day).value
        base = sum(
            (
                c.amount
                for c in costs
                if flat_rate_base(model, on=day, parameters=parameters) == "other"
                or c.category is CostCategory.STAFF
            ),
            Decimal("0.00"),
        )
        flat = draw(amounts(0, floor_cents(base * rate)))
        costs.append(CostLine(category=CostCategory.FLAT_RATE, amount=flat))
    total = sum((c.amount for c in costs), Decimal("0.00"))
    revenues = Decimal("0.00") if net_range else draw(st.just(Decimal("0.00")) | amounts(0, total))
    net = total - revenues

    share = _share(call, kind, parameters, day)
    if share_cap is not None:
        share = min(share, share_cap)
    aid = state_aid or draw(st.sampled_from(StateAidBasis))
    most = min(floor_cents(net * share), call.available_funding)
    ceiling = parameters.on("de_minimis.ceiling", day).value
    if aid is StateAidBasis.DE_MINIMIS:
        most = min(most, ceiling)
    eu = draw(amounts(0, most))
    grants: tuple[AidGrant, ...] = ()
    if aid is StateAidBasis.DE_MINIMIS:
        room = ceiling - eu
        recent = dates(day - dt.timedelta(days=700), day)
        grants = tuple(
            draw(
                st.lists(
                    st.builds(
                        AidGrant,
                        granted_on=recent,
                        amount=amounts(0, floor_cents(room / 3)),
                        granter=texts(),
                    ),
                    max_size=3,
                )
            )
        )
    return Proposal(
        id=draw(texts()),
        title=draw(texts()),
        call_id=call.id,
        applicant=applicant,
        co_implementers=tuple(partners),
        focus_areas=tuple(areas),
        project_type=kind,
        period=period,
        submitted_at=submitted,
        cost_model=model,
        costs=tuple(costs),
        revenues=revenues,
        financing=_financing(draw, net, eu),
        state_aid=aid,
        de_minimis=grants,
    )


def _own(proposal: Proposal, delta: Decimal) -> Proposal:
    """``proposal`` with ``delta`` more own funding, so its plan balances again."""
    return attrs.evolve(
        proposal,
        financing=(*proposal.financing, FinancingLine(source=FundingSource.OWN, amount=delta)),
    )


def _day(proposal: Proposal) -> dt.date:
    assert proposal.submitted_at is not None
    return proposal.submitted_at.date()


def _cannot(call: Call, code: str) -> ValueError:
    return ValueError(f"the rule {code} cannot fail alone for the call {call.id}")


def failable(call: Call, parameters: Parameters | None = None) -> tuple[str, ...]:
    """The standard rule codes :func:`near_misses` can make fail alone for ``call``."""
    params = parameters or Parameters.default()
    found = []
    for each in STANDARD_RULES:
        try:
            _plan_near_miss(call, each.code, params)
        except ValueError:
            continue
        found.append(each.code)
    return tuple(found)


def _plan_near_miss(call: Call, code: str, params: Parameters) -> dict[str, Any]:
    """The options of the eligible proposal a near miss of ``code`` starts from."""
    first, last = _window(call, params)
    day = last.date()
    if last < first:
        raise _cannot(call, code)
    types = call.project_types or frozenset(ProjectType)
    usable = {t: allowed_models(call, t, lambda name: params.on(name, day).value) for t in types}
    if code == "call.open":
        # A submission moved before the window takes an earlier reference date, whose
        # de minimis ceiling may be lower: no de minimis aid, so only the window fails.
        return {"state_aid": StateAidBasis.NONE}
    if code in ("call.id", "financing.balanced", "state_aid.de_minimis"):
        return {}
    if code == "call.closing_time":
        if call.effective_deadline.time is not None:
            raise _cannot(call, code)  # a deadline with a time of day needs no warning
        return {}
    if code == "call.focus_area":
        if not call.focus_areas:
            raise _cannot(call, code)
        return {}
    if code == "call.project_type":
        if call.project_types is None or len(call.project_types) == len(ProjectType):
            raise _cannot(call, code)
        every = frozenset(ProjectType)
        both = frozenset.intersection(
            *(allowed_models(call, t, lambda name: params.on(name, day).value) for t in every)
        )
        if not both:  # the proposal's model must stay allowed when its type changes
            raise _cannot(call, code)
        if call.max_aid_intensity is None:  # the other type may have a lower default
            lowest = min(params.on(f"aid_intensity.{t.value}", day).value for t in ProjectType)
            return {"share_cap": lowest, "models": tuple(both)}
        return {"models": tuple(both)}
    if code == "applicant.kind":
        if call.eligible_applicants is None or len(call.eligible_applicants) == len(
            OrganisationKind
        ):
            raise _cannot(call, code)
        return {}
    if code == "period.costs_eligible":
        return {}
    if code == "period.duration":
        limit = call.max_duration_months
        since = params.on("costs.eligible_from", day).value
        until = params.on("costs.eligible_until", day).value
        if limit is None or add_months(since, limit + 1) - dt.timedelta(days=1) > until:
            raise _cannot(call, code)
        return {}
    if code == "costs.cost_model":
        # Every project type has a model it may never use, so a banned model exists.
        if not any(usable.values()):
            raise _cannot(call, code)
        return {"staff_only": True}
    if code == "costs.flat_rate":
        flat = tuple(m for m in FLAT_RATE_MODELS if any(m in a for a in usable.values()))
        if not flat:
            raise _cannot(call, code)
        return {"models": flat}
    shares = (
        [call.max_aid_intensity]
        if call.max_aid_intensity is not None
        else [params.on(f"aid_intensity.{t.value}", day).value for t in types]
    )
    if code == "financing.aid_intensity":
        # The bounds must hold for whichever admitted type the proposal draws.
        share = max(shares)
        if share >= 1 or call.available_funding < CENT:
            raise _cannot(call, code)
        low = _ceil(Decimal("0.02") / (1 - share)) + 1
        high = floor_cents((call.available_funding - CENT) / share) if share else MAX_AMOUNT
        high = min(high, Decimal(10) ** 11)
        if high < low:
            raise _cannot(call, code)
        return {"net_range": (low, high), "state_aid": StateAidBasis.NONE}
    share = min(shares)
    if code == "financing.available_funds":
        if share <= 0:
            raise _cannot(call, code)
        low = _ceil((call.available_funding + CENT) / share) + 1
        if low > Decimal(10) ** 11:
            raise _cannot(call, code)
        return {"net_range": (low, low * 2), "state_aid": StateAidBasis.NONE, "share_cap": share}
    raise ValueError(f"no near miss is known for the rule {code!r}")


def near_misses(
    call: Call, code: str, parameters: Parameters | None = None
) -> st.SearchStrategy[Proposal]:
    """Proposals that pass every standard rule of ``call`` except ``code``.

    Raises ``ValueError`` when ``code`` cannot fail alone for this call (for
    example ``call.project_type`` for a call that admits every type); see
    :func:`failable`.
    """
    params = parameters or Parameters.default()
    options = _plan_near_miss(call, code, params)
    return _eligible(call, params, **options).flatmap(
        lambda proposal: _break(proposal, call, code, params)
    )


@st.composite
def _break(
    draw: st.DrawFn, proposal: Proposal, call: Call, code: str, params: Parameters
) -> Proposal:
    day = _day(proposal)
    if code == "call.id":
        return attrs.evolve(proposal, call_id=call.id + "-" + draw(slugs()))
    if code == "call.open":
        first, _ = _window(call, params)
        if call.opens_at is not None and call.opens_at == first and draw(st.booleans()):
            # Before the window opens, but on a day the programme's parameters are in force.
            earliest = min(values[0].valid_from for values in params.entries.values())
            room = int(
                (
                    call.opens_at - to_helsinki(dt.datetime.combine(earliest, dt.time()))
                ).total_seconds()
            )
            if room >= 1:
                early = call.opens_at - dt.timedelta(seconds=draw(st.integers(1, room)))
                return attrs.evolve(proposal, submitted_at=early)
        late = call.effective_deadline.instant + dt.timedelta(seconds=draw(st.integers(0, 10**7)))
        return attrs.evolve(proposal, submitted_at=late)
    if code == "call.closing_time":
        # On the last day, at or after the end of the authorities' working day.
        last = call.effective_deadline.date
        end = params.on("deadline.working_day_end", day).value
        start = dt.datetime.combine(last, end)
        seconds = int((dt.datetime.combine(last, dt.time(23, 59, 59)) - start).total_seconds())
        late = start + dt.timedelta(seconds=draw(st.integers(0, seconds)))
        return attrs.evolve(proposal, submitted_at=to_helsinki(late))
    if code == "call.focus_area":
        unknown = draw(slugs().filter(lambda s: s not in call.focus_areas))
        return attrs.evolve(proposal, focus_areas=(*proposal.focus_areas, unknown))
    if code == "call.project_type":
        assert call.project_types is not None
        other = draw(st.sampled_from([t for t in ProjectType if t not in call.project_types]))
        return attrs.evolve(proposal, project_type=other)
    if code == "applicant.kind":
        assert call.eligible_applicants is not None
        banned = [k for k in OrganisationKind if k not in call.eligible_applicants]
        applicant = attrs.evolve(proposal.applicant, kind=draw(st.sampled_from(banned)))
        return attrs.evolve(proposal, applicant=applicant)
    if code == "period.costs_eligible":
        since = params.on("costs.eligible_from", day).value
        until = params.on("costs.eligible_until", day).value
        outside = draw(
            st.one_of(
                dates(since - dt.timedelta(days=365), since - dt.timedelta(1)),
                dates(until + dt.timedelta(1), until + dt.timedelta(days=365)),
            )
        )
        return attrs.evolve(proposal, period=Period(start=outside, end=outside))
    if code == "period.duration":
        assert call.max_duration_months is not None
        since = params.on("costs.eligible_from", day).value
        end = add_months(since, call.max_duration_months + 1) - dt.timedelta(days=1)
        return attrs.evolve(proposal, period=Period(start=since, end=end))
    if code == "costs.cost_model":
        allowed = allowed_models(call, proposal.project_type, lambda n: params.on(n, day).value)
        banned_models = [m for m in CostModel if m not in allowed]
        swap: bool = draw(st.booleans())
        if banned_models and swap:
            return attrs.evolve(proposal, cost_model=draw(st.sampled_from(banned_models)))
        extra = (
            CostCategory.TRAVEL
            if proposal.cost_model is CostModel.FLAT_RATE_40
            else CostCategory.FLAT_RATE
        )
        if extra is CostCategory.FLAT_RATE and proposal.cost_model in FLAT_RATE_MODELS:
            return attrs.evolve(proposal, cost_model=draw(st.sampled_from(banned_models)))
        amount = draw(amounts(CENT, 100_000))
        broken = attrs.evolve(
            proposal, costs=(*proposal.costs, CostLine(category=extra, amount=amount))
        )
        return _own(broken, amount)
    if code == "costs.flat_rate":
        model = proposal.cost_model
        rate = params.on(f"flat_rate.{model.value}", day).value
        kept = [c for c in proposal.costs if c.category is not CostCategory.FLAT_RATE]
        base = sum(
            (
                c.amount
                for c in kept
                if flat_rate_base(model, on=day, parameters=params) == "other"
                or c.category is CostCategory.STAFF
            ),
            Decimal("0.00"),
        )
        flat = floor_cents(base * rate) + CENT + draw(amounts(0, 1000))
        before = proposal.total_costs
        broken = attrs.evolve(
            proposal, costs=(*kept, CostLine(category=CostCategory.FLAT_RATE, amount=flat))
        )
        return _own(broken, broken.total_costs - before)
    if code == "financing.balanced":
        others: list[int] = [
            i
            for i, each in enumerate(proposal.financing)
            if each.source is not FundingSource.EU_AND_STATE and each.amount >= CENT
        ]
        short_of_costs: bool = draw(st.booleans())
        if others and short_of_costs:
            index = others[0]
            line = proposal.financing[index]
            short = draw(amounts(CENT, line.amount))
            lines = list(proposal.financing)
            lines[index] = attrs.evolve(line, amount=line.amount - short)
            return attrs.evolve(proposal, financing=tuple(lines))
        surplus = draw(amounts(CENT, 1000))
        return _own(proposal, surplus)
    if code in ("financing.aid_intensity", "financing.available_funds"):
        net = proposal.net_costs
        share = _share(call, proposal.project_type, params, day)
        eu = (
            floor_cents(net * share) + CENT
            if code == "financing.aid_intensity"
            else call.available_funding + CENT
        )
        return attrs.evolve(
            proposal,
            financing=(
                FinancingLine(source=FundingSource.EU_AND_STATE, amount=eu),
                FinancingLine(source=FundingSource.OWN, amount=net - eu),
            ),
        )
    if code == "state_aid.de_minimis":
        ceiling = params.on("de_minimis.ceiling", day).value
        eu = proposal.funding(FundingSource.EU_AND_STATE)
        if eu > ceiling:  # this aid alone is over the ceiling: no earlier aid is needed
            return attrs.evolve(proposal, state_aid=StateAidBasis.DE_MINIMIS, de_minimis=())
        grant = AidGrant(
            granted_on=day - dt.timedelta(days=1), amount=ceiling - eu + CENT, granter=draw(texts())
        )
        return attrs.evolve(proposal, state_aid=StateAidBasis.DE_MINIMIS, de_minimis=(grant,))
    raise ValueError(f"no near miss is known for the rule {code!r}")  # pragma: no cover
