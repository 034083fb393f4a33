"""Reading and writing the wire format: the one converter, configured here.

Input (a dict, JSON text, a JSON or TOML file) goes through one cattrs
converter with strict hooks (no ``None`` becoming ``"None"``, no ``float``
money, no unknown keys) into the model classes, whose own checks then run.
Loading takes a fast path first (cattrs without detailed validation); only
when it fails is the document structured again with detailed validation, so
that every problem is reported with its path.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from ekosysteemi._builders import builder, top_writer, write_decimal
from ekosysteemi._errors import ErrorDetail, FileReadError, ValidationError, invalid, show_value
from ekosysteemi._i18n import N_
from ekosysteemi._model import _enums
from ekosysteemi._model._checks import enum_member
from ekosysteemi._model._criteria import Criterion
from ekosysteemi._model._values import Deadline, LocalizedText
from ekosysteemi.fi._dates import parse_date, parse_datetime, to_helsinki
from ekosysteemi.fi._money import float_money

if TYPE_CHECKING:  # cattrs, json, msgspec and tomllib are imported when first used
    import cattrs
    import msgspec

__all__ = [
    "FORMAT_VERSION",
    "MAX_DEPTH",
    "MAX_DOCUMENT",
    "dumps",
    "from_dict",
    "load",
    "loads",
    "register_wire",
    "to_dict",
    "wire_schema",
]

T = TypeVar("T")

#: The version of the wire format this library writes; readers accept it or its absence.
FORMAT_VERSION: Final = 1
#: How deeply a document may nest; the model needs far less.
MAX_DEPTH: Final = 32
#: The largest document, in characters or bytes, that ``loads`` and ``load`` read.
MAX_DOCUMENT: Final = 10_000_000
_MAX_NODES: Final = 1_000_000
_MAX_NUMBER: Final = 100

_ENUMS: Final = tuple(
    kind
    for kind in (getattr(_enums, name) for name in _enums.__all__)
    if isinstance(kind, type) and issubclass(kind, enum.Enum) and len(kind)
)
#: A number as a wire string: ASCII digits and an optional decimal point, nothing else
#: (no sign, exponent or white space), as the JSON Schema's patterns say.
_NUMBER: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?")


# ---------------------------------------------------------------- structure hooks


def _strict_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise invalid("type", N_("expected text, got {value}"), value)
    return value


def _strict_int(value: Any, _: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid("type", N_("expected a whole number, got {value}"), value)
    return value


def _strict_bool(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise invalid("type", N_("expected true or false, got {value}"), value)
    return value


def _decimal(value: Any, _: Any) -> Decimal:
    """An exact number: a ``Decimal``, an ``int`` or a plain decimal string; never a float."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str) and len(value) <= _MAX_NUMBER and _NUMBER.fullmatch(value):
        return Decimal(value)
    if isinstance(value, float):
        raise float_money(value, loader=True)
    raise invalid(
        "number.invalid",
        N_('expected a number as a string such as "1234.50" or an exact JSON number, got {value}'),
        value,
    )


