"""JSON Schema (2020-12) of the wire format, generated from the model classes.

Types come from the classes' annotations, constraints from the checks each
field declares (``_checks.HINTS``), descriptions from the ``Attributes:``
sections of the docstrings. The schema describes the documents the loader
reads in their canonical form (ISO dates and also Finnish ``d.M.yyyy``);
what only the loader can check (check digits, calendar days such as 31.2.,
an end before its start) it leaves to the loader.
"""

from __future__ import annotations

import enum
import inspect
import re
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Final

import attrs

from ekosysteemi._errors import invalid
from ekosysteemi._i18n import N_
from ekosysteemi._io import FORMAT_VERSION, converter, wire_schema
from ekosysteemi._model import _checks
from ekosysteemi._model._base import CHECKS, Model
from ekosysteemi._model._cities import Municipality
from ekosysteemi._model._values import Deadline, LocalizedText
from ekosysteemi.fi._dates import DATE_PATTERN, DATETIME_PATTERN, DEADLINE_PATTERN, END

__all__ = ["DIALECT", "json_schema"]

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"

_SPECIAL: Final = ("schema", "inner", "items")


def _descriptions(cls: type) -> dict[str, str]:
    """``name: text`` lines of the ``Attributes:`` section of ``cls``'s docstring."""
    doc = inspect.getdoc(cls) or ""
    found: dict[str, str] = {}
    if "Attributes:" not in doc:
        return found
    current = None
    for line in doc.split("Attributes:", 1)[1].splitlines():
        m = re.match(r"\s{4}(\w+): (.*)", line)
        if m:
            current = m[1]
            found[current] = m[2].strip().replace("``", "")
        elif current and line.startswith(" " * 8):
            found[current] += " " + line.strip().replace("``", "")
        elif line.strip() and not line.startswith(" "):
            break
    return found


def _hints(steps: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [_checks.HINTS[step] for step in steps if step in _checks.HINTS]


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserve the name against recursion
            self.defs[name] = self.object(cls)
        return {"$ref": f"#/$defs/{name}"}

    def object(self, cls: type) -> dict[str, Any]:
        if cls is LocalizedText:
            return self.localized_text()
        hints = typing.get_type_hints(cls)
        texts = _descriptions(cls)
        unstructure = converter().unstructure
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            schema = self.field(hints[field.name], field.metadata.get(CHECKS, ()))
            if field.name in texts:
                schema = {**schema, "description": texts[field.name]}
            default = field.default
            if default is attrs.NOTHING:
                required.append(field.name)
            elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                if not default.takes_self:  # a default that depends on other fields has none
                    schema = {**schema, "default": unstructure(default.factory())}
            else:
                schema = {**schema, "default": unstructure(default)}
            properties[field.name] = schema
        result: dict[str, Any] = {
            "type": "object",
            "title": cls.__name__,
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        summary = (inspect.getdoc(cls) or "").split("\n", 1)[0]
        if summary:
            result["description"] = summary
        return result

    def localized_text(self) -> dict[str, Any]:
        text = {"type": "string", "minLength": 1, "pattern": r"\S"}
        return {
            "title": "LocalizedText",
            "description": "a text in Finnish, or an object with Finnish and optional "
            "Swedish and English",
            "anyOf": [
                text,
                {
                    "type": "object",
                    "properties": {"fi": text, "sv": text, "en": text},
                    "required": ["fi"],
                    "additionalProperties": False,
                },
            ],
        }

    def field(self, tp: Any, steps: tuple[Any, ...]) -> dict[str, Any]:
        hints = _hints(steps)
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (typing.Union, types.UnionType) and type(None) in args:
            inner_type = next(arg for arg in args if arg is not type(None))
            inner = tuple(h["inner"] for h in hints if "inner" in h) or steps
            return {"anyOf": [self.field(inner_type, inner), {"type": "null"}]}
        if origin in (tuple, frozenset):
            items = tuple(h["items"] for h in hints if "items" in h)
            schema: dict[str, Any] = {"type": "array", "items": self.field(args[0], items)}
            for h in hints:
                if h.get("minItems"):
                    schema["minItems"] = h["minItems"]
                if h.get("uniqueItems"):
                    schema["uniqueItems"] = True
            return schema
        for h in hints:
            if "schema" in h:  # a whole schema, or a function making it from data
                whole = h["schema"]
                return dict(whole() if callable(whole) else whole)
        schema = self.type(tp)
        for h in hints:
            schema.update({key: value for key, value in h.items() if key not in _SPECIAL})
        return schema

    def type(self, tp: Any) -> dict[str, Any]:
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is Decimal:
            return {
                "anyOf": [
                    {"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)?" + END},
                    {"type": "number"},
                ]
            }
        if tp is date:
            return {
                "type": "string",
                "pattern": DATE_PATTERN,
                "description": "a date: ISO 2022-12-02 or Finnish 2.12.2022",
            }
        if tp is datetime:
            return {
                "type": "string",
                "pattern": DATETIME_PATTERN,
                "description": "a moment, ISO 8601 with or without an offset, or "
                "Finnish 2.12.2022 klo 16.15; without an offset it is Helsinki time",
            }
        if tp is Deadline:
            return {
                "type": "string",
                "pattern": DEADLINE_PATTERN,
                "description": "a date (open through that whole day, Helsinki time) "
                "or a date and a time of day (late from that moment)",
            }
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"type": "string", "enum": [member.value for member in tp]}
        if attrs.has(tp):
            return self.ref(tp)
        raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover - a model bug


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema (2020-12) of ``cls``'s wire format, as a dict.

    >>> import ekosysteemi as eko
    >>> schema = eko.json_schema(eko.Proposal)
    >>> schema["$schema"], schema["required"][:3]
    ('https://json-schema.org/draft/2020-12/schema', ['id', 'title', 'call_id'])
    """
    wired = wire_schema(cls) if isinstance(cls, type) else None
    if wired is not None:
        return wired
    if not (isinstance(cls, type) and (issubclass(cls, Model) or cls is Municipality)) or cls in (
        Deadline,
        LocalizedText,
    ):
        raise invalid("type", N_("expected a model class, got {value}"), cls)
    builder = _Builder()
    root = builder.object(cls)
    root["properties"] = {
        "format": {"const": FORMAT_VERSION, "description": "the wire format's version"},
        **root["properties"],
    }
    schema: dict[str, Any] = {"$schema": DIALECT, "$id": f"urn:ekosysteemi:{cls.__name__}:1"}
    schema.update(root)
    builder.defs.pop(cls.__name__, None)
    if builder.defs:
        schema["$defs"] = builder.defs
    return schema
