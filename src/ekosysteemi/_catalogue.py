"""Catalogues: the bundled reference data, and a city's own data on top of it.

A catalogue is read from files that hold any of the arrays ``city``,
``theme``, ``agreement``, ``call``, ``criterion`` and ``parameter`` (the
bundled files' layout). Records are merged by id over a base catalogue, built
into model objects, and checked whole: every dangling reference, duplicate
id, unknown key and wrong type is reported at once, each with the file and
the record it is in. A catalogue is never partly loaded.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from os import PathLike
from pathlib import Path
from typing import Any, Final, TypeVar

import attrs

from ekosysteemi._errors import (
    ErrorDetail,
    FileReadError,
    UnknownReferenceError,
    ValidationError,
    invalid,
    join_path,
)
from ekosysteemi._i18n import N_
from ekosysteemi._io import (
    CRITERIA,
    MAX_DOCUMENT,
    _parse_json,
    converter,
    from_dict,
    not_utf8,
    parse_toml,
    to_dict,
)
from ekosysteemi._model import (
    Agreement,
    Call,
    Criterion,
    LocalizedText,
    Municipality,
    PartnerCity,
    Theme,
)
from ekosysteemi._model._calls import moment
from ekosysteemi._municipalities import municipalities
from ekosysteemi._rules._parameters import BUNDLED, Parameters, _Bundled

__all__ = ["TABLES", "Catalogue"]

T = TypeVar("T")
#: The arrays a catalogue file may hold.
TABLES: Final = ("city", "theme", "agreement", "call", "criterion", "parameter")
#: Keys a record may carry beside its model's fields.
_SIDE_KEYS: Final = ("source", "note", "network")
_MODELS: Final[Mapping[str, type]] = {
    "city": PartnerCity,
    "theme": Theme,
    "agreement": Agreement,
    "call": Call,
    "criterion": Criterion,
}


@attrs.frozen
class _Record:
    """One record of a catalogue file, before it is built."""

    table: str
    key: str
    body: Mapping[str, Any]
    source: str | None
    note: str | None
    network: bool
    origin: str  # "calls.toml:$.call[0]"


def _fold(text: str) -> str:
    """Lower case without diacritics: ``Seinäjoki`` and ``seinajoki`` fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _similarity(wanted: str, label: str) -> float:
    """How alike two folded keys are: a key that starts the other ranks first."""
    ratio = difflib.SequenceMatcher(None, wanted, label).ratio()
    return ratio + 1 if label.startswith(wanted) or wanted.startswith(label) else ratio


Labels = Callable[[str, Any], Iterable[str]]


def _none(_: str, __: Any) -> Iterable[str]:
    return ()


def lookup(
    kind: str,
    key: object,
    table: Mapping[str, T],
    names: Labels = _none,
    codes: Labels = _none,
) -> T:
    """``table``'s record for ``key``: by id first, then by name, then by code, ignoring
    case and diacritics. A key naming several records is ambiguous, never guessed."""
    if not isinstance(key, str):
        raise invalid("type", N_("expected the {kind} as text, got {value}"), key, kind=kind)
    if key in table:
        return table[key]
    folded = _fold(key)
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


def _texts(text: LocalizedText) -> list[str]:
    """A name's texts in every language it has."""
    return [value for value in (text.fi, text.sv, text.en) if value]


