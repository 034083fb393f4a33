"""Finnish dates and times: reading and writing them as a Finnish official would."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from functools import cache
from typing import TYPE_CHECKING, Any, Final, Protocol
from zoneinfo import ZoneInfo

from ekosysteemi._errors import ValidationError, invalid
from ekosysteemi._i18n import N_, Lang, check_lang

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "HELSINKI",
    "format_date",
    "format_datetime",
    "format_period",
    "format_time",
    "locale_for",
    "parse_date",
    "parse_datetime",
    "parse_time",
    "to_helsinki",
]

#: Finland's time zone, Europe/Helsinki (+02:00 in winter, +03:00 in summer).
HELSINKI: Final = ZoneInfo("Europe/Helsinki")

_LOCALES: Final = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_FI"}
_STYLES: Final = ("short", "medium", "long", "full")
#: The style a language writes by default: ``en_FI``'s short form (02/12/2022) is
#: ambiguous to an international reader, so English uses the medium one (2 Dec 2022).
_DEFAULT_STYLE: Final = {"fi": "short", "sv": "short", "en": "medium"}
_TIME_WORDS: Final = {"fi": "klo", "sv": "kl.", "en": "at"}

_EXPECTED_DATE = N_("expected a date such as 2.12.2022 or 2022-12-02, got {value}")
_EXPECTED_DATETIME = N_(
    "expected a date and a time such as 2.12.2022 klo 16.15 or 2022-12-02T16:15, got {value}"
)

_FI_DATE: Final = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_DATE: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SLASH_DATE: Final = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_NAMED_DATE: Final = re.compile(
    r"(?:(?P<weekday>[^\W\d_]+),?\s+)?(?P<day>\d{1,2})\.?\s+(?P<month>[^\W\d_]+\.?)\s+(?P<year>\d{4})"
)
_TIME = r"(?P<hour>\d{1,2})[.:](?P<minute>\d{2})(?:[.:](?P<second>\d{2}))?"
_TIME_ONLY: Final = re.compile(r"(?:(?:klo|kl\.?|at)\s*)?" + _TIME, re.IGNORECASE)
_FI_DATETIME: Final = re.compile(
    r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?:\s+klo)?\s+" + _TIME
)
_DATETIME: Final = re.compile(
    r"(?P<date>.+?)(?:,?\s+(?:klo|kl\.?|at)\s+|\s+|T)" + _TIME, re.IGNORECASE
)
_ISO_DATETIME: Final = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?"
)
_MAX_TEXT: Final = 100
_OFFSETS: dict[timedelta, timezone] = {}


@cache
def locale_for(lang: str) -> Locale:
    """The Babel locale for ``lang``: Finland's ``fi_FI``, ``sv_FI`` or ``en_FI`` (cached)."""
    from babel import Locale

    return Locale.parse(_LOCALES[check_lang(lang)])


@cache
def _names() -> tuple[dict[str, int], dict[str, int]]:
    """Month and weekday names of every form Finland's locales write, lower-cased."""
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for lang in _LOCALES:
        loc = locale_for(lang)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in loc.months[context][width].items():
                    months[name.lower().rstrip(".")] = number
                for number, name in loc.days[context][width].items():
                    weekdays[name.lower().rstrip(".")] = number
    return months, weekdays


def _text(value: object, template: str, code: str) -> str:
    if not isinstance(value, str):
        raise invalid(code, template, value)
    if len(value) > _MAX_TEXT:
        raise invalid(code, template, value)
    return value.strip()


def _make_date(year: int, month: int, day: int, value: object) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise invalid(
            "date.nonexistent", N_("{value} is not a day of the calendar"), value
        ) from None


