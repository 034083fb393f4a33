"""The command line: ``ekosysteemi`` (and ``python -m ekosysteemi``).

Each command reads its input, hands it to the library and writes what it
got back for people (tables and decision texts in Finnish, Swedish or
English) or for other tools (``--json``: JSON Lines; ``--csv``: what a
spreadsheet opens as it is). Input that cannot be read is named on stderr in
the chosen language and gives exit status 2, never a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Final, TypeVar

import click

from ekosysteemi._errors import FileReadError, UnknownReferenceError, ValidationError
from ekosysteemi._i18n import LANGUAGES, N_, Lang, translate
from ekosysteemi._rules._messages import Plural, plain, render
from ekosysteemi.fi._money import format_euros

__all__ = ["cli", "default_lang", "main"]

T = TypeVar("T")

#: Exit statuses: all eligible (or done), some not eligible, input not read.
OK: Final = 0
NOT_ELIGIBLE: Final = 1
UNREADABLE: Final = 2


class Unreadable(Exception):
    """Input the command could not read: its message is already in the chosen language."""


# ---------------------------------------------------------------- language


def default_lang(environ: dict[str, str] | os._Environ[str] | None = None) -> Lang:
    """The language from ``LC_ALL``, ``LC_MESSAGES`` and ``LANG``, in that order: the
    first non-empty one whose language is fi, sv or en; else Finnish."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        language = value.split(".")[0].split("@")[0].split("_")[0].lower()
        for known in LANGUAGES:
            if language == known:
                return known
    return "fi"


def _lang_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--lang",
        type=click.Choice(LANGUAGES),
        default=None,
        help="Language of the output: fi, sv or en (default from LC_ALL, LC_MESSAGES, LANG).",
    )(command)


def _language(ctx: click.Context, lang: str | None) -> Lang:
    """``--lang`` after the command wins over ``--lang`` before it, then the locale."""
    chosen = lang or (ctx.obj or {}).get("lang")
    for known in LANGUAGES:
        if chosen == known:
            return known
    return default_lang()


def _say(template: str | Plural, lang: Lang, **params: Any) -> str:
    return render(template, params, lang)


def _error(lang: Lang, text: str) -> None:
    click.echo(_say(N_("Error: {text}"), lang, text=text), err=True)


_UNKNOWN: Final = {
    "call": N_("unknown call {key}"),
    "city": N_("unknown city {key}"),
    "agreement": N_("unknown agreement {key}"),
    "theme": N_("unknown theme {key}"),
    "criterion": N_("unknown criterion {key}"),
    "municipality": N_("unknown municipality code {key}"),
    "rule": N_("unknown rule {key}"),
}


def _explain(error: Exception, lang: Lang) -> str:
    """An error of the library as a person reads it in ``lang``."""
    if isinstance(error, ValidationError):
        return error.explain(lang)
    if isinstance(error, UnknownReferenceError):
        choices = ", ".join(error.suggestions)
        if error.code == "reference.ambiguous":
            return _say(N_("{key} names several: {choices}"), lang, key=error.key, choices=choices)
        text = _say(_UNKNOWN.get(error.kind, N_("unknown key {key}")), lang, key=error.key)
        if choices:
            text += "; " + _say(N_("did you mean {choices}?"), lang, choices=choices)
        return text
    if isinstance(error, Unreadable):
        return str(error)
    return translate(N_("cannot read the input"), lang)


def _file(path: Path, lang: Lang) -> Path:
    """``path`` if it is a file that exists, else :class:`Unreadable`."""
    if path.is_dir():
        raise Unreadable(_say(N_("{path} is a folder, not a file"), lang, path=str(path)))
    if not path.exists():
        raise Unreadable(_say(N_("{path} does not exist"), lang, path=str(path)))
    return path


def _read(lang: Lang, what: Callable[[], T], where: str | None = None) -> T:
    """The result of ``what()``, or :class:`Unreadable` with the library's error in
    ``lang`` (prefixed with ``where``)."""
    try:
        return what()
    except BrokenPipeError:
        raise
    except (ValidationError, UnknownReferenceError) as error:
        text = _explain(error, lang)
    except (FileReadError, OSError) as error:
        text = _say(
            N_("cannot read {path}"), lang, path=where or getattr(error, "filename", "") or ""
        )
        where = None
    if where is not None:  # the option or file names the place; "$" adds nothing to it
        text = "\n".join(f"{where}: {line.removeprefix('$: ')}" for line in text.splitlines())
    raise Unreadable(text)


