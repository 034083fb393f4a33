"""Small value types: texts in three languages, periods and deadlines."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from functools import cached_property, lru_cache

import attrs

from ekosysteemi._errors import ErrorDetail, ValidationError, invalid
from ekosysteemi._i18n import N_, Lang, check_lang
from ekosysteemi._model import _checks as c
from ekosysteemi._model._base import Model, checks
from ekosysteemi.fi._dates import parse_date, parse_datetime, to_helsinki

__all__ = ["Deadline", "LocalizedText", "Period"]


@attrs.frozen(kw_only=True)
class LocalizedText(Model):
    """A text in Finnish, with optional Swedish and English.

    Attributes:
        fi: the Finnish text (required, non-empty).
        sv: the Swedish text, if there is one.
        en: the English text, if there is one.

    >>> name = LocalizedText(fi="Älykäs vihreä kasvu", en="Smart green growth")
    >>> name.get("en"), name.get("sv")
    ('Smart green growth', 'Älykäs vihreä kasvu')
    """

    fi: str = attrs.field(metadata=checks(c.text))
    sv: str | None = attrs.field(default=None, metadata=checks(c.optional(c.text)))
    en: str | None = attrs.field(default=None, metadata=checks(c.optional(c.text)))

    def get(self, lang: Lang | str = "fi") -> str:
        """The text in ``lang``, falling back to Finnish."""
        value: str | None = getattr(self, check_lang(lang))
        return self.fi if value is None else value

    def __str__(self) -> str:
        return self.fi

    def __repr__(self) -> str:
        from ekosysteemi._display import compact, display_language

        lang = display_language()
        return compact("LocalizedText", lang, self.get(lang))


@lru_cache(maxsize=4096)
def _months(start: date, end: date) -> int:
    """``Period.months``, remembered: proposals share their periods (1.1.2023–31.12.2024)."""
    from dateutil.relativedelta import relativedelta

    if end == date.max:  # no day after it: the last month is a part month
        span = relativedelta(end, start)
        return span.years * 12 + span.months + 1
    span = relativedelta(end + timedelta(days=1), start)
    whole = span.years * 12 + span.months
    return whole + 1 if span.days else whole


@attrs.frozen(kw_only=True)
class Period(Model):
    """A closed range of dates, both ends included.

    Attributes:
        start: the first day.
        end: the last day (never before ``start``).

    >>> p = Period(start=date(2023, 1, 1), end=date(2024, 12, 31))
    >>> p.days, p.months, date(2024, 2, 29) in p
    (731, 24, True)
    """

    start: date = attrs.field(metadata=checks(c.calendar_date))
    end: date = attrs.field(metadata=checks(c.calendar_date))

    def _check(self) -> Iterator[ErrorDetail]:
        if self.end < self.start:
            yield ErrorDetail(
                path="$.end",
                code="period.end_before_start",
                value=self.end.isoformat(),
                template=N_("expected an end on or after the start {start}, got {value}"),
                params={"start": self.start.isoformat()},
            )

    @classmethod
    def _of_checked(cls, start: date, end: date) -> Period:
        """A period of two days its caller has checked as the constructor would (dates
        of the years 1000-9999, the end not before the start): built without checking
        them again, for readers that make one per row."""
        period = object.__new__(cls)
        object.__setattr__(period, "start", start)
        object.__setattr__(period, "end", end)
        return period

    @property
    def days(self) -> int:
        """The number of days, both ends counted."""
        return (self.end - self.start).days + 1

    @cached_property
    def months(self) -> int:
        """The length in months from ``start`` to the day after ``end``; a part month counts
        as a whole one (1.1.2023–31.12.2024 is 24, 1.1.–2.1.2023 is 1)."""
        return _months(self.start, self.end)

    def __contains__(self, day: object) -> bool:
        if isinstance(day, datetime) or not isinstance(day, date):
            return False
        return self.start <= day <= self.end


@attrs.frozen(kw_only=True)
class Deadline(Model):
    """The end of an application window.

    Attributes:
        date: the last day.
        time: the time of day (Helsinki) from which a submission is late, or ``None``
            when the whole of ``date`` is open.

    >>> Deadline(date=date(2022, 12, 2)).instant.isoformat()
    '2022-12-03T00:00:00+02:00'
    >>> str(Deadline.parse("2.12.2022 klo 16.15"))
    '2022-12-02T16:15'
    """

    date: _dt.date = attrs.field(metadata=checks(c.calendar_date))
    time: _dt.time | None = attrs.field(default=None, metadata=checks(c.optional(c.time_of_day)))

    def _check(self) -> Iterator[ErrorDetail]:
        if self.time is not None:
            try:
                to_helsinki(datetime.combine(self.date, self.time), path="$.time")
            except ValidationError as error:
                yield from error.errors

    @cached_property
    def instant(self) -> datetime:
        """The first moment that is late, aware, in Helsinki time (the next midnight when
        the deadline is a date alone)."""
        if self.time is None:
            return to_helsinki(datetime.combine(self.date + timedelta(days=1), time(0)))
        return to_helsinki(datetime.combine(self.date, self.time))

    @classmethod
    def parse(cls, text: object) -> Deadline:
        """A deadline from its wire form: a date, or a date and a time, ISO or Finnish."""
        if not isinstance(text, str):
            raise invalid(
                "deadline.invalid",
                N_("expected a deadline such as 2.12.2022 or 2.12.2022 klo 16.15, got {value}"),
                text,
            )
        try:
            return cls(date=parse_date(text))
        except ValidationError:
            pass
        try:
            moment = parse_datetime(text)
        except ValidationError as error:
            if error.errors[0].code == "datetime.nonexistent":
                raise
            raise invalid(
                "deadline.invalid",
                N_("expected a deadline such as 2.12.2022 or 2.12.2022 klo 16.15, got {value}"),
                text,
            ) from None
        return cls(date=moment.date(), time=moment.time())

    def __str__(self) -> str:
        """The wire form: ``2022-12-02`` or ``2022-12-02T16:15``."""
        if self.time is None:
            return self.date.isoformat()
        spec = "minutes" if not self.time.second and not self.time.microsecond else "auto"
        return f"{self.date.isoformat()}T{self.time.isoformat(spec)}"
