"""Finnish dates and times: reading and writing them as a Finnish official would."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import cache
from typing import TYPE_CHECKING, Any, Final, Protocol
from zoneinfo import ZoneInfo

from ekosysteemi._errors import ValidationError, invalid
from ekosysteemi._i18n import N_, Lang, check_lang

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "DATETIME_PATTERN",
    "DATE_PATTERN",
    "DEADLINE_PATTERN",
    "END",
    "HELSINKI",
    "below_year_1000",
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
_EXPECTED_NAMED_DATE = N_(
    'expected a date such as 2.12.2022 or 2022-12-02 (month names are read with lang="fi", '
    '"sv" or "en"), got {value}'
)
_EXPECTED_DATETIME = N_(
    "expected a date and a time such as 2.12.2022 klo 16.15 or 2022-12-02T16:15, got {value}"
)

# The wire forms: one source for the parser (``lang=None``) and the JSON Schema's
# patterns, so that the loader reads exactly what the schema accepts. ASCII digits
# only ([0-9], never \d, which matches every script's digits); four-digit years from
# 1000 on (a two-digit year is ambiguous, and CLDR writes years below 1000 unpadded).
_YEAR = r"([1-9][0-9]{3})"
_ISO_DAY = _YEAR + r"-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_FI_DAY = r"(0?[1-9]|[12][0-9]|3[01])\.(0?[1-9]|1[0-2])\." + _YEAR
_ISO_CLOCK = (
    r"[T ]([01][0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9])(?:\.([0-9]{1,6}))?)?"
    r"(Z|[+-](?:[01][0-9]|2[0-3]):?[0-5][0-9])?"
)
_FI_CLOCK = r"(?: klo)? ([01]?[0-9]|2[0-3])[.:]([0-5][0-9])(?:[.:]([0-5][0-9]))?"
#: The end of a JSON Schema pattern. Python's ``$`` also matches before a final line
#: break, which ECMA-262's does not: the look-ahead makes both refuse it.
END: Final = "$(?!\n)"
#: The JSON Schema patterns of the wire forms (ECMA-262 and Python alike).
DATE_PATTERN: Final = f"^(?:{_ISO_DAY}|{_FI_DAY}){END}"
DATETIME_PATTERN: Final = f"^(?:{_ISO_DAY}{_ISO_CLOCK}|{_FI_DAY}{_FI_CLOCK}){END}"
DEADLINE_PATTERN: Final = (
    f"^(?:{_ISO_DAY}|{_FI_DAY}|{_ISO_DAY}{_ISO_CLOCK}|{_FI_DAY}{_FI_CLOCK}){END}"
)
_WIRE_ISO_DATE: Final = re.compile(_ISO_DAY)
_WIRE_FI_DATE: Final = re.compile(_FI_DAY)
_WIRE_ISO_DATETIME: Final = re.compile(_ISO_DAY + _ISO_CLOCK)
_WIRE_FI_DATETIME: Final = re.compile(_FI_DAY + _FI_CLOCK)
_TIME = r"(?P<hour>[0-9]{1,2})[.:](?P<minute>[0-9]{2})(?:[.:](?P<second>[0-9]{2}))?"
_TIME_ONLY: Final = re.compile(r"(?:(?:klo|kl\.?|at)\s*)?" + _TIME, re.IGNORECASE)
_FIRST_YEAR: Final = 1000
_MAX_TEXT: Final = 100
_OFFSETS: dict[timedelta, timezone] = {}


@cache
def locale_for(lang: str) -> Locale:
    """The Babel locale for ``lang``: Finland's ``fi_FI``, ``sv_FI`` or ``en_FI`` (cached)."""
    from babel import Locale

    return Locale.parse(_LOCALES[check_lang(lang)])


def _text(value: object, template: str, code: str) -> str:
    if not isinstance(value, str):
        raise invalid(code, template, value)
    if len(value) > _MAX_TEXT:
        raise invalid(code, template, value)
    return value


def _human(value: str) -> str:
    """Text a person wrote, with its white space (also no-break spaces) folded to one space."""
    return " ".join(value.split())


def _make_date(year: int, month: int, day: int, value: object) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise invalid(
            "date.nonexistent", N_("{value} is not a day of the calendar"), value
        ) from None