# ---------------------------------------------------------------- output


def _progress(items: Sequence[T], label: str) -> Iterator[T]:
    """``items``, with a progress bar on stderr when both outputs are terminals."""
    if len(items) < 2 or not (sys.stdout.isatty() and sys.stderr.isatty()):
        yield from items
        return
    with click.progressbar(items, label=label, file=sys.stderr) as bar:
        yield from bar


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], right: Sequence[int] = ()) -> str:
    """Columns aligned by their widest cell; the columns ``right`` (amounts, counts) to
    the right."""
    body = [list(header), *[list(row) for row in rows]]
    widths = [max(len(row[i]) for row in body) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in body
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _csv_out(header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Rows as a spreadsheet opens them: ``;`` between fields, UTF-8 with a byte-order
    mark, decimal commas (the caller writes numbers in Finnish)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    out = sys.stdout.buffer
    out.write(("\ufeff" + buffer.getvalue()).encode("utf-8"))
    out.flush()


def _json_line(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def _csv_number(value: Decimal | int | None) -> str:
    """A number with a decimal comma and no grouping, as a spreadsheet reads it."""
    return "" if value is None else str(value).replace(".", ",")


def _format_choice(as_json: bool, as_csv: bool, lang: Lang) -> None:
    if as_json and as_csv:
        raise Unreadable(_say(N_("choose --json or --csv, not both"), lang))


# ---------------------------------------------------------------- the group


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@_lang_option
@click.version_option(package_name="ekosysteemi", prog_name="ekosysteemi")
@click.pass_context
def cli(ctx: click.Context, lang: str | None) -> None:
    """Finland's innovation ecosystem agreements: check proposals against a call, list
    the reference data and read the funded-project lists."""
    ctx.obj = {"lang": lang}


def _catalogue_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--catalogue",
        "catalogue_path",
        type=click.Path(path_type=Path),
        default=None,
        help="A city's own catalogue (a .toml/.json file or a folder) over the bundled one.",
    )(command)


def _catalogue(path: Path | None, lang: Lang) -> Any:
    from ekosysteemi._catalogue import Catalogue

    if path is None:
        return Catalogue.bundled()
    if not path.exists():
        raise Unreadable(_say(N_("{path} does not exist"), lang, path=str(path)))
    return _read(lang, lambda: Catalogue.load(path), str(path))


def _run(lang: Lang, body: Callable[[], int]) -> int:
    """``body()``, with input it could not read told on stderr and exit status 2."""
    try:
        return body()
    except Unreadable as error:
        _error(lang, str(error))
        return UNREADABLE


def _chosen_call(
    call_key: str | None, call_file: Path | None, catalogue: Any, lang: Lang, *, required: bool
) -> Any:
    """The call ``--call`` names in ``catalogue`` or ``--call-file`` holds (checked
    against ``catalogue``); ``None`` when neither is given and none is ``required``."""
    from ekosysteemi._io import load
    from ekosysteemi._model import Call

    if call_key is not None and call_file is not None:
        raise Unreadable(_say(N_("choose --call or --call-file, not both"), lang))
    if call_key is not None:
        return _read(lang, lambda: catalogue.call(call_key), "--call")
    if call_file is not None:
        chosen = _file(call_file, lang)
        call = _read(lang, lambda: load(Call, chosen), str(call_file))
        _read(lang, lambda: catalogue.check_call(call), str(call_file))
        return call
    if required:
        raise Unreadable(_say(N_("give --call or --call-file"), lang))
    return None


def _moment(at_text: str | None, lang: Lang) -> datetime | None:
    """The moment ``--at`` gives, read in ``lang`` too; ``None`` without it."""
    from ekosysteemi.fi._dates import parse_datetime

    if at_text is None:
        return None
    return _read(lang, lambda: parse_datetime(at_text, lang=lang), "--at")


# ---------------------------------------------------------------- check


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--call", "call_key", default=None, help="Check against this call (id or title).")
@click.option(
    "--call-file", type=click.Path(path_type=Path), default=None, help="A call from a file."
)
@_catalogue_option
@click.option("--at", "at_text", default=None, help="The moment to check at (default: now).")
@click.option("--json", "as_json", is_flag=True, help="One report per line (JSON Lines).")
@click.option("--csv", "as_csv", is_flag=True, help="One row per proposal for a spreadsheet.")
@_lang_option
@click.pass_context
def check(
    ctx: click.Context,
    paths: tuple[Path, ...],
    call_key: str | None,
    call_file: Path | None,
    catalogue_path: Path | None,
    at_text: str | None,
    as_json: bool,
    as_csv: bool,
    lang: str | None,
) -> int:
    """Check proposals (JSON files, or folders of them) against their call.

    Exit status: 0 when every proposal is eligible, 1 when at least one is not,
    2 when an input could not be read (the rest are still checked)."""
    language = _language(ctx, lang)
    return _run(
        language,
        lambda: _check(
            paths, call_key, call_file, catalogue_path, at_text, as_json, as_csv, language
        ),
    )


def _check(
    paths: tuple[Path, ...],
    call_key: str | None,
    call_file: Path | None,
    catalogue_path: Path | None,
    at_text: str | None,
    as_json: bool,
    as_csv: bool,
    lang: Lang,
) -> int:
    from ekosysteemi._io import load
    from ekosysteemi._model import Proposal
    from ekosysteemi._rules._engine import check as check_one

    _format_choice(as_json, as_csv, lang)
    catalogue = _catalogue(catalogue_path, lang)
    call = _chosen_call(call_key, call_file, catalogue, lang, required=False)
    at = _moment(at_text, lang)

    status = OK
    files: list[Path] = []
    for path in paths:
        try:
            files.extend(_proposal_files(path, lang))
        except Unreadable as error:
            _error(lang, str(error))
            status = UNREADABLE

    def one(path: Path) -> tuple[Any, Any]:
        proposal = _read(lang, lambda: load(Proposal, path), str(path))
        report = _read(
            lang, lambda: check_one(proposal, call, at=at, catalogue=catalogue), str(path)
        )
        return proposal, report

    results: list[tuple[Path, Any]] = []
    for path in _progress(files, translate(N_("Checking"), lang)):
        try:
            results.append((path, one(path)))
        except Unreadable as error:
            results.append((path, error))

    rows: list[list[str]] = []
    shown_calls: set[str] = set()
    counts = {"eligible": 0, "not": 0, "unread": 0}
    for path, result in results:
        if isinstance(result, Unreadable):
            _error(lang, str(result))
            counts["unread"] += 1
            status = UNREADABLE
            continue
        proposal, report = result
        if report.eligible:
            counts["eligible"] += 1
        else:
            counts["not"] += 1
            status = max(status, NOT_ELIGIBLE)
        if as_json:
            _json_line(report.to_dict())
        elif as_csv:
            rows.append(_check_row(path, report, lang))
        else:
            used = call if call is not None else catalogue.call(proposal.call_id)
            if used.id not in shown_calls:
                if shown_calls:
                    click.echo()
                shown_calls.add(used.id)
                click.echo(_call_head(used, lang, at))
                click.echo()
            click.echo(_check_lines(path, report, lang))
    if as_csv:
        _csv_out(_check_header(lang), rows)
    elif not as_json and counts["eligible"] + counts["not"]:
        click.echo()
        click.echo(
            _say(
                N_("Eligible: {eligible}; not eligible: {not_eligible}; not read: {unread}."),
                lang,
                eligible=counts["eligible"],
                not_eligible=counts["not"],
                unread=counts["unread"],
            )
        )
    return status


def _proposal_files(path: Path, lang: Lang) -> list[Path]:
    """A file as it is; a folder's ``*.json`` files, not recursive, in name order."""
    if path.is_dir():
        found = sorted(
            (p for p in path.iterdir() if p.suffix.lower() == ".json" and p.is_file()),
            key=lambda p: p.name,
        )
        if not found:
            raise Unreadable(_say(N_("{path} has no .json files"), lang, path=str(path)))
        return found
    if not path.exists():
        raise Unreadable(_say(N_("{path} does not exist"), lang, path=str(path)))
    return [path]


def _call_head(call: Any, lang: Lang, at: datetime | None) -> str:
    from ekosysteemi._display import funds

    return "\n".join(
        [
            f"{call.title.get(lang)} ({call.id})",
            call.window_text(lang, at=at),
            _say(N_("Funds to give: {funds}"), lang, funds=funds(call, lang)),
        ]
    )


def _check_lines(path: Path, report: Any, lang: Lang) -> str:
    from ekosysteemi._model import Severity

    verdict = N_("eligible") if report.eligible else N_("not eligible")
    lines = [f"{path.name}: {report.proposal_id}: {translate(verdict, lang)}"]
    for found in report.failures:
        mark = "-" if found.severity is Severity.ERROR else "!"
        lines.append(f"  {mark} {found.message(lang)}")
        hint = found.hint(lang)
        if hint:
            lines.append(f"    {hint}")
    return "\n".join(lines)


def _check_header(lang: Lang) -> list[str]:
    return [
        translate(text, lang)
        for text in (
            N_("file"),
            N_("proposal"),
            N_("call"),
            N_("eligible"),
            N_("failed conditions"),
            N_("to note"),
        )
    ]


def _check_row(path: Path, report: Any, lang: Lang) -> list[str]:
    from ekosysteemi._model import Severity

    errors = [f.title_in(lang) for f in report.failures if f.severity is Severity.ERROR]
    notes = [f.title_in(lang) for f in report.failures if f.severity is not Severity.ERROR]
    return [
        str(path),
        report.proposal_id,
        report.call_id,
        plain(report.eligible, lang),
        "; ".join(errors),
        "; ".join(notes),
    ]


# ---------------------------------------------------------------- select


@cli.command()
@click.option("--call", "call_key", default=None, help="The call (id or title).")
@click.option(
    "--call-file", type=click.Path(path_type=Path), default=None, help="A call from a file."
)
@click.option(
    "--proposals",
    "proposals_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="A folder of proposals (its *.json files).",
)
@click.option(
    "--assessments",
    "assessment_files",
    required=True,
    multiple=True,
    type=click.Path(path_type=Path),
    help="A .json or .toml file of assessments (may be given several times).",
)
@_catalogue_option
@click.option("--budget", "budget_text", default=None, help="Euros to spend (default: the call's).")
@click.option("--at", "at_text", default=None, help="The moment to check at (default: now).")
@click.option("--json", "as_json", is_flag=True, help="The selection as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="One row per proposal for a spreadsheet.")
@_lang_option
@click.pass_context
def select(
    ctx: click.Context,
    call_key: str | None,
    call_file: Path | None,
    proposals_dir: Path,
    assessment_files: tuple[Path, ...],
    catalogue_path: Path | None,
    budget_text: str | None,
    at_text: str | None,
    as_json: bool,
    as_csv: bool,
    lang: str | None,
) -> int:
    """Score the eligible proposals on the call's criteria, rank them and fund them in
    rank order from the call's funds; print the selection proposal."""
    language = _language(ctx, lang)
    return _run(
        language,
        lambda: _select(
            call_key,
            call_file,
            proposals_dir,
            assessment_files,
            catalogue_path,
            budget_text,
            at_text,
            as_json,
            as_csv,
            language,
        ),
    )


def _select(
    call_key: str | None,
    call_file: Path | None,
    proposals_dir: Path,
    assessment_files: tuple[Path, ...],
    catalogue_path: Path | None,
    budget_text: str | None,
    at_text: str | None,
    as_json: bool,
    as_csv: bool,
    lang: Lang,
) -> int:
    from ekosysteemi._io import load
    from ekosysteemi._model import Proposal
    from ekosysteemi._rules._selection import load_assessments
    from ekosysteemi._rules._selection import select as run_select
    from ekosysteemi.fi._money import parse_euros

    _format_choice(as_json, as_csv, lang)
    catalogue = _catalogue(catalogue_path, lang)
    call = _chosen_call(call_key, call_file, catalogue, lang, required=True)
    budget = None
    if budget_text is not None:
        budget = _read(lang, lambda: parse_euros(budget_text), "--budget")
    at = _moment(at_text, lang)
    if not proposals_dir.is_dir():
        raise Unreadable(_say(N_("{path} is not a folder"), lang, path=str(proposals_dir)))
    files = _proposal_files(proposals_dir, lang)

    def proposal(path: Path) -> Proposal:
        return _read(lang, lambda: load(Proposal, path), str(path))

    def assessed(path: Path) -> tuple[Any, ...]:
        return _read(lang, lambda: load_assessments(_file(path, lang)), str(path))

    proposals = [proposal(p) for p in files]
    assessments = [a for path in assessment_files for a in assessed(path)]
    selection = _read(
        lang,
        lambda: run_select(call, proposals, assessments, budget=budget, at=at, catalogue=catalogue),
    )
    if as_json:
        _json_line(selection.to_dict())
    elif as_csv:
        _csv_out(
            [translate(t, lang) for t in (N_("rank"), N_("proposal"), N_("title"), N_("status"),
                                          N_("points"), N_("requested"), N_("allocated"),
                                          N_("reason"))],
            [
                ["" if r.rank is None else str(r.rank), r.proposal_id, r.title,
                 r.status.label(lang), _csv_number(r.score), _csv_number(r.requested),
                 _csv_number(r.allocated), selection._reason(r, lang)]
                for r in selection.rows
            ],
        )  # fmt: skip
    else:
        click.echo(selection.explain(lang))
    return OK


# ---------------------------------------------------------------- reference data


def _listing(
    name: str,
    summary: str,
    header: tuple[str, ...],
    rows_of: Callable[[Any, Lang], list[list[str]]],
    right: tuple[int, ...] = (),
) -> None:
    """Register the command ``name``: a table of the catalogue's records, its
    ``header`` (message ids) and rows in the chosen language."""

    @cli.command(name=name, help=summary)
    @_catalogue_option
    @_lang_option
    @click.pass_context
    def command(ctx: click.Context, catalogue_path: Path | None, lang: str | None) -> int:
        language = _language(ctx, lang)

        def body() -> int:
            catalogue = _catalogue(catalogue_path, language)
            labels = [translate(text, language) for text in header]
            click.echo(_table(labels, rows_of(catalogue, language), right=right))
            return OK

        return _run(language, body)


_listing(
    "calls",
    "The calls: id, title, deadline and funds.",
    (N_("id"), N_("title"), N_("deadline"), N_("funds")),
    lambda catalogue, lang: [
        [
            c.id,
            c.title.get(lang),
            plain(c.effective_deadline, lang),
            format_euros(c.available_funding, lang),
        ]
        for c in catalogue.calls()
    ],
    right=(3,),
)
_listing(
    "cities",
    "The network cities: name, municipality code and region.",
    (N_("city"), N_("municipality code"), N_("region")),
    lambda catalogue, lang: [
        [c.name.get(lang), c.municipality_code, c.region] for c in catalogue.cities()
    ],
)
_listing(
    "agreements",
    "The agreements: id, cities, period and theme.",
    (N_("id"), N_("cities"), N_("period"), N_("theme")),
    lambda catalogue, lang: [
        [
            deal.id,
            ", ".join(catalogue.city(c).name.get(lang) for c in deal.cities),
            plain(deal.period, lang),
            plain(deal.theme.name if deal.theme is not None else None, lang),
        ]
        for deal in catalogue.agreements()
    ],
)
_listing(
    "themes",
    "The themes and focus areas: id, name and kind.",
    (N_("id"), N_("name"), N_("kind")),
    lambda catalogue, lang: [
        [t.id, t.name.get(lang), t.kind.label(lang)] for t in catalogue.themes()
    ],
)


@cli.command(name="call")
@click.argument("key")
@_catalogue_option
@_lang_option
@click.pass_context
def call_command(
    ctx: click.Context, key: str, catalogue_path: Path | None, lang: str | None
) -> int:
    """One call in full: its window, funds and what it admits."""
    language = _language(ctx, lang)

    def body() -> int:
        catalogue = _catalogue(catalogue_path, language)
        found = _read(language, lambda: catalogue.call(key))
        click.echo(_call_details(found, catalogue, language))
        return OK

    return _run(language, body)


def _call_details(call: Any, catalogue: Any, lang: Lang) -> str:
    from ekosysteemi._display import call_facts

    fields = call_facts(call, catalogue, lang)
    width = max(len(translate(name, lang)) for name, _ in fields) + 2
    lines = [f"{call.title.get(lang)} ({call.id})", ""]
    lines += [f"{(translate(name, lang) + ':').ljust(width)}{value}" for name, value in fields]
    return "\n".join(lines)


# ---------------------------------------------------------------- projects


class _Counting(io.RawIOBase):
    """A binary file that counts the bytes read from it, for a progress bar."""

    def __init__(self, raw: IO[bytes], step: Callable[[int], None]) -> None:
        self._raw, self._step = raw, step

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self._step(len(data))
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


@cli.command()
@click.argument("csv_path", metavar="CSV", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One object per data row (JSON Lines).")
@click.option("--csv", "as_csv", is_flag=True, help="The summary for a spreadsheet.")
@_lang_option
@click.pass_context
def projects(
    ctx: click.Context, csv_path: Path, as_json: bool, as_csv: bool, lang: str | None
) -> int:
    """A funded-project list (rakennerahastot.fi): its summary by fund, authority and
    start year, and the rows that could not be read."""
    language = _language(ctx, lang)
    return _run(language, lambda: _projects(csv_path, as_json, as_csv, language))


def _projects(path: Path, as_json: bool, as_csv: bool, lang: Lang) -> int:
    from ekosysteemi.datasets import FundedProject, iter_funded_projects, read_funded_projects

    _format_choice(as_json, as_csv, lang)
    _file(path, lang)
    size = path.stat().st_size
    show = size > 0 and sys.stdout.isatty() and sys.stderr.isatty()
    with path.open("rb") as raw:
        bar = (
            click.progressbar(length=size, label=translate(N_("Reading"), lang), file=sys.stderr)
            if show
            else None
        )
        counted = _Counting(raw, bar.update if bar is not None else lambda _: None)
        text = io.TextIOWrapper(io.BufferedReader(counted), encoding="utf-8-sig", newline="")
        try:
            if bar is not None:
                bar.__enter__()
            if not as_json:
                whole = _read(lang, lambda: read_funded_projects(text), str(path))
            else:

                def stream() -> None:
                    for item in iter_funded_projects(text):
                        key = "project" if isinstance(item, FundedProject) else "error"
                        _json_line({key: item.to_dict()})

                _read(lang, stream, str(path))
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
    if as_json:
        return OK
    header = [
        translate(t, lang)
        for t in (N_("fund"), N_("authority"), N_("start year"), N_("projects"),
                  N_("granted EU and state funding"), N_("paid EU and state funding"))
    ]  # fmt: skip
    summary = whole.summary()
    if as_csv:
        _csv_out(
            header,
            [
                [r.fund, r.authority, _csv_number(r.start_year), str(r.count),
                 _csv_number(r.granted), _csv_number(r.paid)]
                for r in summary
            ],
        )  # fmt: skip
        return OK
    rows = [
        [
            r.fund,
            r.authority,
            plain(r.start_year, lang) if r.start_year is None else str(r.start_year),
            plain(r.count, lang),
            format_euros(r.granted, lang),
            format_euros(r.paid, lang),
        ]
        for r in summary
    ]
    click.echo(_table(header, rows, right=(2, 3, 4, 5)))
    click.echo()
    click.echo(
        _say(
            N_("Projects: {projects}; rows that could not be read: {errors}."),
            lang,
            projects=len(whole.projects),
            errors=len(whole.errors),
        )
    )
    for error in whole.errors:
        where = _say(N_("line {line}"), lang, line=error.line)
        if error.column:
            where += ", " + _say(N_("column {column}"), lang, column=error.column)
        value = f" ({error.value})" if error.value else ""
        click.echo(f"  {where}{value}: {error.message_in(lang)}")
    return OK


# ---------------------------------------------------------------- schema


@cli.command()
@click.argument("model")
@_lang_option
@click.pass_context
def schema(ctx: click.Context, model: str, lang: str | None) -> int:
    """The JSON Schema of a model's wire format (MODEL as eko spells it, any case)."""
    language = _language(ctx, lang)

    def body() -> int:
        import ekosysteemi as eko
        from ekosysteemi._schema import json_schema

        names = {name.lower(): name for name in _schema_models()}
        name = names.get(model.lower())
        if name is None:
            raise Unreadable(
                _say(
                    N_("unknown model {model}; expected one of {choices}"),
                    language,
                    model=model,
                    choices=", ".join(sorted(names.values())),
                )
            )
        click.echo(json.dumps(json_schema(getattr(eko, name)), ensure_ascii=False, indent=2))
        return OK

    return _run(language, body)


def _schema_models() -> list[str]:
    """The public classes of ``eko`` whose wire format has a schema."""
    import ekosysteemi as eko
    from ekosysteemi._schema import json_schema

    found = []
    for name in eko.__all__:
        value = getattr(eko, name)
        if not isinstance(value, type):
            continue
        try:
            json_schema(value)
        except ValidationError:  # not a model with a wire format
            continue
        found.append(name)
    return found


# ---------------------------------------------------------------- entry point


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit
    status. A closed pipe (``| head``) ends quietly with status 1."""
    try:
        try:
            status = cli.main(
                args=list(argv) if argv is not None else None,
                prog_name="ekosysteemi",
                standalone_mode=False,
            )
        except click.ClickException as error:
            error.show()
            status = error.exit_code
        except click.Abort:
            click.echo("Aborted!", err=True)
            status = 1
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return status if isinstance(status, int) else OK


def main_exit() -> None:
    """The console script: :func:`main` with its status as the process's exit status."""
    sys.exit(main())
