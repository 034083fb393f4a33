"""The cities of the Innokaupungit network."""

from __future__ import annotations

import attrs

from ekosysteemi._model import _checks as c
from ekosysteemi._model._base import Model, checks
from ekosysteemi._model._values import LocalizedText

__all__ = ["Municipality", "PartnerCity"]


@attrs.frozen(kw_only=True)
class PartnerCity(Model):
    """A city that is a party to an ecosystem agreement (an Innokaupunki).

    Attributes:
        name: the city's name in Finnish, and in Swedish where it has one.
        municipality_code: Statistics Finland's three-digit code (``"743"``).
        region: the region (maakunta) the city is in, by its Finnish name.
    """

    name: LocalizedText = attrs.field(metadata=checks(c.instance_of(LocalizedText)))
    municipality_code: str = attrs.field(metadata=checks(c.municipality_code))
    region: str = attrs.field(metadata=checks(c.text))

    def __repr__(self) -> str:
        from ekosysteemi._display import compact, display_language

        return compact("PartnerCity", self.municipality_code, self.name.get(display_language()))


@attrs.frozen(kw_only=True)
class Municipality:
    """A municipality of Statistics Finland's classification (2021-2024).

    Attributes:
        code: its three-digit code (``"743"``).
        name: its Finnish name.
        region: the region (maakunta) it is in, by its Finnish name.
    """

    code: str
    name: str
    region: str