def _wire_date(text: str) -> date | None:
    m = _WIRE_ISO_DATE.fullmatch(text)
    if m:
        return _make_date(int(m[1]), int(m[2]), int(m[3]), text)
    m = _WIRE_FI_DATE.fullmatch(text)
    if m:
        return _make_date(int(m[3]), int(m[2]), int(m[1]), text)
    return None


def _language(lang: object) -> str | None:
    return None if lang is None else check_lang(lang)


def parse_date(text: object, *, lang: Lang | str | None = None) -> date:
    """A date written in Finland.

    With ``lang=None`` (the wire format) it reads exactly ISO ``2022-12-02`` and
    Finland's numeric ``2.12.2022`` / ``02.12.2022``, as the JSON Schema does.
    With ``lang="fi"``, ``"sv"`` or ``"en"`` it also reads that language's CLDR
    forms (month and weekday names, as :func:`format_date` writes them) and
    surrounding or repeated white space; only ``"en"`` reads day-first
    ``2/12/2022``. Years run from 1000 to 9999: a two-digit year is never guessed.

    >>> parse_date("2.12.2022")
    datetime.date(2022, 12, 2)
    >>> parse_date("perjantai 2. joulukuuta 2022", lang="fi")
    datetime.date(2022, 12, 2)

    An impossible date (``31.2.2022``) is an error, never rolled over.
    """
    language = _language(lang)
    s = _text(text, _EXPECTED_DATE, "date.invalid")
    if language is not None:
        s = _human(s)
    found = _wire_date(s)
    if found is not None:
        return found
    if language is not None:
        for form in _forms(language).dates:
            m = form.fullmatch(s)
            if m:
                return _from_fields(m, text, language).date()
    if language is None and any(ch.isalpha() for ch in s):  # a month name without lang
        raise invalid("date.invalid", _EXPECTED_NAMED_DATE, text)
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
    s = _human(_text(text, N_("expected a time of day such as 16.15, got {value}"), "time.invalid"))
    m = _TIME_ONLY.fullmatch(s)
    if not m:
        raise invalid("time.invalid", N_("expected a time of day such as 16.15, got {value}"), text)
    return _time_of(m, text)


def to_helsinki(moment: datetime, *, path: str = "$") -> datetime:
    """``moment`` in Helsinki time; a naive one is read as Helsinki wall time.

    The result carries Helsinki's UTC offset at that instant (+02:00 or +03:00)
    as a fixed offset, so that it always compares by instant. A wall time that
    does not exist in Helsinki (the spring-forward hour) is an error, naive or
    zoned ``Europe/Helsinki``; a naive time in the repeated autumn hour is read
    as its first occurrence (a zoned one's ``fold`` says which).
    """
    if not isinstance(moment, datetime):
        raise invalid("type", N_("expected a date and a time, got {value}"), moment, path)
    zone = moment.tzinfo
    if type(zone) is timezone and _OFFSETS.get(zone.utcoffset(None)) is zone and not moment.fold:
        # One of ours (the common case: every model datetime is): Helsinki time already
        # when its offset is Helsinki's at its wall time and both folds agree there
        # (neither skipped in spring nor repeated in autumn).
        offset = HELSINKI.utcoffset(moment)
        if offset == zone.utcoffset(None) == HELSINKI.utcoffset(moment.replace(fold=1)):
            return moment
    if moment.tzinfo is HELSINKI:
        # astimezone() would hand it back unchanged: its wall time is Helsinki's own,
        # and one the clocks skip is refused as a naive one is (either fold is a guess).
        offset = moment.utcoffset()
        _refuse_skipped(moment.replace(tzinfo=None, fold=0), path)
        return moment.replace(tzinfo=_offset(offset), fold=0)
    if moment.tzinfo is not None and moment.utcoffset() is not None:
        local = moment.astimezone(HELSINKI)
        return local.replace(tzinfo=_offset(local.utcoffset()), fold=0)
    wall = moment.replace(tzinfo=None, fold=0) if moment.fold or moment.tzinfo else moment
    return wall.replace(tzinfo=_offset(_refuse_skipped(wall, path)))


def _refuse_skipped(wall: datetime, path: str) -> timedelta | None:
    """Helsinki's offset at wall time ``wall`` (the first occurrence of a repeated
    autumn hour), or ``ValidationError`` for a wall time the spring clocks skip."""
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
    return first