def parse_date(text: object) -> date:
    """A date written in Finland: ``2.12.2022``, ``02.12.2022``, ISO ``2022-12-02``,
    or any form :func:`format_date` writes in Finnish, Swedish or English.

    >>> parse_date("2.12.2022")
    datetime.date(2022, 12, 2)
    >>> parse_date("perjantai 2. joulukuuta 2022")
    datetime.date(2022, 12, 2)

    An impossible date (``31.2.2022``) is an error, never rolled over.
    """
    s = _text(text, _EXPECTED_DATE, "date.invalid")
    m = _FI_DATE.fullmatch(s) or _SLASH_DATE.fullmatch(s)
    if m:
        return _make_date(int(m[3]), int(m[2]), int(m[1]), text)
    m = _ISO_DATE.fullmatch(s)
    if m:
        return _make_date(int(m[1]), int(m[2]), int(m[3]), text)
    m = _NAMED_DATE.fullmatch(s)
    if m:
        months, weekdays = _names()
        month = months.get(m["month"].lower().rstrip("."))
        if month is not None:
            result = _make_date(int(m["year"]), month, int(m["day"]), text)
            weekday = m["weekday"]
            if weekday is None:
                return result
            if weekdays.get(weekday.lower().rstrip(".")) == result.weekday():
                return result
            raise invalid(
                "date.weekday",
                N_("the weekday does not match the date in {value}"),
                text,
            )
    raise invalid("date.invalid", _EXPECTED_DATE, text)


def _time_of(match: re.Match[str], value: object) -> time:
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise invalid(
            "time.invalid", N_("expected a time of day such as 16.15, got {value}"), value
        )
    return time(hour, minute, second)


def parse_time(text: object) -> time:
    """A time of day: ``16.15``, ``klo 16.15``, ``16:15`` or ``16.15.05``."""
    s = _text(text, N_("expected a time of day such as 16.15, got {value}"), "time.invalid")
    m = _TIME_ONLY.fullmatch(s)
    if not m:
        raise invalid("time.invalid", N_("expected a time of day such as 16.15, got {value}"), text)
    return _time_of(m, text)


def to_helsinki(moment: datetime, *, path: str = "$") -> datetime:
    """``moment`` in Helsinki time; a naive one is read as Helsinki wall time.

    The result carries Helsinki's UTC offset at that instant (+02:00 or +03:00)
    as a fixed offset, so that it always compares by instant. A wall time that
    does not exist in Helsinki (the spring-forward hour) is an error; the
    repeated autumn hour is read as its first occurrence.
    """
    if not isinstance(moment, datetime):
        raise invalid("type", N_("expected a date and a time, got {value}"), moment, path)
    if moment.tzinfo is not None and moment.utcoffset() is not None:
        local = moment.astimezone(HELSINKI)
        return local.replace(tzinfo=_offset(local.utcoffset()), fold=0)
    wall = moment.replace(tzinfo=None, fold=0) if moment.fold or moment.tzinfo else moment
    first = HELSINKI.utcoffset(wall)
    # PEP 495: in the spring gap the offset for fold=0 is the smaller one; in the
    # repeated autumn hour it is the larger one, the first occurrence.
    if first is not None and first < HELSINKI.utcoffset(wall.replace(fold=1)):  # type: ignore[operator]
        raise invalid(
            "datetime.nonexistent",
            N_("{value} does not exist in Helsinki time (the clocks skip that hour)"),
            wall.isoformat(),
            path,
        )
    return wall.replace(tzinfo=_offset(first))


def _offset(offset: timedelta | None) -> timezone:
    """A fixed-offset zone, shared. A ``ZoneInfo`` datetime in the repeated autumn
    hour compares by wall time with others of the zone and never equals one of
    another zone (PEP 495); a fixed offset always compares by instant."""
    assert offset is not None
    zone = _OFFSETS.get(offset)
    if zone is None:
        zone = _OFFSETS.setdefault(offset, timezone(offset))
    return zone


