"""The public lists of projects the structural funds financed (rakennerahastot.fi).

``read_funded_projects(path_or_file)`` reads the 2014-2020 or the 2007-2013
layout, chosen by the header, and keeps every data row: each is a
:class:`FundedProject` or a :class:`RowError` naming its line, column and raw
value, never both and never neither. ``iter_funded_projects`` yields the
same in file order, in constant memory.

>>> from ekosysteemi import datasets
>>> import io
>>> text = ("Koodi,Rahasto,Hankkeen nimi,Tl,Viranomainen,Tila,Aloituspvm,Päättymispvm,"
...         "Toteuttajan nimi,Myönnetty EU- ja valtion rahoitus,Toteutunut EU- ja valtion "
...         "rahoitus,Suunniteltu julkinen rahoitus yhteensä,Toteutunut julkinen rahoitus "
...         "yhteensä\\nA1,EAKR,Hanke,1,Liitto,Päättynyt,1.3.2015,28.2.2017,Oy,100,50.5,100,-1\\n")
>>> found = datasets.read_funded_projects(io.StringIO(text))
>>> found.projects[0].period.months, found.projects[0].paid_public_total
(24, Decimal('-1'))
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from os import PathLike
from pathlib import Path
from typing import IO, Any, Final

import attrs

from ekosysteemi._errors import FileReadError, ValidationError, invalid
from ekosysteemi._i18n import N_, check_lang, translate
from ekosysteemi._model._values import Period
from ekosysteemi.fi._dates import _wire_date, parse_date
from ekosysteemi.fi._money import parse_euros

__all__ = [
    "LAYOUTS",
    "FundedProject",
    "FundedProjects",
    "RowError",
    "SummaryRow",
    "iter_funded_projects",
    "read_funded_projects",
]

_AMOUNTS: Final = (
    "Myönnetty EU- ja valtion rahoitus",
    "Toteutunut EU- ja valtion rahoitus",
    "Suunniteltu julkinen rahoitus yhteensä",
    "Toteutunut julkinen rahoitus yhteensä",
)
#: The columns of each layout (matched by name, in any order).
LAYOUTS: Final[dict[str, tuple[str, ...]]] = {
    "2014-2020": (
        "Koodi", "Rahasto", "Hankkeen nimi", "Tl", "Viranomainen", "Tila",
        "Aloituspvm", "Päättymispvm", "Toteuttajan nimi", *_AMOUNTS,
    ),
    "2007-2013": (
        "Koodi", "Rahasto", "Ohjelma / osio", "Projektin nimi", "Tl", "Viranomainen",
        "Toiminnan tila", "Aloituspvm", "Päättymispvm", "Toteuttajan nimi", *_AMOUNTS,
    ),
}  # fmt: skip
_NUMBER: Final = re.compile(r"[-\u2212]?[0-9]+(?:[.,][0-9]+)?")
#: The realised amounts, which may be negative (recoveries).
_SIGNED: Final = frozenset({_AMOUNTS[1], _AMOUNTS[3]})


@attrs.frozen(kw_only=True)
class FundedProject:
    """One project of a funded-project list.

    Attributes:
        code: the project code (``A70301``).
        fund: the fund (``EAKR``, ``ESR``).
        name: the project's name, as written.
        programme_section: the programme or its section (2007-2013 only), else ``None``.
        priority_axis: the priority axis (``Tl``).
        authority: the funding authority.
        status: the project's state.
        start: the first day, if given.
        end: the last day, if given.
        period: ``start`` to ``end`` when both are given.
        implementer: the implementer's name, if given.
        granted_eu_and_state: EU and state funding granted.
        paid_eu_and_state: EU and state funding paid (negative for a recovery).
        planned_public_total: public funding planned in all.
        paid_public_total: public funding paid in all (negative for a recovery).
    """

    code: str
    fund: str
    name: str
    programme_section: str | None
    priority_axis: str
    authority: str
    status: str
    start: date | None
    end: date | None
    period: Period | None
    implementer: str | None
    granted_eu_and_state: Decimal | None
    paid_eu_and_state: Decimal | None
    planned_public_total: Decimal | None
    paid_public_total: Decimal | None

    def __repr__(self) -> str:
        from ekosysteemi._display import compact

        return compact("FundedProject", self.code, self.name)

    def to_dict(self) -> dict[str, Any]:
        """The project as plain JSON data (amounts as strings, dates ISO)."""
        body: dict[str, Any] = {}
        for field in attrs.fields(type(self)):
            value = getattr(self, field.name)
            if isinstance(value, Period):
                value = {"start": value.start.isoformat(), "end": value.end.isoformat()}
            elif isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, Decimal):
                value = str(value)
            body[field.name] = value
        return body


@attrs.frozen(kw_only=True)
class RowError:
    """A data row that could not be read, and why.

    Attributes:
        line: the physical line where the row starts (the header is line 1).
        column: the column at fault (its header name).
        value: the raw value, as written.
        message: what was wrong, in English (:meth:`message_in` gives it in Finnish
            or Swedish).
    """

    line: int
    column: str
    value: str
    message: str
    _template: str = attrs.field(default="", eq=False, repr=False, alias="template")
    _params: dict[str, object] = attrs.field(factory=dict, eq=False, repr=False, alias="params")

    def message_in(self, lang: str) -> str:
        """What was wrong, in ``lang`` (``"fi"``, ``"sv"`` or ``"en"``)."""
        if not self._template:
            return self.message
        return translate(self._template, check_lang(lang)).format(**self._params)

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "value": self.value,
                "message": self.message}  # fmt: skip


@attrs.frozen(kw_only=True)
class SummaryRow:
    """Projects counted by fund, authority and start year, with their funding."""

    fund: str
    authority: str
    start_year: int | None
    count: int
    granted: Decimal
    paid: Decimal

    def to_dict(self) -> dict[str, Any]:
        return {
            "fund": self.fund,
            "authority": self.authority,
            "start_year": self.start_year,
            "count": self.count,
            "granted": str(self.granted),
            "paid": str(self.paid),
        }


@attrs.frozen(kw_only=True)
class FundedProjects:
    """A whole funded-project list: its projects and the rows that could not be read.

    Attributes:
        layout: ``"2014-2020"`` or ``"2007-2013"``.
        projects: the projects, in file order.
        errors: the rows that could not be read, in file order.
    """

    layout: str
    projects: tuple[FundedProject, ...]
    errors: tuple[RowError, ...]

    def summary(self) -> tuple[SummaryRow, ...]:
        """Counts and sums of EU and state funding (granted, paid) by fund, authority and
        start year; a missing amount counts as nothing."""
        groups: dict[tuple[str, str, int | None], list[FundedProject]] = {}
        for project in self.projects:
            year = project.start.year if project.start is not None else None
            groups.setdefault((project.fund, project.authority, year), []).append(project)
        zero = Decimal(0)
        return tuple(
            SummaryRow(
                fund=fund,
                authority=authority,
                start_year=year,
                count=len(found),
                granted=sum((p.granted_eu_and_state or zero for p in found), zero),
                paid=sum((p.paid_eu_and_state or zero for p in found), zero),
            )
            for (fund, authority, year), found in sorted(
                groups.items(), key=lambda item: (item[0][0], item[0][1], item[0][2] or 0)
            )
        )

    def __repr__(self) -> str:
        from ekosysteemi._display import compact

        return compact(
            "FundedProjects",
            self.layout,
            f"{len(self.projects)} projects, {len(self.errors)} errors",
        )

    def _repr_html_(self) -> str:
        """The list for a notebook, in the language of ``eko.set_language``: the counts,
        the summary and the rows that could not be read."""
        from ekosysteemi._display import display_language, escape, table
        from ekosysteemi._rules._messages import plain, render
        from ekosysteemi.fi._money import format_euros

        lang = display_language()
        counts = render(
            N_("Projects: {projects}; rows that could not be read: {errors}."),
            {"projects": len(self.projects), "errors": len(self.errors)},
            lang,
        )
        summary = table(
            (
                (r.fund, r.authority, plain(r.start_year, lang) if r.start_year is None
                 else str(r.start_year), plain(r.count, lang), format_euros(r.granted, lang),
                 format_euros(r.paid, lang))
                for r in self.summary()
            ),
            (N_("fund"), N_("authority"), N_("start year"), N_("projects"),
             N_("granted EU and state funding"), N_("paid EU and state funding")),
            lang,
        )  # fmt: skip
        errors = (
            table(
                ((e.line, e.column, e.value, e.message_in(lang)) for e in self.errors),
                (N_("line"), N_("column"), N_("value"), N_("reason")),
                lang,
            )
            if self.errors
            else ""
        )
        return f"<p>{escape(counts)}</p>" + summary + errors

    def to_dataframe(self) -> Any:
        """The projects as a pandas DataFrame (needs the ``pandas`` extra); amounts stay
        ``Decimal`` in object columns."""
        try:
            import pandas as pd
        except ImportError as error:
            raise ImportError(
                "to_dataframe() needs pandas: pip install 'ekosysteemi[pandas]'"
            ) from error
        return pd.DataFrame([attrs.asdict(p, recurse=False) for p in self.projects])


def _lines(handle: IO[str]) -> Iterator[str]:
    """The file's lines, each without a ``;`` that ends it (raw exports add one)."""
    for line in handle:
        stripped = line.rstrip()
        yield stripped[:-1] + "\n" if stripped.endswith(";") else line


