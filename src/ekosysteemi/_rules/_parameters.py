"""Dated parameters: values that change on a date, kept as data.

The programme's defaults live in ``ekosysteemi/data/parameters.toml``; each
entry is in force from its ``valid_from`` day until the next entry of the
same name. ``Parameters.load(path)`` reads another file of the same form, so
a new ceiling or rate is a new entry, not new code.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from functools import cache
from importlib.resources import files
from os import PathLike
from pathlib import Path
from typing import Any, Final

import attrs

from ekosysteemi._errors import ErrorDetail, FileReadError, ValidationError, invalid
from ekosysteemi._i18n import N_
from ekosysteemi._io import parse_toml

__all__ = ["DatedValue", "Parameters", "WINDOWS"]

#: The ways earlier de minimis aid is counted.
WINDOWS: Final = ("fiscal_years", "rolling_3_years")

#: The type of each parameter the standard rules read.
_TYPES: Final[Mapping[str, str]] = {
    "de_minimis.ceiling": "euros",
    "de_minimis.window": "window",
    "aid_intensity.development": "fraction",
    "aid_intensity.investment": "fraction",
    "flat_rate.flat_rate_40": "fraction",
    "flat_rate.flat_rate_15": "fraction",
    "flat_rate.flat_rate_7": "fraction",
    "costs.eligible_from": "date",
    "costs.eligible_until": "date",
}


@attrs.frozen(kw_only=True)
class DatedValue:
    """One value of a parameter, in force from a day.

    Attributes:
        name: the parameter (``de_minimis.ceiling``).
        valid_from: the first day the value is in force.
        value: the value (a ``Decimal``, a ``date`` or a text).
        source: where the value comes from.
    """

    name: str
    valid_from: date
    value: Any
    source: str

    def to_dict(self) -> dict[str, Any]:
        value = self.value
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        return {"value": value, "valid_from": self.valid_from.isoformat(), "source": self.source}


def _typed(name: str, value: Any, path: str) -> Any:
    """``value`` as the type the standard rules read for ``name``; a city's own
    parameter is kept as written."""
    kind = _TYPES.get(name)
    if kind is None:
        return value
    if kind in ("euros", "fraction") and isinstance(value, str):
        try:
            number = Decimal(value)
        except ArithmeticError:
            number = Decimal("NaN")
        if number.is_finite() and number >= 0 and (kind == "euros" or number <= 1):
            return number
    elif (kind == "date" and isinstance(value, date)) or (kind == "window" and value in WINDOWS):
        return value
    expected = " or ".join(WINDOWS) if kind == "window" else kind
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
    def from_records(cls, records: Iterable[Mapping[str, Any]]) -> Parameters:
        """Parameters from records with ``name``, ``valid_from``, ``value`` and ``source``."""
        grouped: dict[str, list[DatedValue]] = {}
        errors: list[ErrorDetail] = []
        for index, record in enumerate(records):
            path = f"$.parameter[{index}]"
            try:
                grouped.setdefault(record["name"], []).append(_entry(record, path))
            except ValidationError as error:
                errors.extend(error.errors)
            except (KeyError, TypeError):
                errors.extend(
                    invalid(
                        "parameter.invalid",
                        N_(
                            "expected a parameter with name, valid_from, value and source, "
                            "got {value}"
                        ),
                        record,
                        path,
                    ).errors
                )
        if errors:
            raise ValidationError(errors)
        return cls(
            {
                name: tuple(sorted(values, key=lambda v: v.valid_from))
                for name, values in grouped.items()
            }
        )

    @classmethod
    def load(cls, path: str | PathLike[str]) -> Parameters:
        """Parameters from a TOML file of ``[[parameter]]`` tables (as the bundled one)."""
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise FileReadError(f"cannot read {file}: {error}") from error
        return cls.from_records(parse_toml(text).get("parameter", []))

    @classmethod
    def default(cls) -> Parameters:
        """The programme's defaults, bundled with the library."""
        return _default()

    def on(self, name: str, day: date) -> DatedValue:
        """The value of ``name`` in force on ``day``."""
        if not isinstance(name, str) or not isinstance(day, date):
            raise invalid(
                "parameter.unknown",
                N_("expected a parameter name and a date, got {value}"),
                (name, day),
            )
        values = self.entries.get(name)
        if not values:
            raise invalid("parameter.unknown", N_("no parameter {value} is defined"), name)
        index = bisect.bisect_right([v.valid_from for v in values], day) - 1
        if index < 0:
            raise invalid(
                "parameter.not_in_force",
                N_("no value of {value} is in force on {day}"),
                name,
                day=day.isoformat(),
            )
        return values[index]


def _entry(record: Mapping[str, Any], path: str) -> DatedValue:
    name, valid_from, source = record["name"], record["valid_from"], record["source"]
    if not isinstance(name, str) or not name:
        raise invalid(
            "parameter.invalid", N_("expected a parameter name, got {value}"), name, path + ".name"
        )
    if not isinstance(valid_from, date):
        raise invalid(
            "parameter.invalid",
            N_("expected a date, got {value}"),
            valid_from,
            path + ".valid_from",
        )
    if not isinstance(source, str) or not source.strip():
        raise invalid(
            "parameter.invalid",
            N_("every parameter needs its source, got {value}"),
            source,
            path + ".source",
        )
    value = _typed(name, record["value"], path + ".value")
    return DatedValue(name=name, valid_from=valid_from, value=value, source=source)


@cache
def _default() -> Parameters:
    text = files("ekosysteemi").joinpath("data", "parameters.toml").read_text(encoding="utf-8")
    return Parameters.from_records(parse_toml(text).get("parameter", []))
