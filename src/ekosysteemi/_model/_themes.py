"""Themes: national themes, agreements' themes and their focus areas."""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from ekosysteemi._errors import ErrorDetail, invalid
from ekosysteemi._i18n import N_
from ekosysteemi._model import _checks as c
from ekosysteemi._model._base import Model, checks
from ekosysteemi._model._enums import ThemeKind
from ekosysteemi._model._values import LocalizedText

__all__ = ["Theme", "slug"]

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slug(value: object, path: str) -> str:
    """An id in lower-case ASCII words joined with ``-`` (``alykas-vihrea-kasvu``)."""
    if not isinstance(value, str) or not _SLUG.fullmatch(value) or len(value) > 200:
        raise invalid(
            "id.invalid",
            N_("expected an id of lower-case ASCII letters, digits and dashes, got {value}"),
            value,
            path,
        )
    return value


c.HINTS[slug] = {"pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 200}


@attrs.frozen(kw_only=True)
class Theme(Model):
    """A national theme, an agreement's theme, or a focus area of one.

    Attributes:
        id: a stable ASCII slug of the Finnish name.
        name: the name in Finnish, Swedish and English.
        kind: national theme, agreement theme or focus area.
        parent: the id of the theme this one belongs to (a focus area's
            agreement theme), or ``None``.
    """

    id: str = attrs.field(metadata=checks(slug))
    name: LocalizedText = attrs.field(metadata=checks(c.instance_of(LocalizedText)))
    kind: ThemeKind = attrs.field(metadata=checks(c.enum_member(ThemeKind)))
    parent: str | None = attrs.field(default=None, metadata=checks(c.optional(slug)))

    def _check(self) -> Iterator[ErrorDetail]:
        if self.parent == self.id:
            yield ErrorDetail(
                path="$.parent",
                code="theme.parent_self",
                value=self.parent,
                template=N_("a theme cannot be its own parent: {value}"),
            )

    def __repr__(self) -> str:
        from ekosysteemi._display import compact, display_language

        return compact("Theme", self.id, self.name.get(display_language()))