def _layout(header: list[str]) -> tuple[str, dict[str, int]]:
    names = [name.strip() for name in header]
    while names and not names[-1]:
        names.pop()  # empty fields after the header's are ignored
    for layout, columns in LAYOUTS.items():
        if sorted(names) == sorted(columns):
            return layout, {name: index for index, name in enumerate(names)}
    raise invalid(
        "projects.layout",
        N_("expected the header of the 2014-2020 or the 2007-2013 project list, got {value}"),
        ",".join(names)[:200],
    )


def _row_error(line: int, column: str, value: str, template: str, **params: object) -> RowError:
    return RowError(
        line=line,
        column=column,
        value=value,
        message=template.format(**params),
        template=template,
        params=params,
    )


class _Bad(Exception):
    def __init__(self, column: str, value: str, template: str) -> None:
        super().__init__(template)
        self.column, self.value, self.template = column, value, template


def _date(column: str, raw: str) -> date | None:
    if not raw:
        return None  # a missing date is tolerated
    if _NUMBER.fullmatch(raw):
        raise _Bad(column, raw, N_("a number in a date column (the row may be shifted)"))
    try:
        return _wire_date(raw) or parse_date(raw)  # the common forms first, without wrapping
    except ValidationError:
        raise _Bad(column, raw, N_("expected a date such as 1.3.2015")) from None


