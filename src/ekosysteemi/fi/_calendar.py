"""Statutory time limits (Act 150/1930) and Finland's working days.

Holidays come from the ``holidays`` package's Finland calendar, month
arithmetic from ``dateutil.relativedelta``; neither is written here again.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from ekosysteemi._errors import ValidationError, invalid
from ekosysteemi._i18n import N_, Lang, check_lang

if TYPE_CHECKING:
    from holidays import HolidayBase

__all__ = [
    "add_months",
    "calendar_range",
    "holiday_name",
    "is_working_day",
    "statutory_deadline",
    "working_days_between",
]

# Saturday and Sunday; Act 150/1930 §5 also names every public holiday,
# Independence Day, May Day, Christmas Eve and Midsummer Eve, all of which
# the holidays package's Finland calendar holds.
_WEEKEND = (5, 6)
#: The holidays package's language for each of ours (its names in Finland's languages).
_HOLIDAY_LANGUAGES = {"fi": "fi", "sv": "sv_FI", "en": "en_US"}


@cache
def _calendar(lang: str = "fi") -> HolidayBase:
    import holidays

    # The language is always given: without it the package reads the process's locale.
    return holidays.country_holidays("FI", language=_HOLIDAY_LANGUAGES[lang])


@cache
def calendar_range() -> tuple[date, date]:
    """The first and last day whose holidays are known: the years the ``holidays``
    package covers for Finland (read from the package, not fixed here).

    Functions that need the holiday calendar refuse a day outside this range, since
    the package has no holidays there and every weekday would pass as a working day.
    """
    from holidays import Finland  # type: ignore[attr-defined]

    return date(int(Finland.start_year), 1, 1), date(int(Finland.end_year), 12, 31)


def _day(value: object, name: str = "$") -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise invalid("type", N_("expected a date, got {value}"), value, name)
    return value


def _known(value: object, name: str = "$") -> date:
    """``value`` as a date inside :func:`calendar_range`, or ``ValidationError``."""
    day = _day(value, name)
    first, last = calendar_range()
    if not first <= day <= last:
        raise invalid(
            "date.out_of_range",
            N_("expected a date from {first} to {last}, whose holidays are known, got {value}"),
            day.isoformat(),
            name,
            first=first.isoformat(),
            last=last.isoformat(),
        )
    return day


def holiday_name(day: date, lang: Lang | str = "fi") -> str | None:
    """The name of the public holiday on ``day`` in ``lang``, or ``None``.

    The name is in the language asked, whatever the process's locale.

    >>> holiday_name(date(2022, 12, 6)), holiday_name(date(2022, 12, 6), lang="sv")
    ('Itsenäisyyspäivä', 'Självständighetsdagen')
    """
    checked = _known(day)
    name: str | None = _calendar(check_lang(lang)).get(checked)
    return name


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a working day under Act 150/1930 §5.

    >>> is_working_day(date(2022, 12, 6))  # Independence Day
    False
    """
    checked = _known(day)
    return checked.weekday() not in _WEEKEND and checked not in _calendar()


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` months (§3): a day the month lacks becomes its last day.

    >>> add_months(date(2023, 1, 31), 1)
    datetime.date(2023, 2, 28)
    """
    from dateutil.relativedelta import relativedelta

    if isinstance(months, bool) or not isinstance(months, int):
        raise invalid("type", N_("expected a whole number of months, got {value}"), months)
    start = _day(day)
    try:
        result: date = start + relativedelta(months=months)
    except (ValueError, OverflowError):
        raise _beyond_calendar(months) from None
    return result


def _beyond_calendar(value: object) -> ValidationError:
    return invalid(
        "date.out_of_range",
        N_("the resulting date is outside the calendar (years 1-9999): {value}"),
        value,
    )


def statutory_deadline(day: date) -> date:
    """The deadline ``day`` moved to the next working day when it is not one (§5).

    >>> statutory_deadline(date(2022, 12, 24))  # Christmas Eve, a Saturday
    datetime.date(2022, 12, 27)
    """
    result = _known(day)
    while not is_working_day(result):  # refuses a day past the calendar's range
        result += timedelta(days=1)
    return result


def working_days_between(start: date, end: date) -> int:
    """The number of working days ``d`` with ``start <= d < end``.

    Negative when ``end`` comes before ``start`` (as ``numpy.busday_count``).

    >>> working_days_between(date(2022, 12, 2), date(2022, 12, 5))  # Friday to Monday
    1
    """
    first, last = _day(start, "$.start"), _day(end, "$.end")
    if last < first:
        return -working_days_between(last, first)
    if last == first:
        return 0
    _known(first, "$.start")
    _known(last - timedelta(days=1), "$.end")
    return sum(
        1 for offset in range((last - first).days) if is_working_day(first + timedelta(offset))
    )
