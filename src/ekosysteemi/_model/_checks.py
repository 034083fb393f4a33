"""The field checks model classes are built from (see ``_base``)."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Final, TypeVar

from ekosysteemi._errors import ErrorDetail, ValidationError, invalid
from ekosysteemi._i18n import N_
from ekosysteemi._model._enums import member_of
from ekosysteemi.fi._business_id import validate_business_id
from ekosysteemi.fi._dates import END, below_year_1000, to_helsinki
from ekosysteemi.fi._money import as_amount

__all__ = [
    "HINTS",
    "MAX_TEXT",
    "amount",
    "aware_datetime",
    "boolean",
    "business_id",
    "calendar_date",
    "enum_member",
    "fraction",
    "instance_of",
    "items_of",
    "month_day",
    "municipality_code",
    "optional",
    "positive_int",
    "set_of",
    "string",
    "text",
    "time_of_day",
    "tuple_of",
]

#: The longest text a field takes; longer input is refused, never cut.
MAX_TEXT: Final = 10_000
_MUNICIPALITY = re.compile(r"[0-9]{3}")
E = TypeVar("E", bound=enum.Enum)
Check = Callable[[Any, str], Any]

#: What each check means in JSON Schema, for ``json_schema``: keywords to add, or
#: ``schema`` (a whole replacement), ``inner`` (an optional's check) or ``items``
#: (a collection's item check).
HINTS: dict[Any, dict[str, Any]] = {}
#: What the checks made by ``instance_of``, ``enum_member`` and ``tuple_of`` take, for
#: the loader's generated builders (``ekosysteemi._builders``): ``("instance", cls)``,
#: ``("enum", kind)`` or ``("tuple", (item, min_items, unique))``.
MADE: dict[Any, tuple[str, Any]] = {}
#: An amount as a wire string: at most 10^12 euros, cents at most (zeros may follow
#: them, and lead the number), exactly what the loader reads.
AMOUNT_PATTERN: Final = r"^0*(?:[0-9]{1,12}(?:\.[0-9]{1,2}0*)?|1000000000000(?:\.0+)?)" + END


def _hint(check: Check, **schema: Any) -> Check:
    HINTS[check] = schema
    return check


def string(value: Any, path: str) -> str:
    """Any text, possibly empty, at most ``MAX_TEXT`` characters."""
    if not isinstance(value, str):
        raise invalid("type", N_("expected text, got {value}"), value, path)
    if len(value) > MAX_TEXT:
        raise invalid(
            "text.too_long",
            N_("expected at most {limit} characters, got {count}"),
            value,
            path,
            limit=MAX_TEXT,
            count=len(value),
        )
    return value


def text(value: Any, path: str) -> str:
    """Non-empty text (not only white space)."""
    string(value, path)
    if not value.strip():
        raise invalid("text.empty", N_("expected non-empty text, got {value}"), value, path)
    return str(value)


def boolean(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise invalid("type", N_("expected true or false, got {value}"), value, path)
    return value


def positive_int(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise invalid(
            "int.positive", N_("expected a whole number of 1 or more, got {value}"), value, path
        )
    if value > 10_000:
        raise invalid(
            "int.too_large", N_("expected a number of at most 10000, got {value}"), value, path
        )
    return value


def amount(value: Any, path: str) -> Decimal:
    """An exact, non-negative amount of euros (see ``fi.as_amount``)."""
    return as_amount(value, path=path)


def fraction(value: Any, path: str) -> Decimal:
    """A share between 0 and 1 as a ``Decimal`` (``Decimal("0.8")`` is 80 %)."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise invalid(
            "fraction.invalid",
            N_("expected a share between 0 and 1 such as 0.8, got {value}"),
            value,
            path,
        )
    share = Decimal(value)
    if not share.is_finite() or not 0 <= share <= 1:
        raise invalid(
            "fraction.invalid",
            N_("expected a share between 0 and 1 such as 0.8, got {value}"),
            value,
            path,
        )
    return share


def calendar_date(value: Any, path: str) -> date:
    """A date in the years 1000-9999, the range that Finnish forms write and read."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise invalid("type", N_("expected a date, got {value}"), value, path)
    if value.year < 1000:
        raise below_year_1000(value, path)
    return value


def time_of_day(value: Any, path: str) -> time:
    if not isinstance(value, time):
        raise invalid("type", N_("expected a time of day, got {value}"), value, path)
    if value.tzinfo is not None:
        raise invalid(
            "time.aware",
            N_("expected a time of day in Helsinki time, without a zone, got {value}"),
            value,
            path,
        )
    return value


def aware_datetime(value: Any, path: str) -> datetime:
    """A datetime, made aware: a naive one is read as Helsinki time."""
    if not isinstance(value, datetime):
        raise invalid("type", N_("expected a date and a time, got {value}"), value, path)
    moment = to_helsinki(value, path=path)
    if moment.year < 1000:
        raise below_year_1000(moment.date(), path)
    return moment


_MONTH_DAY = re.compile(r"(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])")


def month_day(value: Any, path: str) -> str:
    """A day of the year as ``"MM-DD"`` that every year has (so never ``"02-29"``)."""
    m = _MONTH_DAY.fullmatch(value) if isinstance(value, str) else None
    if m is not None:
        try:
            date(2023, int(m[1]), int(m[2]))  # a common year: every such day exists
        except ValueError:
            m = None
    if m is None:
        raise invalid(
            "month_day.invalid",
            N_('expected a day of every year as "MM-DD", such as "12-31", got {value}'),
            value,
            path,
        )
    return str(value)


def municipality_code(value: Any, path: str) -> str:
    """A code of Statistics Finland's municipality classification (2021-2024)."""
    if not isinstance(value, str) or not _MUNICIPALITY.fullmatch(value):
        raise invalid(
            "municipality_code.invalid",
            N_('expected a three-digit municipality code such as "091", got {value}'),
            value,
            path,
        )
    from ekosysteemi._municipalities import municipalities

    if value not in municipalities():
        raise invalid(
            "municipality_code.unknown",
            N_(
                "expected a code of Statistics Finland's municipality classification "
                "(2021-2024), got {value}"
            ),
            value,
            path,
        )
    return value


