"""Generated per-class code for the wire format's fast paths: builders for loading,
writers for dumping.

A builder converts and checks each field of a plain ``dict`` once, sets it on a
new object and runs only the class's cross-field checks; the constructor's
field checks do not run again. It never says what is wrong: on anything it is
not sure of it raises, and ``from_dict`` takes the cattrs path, whose detailed
pass reports every problem. So a builder must be exactly as strict as that path
and build exactly what it builds; ``tests/test_loading_paths.py`` holds it to
both on generated valid, broken and invalid documents.

Each field is one of a few common shapes written inline (text, an amount, a
date, an enumeration, a nested model, a tuple of nested models); any other field
goes through the cattrs hook of its type and then the field's own checks,
which is what the cattrs path does with it.

A writer writes the dict the cattrs converter's unstructuring writes, as one
dict literal per class (``tests/test_fast_paths.py`` holds it to the converter).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Final

import attrs

from ekosysteemi._model import _checks as c
from ekosysteemi._model._base import CHECKS, Model
from ekosysteemi._model._criteria import Criterion
from ekosysteemi._model._values import Deadline, LocalizedText
from ekosysteemi.fi._business_id import _validate_text
from ekosysteemi.fi._dates import _wire_date, _wire_datetime, to_helsinki
from ekosysteemi.fi._money import PLAIN_AMOUNT

__all__ = ["builder", "top_writer", "write_decimal", "writer"]

Builder = Callable[[Any, bool], Any]

_MISSING: Final = object()
#: Classes the cattrs converter reads and writes in ways of their own (a
#: ``LocalizedText`` from a string, a ``Criterion`` by id): fields of these types go
#: through the converter's hooks.
_OWN_HOOKS: Final[frozenset[type]] = frozenset({LocalizedText, Criterion, Deadline})

_BUILDERS: dict[type, Builder | None] = {}


class Refused(Exception):
    """The builder is not sure; the caller takes the cattrs path."""


def builder(cls: type) -> Builder | None:
    """The generated builder of model class ``cls``, or ``None`` if it has none."""
    try:
        return _BUILDERS[cls]
    except KeyError:
        _BUILDERS[cls] = None  # while it is made: a cycle falls back to the hook
        made = _BUILDERS[cls] = _make(cls)
        return made


def _buildable(cls: type) -> bool:
    """Whether a builder makes what the constructor makes: a model class whose
    ``__init__`` only sets its fields (no own post-init, no factories, no aliases)."""
    return (
        isinstance(cls, type)
        and issubclass(cls, Model)
        and attrs.has(cls)
        and cls not in _OWN_HOOKS
        and getattr(cls, "__attrs_post_init__", None) is Model.__attrs_post_init__
        and not hasattr(cls, "__attrs_pre_init__")
        and all(
            field.init
            and field.alias == field.name
            and not isinstance(field.default, attrs.Factory)  # type: ignore[arg-type]
            for field in attrs.fields(cls)
        )
    )


def _make(cls: type) -> Builder | None:
    if not _buildable(cls):
        return None
    from ekosysteemi._io import converter

    conv = converter(False)
    attrs.resolve_types(cls)
    names: dict[str, Any] = {
        "Refused": Refused,
        "new": object.__new__,
        "setattr": object.__setattr__,
        "cls": cls,
        "MISSING": _MISSING,
        "Decimal": Decimal,
        # fi.parse_euros' plain form: Decimal(s) of it is what the hook and c.amount give
        "plain_amount": PLAIN_AMOUNT.fullmatch,
        "wire_date": _wire_date,
        "wire_datetime": _wire_datetime,
        "business_id": _validate_text,
        "max_text": c.MAX_TEXT,
    }
    fields = attrs.fields(cls)
    known = frozenset(field.name for field in fields)
    names["known"] = known
    lines = [
        "def build(d, top):",
        "    if type(d) is not dict:",
        "        raise Refused",
        "    for key in d:",
        "        if key not in known and not (top and key == 'format'",
        "                and type(d[key]) is int and d[key] == 1):",
        "            raise Refused",
        "    o = new(cls)",
    ]
    for n, field in enumerate(fields):
        steps: tuple[c.Check, ...] = field.metadata.get(CHECKS, ())
        tp = field.type
        path = "$." + field.name
        names[f"T{n}"] = tp
        names[f"H{n}"] = conv.get_structure_hook(tp)
        names[f"S{n}"] = steps
        generic = [
            f"v = H{n}(v, T{n})",
            f"for step in S{n}:",
            f"    v = step(v, {path!r})",
        ]
        if field.default is attrs.NOTHING:
            lines.append(f"    v = d[{field.name!r}]")
            lines.extend("    " + line for line in _field(n, tp, steps, path, generic, names))
        else:
            names[f"D{n}"] = field.default
            lines.append(f"    v = d.get({field.name!r}, MISSING)")
            lines.append("    if v is MISSING:")
            lines.append(f"        v = D{n}")
            if not _unchanged(field.default, steps, path):  # the checks change it: run them
                lines.extend("        " + line for line in generic[1:])
            lines.append("    else:")
            lines.extend("        " + line for line in _field(n, tp, steps, path, generic, names))
        lines.append(f"    setattr(o, {field.name!r}, v)")
    if cls._check is not Model._check:  # type: ignore[attr-defined]
        lines += ["    for _ in o._check():", "        raise Refused"]
    lines.append("    return o")
    exec("\n".join(lines), names)  # generated from the class's own fields
    made: Builder = names["build"]
    return made


def _unchanged(default: Any, steps: tuple[c.Check, ...], path: str) -> bool:
    value = default
    try:
        for step in steps:
            value = step(value, path)
    except Exception:
        return False
    return value is default


def _field(
    n: int,
    tp: Any,
    steps: tuple[c.Check, ...],
    path: str,
    generic: list[str],
    names: dict[str, Any],
) -> list[str]:
    """The lines that turn ``v`` (present in the input) into the field's value."""
    otherwise = ["else:", *("    " + line for line in generic)]
    if len(steps) != 1:
        return generic
    step = steps[0]
    made = c.MADE.get(step)
    if tp is str and step is c.text:
        return [
            "if type(v) is not str or len(v) > max_text or not v.strip():",
            "    raise Refused",
        ]
    if tp is str and step is c.string:
        return ["if type(v) is not str or len(v) > max_text:", "    raise Refused"]
    if tp is Decimal and step is c.amount:
        return ["if type(v) is str and plain_amount(v):", "    v = Decimal(v)", *otherwise]
    if tp is date and step is c.calendar_date:
        return [
            "x = wire_date(v) if type(v) is str else None",
            "if x is not None and x.year >= 1000:",
            "    v = x",
            *otherwise,
        ]
    if tp is str and step is c.business_id:  # the cache of validated IDs
        return ["if type(v) is str and len(v) <= 40:", "    v = business_id(v)", *otherwise]
    inner = c.HINTS.get(step, {}).get("inner")
    if inner is not None and tp == str | None:
        names[f"I{n}"] = inner
        return [
            "if v is not None:",
            "    if type(v) is not str:",
            "        raise Refused",
            f"    v = I{n}(v, {path!r})",
        ]
    if inner is c.aware_datetime and tp == datetime | None:
        return [
            "x = wire_datetime(v) if type(v) is str else None",
            "if x is not None and x.year >= 1000:",  # already Helsinki time, as the check makes it
            "    v = x",
            "elif v is not None:",
            *("    " + line for line in generic),
        ]
    if made is None:
        return generic
    what, arg = made
    if what == "enum" and tp is arg and issubclass(arg, enum.Enum):
        names[f"E{n}"] = {member.value: member for member in arg}
        return [
            f"x = E{n}.get(v) if type(v) is str else None",
            "if x is not None:",
            "    v = x",
            *otherwise,
        ]
    if what == "instance" and tp is arg and _buildable(arg):
        names[f"B{n}"] = builder(arg)
        if names[f"B{n}"] is None:
            return generic
        return ["if type(v) is dict:", f"    v = B{n}(v, False)", *otherwise]
    if what == "tuple":
        item, min_items, unique = arg
        inner = c.MADE.get(item)
        args = getattr(tp, "__args__", ())
        if (
            inner is not None
            and inner[0] == "instance"
            and getattr(tp, "__origin__", None) is tuple
            and args == (inner[1], Ellipsis)
            and _buildable(inner[1])
            and builder(inner[1]) is not None
        ):
            names[f"B{n}"] = builder(inner[1])
            lines = [
                f"if type(v) is list and len(v) >= {min_items}:",
                f"    v = tuple([B{n}(x, False) for x in v])",
            ]
            if unique:
                lines += ["    if len(set(v)) != len(v):", "        raise Refused"]
            return lines + otherwise
        if tp == tuple[str, ...]:
            names[f"I{n}"] = item
            lines = [
                f"if type(v) is list and len(v) >= {min_items} and all(type(x) is str for x in v):",
                f"    v = tuple([I{n}(x, {path!r}) for x in v])",
            ]
            if unique:
                lines += ["    if len(set(v)) != len(v):", "        raise Refused"]
            return lines + otherwise
    return generic