@attrs.frozen(eq=False)
class Catalogue:
    """Cities, agreements, themes, calls, criteria and dated parameters, checked whole.

    ``Catalogue.bundled()`` is the reference data the module-level look-ups
    (``eko.city()``, ``eko.calls()``, …) read; ``Catalogue.load(path)`` reads a
    city's own file or folder on top of it.

    >>> catalogue = Catalogue.bundled()
    >>> catalogue.agreement("Seinäjoki").theme.id
    'alykas-vihrea-kasvu'
    >>> len(catalogue.digest)
    64
    """

    _records: Mapping[tuple[str, str], _Record]
    _themes: Mapping[str, Theme]
    _cities: Mapping[str, PartnerCity]
    _agreements: Mapping[str, Agreement]
    _calls: Mapping[str, Call]
    _criteria: Mapping[str, Criterion]
    parameters: Parameters
    digest: str

    # ------------------------------------------------------------ building

    @classmethod
    def bundled(cls) -> Catalogue:
        """The reference data bundled with the library, read on first use."""
        return _bundled()

    @classmethod
    def load(
        cls,
        path: str | PathLike[str],
        *,
        base: Catalogue | _Bundled | None = BUNDLED,
    ) -> Catalogue:
        """A catalogue from a file (``.toml`` or ``.json``) or from the ``*.toml`` and
        ``*.json`` files of a folder (not recursive, in name order), on top of ``base``
        (by default the bundled catalogue; ``None``: standalone).

        A record with the id of one in ``base`` replaces it; parameters extend the
        base's. Every problem is reported in one ``ValidationError`` whose paths name
        the file and the record (``calls.toml:$.call[0].agreement_id``).
        """
        below = _bundled() if isinstance(base, _Bundled) else base
        if below is not None and not isinstance(below, Catalogue):
            raise invalid("type", N_("expected a catalogue as base, got {value}"), base, "$.base")
        found = Path(path)
        if found.is_dir():
            chosen = sorted(
                (p for p in found.iterdir() if p.suffix.lower() in (".toml", ".json")),
                key=lambda p: p.name,
            )
            documents = [(p.name, _read(p)) for p in chosen]
        elif found.exists():
            if found.suffix.lower() not in (".toml", ".json"):
                raise invalid(
                    "file.format", N_("expected a .json or .toml file, got {value}"), str(found)
                )
            documents = [(found.name, _read(found))]
        else:
            raise FileReadError(f"cannot read {found}: no such file or folder")
        return _build(documents, below, require_source=False)

    # ------------------------------------------------------------ look-ups

    def cities(self) -> tuple[PartnerCity, ...]:
        """The network cities (records with ``network = false`` are parties only)."""
        return tuple(
            self._cities[record.key]
            for record in self._records.values()
            if record.table == "city" and record.network
        )

    def city(self, name_or_code: str) -> PartnerCity:
        """A city by its municipality code or its Finnish or Swedish name, in any case."""
        return lookup(
            "city",
            name_or_code,
            self._cities,
            lambda _, town: _texts(town.name),
        )

    def agreements(self) -> tuple[Agreement, ...]:
        """Every agreement."""
        return tuple(self._agreements.values())

    def agreement(self, key: str) -> Agreement:
        """An agreement by its id, or by the name or code of a city that is a party to it."""
        towns = self._cities

        def names(_: str, deal: Agreement) -> list[str]:
            return [
                name for code in deal.cities if code in towns for name in _texts(towns[code].name)
            ]

        return lookup("agreement", key, self._agreements, names, lambda _, deal: deal.cities)

    def themes(self) -> tuple[Theme, ...]:
        """Every theme: national themes, agreement themes and focus areas."""
        return tuple(self._themes.values())

    def theme(self, id_or_name: str) -> Theme:
        """A theme by its id or its name in any language."""
        return lookup(
            "theme",
            id_or_name,
            self._themes,
            lambda _, topic: _texts(topic.name),
        )

    def calls(
        self, *, agreement: str | None = None, open_at: datetime | None = None
    ) -> tuple[Call, ...]:
        """The calls; with ``agreement``, those opened under it (any key that
        :meth:`agreement` takes); with ``open_at``, those open at that moment."""
        chosen = tuple(self._calls.values())
        if agreement is not None:
            deal = self.agreement(agreement)
            chosen = tuple(c for c in chosen if c.agreement_id == deal.id)
        if open_at is not None:
            when = moment(open_at, "$.open_at")
            chosen = tuple(c for c in chosen if c.is_open(when))
        return chosen

    def call(self, id_or_title: str) -> Call:
        """A call by its id, or by its title."""
        return lookup(
            "call",
            id_or_title,
            self._calls,
            lambda _, opened: _texts(opened.title),
        )

    def criteria(self) -> tuple[Criterion, ...]:
        """Every criterion of the catalogue."""
        return tuple(self._criteria.values())

    def criterion(self, id_or_name: str) -> Criterion:
        """A criterion by its id or its name in any language."""
        return lookup(
            "criterion",
            id_or_name,
            self._criteria,
            lambda _, rule: _texts(rule.name),
        )

    def municipality(self, code: str) -> Municipality:
        """A municipality of Statistics Finland's classification, by code or Finnish name."""
        return lookup("municipality", code, municipalities(), lambda _, place: (place.name,))

    def source_of(self, item: Theme | PartnerCity | Agreement | Call | Criterion) -> str | None:
        """Where a record's facts come from (``None`` for a city's record without one)."""
        if isinstance(item, PartnerCity):
            key = ("city", item.municipality_code)
        elif isinstance(item, Theme | Agreement | Call | Criterion):
            table = {Theme: "theme", Agreement: "agreement", Call: "call", Criterion: "criterion"}
            key = (table[type(item)], item.id)
        else:
            raise invalid(
                "type",
                N_("expected a theme, city, agreement, call or criterion, got {value}"),
                item,
            )
        record = self._records.get(key)
        if record is None:
            raise UnknownReferenceError(key[0], key[1])
        return record.source

    # ------------------------------------------------------------ checks

    def check_call(self, call: Call) -> None:
        """Check a call object against the catalogue, as a call record would be: its
        agreement must exist (``UnknownReferenceError``) and its focus areas must be
        themes, and its agreement's when the agreement lists any (``ValidationError`` at
        ``$.call.focus_areas[i]``)."""
        if self._calls.get(call.id) is call:
            return
        if call.agreement_id not in self._agreements:
            self.agreement(call.agreement_id)  # raises, with the nearest ids
        errors = list(self._call_problems(call, "$.call"))
        if errors:
            raise ValidationError(errors)

    def _call_problems(self, call: Call, where: str) -> Iterator[ErrorDetail]:
        deal = self._agreements.get(call.agreement_id)
        if deal is None:
            yield ErrorDetail(
                path=f"{where}.agreement_id",
                code="call.agreement_unknown",
                value=call.agreement_id,
                template=N_("no agreement {value} is in the catalogue"),
            )
            return
        allowed = {area.id for area in deal.focus_areas}
        for index, area in enumerate(call.focus_areas):
            if area not in self._themes:
                yield ErrorDetail(
                    path=f"{where}.focus_areas[{index}]",
                    code="call.focus_area_unknown",
                    value=area,
                    template=N_("no theme {value} is in the catalogue"),
                )
            elif allowed and area not in allowed:
                yield ErrorDetail(
                    path=f"{where}.focus_areas[{index}]",
                    code="call.focus_area_foreign",
                    value=area,
                    template=N_("{value} is not a focus area of the agreement {agreement}"),
                    params={"agreement": deal.id},
                )

    # ------------------------------------------------------------ equality and views

    def records(self) -> dict[str, list[dict[str, Any]]]:
        """The catalogue as the arrays of its files' layout (as :meth:`load` reads them)."""
        found: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
        for record in self._records.values():
            found[record.table].append(_written(self, record))
        for name, values in self.parameters.entries.items():
            for value in values:
                entry = {"name": name, **value.to_dict()}
                if entry["source"] is None:
                    del entry["source"]
                found["parameter"].append(entry)
        return {table: values for table, values in found.items() if values}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Catalogue):
            return NotImplemented
        return self.digest == other.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    def __repr__(self) -> str:
        return (
            f"<Catalogue: {len(self._agreements)} agreements, {len(self._calls)} calls, "
            f"digest {self.digest[:12]}>"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (_from_records, (self.records(),))

    def _repr_html_(self) -> str:
        """The catalogue for a notebook, in the language of ``eko.set_language``: what it
        holds, and its calls."""
        from ekosysteemi._display import display_language, facts, funds, table
        from ekosysteemi._rules._messages import plain

        lang = display_language()
        counts = [
            (N_("cities"), len(self.cities())),
            (N_("agreements"), len(self._agreements)),
            (N_("themes"), len(self._themes)),
            (N_("calls"), len(self._calls)),
            (N_("criteria"), len(self._criteria)),
        ]
        calls = table(
            (
                (c.title.get(lang), plain(c.effective_deadline, lang), funds(c, lang))
                for c in self._calls.values()
            ),
            (N_("call"), N_("deadline"), N_("funds")),
            lang,
        )
        return facts(counts, lang) + calls


def _written(catalogue: Catalogue, record: _Record) -> dict[str, Any]:
    """A record as a catalogue file writes it (agreements name their themes by id)."""
    if record.table == "city":
        body = to_dict(catalogue._cities[record.key])
    elif record.table == "theme":
        body = to_dict(catalogue._themes[record.key])
    elif record.table == "criterion":
        body = to_dict(catalogue._criteria[record.key])
    elif record.table == "call":
        body = to_dict(catalogue._calls[record.key])
    else:
        deal = catalogue._agreements[record.key]
        body = to_dict(deal)
        body["theme"] = None if deal.theme is None else deal.theme.id
        body["focus_areas"] = [area.id for area in deal.focus_areas]
        if body["theme"] is None:
            del body["theme"]
    body.pop("format", None)
    if record.table == "city" and not record.network:
        body["network"] = False
    for key in ("source", "note"):
        value = getattr(record, key)
        if value is not None:
            body[key] = value
    return body


def _from_records(records: Mapping[str, Any]) -> Catalogue:
    return _build([("catalogue", dict(records))], None, require_source=False)


def _read(path: Path) -> Any:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_DOCUMENT + 1)
    except OSError as error:
        raise FileReadError(f"cannot read {path}: {error.strerror or error}") from error
    return _parse(path.name, raw)