def _amount(column: str, raw: str) -> Decimal | None:
    if not raw:
        return None
    try:
        value = parse_euros(raw)
    except ValidationError:
        raise _Bad(
            column, raw, N_("expected an amount of euros such as 443909 or 66166.42")
        ) from None
    if value < 0 and column not in _SIGNED:
        raise _Bad(column, raw, N_("a granted or planned amount cannot be negative"))
    return value


def _project(layout: str, cells: dict[str, str]) -> FundedProject:
    name_column = "Hankkeen nimi" if layout == "2014-2020" else "Projektin nimi"
    status_column = "Tila" if layout == "2014-2020" else "Toiminnan tila"
    code = cells["Koodi"]
    if not code:
        raise _Bad("Koodi", code, N_("every project needs its code"))
    implementer = cells["Toteuttajan nimi"] or None
    if implementer is not None and _NUMBER.fullmatch(implementer):
        raise _Bad(
            "Toteuttajan nimi",
            implementer,
            N_("a number as the implementer (the row may be shifted)"),
        )
    start = _date("Aloituspvm", cells["Aloituspvm"])
    end = _date("Päättymispvm", cells["Päättymispvm"])
    if start is not None and end is not None and end < start:
        raise _Bad("Päättymispvm", cells["Päättymispvm"], N_("the end is before the start"))
    amounts = [_amount(column, cells[column]) for column in _AMOUNTS]
    return FundedProject(
        code=code,
        fund=cells["Rahasto"],
        name=cells[name_column],
        programme_section=cells.get("Ohjelma / osio") or None,
        priority_axis=cells["Tl"],
        authority=cells["Viranomainen"],
        status=cells[status_column],
        start=start,
        end=end,
        # parse_date made both calendar dates, and the end was checked above.
        period=Period._of_checked(start, end) if start is not None and end is not None else None,
        implementer=implementer,
        granted_eu_and_state=amounts[0],
        paid_eu_and_state=amounts[1],
        planned_public_total=amounts[2],
        paid_public_total=amounts[3],
    )