def _offset(offset: timedelta | None) -> timezone:
    """A fixed-offset zone, shared. A ``ZoneInfo`` datetime in the repeated autumn
    hour compares by wall time with others of the zone and never equals one of
    another zone (PEP 495); a fixed offset always compares by instant."""
    assert offset is not None
    zone = _OFFSETS.get(offset)
    if zone is None:
        zone = _OFFSETS.setdefault(offset, timezone(offset))
    return zone


def _wire_datetime(text: str) -> datetime | None:
    m = _WIRE_ISO_DATETIME.fullmatch(text)
    if m:
        day = _make_date(int(m[1]), int(m[2]), int(m[3]), text)
        micro = int((m[7] or "0").ljust(6, "0"))
        wall = datetime.combine(day, time(int(m[4]), int(m[5]), int(m[6] or 0), micro))
        zone = m[8]
        if zone is None:
            return to_helsinki(wall)
        if zone == "Z":
            return to_helsinki(wall.replace(tzinfo=UTC))
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        return to_helsinki(wall.replace(tzinfo=timezone(-offset if zone[0] == "-" else offset)))
    m = _WIRE_FI_DATETIME.fullmatch(text)
    if m:
        day = _make_date(int(m[3]), int(m[2]), int(m[1]), text)
        return to_helsinki(datetime.combine(day, time(int(m[4]), int(m[5]), int(m[6] or 0))))
    return None


def parse_datetime(text: object, *, lang: Lang | str | None = None) -> datetime:
    """A moment written in Finland, aware, in Helsinki time.

    With ``lang=None`` (the wire format) it reads exactly ISO 8601 with or without
    an offset and ``2.12.2022 klo 16.15`` / ``2.12.2022 16.15`` / ``2.12.2022
    16:15``, as the JSON Schema does. With ``lang`` it also reads that language's
    CLDR forms: what :func:`format_datetime` writes and Babel's short and medium
    date-times (``2 Dec 2028, 13.28.00``). Naive input is Helsinki time.

    >>> parse_datetime("2.12.2022 klo 16.15").isoformat()
    '2022-12-02T16:15:00+02:00'
    """
    language = _language(lang)
    s = _text(text, _EXPECTED_DATETIME, "datetime.invalid")
    if language is not None:
        s = _human(s)
    found = _wire_datetime(s)
    if found is not None:
        return found
    if _TIME_ONLY.fullmatch(s.strip()):
        raise invalid(
            "datetime.no_date",
            N_("a time without a date is not a moment; expected a date too, got {value}"),
            text,
        )
    if language is not None:
        for form in _forms(language).datetimes:
            m = form.fullmatch(s)
            if m:
                return to_helsinki(_from_fields(m, text, language))
    raise invalid("datetime.invalid", _EXPECTED_DATETIME, text)


class _Forms:
    """The compiled CLDR forms of one language: dates, and dates with times."""

    def __init__(self, dates: list[re.Pattern[str]], datetimes: list[re.Pattern[str]]) -> None:
        self.dates = dates
        self.datetimes = datetimes


#: How each CLDR pattern field is read; a field not listed (a zone, an era, a
#: two-digit year) makes the form unreadable, and it is left out.
_FIELDS: Final = {
    "d": r"(?P<day>[0-9]{1,2})",
    "y": r"(?P<year>[1-9][0-9]{3})",
    "H": r"(?P<hour>[0-9]{1,2})",
    "h": r"(?P<hour12>[0-9]{1,2})",
    "m": r"(?P<minute>[0-9]{2})",
    "s": r"(?P<second>[0-9]{2})",
    "a": r"(?P<period>[^\W\d_]+\.?(?: ?[^\W\d_]+\.?)?)",
}
_NAME = r"[^\W\d_]+\.?"


def _field_regex(letter: str, count: int) -> str | None:
    if letter in "ML":
        return r"(?P<month>[0-9]{1,2})" if count <= 2 else rf"(?P<month_name>{_NAME})"
    if letter in "Eec":
        return rf"(?P<weekday>{_NAME})" if count >= 3 or letter == "E" else None
    if letter == "y" and count == 2:
        return None  # two-digit years are ambiguous: never read
    return _FIELDS.get(letter)