def _parse(name: str, raw: bytes) -> Any:
    if len(raw) > MAX_DOCUMENT:
        return invalid(
            "document.too_large",
            N_("the document is larger than {limit}"),
            name,
            f"{name}:$",
            limit=MAX_DOCUMENT,
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return not_utf8("file.encoding", error, name, f"{name}:$")
    try:
        return _parse_json(text) if name.lower().endswith(".json") else parse_toml(text)
    except ValidationError as error:
        return ValidationError(e.rebased(f"{name}:$") for e in error.errors)


def _key_of(table: str) -> str:
    return "municipality_code" if table == "city" else "id"


def _records_of(
    name: str, document: Any, require_source: bool, errors: list[ErrorDetail]
) -> tuple[list[_Record], list[tuple[str, Mapping[str, Any]]]]:
    """The records of one file, and its parameter entries (with their paths)."""
    if isinstance(document, ValidationError):
        errors.extend(document.errors)
        return [], []
    if not isinstance(document, Mapping):
        errors.extend(
            invalid(
                "type", N_("expected an object with keys, got {value}"), document, f"{name}:$"
            ).errors
        )
        return [], []
    found: list[_Record] = []
    parameters: list[tuple[str, Mapping[str, Any]]] = []
    for table, items in document.items():
        where = f"{name}:$.{table}"
        if table == "format" and items == 1:
            continue
        if table not in TABLES:
            errors.extend(
                invalid(
                    "key.unknown",
                    N_("unknown key {value}; expected one of {choices}"),
                    table,
                    where,
                    choices=", ".join(TABLES),
                ).errors
            )
            continue
        if not isinstance(items, list):
            errors.extend(invalid("type", N_("expected a list, got {value}"), items, where).errors)
            continue
        for index, item in enumerate(items):
            origin = f"{where}[{index}]"
            if table == "parameter":
                parameters.append((origin, item))
                continue
            if not isinstance(item, Mapping):
                errors.extend(
                    invalid(
                        "type", N_("expected an object with keys, got {value}"), item, origin
                    ).errors
                )
                continue
            key = item.get(_key_of(table))
            source, note, network = item.get("source"), item.get("note"), item.get("network", True)
            problems = False
            if not isinstance(key, str) or not key:
                errors.extend(
                    invalid(
                        "key.required",
                        N_("this key is required"),
                        None,
                        f"{origin}.{_key_of(table)}",
                    ).errors
                )
                problems = True
            if source is None and require_source:
                errors.extend(
                    invalid(
                        "record.source",
                        N_("every bundled record needs its source, got {value}"),
                        source,
                        f"{origin}.source",
                    ).errors
                )
                problems = True
            for side, value, kind in (("source", source, str), ("note", note, str)):
                if value is not None and (not isinstance(value, kind) or not value.strip()):
                    errors.extend(
                        invalid(
                            "type", N_("expected text, got {value}"), value, f"{origin}.{side}"
                        ).errors
                    )
                    problems = True
            if not isinstance(network, bool) or (table != "city" and "network" in item):
                errors.extend(
                    invalid(
                        "key.unknown" if table != "city" else "type",
                        N_("unexpected value {value} for network"),
                        network,
                        f"{origin}.network",
                    ).errors
                )
                problems = True
            if problems:
                continue
            body = {k: v for k, v in item.items() if k not in _SIDE_KEYS}
            found.append(_Record(table, str(key), body, source, note, bool(network), origin))
    return found, parameters


def _build(
    documents: list[tuple[str, Any]], base: Catalogue | None, *, require_source: bool
) -> Catalogue:
    errors: list[ErrorDetail] = []
    records: dict[tuple[str, str], _Record] = dict(base._records) if base is not None else {}
    loaded: dict[tuple[str, str], str] = {}
    parameters = base.parameters if base is not None else Parameters({})
    seen_parameters: dict[tuple[object, object], str] = {}
    for name, document in documents:
        found, entries = _records_of(name, document, require_source, errors)
        for record in found:
            key = (record.table, record.key)
            if key in loaded:
                errors.append(
                    ErrorDetail(
                        path=f"{record.origin}.{_key_of(record.table)}",
                        code="record.duplicate",
                        value=record.key,
                        template=N_("{value} is also the id of {other}"),
                        params={"other": loaded[key]},
                    )
                )
                continue
            loaded[key] = record.origin
            records[key] = record
        if entries:
            for origin, entry in entries:
                if isinstance(entry, Mapping):
                    key2 = (entry.get("name"), entry.get("valid_from"))
                    if key2 in seen_parameters:
                        errors.append(
                            ErrorDetail(
                                path=origin,
                                code="record.duplicate",
                                value=entry.get("name"),
                                template=N_("{value} is also the id of {other}"),
                                params={"other": seen_parameters[key2]},
                            )
                        )
                    seen_parameters.setdefault(key2, origin)
            try:
                parameters = Parameters.from_records(
                    [entry for _, entry in entries], base=parameters, require_source=require_source
                )
            except ValidationError as error:
                prefix = f"{name}:$"
                errors.extend(e.rebased(prefix) for e in error.errors)
    catalogue = _objects(records, parameters, errors)
    if errors:
        raise ValidationError(errors)
    return catalogue


def _objects(
    records: Mapping[tuple[str, str], _Record], parameters: Parameters, errors: list[ErrorDetail]
) -> Catalogue:
    def build(record: _Record, body: Mapping[str, Any]) -> Any:
        try:
            return from_dict(_MODELS[record.table], body)
        except ValidationError as error:
            errors.extend(e.rebased(record.origin) for e in error.errors)
            return None

    def of(table: str) -> list[_Record]:
        return [r for r in records.values() if r.table == table]

    themes: dict[str, Theme] = {}
    for record in of("theme"):
        built = build(record, record.body)
        if built is not None:
            themes[record.key] = built
    for record in of("theme"):
        parent = record.body.get("parent")
        if isinstance(parent, str) and parent not in themes and record.key in themes:
            errors.append(_dangling(record, ".parent", parent, "theme"))
    cities: dict[str, PartnerCity] = {}
    for record in of("city"):
        built = build(record, record.body)
        if built is not None:
            cities[record.key] = built
    criteria: dict[str, Criterion] = {}
    for record in of("criterion"):
        built = build(record, record.body)
        if built is not None:
            criteria[record.key] = built
    unstructure = converter().unstructure
    agreements: dict[str, Agreement] = {}
    for record in of("agreement"):
        body = dict(record.body)
        ok = True
        theme = body.get("theme")
        if isinstance(theme, str):
            if theme in themes:
                body["theme"] = unstructure(themes[theme])
            else:
                errors.append(_dangling(record, ".theme", theme, "theme"))
                ok = False
        areas = body.get("focus_areas", [])
        if isinstance(areas, list):
            resolved = []
            for index, area in enumerate(areas):
                if isinstance(area, str) and area in themes:
                    resolved.append(unstructure(themes[area]))
                elif isinstance(area, str):
                    errors.append(_dangling(record, f".focus_areas[{index}]", area, "theme"))
                    ok = False
                else:
                    resolved.append(area)
            body["focus_areas"] = resolved
        codes = body.get("cities", [])
        if isinstance(codes, list):
            for index, code in enumerate(codes):
                if isinstance(code, str) and code not in cities:
                    errors.append(_dangling(record, f".cities[{index}]", code, "city"))
        built = build(record, body) if ok else None
        if built is not None:
            agreements[record.key] = built
    calls: dict[str, Call] = {}

    def find(key: str) -> Criterion:
        if key not in criteria:
            raise LookupError(key)
        return criteria[key]

    token = CRITERIA.set(find)
    try:
        for record in of("call"):
            built = build(record, record.body)
            if built is not None:
                calls[record.key] = built
    finally:
        CRITERIA.reset(token)
    catalogue = Catalogue(
        records=dict(records),
        themes=themes,
        cities=cities,
        agreements=agreements,
        calls=calls,
        criteria=criteria,
        parameters=parameters,
        digest="",
    )
    for record in of("call"):
        if record.key in calls:
            errors.extend(catalogue._call_problems(calls[record.key], record.origin))
    if not errors:
        object.__setattr__(catalogue, "digest", _digest(catalogue))
    return catalogue


_DANGLING: Final = {
    "theme": N_("no theme {value} is in the catalogue"),
    "city": N_("no city {value} is in the catalogue"),
}


def _dangling(record: _Record, field: str, value: str, kind: str) -> ErrorDetail:
    return ErrorDetail(
        path=join_path(record.origin, "$" + field),
        code=f"{record.table}.{kind}_unknown",
        value=value,
        template=_DANGLING[kind],
    )


def _digest(catalogue: Catalogue) -> str:
    """A hash of the catalogue's content, stable across runs and file layouts."""
    text = json.dumps(catalogue.records(), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _bundled_documents() -> list[tuple[str, Any]]:
    folder: Traversable = files("ekosysteemi").joinpath("data")
    chosen = sorted((p for p in folder.iterdir() if p.name.endswith(".toml")), key=lambda p: p.name)
    return [(p.name, _parse(p.name, p.read_bytes())) for p in chosen]


@cache
def _bundled() -> Catalogue:
    return _build(_bundled_documents(), None, require_source=True)
