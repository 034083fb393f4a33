"""Dated parameters: values that change on a date, kept as data.

The programme's defaults live in ``ekosysteemi/data/parameters.toml``; each
entry is in force from its ``valid_from`` day until the next entry of the
same name. ``Parameters.load(path)`` reads another file of the same form on
top of the defaults, so a new ceiling or rate is a new entry, not new code.

Every entry declares its ``type`` (``decimal``, ``share``, ``int``, ``date``,
``time``, ``text`` or ``list[<type>]``) and its value is read as that Python
type; the standard names have fixed types (:data:`STANDARD_TYPES`).
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import cache, cached_property
from importlib.resources import files
from os import PathLike
from pathlib import Path
from typing import Any, Final

import attrs

from ekosysteemi._errors import ErrorDetail, FileReadError, ValidationError, invalid
from ekosysteemi._i18n import N_
from ekosysteemi._io import parse_toml

__all__ = ["BUNDLED", "STANDARD_TYPES", "WINDOWS", "DatedValue", "Parameters"]

#: The ways earlier de minimis aid is counted.
WINDOWS: Final = ("fiscal_years", "rolling_3_years")
#: What a flat rate of 1.5 % may be a share of.
FLAT_RATE_BASES: Final = ("staff", "other")

#: The standard parameter names and their types.
STANDARD_TYPES: Final[Mapping[str, str]] = {
    "de_minimis.ceiling": "decimal",
    "de_minimis.window": "text",
    "aid_intensity.development": "share",
    "aid_intensity.investment": "share",
    "flat_rate.flat_rate_40": "share",
    "flat_rate.flat_rate_15": "share",
    "flat_rate.flat_rate_7": "share",
    "flat_rate.flat_rate_1_5": "share",
    "flat_rate.flat_rate_1_5.base": "text",
    "cost_models.development": "list[text]",
    "cost_models.investment": "list[text]",
    "costs.eligible_from": "date",
    "costs.eligible_until": "date",
    "deadline.working_day_end": "time",
}
#: The standard text parameters whose value is one of a few words.
_CHOICES: Final[Mapping[str, tuple[str, ...]]] = {
    "de_minimis.window": WINDOWS,
    "flat_rate.flat_rate_1_5.base": FLAT_RATE_BASES,
}
_SCALARS: Final = ("decimal", "share", "int", "date", "time", "text")
_LIST: Final = re.compile(r"list\[(\w+)\]")
_CLOCK: Final = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")
_EXPECTED_TYPE = N_(
    "expected a type such as decimal, share, int, date, time, text or list[text], got {value}"
)


class _Bundled:
    """The default of ``base=``: the bundled parameters, read when first needed."""

    def __repr__(self) -> str:
        return "<the bundled parameters>"


#: ``base=BUNDLED``: on top of the programme's bundled parameters.
BUNDLED: Final = _Bundled()


@attrs.frozen(kw_only=True)
class DatedValue:
    """One value of a parameter, in force from a day.

    Attributes:
        name: the parameter (``de_minimis.ceiling``).
        valid_from: the first day the value is in force.
        value: the value, of the Python type ``type`` names.
        type: the declared type (``decimal``, ``share``, ``list[text]``, …).
        source: where the value comes from (``None`` for a city's own entry without one).
    """

    name: str
    valid_from: date
    value: Any
    type: str
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The entry as plain JSON data, its value written as a parameter file writes it."""
        return {
            "valid_from": self.valid_from.isoformat(),
            "type": self.type,
            "value": _write(self.value),
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, name: str, data: Any, path: str = "$") -> DatedValue:
        """The entry that :meth:`to_dict` wrote for the parameter ``name``."""
        if not isinstance(data, Mapping):
            raise invalid("type", N_("expected an object with keys, got {value}"), data, path)
        return _entry({"name": name, **data}, path, {}, require_source=False)


def _write(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, tuple):
        return [_write(each) for each in value]
    return value


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value)
        except (InvalidOperation, ValueError):
            return None
    else:
        return None
    return number if number.is_finite() else None


