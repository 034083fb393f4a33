"""Look-ups over the bundled reference data (``ekosysteemi/data/*.toml``).

The data files are read at first use, through the same converter as users'
own files. Every record carries a ``source``; the loader refuses one
without it and keeps it for :func:`source_of`.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from functools import cache
from importlib.resources import files
from typing import Any, Final, TypeVar

import attrs

from ekosysteemi._errors import EkosysteemiError, UnknownReferenceError, invalid
from ekosysteemi._i18n import N_
from ekosysteemi._io import converter, from_dict, parse_toml
from ekosysteemi._model import Agreement, Call, Municipality, PartnerCity, Theme
from ekosysteemi._model._calls import moment
from ekosysteemi._municipalities import municipalities

__all__ = [
    "agreement",
    "agreements",
    "call",
    "calls",
    "cities",
    "city",
    "municipality",
    "read_records",
    "source_of",
    "theme",
    "themes",
]

T = TypeVar("T")
_SIDE_KEYS: Final = ("source", "note", "network")


def read_records(name: str, table: str) -> list[dict[str, Any]]:
    """The records of ``table`` in the bundled data file ``name``, each with its source."""
    text = files("ekosysteemi").joinpath("data", name).read_text(encoding="utf-8")
    records = parse_toml(text).get(table, [])
    for index, record in enumerate(records):
        source = record.get("source")
        if not isinstance(source, str) or not source.strip():
            raise EkosysteemiError(f"{name}: record {index} of [[{table}]] has no source")
    return list(records)


@attrs.frozen
class _Store:
    themes: Mapping[str, Theme]
    cities: Mapping[str, PartnerCity]
    network: tuple[str, ...]
    agreements: Mapping[str, Agreement]
    calls: Mapping[str, Call]
    sources: Mapping[tuple[str, str], str]


def _body(record: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if key not in _SIDE_KEYS}


@cache
def _store() -> _Store:
    sources: dict[tuple[str, str], str] = {}
    themes: dict[str, Theme] = {}
    for record in read_records("themes.toml", "theme"):
        topic = from_dict(Theme, _body(record))
        themes[topic.id] = topic
        sources["theme", topic.id] = record["source"]
    cities: dict[str, PartnerCity] = {}
    network: list[str] = []
    for record in read_records("cities.toml", "city"):
        town = from_dict(PartnerCity, _body(record))
        cities[town.municipality_code] = town
        sources["city", town.municipality_code] = record["source"]
        if record.get("network", True):
            network.append(town.municipality_code)
    unstructure = converter().unstructure
    agreements: dict[str, Agreement] = {}
    for record in read_records("agreements.toml", "agreement"):
        body = _body(record)
        if "theme" in body:
            body["theme"] = unstructure(themes[body["theme"]])
        body["focus_areas"] = [unstructure(themes[key]) for key in body.get("focus_areas", [])]
        deal = from_dict(Agreement, body)
        agreements[deal.id] = deal
        sources["agreement", deal.id] = record["source"]
    calls: dict[str, Call] = {}
    for record in read_records("calls.toml", "call"):
        opened = from_dict(Call, _body(record))
        calls[opened.id] = opened
        sources["call", opened.id] = record["source"]
    return _Store(themes, cities, tuple(network), agreements, calls, sources)


def _fold(text: str) -> str:
    """Lower case without diacritics: ``Seinäjoki`` and ``seinajoki`` fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _key(kind: str, key: object) -> str:
    if not isinstance(key, str):
        raise invalid("type", N_("expected the {kind} as text, got {value}"), key, kind=kind)
    return key


Labels = Callable[[str, Any], Iterable[str]]


def _no_labels(_: str, __: Any) -> Iterable[str]:
    return ()


def _similarity(wanted: str, label: str) -> float:
    """How alike two folded keys are: a key that starts the other ranks first."""
    ratio = difflib.SequenceMatcher(None, wanted, label).ratio()
    return ratio + 1 if label.startswith(wanted) or wanted.startswith(label) else ratio


def _lookup(
    kind: str,
    key: object,
    table: Mapping[str, T],
    names: Labels = _no_labels,
    codes: Labels = _no_labels,
) -> T:
    """``table``'s record for ``key``: by id first, then by name, then by code, ignoring
    case and diacritics. A key naming several records is ambiguous, never guessed."""
    wanted = _key(kind, key)
    if wanted in table:
        return table[wanted]
    folded = _fold(wanted)
    stages: tuple[Labels, ...] = (lambda ident, _: (ident,), names, codes)
    for labels in stages:
        found = [
            ident
            for ident, item in table.items()
            if any(_fold(label) == folded for label in labels(ident, item))
        ]
        if len(found) == 1:
            return table[found[0]]
        if found:
            raise UnknownReferenceError(kind, key, found, code="reference.ambiguous")
    known: dict[str, str] = {}
    for labels in stages:
        for ident, item in table.items():
            for label in labels(ident, item):
                known.setdefault(_fold(label), label)
    ranked = sorted(known, key=lambda label: (-_similarity(folded, label), label))
    near = [known[label] for label in ranked if _similarity(folded, label) >= 0.5][:3]
    raise UnknownReferenceError(kind, key, near)