# ---------------------------------------------------------------- writers

_WRITERS: dict[type, Callable[[Any], dict[str, Any]] | None] = {}
_TOP_WRITERS: dict[type, Callable[[Any], dict[str, Any]]] = {}


def write_decimal(value: Decimal) -> str:
    """A Decimal as the wire writes it: two decimals, or every significant one beyond."""
    text = str(value)
    # Plain notation (no exponent) needs no more than the text: with two decimals it is
    # the answer, with one or none it lacks zeros (str(Decimal("-0")) is "-0").
    if "E" not in text:
        if len(text) > 2 and text[-3] == ".":
            return text
        if len(text) > 1 and text[-2] == ".":
            return text + "0"
        if "." not in text and text[-1:].isdigit():
            return text + ".00"
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        return format(value.normalize(), "f")
    return f"{value:.2f}"


def writer(cls: type) -> Callable[[Any], dict[str, Any]] | None:
    """The generated function that writes a ``cls`` object as its wire dict (what the
    cattrs converter's unstructuring gives), or ``None`` if it has none."""
    try:
        return _WRITERS[cls]
    except KeyError:
        _WRITERS[cls] = None  # while it is made: a cycle falls back to the hook
        made = _WRITERS[cls] = _make_writer(cls)
        return made


def _writable(cls: Any) -> bool:
    return (
        isinstance(cls, type)
        and issubclass(cls, Model)
        and attrs.has(cls)
        and cls not in _OWN_HOOKS
    )