def parse_datetime(text: object) -> datetime:
    """A moment written in Finland, aware, in Helsinki time.

    Reads ``2.12.2022 klo 16.15``, ``2.12.2022 16.15``, ``2.12.2022 16:15``,
    every form :func:`format_datetime` writes, and ISO 8601 with or without
    an offset. Naive input is Helsinki time.

    >>> parse_datetime("2.12.2022 klo 16.15").isoformat()
    '2022-12-02T16:15:00+02:00'
    """
    s = _text(text, _EXPECTED_DATETIME, "datetime.invalid")
    if _ISO_DATETIME.fullmatch(s):
        try:
            parsed = datetime.fromisoformat(s)
        except ValueError:
            raise invalid("datetime.invalid", _EXPECTED_DATETIME, text) from None
        return to_helsinki(parsed)
    m = _FI_DATETIME.fullmatch(s)
    if m is not None:
        day = _make_date(int(m["year"]), int(m["month"]), int(m["day"]), text)
        return to_helsinki(datetime.combine(day, _time_of(m, text)))
    if _TIME_ONLY.fullmatch(s):
        raise invalid(
            "datetime.no_date",
            N_("a time without a date is not a moment; expected a date too, got {value}"),
            text,
        )
    m = _DATETIME.fullmatch(s)
    if m is None:
        raise invalid("datetime.invalid", _EXPECTED_DATETIME, text)
    try:
        day = parse_date(m["date"])
    except ValidationError:
        raise invalid("datetime.invalid", _EXPECTED_DATETIME, text) from None
    return to_helsinki(datetime.combine(day, _time_of(m, text)))


def _check_date(value: object) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise invalid("type", N_("expected a date, got {value}"), value)
    return value


def _check_style(style: object, lang: str) -> str:
    if style is None:
        return _DEFAULT_STYLE[check_lang(lang)]
    if style not in _STYLES:
        raise invalid(
            "style.unsupported",
            N_("expected one of {choices}, got {value}"),
            style,
            choices=", ".join(_STYLES),
        )
    return str(style)


def format_date(day: date, style: str | None = None, lang: Lang | str = "fi") -> str:
    """``day`` as Finland writes it, through CLDR (Babel).

    ``style`` is ``"short"``, ``"medium"``, ``"long"`` or ``"full"``; by default
    ``"short"`` in Finnish and Swedish (2.12.2022), ``"medium"`` in English
    (2 Dec 2022).

    >>> format_date(date(2022, 12, 2))
    '2.12.2022'
    >>> format_date(date(2022, 12, 2), style="long")
    '2. joulukuuta 2022'
    >>> format_date(date(2022, 12, 2), style="long", lang="sv")
    '2 december 2022'
    """
    from babel.dates import format_date as babel_format_date

    return str(
        babel_format_date(
            _check_date(day), format=_check_style(style, lang), locale=locale_for(lang)
        )
    )


def format_time(moment: time, lang: Lang | str = "fi") -> str:
    """A time of day as Finland writes it: ``16.15``, with seconds when they are not zero."""
    from babel.dates import format_time as babel_format_time

    if not isinstance(moment, time):
        raise invalid("type", N_("expected a time of day, got {value}"), moment)
    width = "medium" if moment.second or moment.microsecond else "short"
    return str(babel_format_time(moment.replace(microsecond=0), width, locale=locale_for(lang)))


def format_datetime(moment: datetime, style: str | None = None, lang: Lang | str = "fi") -> str:
    """``moment`` in Helsinki time, whatever its zone: ``2.12.2022 klo 16.15``.

    >>> from datetime import UTC
    >>> format_datetime(datetime(2022, 12, 2, 14, 15, tzinfo=UTC))
    '2.12.2022 klo 16.15'
    >>> format_datetime(datetime(2022, 12, 2, 16, 15), lang="sv")
    '2.12.2022 kl. 16.15'
    """
    if not isinstance(moment, datetime):
        raise invalid("type", N_("expected a date and a time, got {value}"), moment)
    local = to_helsinki(moment)
    word = _TIME_WORDS[check_lang(lang)]
    return f"{format_date(local.date(), style, lang)} {word} {format_time(local.time(), lang)}"


class _HasEnds(Protocol):
    @property
    def start(self) -> date: ...
    @property
    def end(self) -> date: ...


def format_period(period: _HasEnds, style: str | None = None, lang: Lang | str = "fi") -> str:
    """A range of dates with an en dash: ``1.1.2021–31.12.2029``."""
    start: Any = getattr(period, "start", None)
    end: Any = getattr(period, "end", None)
    if not isinstance(start, date) or not isinstance(end, date):
        raise invalid("type", N_("expected a period with a start and an end, got {value}"), period)
    return f"{format_date(start, style, lang)}–{format_date(end, style, lang)}"
