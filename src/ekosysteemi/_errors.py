"""The library's exceptions: one root, typed subclasses, stable codes."""

from __future__ import annotations

import reprlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from ekosysteemi._i18n import translate

__all__ = [
    "EkosysteemiError",
    "ErrorDetail",
    "FileReadError",
    "UnknownReferenceError",
    "ValidationError",
    "invalid",
    "rebase",
    "show_value",
]

_repr = reprlib.Repr()
_repr.maxstring = 60
_repr.maxother = 60
_repr.maxlist = 6
_repr.maxdict = 6


def show_value(value: object) -> str:
    """A short, unambiguous rendering of a received value for messages: text quoted,
    numbers, dates and enumeration members as they are written, never as a Python
    repr such as ``Decimal('1.5')``."""
    from datetime import date, time
    from decimal import Decimal
    from enum import Enum

    if isinstance(value, Enum):
        return _repr.repr(value.value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | time):
        return value.isoformat()
    return _repr.repr(value)


@attrs.frozen(kw_only=True)
class ErrorDetail:
    """One problem found in the input.

    Attributes:
        path: where the problem is, as a JSONPath-like string (``$.costs[1].amount``).
        code: a stable, machine-readable code (``money.decimals``).
        value: the value received.
        template: the English message template (a gettext message id).
        params: the values the template names.
    """

    path: str
    code: str
    value: object = attrs.field(eq=False)
    template: str
    params: Mapping[str, object] = attrs.field(factory=dict, eq=False)

    @property
    def message(self) -> str:
        """The message in English, naming the field."""
        return self.message_in("en")

    def message_in(self, lang: str) -> str:
        """The message in ``lang`` (``"fi"``, ``"sv"`` or ``"en"``), naming the field."""
        from ekosysteemi._model._values import LocalizedText

        params: dict[str, object] = {"value": show_value(self.value)}
        for name, value in self.params.items():  # a name in three languages: lang's
            params[name] = value.get(lang) if isinstance(value, LocalizedText) else value
        return f"{self.path}: {translate(self.template, lang).format(**params)}"

    def rebased(self, prefix: str) -> ErrorDetail:
        """The same problem, with its path put under ``prefix``."""
        return attrs.evolve(self, path=join_path(prefix, self.path))


def join_path(prefix: str, path: str) -> str:
    """``join_path("$.applicant", "$.business_id") == "$.applicant.business_id"``."""
    return prefix + path[1:] if path.startswith("$") else f"{prefix}.{path}"


class EkosysteemiError(Exception):
    """The root of every error this library raises on purpose."""


class ValidationError(EkosysteemiError, ValueError):
    """Input that is not valid, with every problem found in it.

    ``errors`` lists each problem with its path, code, value and message.
    """

    errors: tuple[ErrorDetail, ...]

    def __init__(self, errors: Iterable[ErrorDetail]) -> None:
        self.errors = tuple(errors)
        super().__init__(self._summary())

    def _summary(self) -> str:
        count = len(self.errors)
        head = f"{count} validation error{'s' if count != 1 else ''}"
        return head + "".join(f"\n  {e.message}" for e in self.errors)

    def __str__(self) -> str:
        return self._summary()

    def explain(self, lang: str = "en") -> str:
        """Every problem, one a line, in ``lang``."""
        return "\n".join(e.message_in(lang) for e in self.errors)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.errors,))


def rebase(error: ValidationError, prefix: str) -> ValidationError:
    """``error`` with every path put under ``prefix``."""
    return ValidationError(e.rebased(prefix) for e in error.errors)


class UnknownReferenceError(EkosysteemiError, LookupError):
    """A look-up of a key the reference data does not have, or that names several records.

    ``kind`` names what was looked up, ``key`` what was asked for, ``code`` is
    ``reference.unknown`` or ``reference.ambiguous``, and ``suggestions`` are the
    nearest known keys (nearest first) or, when ambiguous, the matching ids.
    """

    def __init__(
        self,
        kind: str,
        key: object,
        suggestions: Sequence[str] = (),
        code: str = "reference.unknown",
    ) -> None:
        self.kind = kind
        self.key = key
        self.suggestions = tuple(suggestions)
        self.code = code
        listed = ", ".join(map(repr, self.suggestions))
        if code == "reference.ambiguous":
            text = f"ambiguous {kind} {show_value(key)}: it names {listed}"
        else:
            hint = f"; did you mean {listed}?" if suggestions else ""
            text = f"unknown {kind} {show_value(key)}{hint}"
        super().__init__(text)

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.kind, self.key, self.suggestions, self.code))


class FileReadError(EkosysteemiError, OSError):
    """A file that could not be read, naming its path."""


def invalid(
    code: str, template: str, value: object, path: str = "$", **params: object
) -> ValidationError:
    """A :class:`ValidationError` with one problem, ready to raise."""
    return ValidationError(
        [ErrorDetail(path=path, code=code, value=value, template=template, params=params)]
    )
