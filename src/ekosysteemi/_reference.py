"""Look-ups over the bundled reference data (``ekosysteemi/data/*.toml``).

The data files are read at first use, through the same converter as users'
own files. Every record carries a ``source``; the loader refuses one
without it and keeps it for :func:`source_of`.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib.resources import files
from typing import Any, Final, TypeVar

import attrs

from ekosysteemi._errors import EkosysteemiError, UnknownReferenceError, invalid
from ekosysteemi._i18n import N_
from ekosysteemi._io import converter, from_dict, parse_toml
from ekosysteemi._model import Agreement, Call, PartnerCity, Theme

__all__ = [
    "agreement",
    "agreements",
    "call",
    "calls",
    "cities",
    "city",
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


def _lookup(
    kind: str,
    key: object,
    table: Mapping[str, T],
    names: Callable[[T], Iterable[str]] = lambda _: (),
) -> T:
    wanted = _key(kind, key)
    if wanted in table:
        return table[wanted]
    folded = _fold(wanted)
    index: dict[str, str] = {}
    for ident, item in table.items():
        for label in (ident, *names(item)):
            index.setdefault(_fold(label), ident)
    if folded in index:
        return table[index[folded]]
    labels: dict[str, str] = {}
    for ident, item in table.items():
        for label in (*names(item), ident):
            labels.setdefault(_fold(label), label)
    near = difflib.get_close_matches(folded, list(labels), n=3, cutoff=0.5)
    raise UnknownReferenceError(kind, key, [labels[n] for n in near])


def themes() -> tuple[Theme, ...]:
    """Every bundled theme: national themes, agreement themes and focus areas."""
    return tuple(_store().themes.values())


def theme(theme_id: str) -> Theme:
    """The theme ``theme_id`` (``"alykas-vihrea-kasvu"``)."""
    return _lookup("theme", theme_id, _store().themes)


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
    return _lookup(
        "city",
        name_or_code,
        _store().cities,
        lambda town: [name for name in (town.name.fi, town.name.sv, town.name.en) if name],
    )


def agreements() -> tuple[Agreement, ...]:
    """The 16 ecosystem agreements."""
    return tuple(_store().agreements.values())


def agreement(agreement_id: str) -> Agreement:
    """The agreement ``agreement_id`` (``"seinajoki"``, ``"helsinki-espoo-vantaa"``)."""
    return _lookup("agreement", agreement_id, _store().agreements)


def calls() -> tuple[Call, ...]:
    """The bundled calls."""
    return tuple(_store().calls.values())


def call(call_id: str) -> Call:
    """The bundled call ``call_id`` (``"seinajoki-2022-12"``)."""
    return _lookup("call", call_id, _store().calls)


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
