"""The module-level look-ups: the methods of the bundled catalogue.

``eko.city("Vasa")`` is ``eko.Catalogue.bundled().city("Vasa")``; a city's
own data is a catalogue of its own (``eko.Catalogue.load``), with the same
methods.
"""

from __future__ import annotations

from datetime import datetime

from ekosysteemi._catalogue import Catalogue
from ekosysteemi._model import Agreement, Call, Criterion, Municipality, PartnerCity, Theme

__all__ = [
    "agreement",
    "agreements",
    "call",
    "calls",
    "cities",
    "city",
    "criteria",
    "criterion",
    "municipality",
    "source_of",
    "theme",
    "themes",
]


def themes() -> tuple[Theme, ...]:
    """Every bundled theme: national themes, agreement themes and focus areas."""
    return Catalogue.bundled().themes()


def theme(id_or_name: str) -> Theme:
    """A theme by its id (``"alykas-vihrea-kasvu"``) or its name in any language.

    >>> theme("Älykäs vihreä kasvu").id
    'alykas-vihrea-kasvu'
    """
    return Catalogue.bundled().theme(id_or_name)


def cities() -> tuple[PartnerCity, ...]:
    """The 18 cities of the Innokaupungit network."""
    return Catalogue.bundled().cities()


def city(name_or_code: str) -> PartnerCity:
    """A city by its municipality code or its Finnish or Swedish name, in any case.

    Also finds the municipalities that are parties to a shared agreement
    without being network cities (Imatra, Sotkamo).

    >>> city("Vasa").municipality_code
    '905'
    """
    return Catalogue.bundled().city(name_or_code)


def agreements() -> tuple[Agreement, ...]:
    """The 16 ecosystem agreements."""
    return Catalogue.bundled().agreements()


def agreement(key: str) -> Agreement:
    """An agreement by its id (``"seinajoki"``, ``"helsinki-espoo-vantaa"``), or by the
    name or municipality code of a city that is a party to it.

    >>> agreement("Vasa").id, agreement("092").id
    ('vaasa', 'helsinki-espoo-vantaa')
    """
    return Catalogue.bundled().agreement(key)


def calls(*, agreement: str | None = None, open_at: datetime | None = None) -> tuple[Call, ...]:
    """The bundled calls; with ``agreement``, those opened under it (any key that
    :func:`agreement` takes); with ``open_at``, those open at that moment.

    >>> [c.id for c in calls(agreement="Seinäjoki")]
    ['seinajoki-2022-12', 'seinajoki-2023-06']
    """
    return Catalogue.bundled().calls(agreement=agreement, open_at=open_at)


def call(id_or_title: str) -> Call:
    """The bundled call ``id_or_title`` (``"seinajoki-2022-12"``), or by its title."""
    return Catalogue.bundled().call(id_or_title)


def criteria() -> tuple[Criterion, ...]:
    """The bundled criteria: the programme's horizontal selection criteria."""
    return Catalogue.bundled().criteria()


def criterion(id_or_name: str) -> Criterion:
    """A bundled criterion by its id or its name."""
    return Catalogue.bundled().criterion(id_or_name)


def municipality(code: str) -> Municipality:
    """A municipality of Statistics Finland's classification (2021-2024) by its code, or
    by its Finnish name.

    >>> municipality("743").region
    'Etelä-Pohjanmaa'
    """
    return Catalogue.bundled().municipality(code)


def source_of(item: Theme | PartnerCity | Agreement | Call | Criterion) -> str:
    """Where a bundled record's facts come from."""
    found = Catalogue.bundled().source_of(item)
    assert found is not None  # the bundled records all have one
    return found