def business_id(value: Any, path: str) -> str:
    """A business ID, normalised to ``NNNNNNN-T``."""
    try:
        return validate_business_id(value)
    except ValidationError as error:
        raise ValidationError(e.rebased(path) for e in error.errors) from None


def instance_of(cls: type) -> Check:
    def check(value: Any, path: str) -> Any:
        if not isinstance(value, cls):
            raise invalid(
                "type", N_("expected {expected}, got {value}"), value, path, expected=cls.__name__
            )
        return value

    check.__name__ = f"instance_of_{cls.__name__}"
    MADE[check] = ("instance", cls)
    return check


def enum_member(kind: type[E]) -> Check:
    """A member of ``kind``; its exact wire value (``"development"``) is accepted too."""

    def check(value: Any, path: str) -> E:
        return member_of(kind, value, path)  # type: ignore[type-var]

    check.__name__ = f"enum_{kind.__name__}"
    MADE[check] = ("enum", kind)
    return check


def optional(step: Check) -> Check:
    def check(value: Any, path: str) -> Any:
        return None if value is None else step(value, path)

    check.__name__ = f"optional_{getattr(step, '__name__', 'check')}"
    return _hint(check, inner=step)


def items_of(value: Any, path: str, item: Check) -> list[Any]:
    """The items of a list, each checked with ``item`` at its index; every problem at once."""
    if isinstance(value, str | bytes | dict) or not isinstance(
        value, list | tuple | set | frozenset
    ):
        raise invalid("type", N_("expected a list, got {value}"), value, path)
    result: list[Any] = []
    errors: list[ErrorDetail] = []
    for index, element in enumerate(value):
        try:
            result.append(item(element, f"{path}[{index}]"))
        except ValidationError as error:
            errors.extend(error.errors)
    if errors:
        raise ValidationError(errors)
    return result


def tuple_of(item: Check, *, min_items: int = 0, unique: bool = False) -> Check:
    """A tuple whose every item passes ``item``; a list is accepted and made a tuple."""

    def check(value: Any, path: str) -> tuple[Any, ...]:
        if type(value) is tuple and len(value) >= min_items and not unique:
            # The common case: a tuple whose items pass unchanged is returned as it is.
            try:
                if all(item(element, path) is element for element in value):
                    return value
            except ValidationError:
                pass  # the loop below reports every item's problem with its index
        items = items_of(value, path, item)
        if len(items) < min_items:
            raise invalid(
                "list.too_short",
                N_("expected at least {count} items, got {value}"),
                value,
                path,
                count=min_items,
            )
        if unique:
            seen: set[Any] = set()
            for index, element in enumerate(items):
                if element in seen:
                    raise invalid(
                        "list.duplicate", N_("{value} is listed twice"), element, f"{path}[{index}]"
                    )
                seen.add(element)
        # By identity: a StrEnum equals its wire value, so == would keep unconverted items.
        unchanged = isinstance(value, tuple) and all(
            a is b for a, b in zip(items, value, strict=True)
        )
        return value if unchanged else tuple(items)

    MADE[check] = ("tuple", (item, min_items, unique))
    return _hint(check, items=item, minItems=min_items, uniqueItems=unique)


def set_of(item: Check) -> Check:
    """A non-empty frozenset whose every item passes ``item``."""

    def check(value: Any, path: str) -> frozenset[Any]:
        items = items_of(value, path, item)
        if not items:
            raise invalid(
                "set.empty",
                N_(
                    "expected at least one value (leave the field out for no "
                    "restriction), got {value}"
                ),
                value,
                path,
            )
        return frozenset(items)  # always rebuilt: "development" == ProjectType.DEVELOPMENT

    return _hint(check, items=item, minItems=1)


_hint(month_day, pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])" + END)
_hint(string, maxLength=MAX_TEXT)
_hint(text, minLength=1, maxLength=MAX_TEXT, pattern=r"\S")
_hint(positive_int, minimum=1, maximum=10_000)


def _municipality_schema() -> dict[str, Any]:
    from ekosysteemi._municipalities import municipalities

    return {
        "type": "string",
        "enum": list(municipalities()),
        "description": "a code of Statistics Finland's municipality classification (2021-2024)",
    }


_hint(municipality_code, schema=_municipality_schema)
_hint(business_id, pattern=r"^\s*([Ff][Ii])?\s*[0-9]{7}[- ]?[0-9]\s*" + END)
_hint(
    amount,
    schema={
        "anyOf": [
            {"type": "string", "pattern": AMOUNT_PATTERN},
            {"type": "number", "minimum": 0, "maximum": 10**12},
        ],
        "description": 'euros, at most two decimals; written as a string such as "1234.50"',
    },
)
_hint(
    fraction,
    schema={
        "anyOf": [
            {"type": "string", "pattern": r"^0*(?:1(?:\.0+)?|0(?:\.[0-9]+)?)" + END},
            {"type": "number", "minimum": 0, "maximum": 1},
        ],
        "description": "a share between 0 and 1 (0.8 is 80 %)",
    },
)