def _read_scalar(kind: str, value: Any) -> Any:
    """``value`` as ``kind``, or ``None`` when it is not one."""
    if kind == "decimal":
        return _decimal(value)
    if kind == "share":
        number = _decimal(value)
        return number if number is not None and 0 <= number <= 1 else None
    if kind == "int":
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if kind == "date":
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str):
            from ekosysteemi.fi._dates import parse_date

            try:
                return parse_date(value)
            except ValidationError:
                return None
        return None
    if kind == "time":
        if isinstance(value, time) and value.tzinfo is None:
            return value
        m = _CLOCK.fullmatch(value) if isinstance(value, str) else None
        return time(int(m[1]), int(m[2])) if m else None
    if kind == "text":
        return value if isinstance(value, str) and value.strip() else None
    return None  # pragma: no cover - kinds are checked before


def _reader(kind: str) -> Callable[[Any], Any] | None:
    """A function reading a value of ``kind``, or ``None`` for an unknown type."""
    if kind in _SCALARS:
        return lambda value: _read_scalar(kind, value)
    m = _LIST.fullmatch(kind)
    if m is None or m[1] not in _SCALARS:
        return None
    item = m[1]

    def read(value: Any) -> Any:
        if not isinstance(value, list | tuple):
            return None
        items = [_read_scalar(item, each) for each in value]
        return None if any(each is None for each in items) else tuple(items)

    return read


def _typed(name: str, kind: str, value: Any, path: str) -> Any:
    read = _reader(kind)
    assert read is not None
    result = read(value)
    choices = _CHOICES.get(name)
    if result is not None and (choices is None or result in choices):
        return result
    expected = " or ".join(choices) if choices is not None else kind
    raise invalid(
        "parameter.value",
        N_("expected {expected} for {name}, got {value}"),
        value,
        path,
        expected=expected,
        name=name,
    )