def _city_names(town: PartnerCity) -> list[str]:
    return [name for name in (town.name.fi, town.name.sv, town.name.en) if name]


def themes() -> tuple[Theme, ...]:
    """Every bundled theme: national themes, agreement themes and focus areas."""
    return tuple(_store().themes.values())


def theme(id_or_name: str) -> Theme:
    """A theme by its id (``"alykas-vihrea-kasvu"``) or its name in any language.

    >>> theme("Älykäs vihreä kasvu").id
    'alykas-vihrea-kasvu'
    """
    return _lookup(
        "theme",
        id_or_name,
        _store().themes,
        lambda _, topic: [t for t in (topic.name.fi, topic.name.sv, topic.name.en) if t],
    )


def cities() -> tuple[PartnerCity, ...]:
    """The 18 cities of the Innokaupungit network."""
    store = _store()
    return tuple(store.cities[code] for code in store.network)


def city(name_or_code: str) -> PartnerCity:
    """A city by its municipality code or its Finnish or Swedish name, in any case.

    Also finds the municipalities that are parties to a shared agreement
    without being network cities (Imatra, Sotkamo).

    >>> city("Vasa").municipality_code
    '905'
    """
    return _lookup("city", name_or_code, _store().cities, lambda _, town: _city_names(town))


def agreements() -> tuple[Agreement, ...]:
    """The 16 ecosystem agreements."""
    return tuple(_store().agreements.values())


def agreement(key: str) -> Agreement:
    """An agreement by its id (``"seinajoki"``, ``"helsinki-espoo-vantaa"``), or by the
    name or municipality code of a city that is a party to it.

    >>> agreement("Vasa").id, agreement("092").id
    ('vaasa', 'helsinki-espoo-vantaa')
    """
    store = _store()

    def names(_: str, deal: Agreement) -> list[str]:
        return [
            name
            for code in deal.cities
            if code in store.cities
            for name in _city_names(store.cities[code])
        ]

    return _lookup("agreement", key, store.agreements, names, lambda _, deal: deal.cities)


def calls(*, agreement: str | None = None, open_at: datetime | None = None) -> tuple[Call, ...]:
    """The bundled calls; with ``agreement``, those opened under it (any key that
    :func:`agreement` takes); with ``open_at``, those open at that moment.

    >>> [c.id for c in calls(agreement="Seinäjoki")]
    ['seinajoki-2022-12', 'seinajoki-2023-06']
    """
    chosen = tuple(_store().calls.values())
    if agreement is not None:
        deal = globals()["agreement"](agreement)
        chosen = tuple(c for c in chosen if c.agreement_id == deal.id)
    if open_at is not None:
        when = moment(open_at, "$.open_at")
        chosen = tuple(c for c in chosen if c.is_open(when))
    return chosen


def call(id_or_title: str) -> Call:
    """The bundled call ``id_or_title`` (``"seinajoki-2022-12"``), or by its title."""
    return _lookup(
        "call",
        id_or_title,
        _store().calls,
        lambda _, opened: [t for t in (opened.title.fi, opened.title.sv, opened.title.en) if t],
    )


def municipality(code: str) -> Municipality:
    """A municipality of Statistics Finland's classification (2021-2024) by its code, or
    by its Finnish name.

    >>> municipality("743").region
    'Etelä-Pohjanmaa'
    """
    return _lookup("municipality", code, municipalities(), lambda _, place: (place.name,))


def source_of(item: Theme | PartnerCity | Agreement | Call) -> str:
    """Where a bundled record's facts come from."""
    store = _store()
    key: tuple[str, str]
    if isinstance(item, Theme):
        key = ("theme", item.id)
    elif isinstance(item, PartnerCity):
        key = ("city", item.municipality_code)
    elif isinstance(item, Agreement):
        key = ("agreement", item.id)
    elif isinstance(item, Call):
        key = ("call", item.id)
    else:
        raise invalid(
            "type", N_("expected a bundled theme, city, agreement or call, got {value}"), item
        )
    try:
        return store.sources[key]
    except KeyError:
        raise UnknownReferenceError(key[0], key[1]) from None
