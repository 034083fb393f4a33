"""Innovation ecosystem agreements between the state and the cities."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from ekosysteemi._errors import ErrorDetail
from ekosysteemi._i18n import N_
from ekosysteemi._model import _checks as c
from ekosysteemi._model._base import Model, checks
from ekosysteemi._model._enums import ThemeKind
from ekosysteemi._model._themes import Theme, slug
from ekosysteemi._model._values import Period

__all__ = ["Agreement"]


@attrs.frozen(kw_only=True)
class Agreement(Model):
    """An innovation ecosystem agreement (innovaatiotoiminnan ekosysteemisopimus).

    Attributes:
        id: the city's name in lower-case ASCII, joined with ``-`` for shared
            agreements (``seinajoki``, ``helsinki-espoo-vantaa``).
        cities: the municipality codes of the cities that are its parties.
        period: when it is in force.
        theme: the agreement's own theme, where one is known.
        focus_areas: the focus areas it pursues, where they are known.
    """

    id: str = attrs.field(metadata=checks(slug))
    cities: tuple[str, ...] = attrs.field(
        metadata=checks(c.tuple_of(c.municipality_code, min_items=1, unique=True))
    )
    period: Period = attrs.field(metadata=checks(c.instance_of(Period)))
    theme: Theme | None = attrs.field(
        default=None, metadata=checks(c.optional(c.instance_of(Theme)))
    )
    focus_areas: tuple[Theme, ...] = attrs.field(
        default=(), metadata=checks(c.tuple_of(c.instance_of(Theme), unique=True))
    )

    def _check(self) -> Iterator[ErrorDetail]:
        if self.theme is not None and self.theme.kind is not ThemeKind.AGREEMENT:
            yield ErrorDetail(
                path="$.theme.kind",
                code="theme.kind",
                value=self.theme.kind.value,
                template=N_("expected a theme of kind {expected}, got {value}"),
                params={"expected": ThemeKind.AGREEMENT.value},
            )
        for index, area in enumerate(self.focus_areas):
            if area.kind is not ThemeKind.FOCUS_AREA:
                yield ErrorDetail(
                    path=f"$.focus_areas[{index}].kind",
                    code="theme.kind",
                    value=area.kind.value,
                    template=N_("expected a theme of kind {expected}, got {value}"),
                    params={"expected": ThemeKind.FOCUS_AREA.value},
                )
            elif self.theme is not None and area.parent != self.theme.id:
                yield ErrorDetail(
                    path=f"$.focus_areas[{index}].parent",
                    code="theme.parent",
                    value=area.parent,
                    template=N_(
                        "expected the agreement's theme {expected} as the parent, got {value}"
                    ),
                    params={"expected": self.theme.id},
                )

    def __repr__(self) -> str:
        from ekosysteemi._display import compact, display_language

        detail = self.theme.name.get(display_language()) if self.theme is not None else ""
        return compact("Agreement", self.id, detail)