def _date(value: Any, _: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        return parse_date(value)
    raise invalid(
        "date.invalid", N_("expected a date such as 2.12.2022 or 2022-12-02, got {value}"), value
    )


def _datetime(value: Any, _: Any) -> datetime:
    if isinstance(value, datetime):
        return to_helsinki(value)
    if isinstance(value, str):
        return parse_datetime(value)
    raise invalid(
        "datetime.invalid",
        N_(
            "expected a date and a time such as 2.12.2022 klo 16.15 or 2022-12-02T16:15, "
            "got {value}"
        ),
        value,
    )


def _deadline(value: Any, _: Any) -> Deadline:
    if isinstance(value, Deadline):
        return value
    if isinstance(value, datetime):  # a TOML datetime written without quotes
        local = to_helsinki(value)
        return Deadline(date=local.date(), time=local.time())
    if isinstance(value, date):
        return Deadline(date=value)
    return Deadline.parse(value)


def _enum_hook(kind: type[enum.Enum]) -> Callable[[Any, Any], enum.Enum]:
    check = enum_member(kind)  # the model's own check: one place says what an enum takes
    return lambda value, _: check(value, "$")


def _is_sequence(value: Any) -> bool:
    return isinstance(value, list | tuple)


def _sequence_hook(conv: cattrs.Converter, detailed: bool) -> Callable[[Any], Any]:
    def factory(tp: Any) -> Callable[[Any, Any], Any]:
        item_type: Any = tp.__args__[0]
        origin = getattr(tp, "__origin__", tp)
        make = tuple if origin is tuple else frozenset

        def hook(value: Any, _: Any) -> Any:
            if not _is_sequence(value):
                raise invalid("type", N_("expected a list, got {value}"), value)
            item_hook = conv.get_structure_hook(item_type)
            if not detailed:
                return make(item_hook(element, item_type) for element in value)
            result = []
            errors: list[ErrorDetail] = []
            for index, element in enumerate(value):
                try:
                    result.append(item_hook(element, item_type))
                except Exception as error:
                    errors.extend(_flatten(error, f"$[{index}]"))
            if errors:
                raise ValidationError(errors)
            return make(result)

        return hook

    return factory


def _is_homogeneous(tp: Any) -> bool:
    origin = getattr(tp, "__origin__", None)
    args: tuple[Any, ...] = getattr(tp, "__args__", ())
    if origin is tuple:
        return len(args) == 2 and args[1] is Ellipsis
    return origin is frozenset and len(args) == 1


def _mapping_guard(
    cls: type, inner: Callable[[Any, Any], Any], detailed: bool
) -> Callable[[Any, Any], Any]:
    """Refuse what is not a mapping; in detailed mode, report unknown keys together with
    every other problem of the object instead of stopping at them."""
    known = frozenset(field.name for field in attrs.fields(cls))
    choices = ", ".join(field.name for field in attrs.fields(cls))

    def hook(value: Any, tp: Any) -> Any:
        if type(value) is dict and not detailed:  # the common case, without ABC checks
            return inner(value, tp)
        if isinstance(value, cls):
            return value
        if not isinstance(value, Mapping):
            raise invalid("type", N_("expected an object with keys, got {value}"), value)
        if not detailed:
            return inner(value, tp)
        unknown = [key for key in value if key not in known]
        if not unknown:
            return inner(value, tp)
        errors = [
            ErrorDetail(
                path=f"$.{key}" if isinstance(key, str) else "$",
                code="key.unknown",
                value=key,
                template=N_("unknown key {value}; expected one of {choices}"),
                params={"choices": choices},
            )
            for key in unknown
        ]
        try:
            inner({key: item for key, item in value.items() if key in known}, tp)
        except Exception as error:
            errors.extend(_flatten(error, "$"))
        raise ValidationError(errors)

    return hook


#: How a criterion named by id in a call is found: set by ``Catalogue.load`` while it
#: builds its calls; otherwise the bundled catalogue's criteria.
CRITERIA: ContextVar[Callable[[str], Any] | None] = ContextVar("criteria", default=None)
_REFERENCE_KEYS: Final = frozenset({"id", "weight", "min_score"})


def _criterion_reference(inner: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """A criterion given in full, or by ``id`` (with ``weight`` and ``min_score``), which
    names a catalogue criterion; it is written back in full."""

    def hook(value: Any, tp: Any) -> Any:
        if isinstance(value, Mapping) and "id" in value and set(value) <= _REFERENCE_KEYS:
            find = CRITERIA.get()
            if find is None:
                from ekosysteemi._catalogue import Catalogue

                find = Catalogue.bundled().criterion
            key = value["id"]
            try:
                found = find(key)
            except (LookupError, ValidationError):
                raise invalid(
                    "criterion.unknown",
                    N_("no criterion {value} is in the catalogue"),
                    key,
                    "$.id",
                ) from None
            return inner({**converter().unstructure(found), **value}, tp)
        return inner(value, tp)

    return hook


def _localized_text(inner: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def hook(value: Any, tp: Any) -> Any:
        if isinstance(value, str):
            return LocalizedText(fi=value)
        return inner(value, tp)

    return hook


# ---------------------------------------------------------------- unstructure hooks


def _enum_value(member: enum.Enum) -> Any:
    return member._value_  # the plain attribute; .value is a property


def _write_localized(value: LocalizedText) -> dict[str, str]:
    return {
        lang: text
        for lang, text in (("fi", value.fi), ("sv", value.sv), ("en", value.en))
        if text is not None
    }


def _configure(conv: cattrs.Converter, detailed: bool) -> None:
    from cattrs.gen import make_dict_structure_fn

    # Each enum is registered by its own class below, so that singledispatch does not
    # send a StrEnum to the str hook.
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook(Decimal, _decimal)
    conv.register_structure_hook(date, _date)
    conv.register_structure_hook(datetime, _datetime)
    conv.register_structure_hook(Deadline, _deadline)
    for kind in _ENUMS:  # by class: cattrs' own enum hook would otherwise win
        conv.register_structure_hook(kind, _enum_hook(kind))
    conv.register_structure_hook_factory(_is_homogeneous, _sequence_hook(conv, detailed))

    def attrs_factory(cls: type) -> Callable[[Any, Any], Any]:
        inner: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=detailed
        )
        guarded = _mapping_guard(cls, inner, detailed)
        if cls is LocalizedText:
            return _localized_text(guarded)
        if cls is Criterion:
            return _criterion_reference(guarded)
        return guarded

    conv.register_structure_hook_factory(
        lambda tp: attrs.has(tp) and tp is not Deadline, attrs_factory
    )

    for kind in _ENUMS:  # plain strings in to_dict, not enum members
        conv.register_unstructure_hook(kind, _enum_value)
    conv.register_unstructure_hook(Decimal, write_decimal)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_unstructure_hook(datetime, lambda value: to_helsinki(value).isoformat())
    conv.register_unstructure_hook(time, time.isoformat)
    conv.register_unstructure_hook(Deadline, str)
    conv.register_unstructure_hook(LocalizedText, _write_localized)
    conv.register_unstructure_hook_factory(
        _is_homogeneous,
        lambda tp: _write_sequence(conv, tp),
    )


def _write_sequence(conv: cattrs.Converter, tp: Any) -> Callable[[Any], list[Any]]:
    item_type = tp.__args__[0]
    write = conv.get_unstructure_hook(item_type)  # looked up once, not per item
    if getattr(tp, "__origin__", None) is frozenset:
        return lambda value: sorted(write(item) for item in value)
    return lambda value: [write(item) for item in value]


@cache
def converter(detailed: bool = False) -> cattrs.Converter:
    """The library's converter (detailed: reports every problem with its path)."""
    import cattrs

    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    _configure(conv, detailed)
    return conv


# ---------------------------------------------------------------- errors


def _flatten(error: BaseException, path: str) -> list[ErrorDetail]:
    """Every problem in a cattrs exception tree, with its path under ``path``."""
    from cattrs.errors import (
        AttributeValidationNote,
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
        IterableValidationNote,
    )

    if isinstance(error, ValidationError):
        return [detail.rebased(path) for detail in error.errors]
    if isinstance(error, ForbiddenExtraKeysError):
        return [
            ErrorDetail(
                path=f"{path}.{key}" if isinstance(key, str) else path,
                code="key.unknown",
                value=key,
                template=N_("unknown key {value}; expected one of {choices}"),
                params={"choices": ", ".join(field.name for field in attrs.fields(error.cl))},
            )
            for key in sorted(error.extra_fields, key=str)
        ]
    if isinstance(error, ClassValidationError | IterableValidationError):
        found: list[ErrorDetail] = []
        with_notes, without = error.group_exceptions()
        for inner, note in with_notes:
            if isinstance(note, AttributeValidationNote):
                where = f"{path}.{note.name}"
                if isinstance(inner, KeyError):
                    found.append(
                        ErrorDetail(
                            path=where,
                            code="key.required",
                            value=None,
                            template=N_("this key is required"),
                        )
                    )
                    continue
            elif isinstance(note, IterableValidationNote):
                where = f"{path}[{note.index}]"
            else:  # pragma: no cover - cattrs attaches one of the two notes above
                where = path
            found.extend(_flatten(inner, where))
        for inner in without:
            found.extend(_flatten(inner, path))
        return found
    if isinstance(error, RecursionError):
        return [_too_deep(path)]
    return [
        ErrorDetail(
            path=path,
            code="invalid",
            value=None,
            template=N_("invalid value ({detail})"),
            params={"detail": f"{type(error).__name__}: {show_value(str(error))}"},
        )
    ]


def _too_deep(path: str) -> ErrorDetail:
    return ErrorDetail(
        path=path,
        code="document.too_deep",
        value=None,
        template=N_("the document nests more than {limit} levels deep"),
        params={"limit": MAX_DEPTH},
    )


def _check_shape(data: Any) -> None:
    """Refuse documents that nest too deeply or are too large, before any recursion."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    nodes = 0
    while stack:
        value, depth = stack.pop()
        nodes += 1
        if nodes > _MAX_NODES:
            raise invalid(
                "document.too_large",
                N_("the document has more than {limit} values"),
                None,
                limit=_MAX_NODES,
            )
        if isinstance(value, Mapping | list | tuple):
            if depth >= MAX_DEPTH:
                raise ValidationError([_too_deep("$")])
            children = value.values() if isinstance(value, Mapping) else value
            stack.extend((child, depth + 1) for child in children)


def _strip_format(data: Any) -> Any:
    if not isinstance(data, Mapping) or "format" not in data:
        return data
    version = data["format"]
    if isinstance(version, bool) or version != FORMAT_VERSION:
        raise invalid(
            "format.unsupported",
            N_("expected format {expected} (or no format key), got {value}"),
            version,
            "$.format",
            expected=FORMAT_VERSION,
        )
    return {key: value for key, value in data.items() if key != "format"}


# ---------------------------------------------------------------- wire objects


@attrs.frozen
class _Wire:
    write: Callable[[Any], dict[str, Any]]
    read: Callable[[Any], Any]
    schema: Callable[[], dict[str, Any]]


#: Classes with a wire form of their own (a ``Report``), beside the model classes.
_WIRE: dict[type, _Wire] = {}


def register_wire(
    cls: type,
    *,
    write: Callable[[Any], dict[str, Any]],
    read: Callable[[Any], Any],
    schema: Callable[[], dict[str, Any]],
) -> None:
    """Make ``cls`` a wire object: ``to_dict``, ``from_dict``, ``loads``, ``load`` and
    ``json_schema`` then go through ``write``, ``read`` and ``schema``."""
    _WIRE[cls] = _Wire(write, read, schema)


def wire_schema(cls: type) -> dict[str, Any] | None:
    """The schema of a registered wire object, or ``None``."""
    found = _WIRE.get(cls)
    return None if found is None else found.schema()


# ---------------------------------------------------------------- the public functions


def from_dict(cls: type[T], data: object) -> T:
    """Build a validated ``cls`` from its wire form, or raise ``ValidationError`` listing
    every problem with its path.

    >>> import ekosysteemi as eko
    >>> eko.from_dict(eko.Period, {"start": "1.1.2023", "end": "2024-12-31"}).months
    24
    """
    if type(data) is dict:  # the common case first: a dict, most often for a builder
        build = builder(cls) if cls not in _WIRE else None
        if build is not None:
            try:  # each field converted and checked once; any doubt: the paths below
                built_fast: T = build(data, True)
            except Exception:
                pass
            else:
                return built_fast
    elif (
        attrs.has(cls)
        and not isinstance(data, Mapping)
        and not (cls is LocalizedText and isinstance(data, str))
    ):
        raise invalid("type", N_("expected an object with keys, got {value}"), data)
    data = _strip_format(data)
    wire = _WIRE.get(cls)
    if wire is not None:
        _check_shape(data)
        built: T = wire.read(data)
        return built
    try:
        # The fast pass follows the model's types, not the data, so it cannot recurse
        # deeper than the model does, whatever the document's shape.
        return converter(False).structure(data, cls)
    except Exception:  # the detailed pass below says what is wrong
        pass
    # The detailed pass reports values: hostile shapes are refused before it.
    _check_shape(data)
    try:
        result: T = converter(True).structure(data, cls)
    except Exception as error:
        raise ValidationError(_flatten(error, "$")) from None
    return result  # pragma: no cover - the fast path failed, so this one fails too


def to_dict(obj: object) -> dict[str, Any]:
    """The wire form of ``obj``: JSON-ready, with ``"format": 1`` first."""
    write = top_writer(type(obj))
    if write is not None:  # a model class: its generated writer writes what cattrs would
        return write(obj)
    wire = _WIRE.get(type(obj))
    if wire is not None:
        return wire.write(obj)
    if not attrs.has(type(obj)):
        raise invalid("type", N_("expected a model object, got {value}"), obj)
    body = converter(False).unstructure(obj)
    if not isinstance(body, dict):  # LocalizedText and Deadline have no object form
        raise invalid("type", N_("expected a model object, got {value}"), obj)
    return {"format": FORMAT_VERSION, **body}


def dumps(obj: object, *, indent: int | None = 2) -> str:
    """``obj`` as JSON text in the wire format (``indent=None``: on one line)."""
    return json_text(to_dict(obj), indent)


def json_text(data: Any, indent: int | None) -> str:
    """``data`` as ``json.dumps(data, ensure_ascii=False, indent=indent)`` writes it."""
    if indent is None or (type(indent) is int and indent > 0):
        encode, layout = _msgspec_writer()
        try:  # msgspec writes what json.dumps writes, several times faster
            raw = encode(data)
        except Exception:  # e.g. a lone surrogate: json.dumps below writes it
            pass
        else:
            return layout(raw, indent=indent or 0).decode("utf-8")
    import json

    return json.dumps(data, ensure_ascii=False, indent=indent)


@cache
def _msgspec_writer() -> tuple[Callable[[Any], bytes], Callable[..., bytes]]:
    import msgspec

    return msgspec.json.Encoder().encode, msgspec.json.format


def _no_constant(name: str) -> Any:
    raise invalid(
        "json.invalid", N_("expected a JSON document of exact numbers, got {value}"), name
    )


@cache
def _decoder() -> msgspec.json.Decoder[Any]:
    import msgspec

    return msgspec.json.Decoder(float_hook=Decimal)


def _parse_json(text: str) -> Any:
    try:  # msgspec reads what json.loads reads, several times faster
        return _decoder().decode(text)
    except Exception:  # the standard decoder below says what is wrong, and where
        pass
    import json

    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except RecursionError:
        raise ValidationError([_too_deep("$")]) from None
    except json.JSONDecodeError as error:  # where it breaks, in words of the reader's
        raise invalid(
            "json.invalid",
            N_("expected a JSON document; it breaks at line {line}, column {column}"),
            None,
            line=error.lineno,
            column=error.colno,
        ) from None
    except ValidationError:
        raise  # NaN or Infinity (from _no_constant)
    except ValueError:  # json's own limit on the digits of a whole number
        raise invalid(
            "json.invalid", N_("expected a JSON document; a number in it is too long"), None
        ) from None


def _too_large(value: object = None) -> ValidationError:
    return invalid(
        "document.too_large", N_("the document is larger than {limit}"), value, limit=MAX_DOCUMENT
    )


def loads(cls: type[T], text: str | bytes) -> T:
    """Build a validated ``cls`` from JSON text (numbers are read exactly)."""
    return from_dict(cls, parse_json_document(text))


def parse_json_document(text: str | bytes) -> Any:
    """JSON text (or UTF-8 bytes, a byte-order mark allowed) as plain data, numbers
    exact; too large, broken or too deep a document is a ``ValidationError``."""
    if not isinstance(text, str | bytes):
        raise invalid("type", N_("expected JSON text, got {value}"), text)
    if len(text) > MAX_DOCUMENT:
        raise _too_large()
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")  # a byte-order mark, as Notepad writes, is read
        except UnicodeDecodeError as error:
            raise not_utf8("json.invalid", error, None) from None
    return _parse_json(text.removeprefix("\ufeff"))


def not_utf8(
    code: str, error: UnicodeDecodeError, value: object, path: str = "$"
) -> ValidationError:
    """The problem of bytes that are not UTF-8 text, saying where, in words."""
    return invalid(
        code,
        N_("expected UTF-8 text; the byte at position {position} is not UTF-8"),
        value,
        path,
        position=error.start,
    )


#: Where tomllib says a document breaks: "(at line 3, column 7)" ends its messages.
_TOML_AT: Final = re.compile(r"\(at line ([0-9]+), column ([0-9]+)\)")


def parse_toml(text: str) -> dict[str, Any]:
    """A TOML document as a dict, numbers read exactly, or ``ValidationError``."""
    import tomllib

    try:
        return tomllib.loads(text, parse_float=Decimal)
    except RecursionError:
        raise ValidationError([_too_deep("$")]) from None
    except tomllib.TOMLDecodeError as error:  # where it breaks, in words of the reader's
        where = _TOML_AT.search(str(error))
        if where is None:  # tomllib's other ending: "(at end of document)"
            raise invalid(
                "toml.invalid", N_("expected a TOML document; it breaks at its end"), None
            ) from None
        raise invalid(
            "toml.invalid",
            N_("expected a TOML document; it breaks at line {line}, column {column}"),
            None,
            line=int(where[1]),
            column=int(where[2]),
        ) from None


def load(cls: type[T], path: str | PathLike[str]) -> T:
    """Build a validated ``cls`` from a ``.json`` or ``.toml`` file."""
    return from_dict(cls, read_document(path))


def read_document(path: str | PathLike[str]) -> Any:
    """The plain data of a ``.json`` or ``.toml`` file (a byte-order mark allowed,
    numbers exact); a file it cannot read is ``FileReadError``, a broken or too large
    document ``ValidationError``."""
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in (".json", ".toml"):
        raise invalid("file.format", N_("expected a .json or .toml file, got {value}"), str(file))
    try:
        with file.open("rb") as handle:
            raw = handle.read(MAX_DOCUMENT + 1)
    except OSError as error:
        raise FileReadError(f"cannot read {file}: {error.strerror or error}") from error
    if len(raw) > MAX_DOCUMENT:
        raise _too_large(str(file))
    if suffix == ".json":
        return parse_json_document(raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise not_utf8("toml.invalid", error, str(file)) from None
    return parse_toml(text)