def _make_writer(cls: type) -> Callable[[Any], dict[str, Any]] | None:
    if not _writable(cls):
        return None
    names: dict[str, Any] = {"write_decimal": write_decimal, "to_helsinki": to_helsinki}
    items = _items(cls, "o", names, 0)
    nested = ["def write(o):", "    return {", *items, "    }"]
    top = ["def write_top(o):", "    return {", "        'format': 1,", *items, "    }"]
    code = "\n".join([*nested, *top])
    exec(code, names)  # generated from the class's own fields
    made: Callable[[Any], dict[str, Any]] = names["write"]
    _TOP_WRITERS[cls] = names["write_top"]
    return made


#: How deeply the writers write nested objects inline; deeper ones call their writer.
_INLINE_DEPTH: Final = 3


def _items(cls: type, value: str, names: dict[str, Any], depth: int) -> list[str]:
    """The ``'key': expression,`` lines of the dict literal that writes ``value``."""
    attrs.resolve_types(cls)
    lines = []
    for field in attrs.fields(cls):
        steps = field.metadata.get(CHECKS, ())
        # A field checked by aware_datetime holds Helsinki time already: the check made it.
        helsinki = any(
            step is c.aware_datetime or c.HINTS.get(step, {}).get("inner") is c.aware_datetime
            for step in steps
        )
        expression = _write(f"{value}.{field.name}", field.type, names, depth, helsinki)
        lines.append(f"        {field.name!r}: {expression},")
    return lines


def _write(value: str, tp: Any, names: dict[str, Any], depth: int, helsinki: bool = False) -> str:
    """An expression that writes ``value`` of declared type ``tp`` as cattrs does
    (``helsinki``: a datetime is in Helsinki time already)."""
    if tp is str or tp is int or tp is bool:
        return value
    if tp is Decimal:
        return f"write_decimal({value})"
    if tp is date:
        return f"{value}.isoformat()"
    if tp is datetime:
        return f"{value}.isoformat()" if helsinki else f"to_helsinki({value}).isoformat()"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return f"{value}._value_"
    if _writable(tp):
        if depth < _INLINE_DEPTH:
            return "{" + " ".join(_items(tp, value, names, depth + 1)) + "}"
        if writer(tp) is not None:
            name = f"W{len(names)}"
            names[name] = writer(tp)
            return f"{name}({value})"
    args: tuple[Any, ...] = getattr(tp, "__args__", ())
    if getattr(tp, "__origin__", None) is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = f"x{depth}"
        inner = _write(item, args[0], names, depth + 1)
        if inner == item:
            return f"list({value})"
        if not inner.startswith("H"):  # no comprehension for an empty tuple: it costs
            return f"([{inner} for {item} in {value}] if {value} else [])"
    if tp in (str | None, int | None, Decimal | None, date | None, datetime | None):
        (inner_type,) = (arg for arg in args if arg is not type(None))
        inner = _write(value, inner_type, names, depth, helsinki)
        return f"None if {value} is None else {inner}"
    from ekosysteemi._io import converter

    name = f"H{len(names)}"
    names[name] = converter(False).get_unstructure_hook(tp)
    return f"{name}({value})"


def top_writer(cls: type) -> Callable[[Any], dict[str, Any]] | None:
    """Like :func:`writer`, with ``"format": 1`` first, as ``to_dict`` writes it."""
    found = _TOP_WRITERS.get(cls)
    if found is None and writer(cls) is not None:
        found = _TOP_WRITERS[cls]
    return found
