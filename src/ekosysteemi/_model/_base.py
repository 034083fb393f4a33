"""How a model class refuses to exist in an invalid state.

attrs' own ``validator=`` stops at the first failing field. Users who make
several mistakes in one document must see all of them, so each field keeps
its checks in its metadata (:func:`checks`), and :class:`Model` runs every
field's checks after ``__init__``, collecting the problems with their paths,
then the class's cross-field checks (``_check``), and raises one
:class:`~ekosysteemi.ValidationError` listing them all.

A check is a callable ``(value, path) -> value``: it returns the value,
possibly normalised (a list becomes a tuple, a business ID gets its dash),
or raises ``ValidationError``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

import attrs

from ekosysteemi._errors import ErrorDetail, ValidationError

__all__ = ["CHECKS", "Check", "Model", "checks"]

Check = Callable[[Any, str], Any]
CHECKS: Final = "ekosysteemi.checks"


def checks(*steps: Check) -> Mapping[str, tuple[Check, ...]]:
    """Field metadata naming the checks a value must pass, in order."""
    return {CHECKS: steps}


_Plan = tuple[tuple[str, str, tuple[Check, ...]], ...]
_PLAN: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    """``(name, path, checks)`` of each checked field of ``cls``, computed once."""
    plan = _PLAN.get(cls)
    if plan is None:
        plan = tuple(
            (field.name, "$." + field.name, field.metadata[CHECKS])
            for field in attrs.fields(cls)
            if CHECKS in field.metadata
        )
        _PLAN[cls] = plan
    return plan


class Model:
    """Base of the frozen model classes: validates every field, then the whole."""

    __slots__ = ()

    def __attrs_post_init__(self) -> None:
        plan = _plan(type(self))
        try:  # the common case: everything is valid, checked without bookkeeping
            for name, path, steps in plan:
                original = value = getattr(self, name)
                for step in steps:
                    value = step(value, path)
                if value is not original:
                    object.__setattr__(self, name, value)
        except ValidationError:
            errors = self._field_errors(plan)
        else:
            errors = []
        if not errors:
            errors.extend(self._check())
        if errors:
            raise ValidationError(errors)

    def _field_errors(self, plan: _Plan) -> list[ErrorDetail]:
        """Every field's problems, each field checked on its own."""
        errors: list[ErrorDetail] = []
        for name, path, steps in plan:
            original = value = getattr(self, name)
            try:
                for step in steps:
                    value = step(value, path)
            except ValidationError as error:
                errors.extend(error.errors)
                continue
            if value is not original:
                object.__setattr__(self, name, value)
        return errors

    def _check(self) -> Iterator[ErrorDetail]:
        """Yield the problems that involve more than one field."""
        return iter(())