@attrs.frozen
class Parameters:
    """A set of dated parameters: each name's values, ordered by ``valid_from``.

    >>> params = Parameters.default()
    >>> params.on("de_minimis.ceiling", date(2023, 12, 29)).value
    Decimal('200000')
    >>> params.on("de_minimis.ceiling", date(2024, 1, 2)).value
    Decimal('300000')
    """

    entries: Mapping[str, tuple[DatedValue, ...]]

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        *,
        base: Parameters | None = None,
        require_source: bool = False,
    ) -> Parameters:
        """Parameters from records with ``name``, ``type``, ``valid_from``, ``value`` and
        (optionally, unless ``require_source``) ``source``, on top of ``base``: an entry
        with a name and ``valid_from`` that ``base`` has replaces it; others extend it."""
        merged: dict[tuple[str, date], DatedValue] = {
            (value.name, value.valid_from): value
            for values in (base.entries.values() if base is not None else ())
            for value in values
        }
        types = {name: values[0].type for name, values in (base.entries if base else {}).items()}
        seen: set[tuple[str, date]] = set()
        errors: list[ErrorDetail] = []
        if not isinstance(records, list | tuple):
            raise invalid("type", N_("expected a list of parameters, got {value}"), records)
        for index, record in enumerate(records):
            path = f"$.parameter[{index}]"
            try:
                entry = _entry(record, path, types, require_source)
            except ValidationError as error:
                errors.extend(error.errors)
                continue
            key = (entry.name, entry.valid_from)
            if key in seen:
                errors.extend(
                    invalid(
                        "parameter.duplicate",
                        N_("{value} has two entries valid from the same day"),
                        entry.name,
                        path,
                    ).errors
                )
                continue
            seen.add(key)
            types.setdefault(entry.name, entry.type)
            merged[key] = entry
        if errors:
            raise ValidationError(errors)
        grouped: dict[str, list[DatedValue]] = {}
        for entry in merged.values():
            grouped.setdefault(entry.name, []).append(entry)
        return cls(
            {
                name: tuple(sorted(values, key=lambda v: v.valid_from))
                for name, values in sorted(grouped.items())
            }
        )

    @classmethod
    def load(
        cls, path: str | PathLike[str], *, base: Parameters | _Bundled | None = BUNDLED
    ) -> Parameters:
        """Parameters from a TOML file of ``[[parameter]]`` tables (as the bundled one),
        on top of ``base``: by default the programme's defaults; ``None`` reads the file
        alone."""
        below = cls.default() if isinstance(base, _Bundled) else base
        if below is not None and not isinstance(below, Parameters):
            raise invalid("type", N_("expected parameters as base, got {value}"), base, "$.base")
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise FileReadError(f"cannot read {file}: {error}") from error
        return cls.from_records(parse_toml(text).get("parameter", []), base=below)

    @classmethod
    def default(cls) -> Parameters:
        """The programme's defaults, bundled with the library."""
        return _default()

    @cached_property
    def digest(self) -> str:
        """A hash of every entry, stable across runs: which parameters a check used."""
        text = json.dumps(
            {name: [value.to_dict() for value in values] for name, values in self.entries.items()},
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def names(self) -> tuple[str, ...]:
        """Every name known here: the standard names and those with entries."""
        return tuple(sorted({*STANDARD_TYPES, *self.entries}))

    def knows(self, name: str) -> bool:
        """Whether ``name`` is a standard name or has an entry here."""
        return name in STANDARD_TYPES or name in self.entries

    def on(self, name: str, day: date) -> DatedValue:
        """The value of ``name`` in force on ``day``."""
        if not isinstance(name, str) or not isinstance(day, date):
            raise invalid(
                "parameter.unknown",
                N_("expected a parameter name and a date, got {value}"),
                (name, day),
            )
        memo = self._in_force
        found = memo.get((name, day))
        if found is not None:  # the same question, asked again by the next proposal
            return found
        values = self.entries.get(name)
        if not values:
            raise invalid("parameter.unknown", N_("no parameter {value} is defined"), name)
        index = bisect.bisect_right(values, day, key=_valid_from) - 1
        if index < 0:
            raise invalid(
                "parameter.not_in_force",
                N_("no value of {value} is in force on {day}"),
                name,
                day=day.isoformat(),
            )
        if len(memo) < _MAX_MEMO:
            memo[name, day] = values[index]
        return values[index]

    @cached_property
    def _in_force(self) -> dict[tuple[str, date], DatedValue]:
        """The answers of :meth:`on` so far (the entries never change)."""
        return {}


#: How many (name, day) answers a parameter set remembers.
_MAX_MEMO: Final = 10_000


def _valid_from(value: DatedValue) -> date:
    return value.valid_from


def _entry(record: Any, path: str, types: Mapping[str, str], require_source: bool) -> DatedValue:
    if not isinstance(record, Mapping):
        raise invalid(
            "parameter.invalid",
            N_("expected a parameter with name, type, valid_from and value, got {value}"),
            record,
            path,
        )
    errors: list[ErrorDetail] = []

    def fail(code: str, template: str, value: object, where: str, **params: object) -> None:
        errors.extend(invalid(code, template, value, f"{path}.{where}", **params).errors)

    for key in record:
        if key not in ("name", "type", "valid_from", "value", "source", "note"):
            fail(
                "key.unknown",
                N_("unknown key {value}; expected one of {choices}"),
                key,
                str(key),
                choices="name, type, valid_from, value, source, note",
            )
    name, kind = record.get("name"), record.get("type")
    valid_from, source = record.get("valid_from"), record.get("source")
    if not isinstance(name, str) or not name.strip():
        fail("parameter.invalid", N_("expected a parameter name, got {value}"), name, "name")
    if not isinstance(kind, str) or _reader(kind) is None:
        fail("parameter.type", _EXPECTED_TYPE, kind, "type")
    elif isinstance(name, str):
        required = STANDARD_TYPES.get(name) or types.get(name)
        if required is not None and kind != required:
            fail(
                "parameter.type",
                N_("{name} has the type {expected}, got {value}"),
                kind,
                "type",
                name=name,
                expected=required,
            )
    if isinstance(valid_from, str):  # JSON has no dates: an ISO date as text
        with contextlib.suppress(ValueError):
            valid_from = date.fromisoformat(valid_from)
    if isinstance(valid_from, datetime) or not isinstance(valid_from, date):
        fail("parameter.invalid", N_("expected a date, got {value}"), valid_from, "valid_from")
    if source is None and require_source:
        fail(
            "parameter.invalid",
            N_("every parameter needs its source, got {value}"),
            source,
            "source",
        )
    elif source is not None and (not isinstance(source, str) or not source.strip()):
        fail("parameter.invalid", N_("expected a source as text, got {value}"), source, "source")
    if "value" not in record:
        fail("key.required", N_("this key is required"), None, "value")
    if errors:
        raise ValidationError(errors)
    assert isinstance(name, str)
    assert isinstance(kind, str)
    assert isinstance(valid_from, date)
    value = _typed(name, kind, record["value"], path + ".value")
    return DatedValue(name=name, valid_from=valid_from, value=value, type=kind, source=source)


@cache
def _default() -> Parameters:
    text = files("ekosysteemi").joinpath("data", "parameters.toml").read_text(encoding="utf-8")
    return Parameters.from_records(parse_toml(text).get("parameter", []), require_source=True)
