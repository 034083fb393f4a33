"""Funding calls that cities open under their agreements."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cached_property
from typing import Final

import attrs

from ekosysteemi._errors import ErrorDetail, invalid
from ekosysteemi._i18n import N_, Lang, check_lang, translate
from ekosysteemi._model import _checks as c
from ekosysteemi._model._base import Model, checks
from ekosysteemi._model._criteria import Criterion
from ekosysteemi._model._enums import CallStatus, CostModel, OrganisationKind, ProjectType
from ekosysteemi._model._themes import slug
from ekosysteemi._model._values import Deadline, LocalizedText
from ekosysteemi.fi._calendar import calendar_range, statutory_deadline
from ekosysteemi.fi._dates import HELSINKI, format_date, format_datetime, to_helsinki

__all__ = ["Call", "moment", "time_left"]


def moment(at: object, path: str = "$.at") -> datetime:
    """``at`` as an aware Helsinki datetime; ``None`` is now."""
    if at is None:
        return to_helsinki(datetime.now(HELSINKI))
    if not isinstance(at, datetime):
        raise invalid("type", N_("expected a date and a time, got {value}"), at, path)
    return to_helsinki(at, path=path)


#: The units time left is told in, largest first, with their CLDR unit names.
_UNITS: Final = (
    (timedelta(days=1), "duration-day"),
    (timedelta(hours=1), "duration-hour"),
    (timedelta(minutes=1), "duration-minute"),
)


def time_left(span: timedelta, lang: Lang) -> str:
    """``span`` in one unit, cut down, never rounded up: whole days when at least a day
    is left, else hours, else minutes, else "less than a minute"; never weeks, months or
    years, so that an applicant is never told they have more time than they do."""
    from babel.units import format_unit

    from ekosysteemi.fi._dates import locale_for

    for unit, name in _UNITS:
        if span >= unit:
            return str(format_unit(span // unit, name, length="long", locale=locale_for(lang)))
    return translate(N_("less than a minute"), lang)


@attrs.frozen(kw_only=True)
class Call(Model):
    """A funding call (haku) opened under an agreement.

    Parameters left as ``None`` mean "no restriction": any applicant kind,
    project type or cost model, no maximum duration, and the programme's
    default aid intensity (80 % for development, 70 % for investment).

    Attributes:
        id: any non-empty id; the bundled calls use ``<agreement>-<yyyy>-<mm>``.
        title: the call's title.
        agreement_id: the agreement the call is opened under.
        opens: the first day of the window (open from 00:00 Helsinki time), or
            ``None`` when it is open from any time before its deadline.
        deadline: the end of the window.
        available_funding: the EU and state funding the call has to give.
        focus_areas: the ids of the focus areas a proposal may target.
        eligible_applicants: the organisation kinds that may apply.
        project_types: the project types the call admits.
        cost_models: the cost models the call allows.
        max_duration_months: the longest project period the call allows.
        max_aid_intensity: the largest share of eligible costs EU and state
            funding may cover, as a fraction (``Decimal("0.8")``).
        apply_statutory_deadline: move a deadline that falls on a day off to the
            next working day (Act 150/1930 §5); off by default.
        criteria: the specific criteria eligible proposals are scored on (none by
            default); in a file an entry holding only ``id`` (and optionally
            ``weight``, ``min_score``) names a catalogue criterion.
        available_funding_approximate: whether the source gives the funds as "about"
            (noin) that amount; rules still compare exactly.
    """

    id: str = attrs.field(metadata=checks(c.text))
    title: LocalizedText = attrs.field(metadata=checks(c.instance_of(LocalizedText)))
    agreement_id: str = attrs.field(metadata=checks(slug))
    deadline: Deadline = attrs.field(metadata=checks(c.instance_of(Deadline)))
    available_funding: Decimal = attrs.field(metadata=checks(c.amount))
    focus_areas: tuple[str, ...] = attrs.field(
        default=(), metadata=checks(c.tuple_of(slug, unique=True))
    )
    opens: date | None = attrs.field(default=None, metadata=checks(c.optional(c.calendar_date)))
    eligible_applicants: frozenset[OrganisationKind] | None = attrs.field(
        default=None, metadata=checks(c.optional(c.set_of(c.enum_member(OrganisationKind))))
    )
    project_types: frozenset[ProjectType] | None = attrs.field(
        default=None, metadata=checks(c.optional(c.set_of(c.enum_member(ProjectType))))
    )
    cost_models: frozenset[CostModel] | None = attrs.field(
        default=None, metadata=checks(c.optional(c.set_of(c.enum_member(CostModel))))
    )
    max_duration_months: int | None = attrs.field(
        default=None, metadata=checks(c.optional(c.positive_int))
    )
    max_aid_intensity: Decimal | None = attrs.field(
        default=None, metadata=checks(c.optional(c.fraction))
    )
    apply_statutory_deadline: bool = attrs.field(default=False, metadata=checks(c.boolean))
    criteria: tuple[Criterion, ...] = attrs.field(
        default=(), metadata=checks(c.tuple_of(c.instance_of(Criterion)))
    )
    available_funding_approximate: bool = attrs.field(default=False, metadata=checks(c.boolean))

    def _check(self) -> Iterator[ErrorDetail]:
        seen: set[str] = set()
        for index, criterion in enumerate(self.criteria):
            if criterion.id in seen:
                yield ErrorDetail(
                    path=f"$.criteria[{index}].id",
                    code="criterion.duplicate",
                    value=criterion.id,
                    template=N_("{value} is listed twice"),
                )
            seen.add(criterion.id)
        if self.criteria and sum(criterion.weight for criterion in self.criteria) <= 0:
            yield ErrorDetail(
                path="$.criteria",
                code="criteria.weights",
                value=[str(criterion.weight) for criterion in self.criteria],
                template=N_("expected weights that sum to more than 0, got {value}"),
            )
        if self.opens is not None and self.opens > self.deadline.date:
            yield ErrorDetail(
                path="$.opens",
                code="call.opens_after_deadline",
                value=self.opens.isoformat(),
                template=N_(
                    "expected an opening day on or before the deadline {deadline}, got {value}"
                ),
                params={"deadline": str(self.deadline)},
            )
        if self.apply_statutory_deadline:
            first, last = calendar_range()
            if not first <= self.deadline.date <= last:
                yield ErrorDetail(
                    path="$.deadline",
                    code="date.out_of_range",
                    value=str(self.deadline),
                    template=N_(
                        "expected a deadline from {first} to {last}, whose holidays are "
                        "known, when the statutory deadline applies, got {value}"
                    ),
                    params={"first": first.isoformat(), "last": last.isoformat()},
                )

    @cached_property
    def effective_deadline(self) -> Deadline:
        """The deadline in force: moved to the next working day when the call says so."""
        if not self.apply_statutory_deadline:
            return self.deadline
        moved = statutory_deadline(self.deadline.date)
        return (
            self.deadline
            if moved == self.deadline.date
            else attrs.evolve(self.deadline, date=moved)
        )

    @cached_property
    def opens_at(self) -> datetime | None:
        """The first moment of the window, Helsinki time, or ``None``."""
        if self.opens is None:
            return None
        return to_helsinki(datetime.combine(self.opens, time(0)))

    def status(self, at: datetime | None = None) -> CallStatus:
        """Where the window stands at ``at`` (default: now); a naive ``at`` is Helsinki time.

        >>> from ekosysteemi import call
        >>> call("seinajoki-2022-12").status(datetime(2022, 12, 2, 23, 59))
        <CallStatus.OPEN: 'open'>
        """
        when = moment(at)
        opens_at = self.opens_at
        if opens_at is not None and when < opens_at:
            return CallStatus.UPCOMING
        if when < self.effective_deadline.instant:
            return CallStatus.OPEN
        return CallStatus.CLOSED

    def is_open(self, at: datetime | None = None) -> bool:
        """Whether a proposal submitted at ``at`` (default: now) is in time."""
        return self.status(at) is CallStatus.OPEN

    def window_text(self, lang: Lang | str = "fi", at: datetime | None = None) -> str:
        """The window as a person reads it, with the time left when the call is open.

        >>> from ekosysteemi import call
        >>> call("seinajoki-2022-12").window_text(at=datetime(2022, 12, 4))
        'Hakuaika päättyi 2.12.2022'
        """
        language = check_lang(lang)
        deadline = self.effective_deadline
        shown = (
            format_date(deadline.date, lang=language)
            if deadline.time is None
            else format_datetime(datetime.combine(deadline.date, deadline.time), lang=language)
        )
        when = moment(at)
        state = self.status(when)
        if state is CallStatus.CLOSED:
            return translate(N_("The application period ended on {deadline}"), language).format(
                deadline=shown
            )
        if state is CallStatus.UPCOMING:
            assert self.opens is not None
            return translate(
                N_("The application period opens on {opens} and ends on {deadline}"), language
            ).format(opens=format_date(self.opens, lang=language), deadline=shown)
        return translate(
            N_("The application period ends on {deadline} ({remaining} left)"), language
        ).format(deadline=shown, remaining=time_left(deadline.instant - when, language))

    def __repr__(self) -> str:
        from ekosysteemi._display import compact, display_language

        return compact("Call", self.id, self.title.get(display_language()))

    def _repr_html_(self) -> str:
        """The call for a notebook, in the language of ``eko.set_language``."""
        from ekosysteemi._display import call_facts, display_language, escape, facts

        lang = display_language()
        return f"<h4>{escape(self.title.get(lang))}</h4>" + facts(
            call_facts(self, None, lang), lang
        )
