"""The values a finding holds, on the wire and in templates.

A finding's ``expected``, ``actual`` and template parameters are written as
``{"type": T, "value": V}`` so that a report read back equals the one written
(see the contract's "Reports on the wire"). Only these Python types can be
written: ``None``, ``bool``, ``int``, ``str``, ``Decimal``, ``date``,
``datetime``, ``Deadline``, ``Period``, the library's enumerations,
``LocalizedText``, and lists, sets and string-keyed mappings of them.
:func:`writable` normalises a value (lists become tuples, sets frozensets)
or says why it cannot be written.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, Final

from ekosysteemi._errors import ValidationError, invalid, rebase
from ekosysteemi._i18n import N_
from ekosysteemi._model import _enums
from ekosysteemi._model._values import Deadline, LocalizedText, Period
from ekosysteemi.fi._dates import to_helsinki

__all__ = [
    "SPECS",
    "Unwritable",
    "fields_of",
    "read_value",
    "spec_fits",
    "writable",
    "write_localized",
    "write_value",
]

#: The format specs a template may give a value (``{limit:euros}``), and "" for none.
SPECS: Final = ("", "euros", "percent", "date", "datetime", "list")

_ENUMS: Final[Mapping[str, type[Enum]]] = {
    kind.__name__: kind
    for kind in (getattr(_enums, name) for name in _enums.__all__)
    if isinstance(kind, type) and issubclass(kind, Enum) and len(kind)
}


class Unwritable(Exception):
    """A value of a type the wire format cannot write."""

    def __init__(self, value: object) -> None:
        super().__init__(value)
        self.value = value


#: Types a finding keeps as they are (exact types: a subclass takes the slow path).
_KEEP: Final[frozenset[type]] = frozenset(
    {type(None), bool, int, str, date, Deadline, Period, LocalizedText, *_ENUMS.values()}
)


def writable(value: Any) -> Any:
    """``value`` in the form a finding keeps (tuples, frozensets, dicts), or raise
    :class:`Unwritable`."""
    kind = type(value)
    if kind in _KEEP:  # the common case, without isinstance chains
        return value
    if kind is Decimal:
        if value.is_finite():
            return value
        raise Unwritable(value)
    if kind is datetime:
        if value.utcoffset() is None:  # naive: no moment a report can write
            raise Unwritable(value)
        return value
    keep = _KEEP
    if kind is tuple or kind is frozenset:
        for item in value:
            if type(item) not in keep:
                return kind(writable(item) for item in value)
        return value  # immutable, and every item kept as it is
    if kind is list:
        return tuple([item if type(item) in keep else writable(item) for item in value])
    if kind is dict:
        written = {}
        for key, item in value.items():
            if type(key) is not str:
                raise Unwritable(value)
            written[key] = item if type(item) in keep else writable(item)
        return written
    return _writable(value)


def _writable(value: Any) -> Any:
    """The slow path of :func:`writable`: subclasses and the rarer types."""
    if value is None or isinstance(value, bool | int | str | Decimal):
        if isinstance(value, Decimal) and not value.is_finite():
            raise Unwritable(value)
        return value
    if isinstance(value, Enum):
        if _ENUMS.get(type(value).__name__) is not type(value):
            raise Unwritable(value)
        return value
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise Unwritable(value)
        return value
    if isinstance(value, date | Deadline | Period | LocalizedText):
        return value
    if isinstance(value, Mapping):
        if not all(isinstance(key, str) for key in value):
            raise Unwritable(value)
        return {key: writable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return tuple(writable(item) for item in value)
    if isinstance(value, set | frozenset):
        return frozenset(writable(item) for item in value)
    raise Unwritable(value)


def _decimal_text(value: Decimal, amount: bool) -> str:
    if amount and value.as_tuple().exponent > -2:  # type: ignore[operator]
        return f"{value:.2f}"
    return format(value, "f")


def write_value(value: Any, tag: str | None = None) -> dict[str, Any]:
    """``{"type": T, "value": V}`` for a writable value; ``tag`` says how a ``Decimal``
    is read (``amount`` or ``share``; else ``decimal``)."""
    if value is None:
        return {"type": "null", "value": None}
    if isinstance(value, bool):
        return {"type": "bool", "value": value}
    if isinstance(value, int):
        return {"type": "int", "value": value}
    if isinstance(value, Enum):
        return {"type": f"enum:{type(value).__name__}", "value": value.value}
    if isinstance(value, str):
        return {"type": "text", "value": value}
    if isinstance(value, Decimal):
        kind = tag if tag in ("amount", "share") else "decimal"
        return {"type": kind, "value": _decimal_text(value, kind == "amount")}
    if isinstance(value, datetime):
        return {"type": "datetime", "value": to_helsinki(value).isoformat()}
    if isinstance(value, date):
        return {"type": "date", "value": value.isoformat()}
    if isinstance(value, Deadline):
        return {"type": "deadline", "value": str(value)}
    if isinstance(value, Period):
        return {
            "type": "period",
            "value": {"start": value.start.isoformat(), "end": value.end.isoformat()},
        }
    if isinstance(value, LocalizedText):
        return {"type": "localized_text", "value": write_localized(value)}
    if isinstance(value, Mapping):
        return {"type": "mapping", "value": {k: write_value(v) for k, v in value.items()}}
    if isinstance(value, frozenset | set):
        items = [write_value(item) for item in value]
        items.sort(key=lambda item: json.dumps(item["value"], sort_keys=True))
        return {"type": "set", "value": items}
    if isinstance(value, tuple | list):
        return {"type": "list", "value": [write_value(item) for item in value]}
    raise Unwritable(value)


def write_localized(value: LocalizedText) -> dict[str, str]:
    """A text in several languages as the wire writes it, without its missing languages."""
    texts = {"fi": value.fi, "sv": value.sv, "en": value.en}
    return {k: v for k, v in texts.items() if v is not None}


def _bad(value: object, path: str) -> ValidationError:
    return invalid(
        "value.invalid",
        N_('expected a typed value {{"type": …, "value": …}}, got {value}'),
        value,
        path,
    )


def read_value(data: Any, path: str = "$") -> Any:
    """The value that :func:`write_value` wrote, or ``ValidationError``."""
    if not isinstance(data, Mapping) or set(data) != {"type", "value"}:
        raise _bad(data, path)
    kind, value = data["type"], data["value"]
    if not isinstance(kind, str):
        raise _bad(data, path)
    try:
        return _read(kind, value, path)
    except ValidationError as error:  # a period or text: its problems under this value
        raise rebase(error, f"{path}.value") from None
    except (ValueError, TypeError, ArithmeticError):
        raise _bad(data, path) from None


def _read(kind: str, value: Any, path: str) -> Any:
    from ekosysteemi._io import from_dict

    checks: dict[str, type | tuple[type, ...]] = {
        "null": type(None),
        "bool": bool,
        "int": int,
        "text": str,
    }
    if kind in checks:
        if not isinstance(value, checks[kind]) or (kind == "int" and isinstance(value, bool)):
            raise ValueError(kind)
        return value
    if kind in ("amount", "share", "decimal"):
        if not isinstance(value, str):
            raise ValueError(kind)
        number = Decimal(value)
        if not number.is_finite():
            raise ValueError(kind)
        return number
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "datetime":
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError(kind)
        return to_helsinki(moment)
    if kind == "deadline":
        return Deadline.parse(value)
    if kind == "period":
        return from_dict(Period, value)
    if kind == "localized_text":
        return from_dict(LocalizedText, value)
    if kind.startswith("enum:") and kind[5:] in _ENUMS:
        return _ENUMS[kind[5:]](value)
    if kind == "mapping" and isinstance(value, Mapping):
        return {str(k): read_value(v, f"{path}.value.{k}") for k, v in value.items()}
    if kind in ("list", "set") and isinstance(value, list):
        items = [read_value(v, f"{path}.value[{i}]") for i, v in enumerate(value)]
        return tuple(items) if kind == "list" else frozenset(items)
    raise ValueError(kind)


@cache
def fields_of(text: str) -> tuple[tuple[str, str, str | None], ...]:
    """``(name, spec, conversion)`` of each placeholder of a template text; raises
    ``ValueError`` for a text that is not a template (an unmatched brace)."""
    found: list[tuple[str, str, str | None]] = []
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            found.append((name, spec or "", conversion))
    return tuple(found)


def spec_fits(spec: str, value: Any) -> bool:
    """Whether a placeholder with ``spec`` can write ``value`` for a person."""
    if spec in ("euros", "percent"):
        return isinstance(value, Decimal | int) and not isinstance(value, bool)
    if spec == "date":
        return isinstance(value, date | Deadline)
    if spec == "datetime":
        return isinstance(value, datetime)
    if spec == "list":
        return isinstance(value, tuple | frozenset)
    if spec == "":  # a plain value: a container would show as a Python repr
        return not isinstance(value, tuple | frozenset | Mapping)
    return False
