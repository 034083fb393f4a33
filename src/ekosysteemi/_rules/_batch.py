"""Checking many proposals at once: ``check_many``.

One moment is read for the whole batch, each distinct call is resolved once,
and garbage collection is paused only while a chunk of reports is built (a
report holds many small objects; the collector would otherwise walk them
again and again), restored in ``finally``. ``processes=N`` spreads the chunks
over N processes through ``concurrent.futures``.
"""

from __future__ import annotations

import gc
import pickle
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from itertools import islice
from typing import Any, Final

from ekosysteemi._catalogue import Catalogue
from ekosysteemi._errors import ValidationError, invalid, rebase
from ekosysteemi._i18n import N_
from ekosysteemi._model._calls import Call, moment
from ekosysteemi._model._proposals import Proposal
from ekosysteemi._rules._engine import Rule, _check_one, _rules
from ekosysteemi._rules._parameters import Parameters
from ekosysteemi._rules._report import Report

__all__ = ["check_many"]

#: How many reports are built while the collector is paused.
CHUNK: Final = 256


def check_many(
    proposals: Iterable[Proposal],
    call: Call | None = None,
    *,
    at: datetime | None = None,
    catalogue: Catalogue | None = None,
    rules: Sequence[Rule] | None = None,
    parameters: Parameters | None = None,
    processes: int | None = None,
) -> Iterator[Report]:
    """A report per proposal, in the order given, each equal to ``check(p, call, ...)``.

    With ``at=None`` the clock is read once (t0): ``call.open`` and the reference date
    use ``submitted_at`` when set, else t0, and every report's ``at`` is t0. A failing
    item stops the iteration after the earlier reports: a ``ValidationError`` with its
    paths under ``$[i]``, any other error as it is with ``.index = i``.

    >>> import ekosysteemi as eko
    >>> proposal = eko.load(eko.Proposal, "examples/proposals/sjk-2022-014.json")
    >>> [r.eligible for r in eko.check_many([proposal, proposal])]
    [True, True]
    """
    from ekosysteemi._rules._standard import STANDARD_RULES

    source = Catalogue.bundled() if catalogue is None else catalogue
    if not isinstance(source, Catalogue):
        raise invalid("type", N_("expected a catalogue, got {value}"), catalogue, "$.catalogue")
    if parameters is not None and not isinstance(parameters, Parameters):
        raise invalid("type", N_("expected parameters, got {value}"), parameters, "$.parameters")
    if call is not None:
        if not isinstance(call, Call):
            raise invalid("type", N_("expected a call, got {value}"), call, "$.call")
        source.check_call(call)
    chosen = STANDARD_RULES if rules is None else _rules(rules)
    if processes is not None:
        if isinstance(processes, bool) or not isinstance(processes, int) or processes < 1:
            raise invalid(
                "processes.invalid",
                N_("expected a number of processes of 1 or more, got {value}"),
                processes,
                "$.processes",
            )
        _refuse_unpicklable(chosen)
    now = moment(at)
    in_use = source.parameters if parameters is None else parameters
    return _generate(proposals, call, now, at is not None, source, chosen, in_use, processes)


def _refuse_unpicklable(chosen: tuple[Rule, ...]) -> None:
    for index, each in enumerate(chosen):
        try:
            pickle.dumps(each)
        except (pickle.PicklingError, TypeError, AttributeError):
            raise invalid(
                "rules.unpicklable",
                N_(
                    "expected a rule bound to a module-level name (as @rule at module level "
                    "makes it), which another process can import, got {value}"
                ),
                each.code,
                f"$.rules[{index}]",
            ) from None


def _generate(
    proposals: Iterable[Proposal],
    call: Call | None,
    now: datetime,
    at_given: bool,
    catalogue: Catalogue,
    chosen: tuple[Rule, ...],
    in_use: Parameters,
    processes: int | None,
) -> Iterator[Report]:
    items = iter(proposals)
    if processes is not None:
        yield from _in_processes(items, call, now, at_given, catalogue, chosen, in_use, processes)
        return
    calls: dict[str, Call] = {}
    start = 0
    while True:
        chunk = list(islice(items, CHUNK))
        if not chunk:
            return
        reports, failure = _chunk(
            chunk, start, call, calls, now, at_given, catalogue, chosen, in_use
        )
        yield from reports
        if failure is not None:
            raise failure
        start += len(chunk)


def _chunk(
    chunk: list[Any],
    start: int,
    call: Call | None,
    calls: dict[str, Call],
    now: datetime,
    at_given: bool,
    catalogue: Catalogue,
    chosen: tuple[Rule, ...],
    in_use: Parameters,
) -> tuple[list[Report], BaseException | None]:
    """The reports of one chunk, built with the collector paused, and the error that
    stopped it (if one did)."""
    reports: list[Report] = []
    enabled = gc.isenabled()
    gc.disable()
    try:
        for offset, proposal in enumerate(chunk):
            index = start + offset
            try:
                if not isinstance(proposal, Proposal):
                    raise invalid(
                        "type", N_("expected a proposal, got {value}"), proposal, "$.proposal"
                    )
                target = call if call is not None else calls.get(proposal.call_id)
                if target is None:
                    target = calls.setdefault(proposal.call_id, catalogue.call(proposal.call_id))
                reports.append(
                    _check_one(proposal, target, now, at_given, catalogue, chosen, in_use)
                )
            except ValidationError as error:
                return reports, rebase(error, f"$[{index}]")
            except Exception as error:  # re-raised with its index
                error.index = index  # type: ignore[attr-defined]
                return reports, error
    finally:
        if enabled:
            gc.enable()
    return reports, None


def _work(
    task: tuple[
        list[Proposal],
        int,
        Call | None,
        datetime,
        bool,
        Any,
        tuple[Rule, ...] | None,
        Parameters | None,
    ],
) -> tuple[list[Report], BaseException | None]:
    """One chunk in a worker process."""
    chunk, start, call, now, at_given, records, chosen, in_use = task
    from ekosysteemi._rules._standard import STANDARD_RULES

    catalogue = Catalogue.bundled() if records is None else records
    rules = STANDARD_RULES if chosen is None else chosen
    parameters = catalogue.parameters if in_use is None else in_use
    return _chunk(chunk, start, call, {}, now, at_given, catalogue, rules, parameters)


def _in_processes(
    items: Iterator[Proposal],
    call: Call | None,
    now: datetime,
    at_given: bool,
    catalogue: Catalogue,
    chosen: tuple[Rule, ...],
    in_use: Parameters,
    processes: int,
) -> Iterator[Report]:
    from concurrent.futures import ProcessPoolExecutor

    from ekosysteemi._rules._standard import STANDARD_RULES

    shipped = None if catalogue is Catalogue.bundled() else catalogue
    rules = None if chosen is STANDARD_RULES else chosen
    params = None if in_use is catalogue.parameters else in_use

    def tasks() -> Iterator[Any]:
        start = 0
        while True:
            chunk = list(islice(items, CHUNK))
            if not chunk:
                return
            yield (chunk, start, call, now, at_given, shipped, rules, params)
            start += len(chunk)

    with ProcessPoolExecutor(max_workers=processes) as pool:
        for reports, failure in pool.map(_work, tasks()):
            yield from reports
            if failure is not None:
                raise failure