def _reader(handle: IO[str]) -> tuple[str, Iterator[FundedProject | RowError]]:
    """The list's layout, read from its header, and its data rows."""
    reader = csv.reader(_lines(handle))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise invalid(
            "projects.layout",
            N_("expected the header of the 2014-2020 or the 2007-2013 project list, got {value}"),
            str(error)[:200],
        ) from None
    layout, columns = _layout(header)
    return layout, _rows(reader, layout, columns)


def _rows(reader: Any, layout: str, columns: dict[str, int]) -> Iterator[FundedProject | RowError]:
    width = len(columns)
    last = reader.line_num
    while True:
        start_line = last + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:  # broken quoting
            last = reader.line_num
            yield _row_error(
                start_line,
                "",
                "",
                N_("the row cannot be read (broken quoting or an over-long field)"),
            )
            continue
        last = reader.line_num
        if not "".join(row).strip():
            continue  # an empty line is no data row
        shifted = len(row) > width and bool("".join(row[width:]).strip())
        if shifted or len(row) < width:  # empty fields beyond the header's are no defect
            yield _row_error(
                start_line,
                "",
                ",".join(row)[:200],
                N_("the row has {fields} fields, the header {width} (the row may be shifted)")
                if shifted
                else N_("the row has {fields} fields, the header {width}"),
                fields=len(row),
                width=width,
            )
            continue
        cells = {name: row[index].strip() for name, index in columns.items()}
        try:
            yield _project(layout, cells)
        except _Bad as bad:
            yield _row_error(start_line, bad.column, bad.value, bad.template)


def _open(source: str | PathLike[str] | IO[str]) -> tuple[IO[str], bool]:
    if not isinstance(source, str | PathLike):
        if not hasattr(source, "read"):
            raise invalid("type", N_("expected a path or an open text file, got {value}"), source)
        return source, False
    path = Path(source)
    try:
        return path.open(encoding="utf-8-sig", newline=""), True
    except OSError as error:
        raise FileReadError(f"cannot read {path}: {error.strerror or error}") from error


def iter_funded_projects(
    source: str | PathLike[str] | IO[str],
) -> Iterator[FundedProject | RowError]:
    """Each data row of a funded-project list as a project or an error, in file order,
    in constant memory. A header that matches neither layout raises ``ValidationError``
    ``projects.layout``."""
    handle, owned = _open(source)
    try:
        _, rows = _reader(handle)
        yield from rows
    except UnicodeDecodeError as error:
        raise FileReadError(f"cannot read the list: {error}") from error
    finally:
        if owned:
            handle.close()


def read_funded_projects(source: str | PathLike[str] | IO[str]) -> FundedProjects:
    """A whole funded-project list (a path, or an open text file)."""
    handle, owned = _open(source)
    projects: list[FundedProject] = []
    errors: list[RowError] = []
    try:
        layout, rows = _reader(handle)
        for item in rows:
            if isinstance(item, FundedProject):
                projects.append(item)
            else:
                errors.append(item)
    except UnicodeDecodeError as error:
        raise FileReadError(f"cannot read the list: {error}") from error
    finally:
        if owned:
            handle.close()
    return FundedProjects(layout=layout, projects=tuple(projects), errors=tuple(errors))
