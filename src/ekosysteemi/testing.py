"""Hypothesis strategies for ekosysteemi's objects, for your own test suites.

Needs the ``testing`` extra (``pip install ekosysteemi[testing]``).
Every strategy makes only valid objects, respecting every cross-field
invariant (a period never ends before it starts, a deadline's time exists
in Helsinki). Importing this module, or Hypothesis loading it through its
entry point, registers the strategies, so ``st.from_type(eko.Proposal)``
works.

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
from decimal import Decimal
from typing import Any, Final, TypeVar

from hypothesis import strategies as st

from ekosysteemi._io import to_dict
from ekosysteemi._model import (
    Agreement,
    AidGrant,
    Call,
    CostCategory,
    CostLine,
    CostModel,
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
    StateAidBasis,
    Theme,
    ThemeKind,
)
from ekosysteemi.fi._dates import HELSINKI, to_helsinki
from ekosysteemi.fi._money import MAX_AMOUNT

__all__ = [
    "BROKEN_KINDS",
    "agreements",
    "aid_grants",
    "amounts",
    "aware_datetimes",
    "broken_documents",
    "breakable",
    "business_ids",
    "calls",
    "cities",
    "cost_lines",
    "dates",
    "deadlines",
    "documents",
    "financing_lines",
    "localized_texts",
    "municipality_codes",
    "organisations",
    "periods",
    "proposals",
    "register",
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
    """Three-digit municipality codes (``"091"``)."""
    return st.from_regex(r"[0-9]{3}", fullmatch=True)


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


def deadlines() -> st.SearchStrategy[Deadline]:
    """Deadlines of both forms: a date alone, and a date with an existing time of day."""
    times = st.times().map(lambda at: at.replace(microsecond=0))
    with_time = st.tuples(dates(), times).filter(lambda pair: _exists(*pair))
    return st.one_of(
        dates().map(lambda day: Deadline(date=day)),
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
def calls(draw: st.DrawFn) -> Call:
    deadline = draw(deadlines())
    opens = draw(st.none() | dates(max_value=deadline.date))
    return Call(
        id=draw(texts()),
        title=draw(localized_texts()),
        agreement_id=draw(slugs()),
        opens=opens,
        deadline=deadline,
        available_funding=draw(amounts()),
        focus_areas=tuple(draw(st.lists(slugs(), max_size=4, unique=True))),
        eligible_applicants=draw(_optional_set(OrganisationKind)),
        project_types=draw(_optional_set(ProjectType)),
        cost_models=draw(_optional_set(CostModel)),
        max_duration_months=draw(st.none() | st.integers(1, 240)),
        max_aid_intensity=draw(
            st.none() | st.decimals(0, 1, places=3, allow_nan=False, allow_infinity=False)
        ),
        apply_statutory_deadline=draw(st.booleans()),
    )


@st.composite
def _proposals(draw: st.DrawFn) -> Proposal:
    applicant = draw(organisations())
    partners = draw(
        st.lists(
            organisations().filter(lambda o: o.business_id != applicant.business_id),
            max_size=3,
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
    )


def proposals() -> st.SearchStrategy[Proposal]:
    """Valid proposals (any call id, any amounts); see :func:`eligible_proposals` for ones
    that pass a call's rules."""
    return _proposals()


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
    Proposal: proposals,
}


def documents(cls: type[T]) -> st.SearchStrategy[dict[str, Any]]:
    """Valid wire documents of ``cls`` (as ``eko.to_dict`` writes them)."""
    strategy: st.SearchStrategy[Any] = _BUILDERS[cls]()
    return strategy.map(to_dict)


#: The kinds of breakage :func:`broken_documents` makes, each one a JSON Schema can express.
BROKEN_KINDS: Final = ("missing_key", "wrong_type", "unknown_enum", "malformed_date", "unknown_key")


def _fields(cls: type) -> dict[str, Any]:
    import typing

    return typing.get_type_hints(cls)


def _required(cls: type) -> list[str]:
    import attrs

    return [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING]


def _enum_keys(cls: type) -> list[str]:
    import enum

    return [k for k, t in _fields(cls).items() if isinstance(t, type) and issubclass(t, enum.Enum)]


def _date_keys(cls: type) -> list[str]:
    dated = (dt.date, dt.datetime, dt.date | None, dt.datetime | None)
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
        document[key] = "no-such-" + key
    elif chosen == "malformed_date":
        key = draw(st.sampled_from(_date_keys(cls)))
        document[key] = draw(st.sampled_from(_MALFORMED_DATES))
    else:
        key = draw(st.from_regex(r"x_[a-z]{1,8}", fullmatch=True))
        document[key] = 1
    return chosen, key, document


def register() -> None:
    """Register every strategy with Hypothesis, so ``st.from_type`` finds them."""
    for cls, builder in _BUILDERS.items():
        st.register_type_strategy(cls, builder())


def _hypothesis_setup_hook() -> None:
    """Hypothesis's entry point: registers the strategies when Hypothesis starts."""
    register()


register()