def _regex(pattern: str) -> re.Pattern[str] | None:
    """A regex for the CLDR ``pattern``, or ``None`` when it has a field we do not read."""
    from babel.dates import tokenize_pattern

    parts: list[str] = []
    for kind, token in tokenize_pattern(pattern):
        if kind == "chars":
            chars = str(token)
            parts.append("".join(" " if ch.isspace() else re.escape(ch) for ch in chars))
            continue
        letter, count = token  # type: ignore[str-unpack]
        regex = _field_regex(str(letter), int(count))
        if regex is None or regex in parts:
            return None
        parts.append(regex)
    try:
        return re.compile(re.sub(" +", " ", "".join(parts)).strip(), re.IGNORECASE)
    except re.error:  # a field repeated in the pattern
        return None


#: How :func:`format_datetime` joins a date and a time, as CLDR connectors.
_OWN_CONNECTORS: Final = {"fi": "{1} 'klo' {0}", "sv": "{1} 'kl.' {0}", "en": "{1} 'at' {0}"}


@cache
def _forms(lang: str) -> _Forms:
    """The forms of ``lang``, built from the installed Babel's patterns."""
    loc = locale_for(lang)
    date_patterns = [loc.date_formats[style].pattern for style in _STYLES]
    time_patterns = [loc.time_formats[style].pattern for style in ("short", "medium")]
    connectors = [
        value
        for value in (*loc.datetime_formats.values(), _OWN_CONNECTORS[lang])
        if isinstance(value, str) and "{0}" in value and "{1}" in value
    ]
    dates = [r for r in map(_regex, dict.fromkeys(date_patterns)) if r is not None]
    combined = dict.fromkeys(
        connector.replace("{1}", day).replace("{0}", clock)
        for connector in connectors
        for day in date_patterns
        for clock in time_patterns
    )
    datetimes = [r for r in map(_regex, combined) if r is not None]
    return _Forms(dates, datetimes)


@cache
def _names(lang: str) -> tuple[dict[str, int], dict[str, int], dict[str, str]]:
    """Month, weekday and day-period names of ``lang``'s locale, lower-cased."""
    loc = locale_for(lang)
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    periods: dict[str, str] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in loc.months[context][width].items():
                months[name.lower().rstrip(".")] = number
            for number, name in loc.days[context][width].items():
                weekdays[name.lower().rstrip(".")] = number
            for key, name in loc.day_periods[context][width].items():
                if key in ("am", "pm"):
                    periods[_human(name).lower()] = key
    return months, weekdays, periods


def _from_fields(m: re.Match[str], text: object, lang: str) -> datetime:
    """The naive moment that a CLDR form's fields name."""
    months, weekdays, periods = _names(lang)
    fields = m.groupdict()
    month: int | None
    if fields.get("month_name") is not None:
        month = months.get(fields["month_name"].lower().rstrip("."))
        if month is None:
            raise invalid("date.invalid", _EXPECTED_DATE, text)
    else:
        month = int(fields["month"])
    day = _make_date(int(fields["year"]), month, int(fields["day"]), text)
    weekday = fields.get("weekday")
    if weekday is not None and weekdays.get(weekday.lower().rstrip(".")) != day.weekday():
        raise invalid("date.weekday", N_("the weekday does not match the date in {value}"), text)
    hour = int(fields["hour"]) if fields.get("hour") is not None else 0
    if fields.get("hour12") is not None:
        period = periods.get(_human(fields.get("period") or "").lower())
        hour = int(fields["hour12"])
        if period is None or not 1 <= hour <= 12:
            raise invalid("datetime.invalid", _EXPECTED_DATETIME, text)
        hour = hour % 12 + (12 if period == "pm" else 0)
    minute = int(fields.get("minute") or 0)
    second = int(fields.get("second") or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise invalid("time.invalid", N_("expected a time of day such as 16.15, got {value}"), text)
    return datetime.combine(day, time(hour, minute, second))


def _check_date(value: object) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise invalid("type", N_("expected a date, got {value}"), value)
    if value.year < _FIRST_YEAR:
        raise below_year_1000(value)
    return value


def below_year_1000(value: date, path: str = "$") -> ValidationError:
    """The error for a day before the year 1000, which no form here writes or reads:
    CLDR writes such years without padding, and a year of fewer than four digits is
    never read (it could be a two-digit year)."""
    return invalid(
        "date.out_of_range",
        N_("expected a date in the years 1000-9999, got {value}"),
        value.isoformat(),
        path,
    )


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
