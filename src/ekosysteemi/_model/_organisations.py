"""Organisations that apply for or implement a project."""

from __future__ import annotations

import attrs

from ekosysteemi._model import _checks as c
from ekosysteemi._model._base import Model, checks
from ekosysteemi._model._enums import OrganisationKind

__all__ = ["Organisation"]


@attrs.frozen(kw_only=True)
class Organisation(Model):
    """An applicant (päätoteuttaja) or a co-implementer (osatoteuttaja).

    Attributes:
        name: the organisation's name.
        business_id: its business ID (Y-tunnus), normalised to ``NNNNNNN-T``;
            ``0204819 8``, ``02048198`` and ``FI02048198`` are accepted.
        kind: its legal kind.
        municipality_code: its home municipality, a three-digit code, if known.

    >>> Organisation(name="Esimerkki Oy", business_id="FI25397673", kind="company").business_id
    '2539767-3'
    """

    name: str = attrs.field(metadata=checks(c.text))
    business_id: str = attrs.field(metadata=checks(c.business_id))
    kind: OrganisationKind = attrs.field(metadata=checks(c.enum_member(OrganisationKind)))
    municipality_code: str | None = attrs.field(
        default=None, metadata=checks(c.optional(c.municipality_code))
    )

    def __repr__(self) -> str:
        from ekosysteemi._display import compact

        return compact("Organisation", self.business_id, self.name)
