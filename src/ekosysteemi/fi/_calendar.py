"""Statutory time limits (Act 150/1930) and Finland's working days.

Holidays come from the ``holidays`` package's Finland calendar, month
arithmetic from ``dateutil.relativedelta``; neither is written here again.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from ekosysteemi._errors import ValidationError, invalid
from ekosysteemi._i18n import N_

if TYPE_CHECKING:
    from holidays import HolidayBase

__all__ = [
    "add_months",
    "holiday_name",
    "is_working_day",
    "statutory_deadline",
    "working_days_between",
]

# Saturday and Sunday; Act 150/1930 §5 also names every public holiday,
# Independence Day, May Day, Christmas Eve and Midsummer Eve, all of which
# the holidays package's Finland calendar holds.
_WEEKEND = (5, 6)


@cache
def _calendar() -> HolidayBase:
    import holidays

    return holidays.country_holidays("FI")


def _day(value: object, name: str = "$") -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise invalid("type", N_("expected a date, got {value}"), value, name)
    return value


def holiday_name(day: date) -> str | None:
    """The name of the public holiday on ``day``, or ``None``."""
    name: str | None = _calendar().get(_day(day))
    return name


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a working day under Act 150/1930 §5.

    >>> is_working_day(date(2022, 12, 6))  # Independence Day
    False
    """
    checked = _day(day)
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
    result = _day(day)
    while not is_working_day(result):
        if result == date.max:
            raise _beyond_calendar(day)
        result += timedelta(days=1)
    return result


def working_days_between(start: date, end: date) -> int:
    """The number of working days ``d`` with ``start <= d < end``.

    Negative when ``end`` comes before ``start`` (as ``numpy.busday_count``).
    """
    first, last = _day(start, "$.start"), _day(end, "$.end")
    if last < first:
        return -working_days_between(last, first)
    return sum(
        1 for offset in range((last - first).days) if is_working_day(first + timedelta(offset))
    )
