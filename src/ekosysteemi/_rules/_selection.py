"""Selection: eligible proposals scored on the call's criteria, ranked, and funded in
rank order from the call's budget (the contract's "Selection: scoring and the call's
budget").

Every proposal is checked as ``check_many`` checks it. An eligible proposal's score
is S = 100 × Σ w·m/M ÷ Σ w over the call's criteria (m the mean of its assessors'
values, M the criterion's scale, w its weight), kept exact as a ``Fraction``; the
rows show it rounded half-even to two decimals. The budget is spent in rank order,
nothing partly: a request that does not fit what is left makes a reserve, and later
rows are still tried.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from os import PathLike
from typing import Any, Final, TypeVar

import attrs

from ekosysteemi._catalogue import Catalogue
from ekosysteemi._errors import ErrorDetail, ValidationError, invalid, rebase
from ekosysteemi._i18n import N_, Lang, check_lang
from ekosysteemi._io import FORMAT_VERSION, register_wire, to_dict
from ekosysteemi._model import (
    Assessment,
    Call,
    Criterion,
    FundingSource,
    LocalizedText,
    Proposal,
    SelectionStatus,
    Severity,
)
from ekosysteemi._model._calls import moment
from ekosysteemi._model._enums import SelectionStatusValue, member_of
from ekosysteemi._rules._batch import check_many
from ekosysteemi._rules._engine import Rule
from ekosysteemi._rules._messages import render
from ekosysteemi._rules._parameters import Parameters
from ekosysteemi._rules._report import Report, _bool, _text
from ekosysteemi._rules._wire import write_localized
from ekosysteemi.fi._dates import parse_datetime, to_helsinki
from ekosysteemi.fi._money import as_amount

__all__ = [
    "CriterionScore",
    "Selection",
    "SelectionRow",
    "load_assessments",
    "select",
]

_HUNDRED: Final = Fraction(100)
T = TypeVar("T")


def _two_decimals(value: Fraction) -> Decimal:
    """``value`` rounded half-even to two decimals (``round`` on a Fraction is exact)."""
    return Decimal(round(value * 100)).scaleb(-2)


def _points(value: Decimal, lang: Lang) -> str:
    from babel.numbers import format_decimal

    from ekosysteemi.fi._dates import locale_for

    return str(format_decimal(value, format="#,##0.00", locale=locale_for(lang)))


@attrs.frozen(kw_only=True)
class CriterionScore:
    """The assessors' scores of one proposal on one criterion.

    Attributes:
        criterion_id: the criterion.
        mean: the mean of the assessors' values, half-even to two decimals (for
            display; the score is computed from the exact mean).
        min: the lowest value given.
        max: the highest value given.
        assessors: how many assessors scored it.
    """

    criterion_id: str
    mean: Decimal
    min: int
    max: int
    assessors: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "criterion_id": self.criterion_id,
            "mean": f"{self.mean:.2f}",
            "min": self.min,
            "max": self.max,
            "assessors": self.assessors,
        }


def _as_status(value: SelectionStatusValue) -> SelectionStatus:
    """A converter for a row's status: the member or its wire value."""
    return member_of(SelectionStatus, value, "$.status")


@attrs.frozen(kw_only=True)
class SelectionRow:
    """One proposal's place in a selection.

    Attributes:
        proposal_id: the proposal.
        title: its title.
        rank: 1, 2, … for scored proposals (funded, reserve, below a minimum);
            ``None`` for an ineligible one.
        status: funded, reserve, below a minimum, or ineligible.
        score: the score 0–100, half-even to two decimals; ``None`` when ineligible.
        criterion_scores: the assessors' scores per criterion, in the call's order.
        below_minimum_on: the criteria whose minimum the mean did not reach.
        requested: the EU and state funding the proposal asks for.
        allocated: what the selection gives it (all it asked, or nothing).
        report: the eligibility check's report.
        assessors: who assessed it, in name order (shown only when asked).
    """

    proposal_id: str
    title: str
    rank: int | None
    status: SelectionStatus = attrs.field(converter=_as_status)
    score: Decimal | None
    criterion_scores: tuple[CriterionScore, ...]
    below_minimum_on: tuple[str, ...]
    requested: Decimal
    allocated: Decimal
    report: Report = attrs.field(repr=False)
    assessors: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "proposal_id": self.proposal_id,
            "title": self.title,
            "rank": self.rank,
            "status": self.status.value,
            "score": None if self.score is None else f"{self.score:.2f}",
            "criterion_scores": [c.to_dict() for c in self.criterion_scores],
            "below_minimum_on": list(self.below_minimum_on),
            "requested": f"{self.requested:.2f}",
            "allocated": f"{self.allocated:.2f}",
            "assessors": list(self.assessors),
            "report": self.report.to_dict(),
        }


@attrs.frozen(kw_only=True)
class Selection:
    """The outcome of selecting among one call's proposals.

    Attributes:
        call_id: the call.
        call_title: its title.
        criteria: the criteria the proposals were scored on.
        at: the moment the eligibility checks speak for.
        budget: the EU and state funding spent (the call's funds unless given).
        budget_approximate: whether the budget is the call's approximate funds.
        rows: scored rows in rank order, then the ineligible ones by proposal id.
        allocated: the sum of the rows' allocations.
        remaining: budget − allocated.
    """

    call_id: str
    call_title: LocalizedText
    criteria: tuple[Criterion, ...]
    at: datetime
    budget: Decimal
    budget_approximate: bool
    rows: tuple[SelectionRow, ...]
    allocated: Decimal
    remaining: Decimal

    def row(self, proposal_id: str) -> SelectionRow:
        """The row of ``proposal_id``."""
        for found in self.rows:
            if found.proposal_id == proposal_id:
                return found
        from ekosysteemi._errors import UnknownReferenceError

        raise UnknownReferenceError("proposal", proposal_id, [r.proposal_id for r in self.rows][:3])

    def left_before(self, proposal_id: str) -> Decimal:
        """What was left of the budget when the row of ``proposal_id`` had its turn: the
        budget less what the rows before it were allocated."""
        before = self.rows[: self.rows.index(self.row(proposal_id))]
        return self.budget - sum((r.allocated for r in before), Decimal(0))

    # ------------------------------------------------------------ texts

    def _funds(self, lang: Lang) -> str:
        from ekosysteemi.fi._money import format_euros

        if self.budget_approximate:
            return render(N_("about {amount:euros}"), {"amount": self.budget}, lang)
        return format_euros(self.budget, lang)

    def _reason(self, row: SelectionRow, lang: Lang) -> str:
        if row.status is SelectionStatus.FUNDED:
            return ""
        if row.status is SelectionStatus.RESERVE:
            return render(
                N_("the request did not fit in the {left:euros} left when its turn came"),
                {"left": self.left_before(row.proposal_id)},
                lang,
            )
        names = {c.id: c for c in self.criteria}
        if row.status is SelectionStatus.BELOW_MINIMUM:
            below = []
            for criterion_id in row.below_minimum_on:
                criterion = names[criterion_id]
                mean = next(s.mean for s in row.criterion_scores if s.criterion_id == criterion_id)
                below.append(
                    render(
                        N_("{criterion}: mean {mean} below the minimum {minimum}"),
                        {
                            "criterion": criterion.name.get(lang),
                            "mean": _points(mean, lang),
                            "minimum": criterion.min_score,
                        },
                        lang,
                    )
                )
            return "; ".join(below)
        failed = [f.title_in(lang) for f in row.report.failures if f.severity is Severity.ERROR]
        return render(N_("failed: {conditions}"), {"conditions": "; ".join(failed)}, lang)

    def explain(self, lang: Lang | str = "fi", *, assessors: bool = False) -> str:
        """A selection proposal (valintaesitys) a city could attach to its decision: the
        call, the budget, one line per proposal with its rank, score, requested and
        allocated funding and why, then what is left. Assessors are named only when
        ``assessors=True``: the text may become a public document."""
        language = check_lang(lang)
        lines = [
            render(N_("Selection proposal: {call}"), {"call": self.call_title}, language),
            render(N_("Funds to give: {funds}"), {"funds": self._funds(language)}, language),
            "",
        ]
        for row in self.rows:
            head = f"{row.rank}. " if row.rank is not None else "– "
            status = row.status.label(language)
            if row.score is None:
                body = render(
                    N_("{proposal} “{title}”: requested {requested:euros}; {status}"),
                    {"proposal": row.proposal_id, "title": row.title,
                     "requested": row.requested, "status": status},
                    language,
                )  # fmt: skip
            else:
                body = render(
                    N_(
                        "{proposal} “{title}”: {score} points; requested {requested:euros}, "
                        "allocated {allocated:euros}; {status}"
                    ),
                    {"proposal": row.proposal_id, "title": row.title,
                     "score": _points(row.score, language), "requested": row.requested,
                     "allocated": row.allocated, "status": status},
                    language,
                )  # fmt: skip
            lines.append(head + body)
            reason = self._reason(row, language)
            if reason:
                lines.append(f"   {reason}")
            if assessors and row.assessors:
                lines.append(
                    "   "
                    + render(
                        N_("assessors: {names}"), {"names": ", ".join(row.assessors)}, language
                    )
                )
        lines += [
            "",
            render(
                N_("Allocated {allocated:euros}; left {remaining:euros}."),
                {"allocated": self.allocated, "remaining": self.remaining},
                language,
            ),
        ]
        return "\n".join(lines)

    def __repr__(self) -> str:
        from ekosysteemi._display import compact

        funded = sum(1 for r in self.rows if r.status is SelectionStatus.FUNDED)
        return compact(
            "Selection", self.call_id, f"{funded}/{len(self.rows)} funded, {self.allocated}"
        )

    def _repr_html_(self) -> str:
        """The selection for a notebook, in the language of ``eko.set_language``."""
        from ekosysteemi._display import display_language, escape, table
        from ekosysteemi.fi._money import format_euros

        lang = display_language()
        rows = [
            (
                "" if r.rank is None else r.rank,
                r.proposal_id,
                r.title,
                "" if r.score is None else _points(r.score, lang),
                format_euros(r.requested, lang),
                format_euros(r.allocated, lang),
                r.status.label(lang),
                self._reason(r, lang),
            )
            for r in self.rows
        ]
        header = (
            N_("rank"), N_("proposal"), N_("title"), N_("points"), N_("requested"),
            N_("allocated"), N_("status"), N_("reason"),
        )  # fmt: skip
        head = self.explain(lang).split("\n", 2)
        closing = self.explain(lang).rsplit("\n", 1)[-1]
        return (
            f"<h4>{escape(head[0])}</h4><p>{escape(head[1])}</p>"
            + table(rows, header, lang)
            + f"<p>{escape(closing)}</p>"
        )

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame (the ``pandas`` extra): one row per proposal,
        a ``mean:<criterion>`` column per criterion; amounts stay ``Decimal``."""
        try:
            import pandas as pd
        except ImportError as error:
            raise ImportError(
                "to_dataframe() needs pandas: pip install 'ekosysteemi[pandas]'"
            ) from error
        records = []
        for r in self.rows:
            record: dict[str, Any] = {
                "proposal_id": r.proposal_id,
                "title": r.title,
                "rank": r.rank,
                "status": r.status,
                "score": r.score,
                "requested": r.requested,
                "allocated": r.allocated,
                "below_minimum_on": r.below_minimum_on,
            }
            means = {s.criterion_id: s.mean for s in r.criterion_scores}
            for criterion in self.criteria:
                record[f"mean:{criterion.id}"] = means.get(criterion.id)
            records.append(record)
        return pd.DataFrame(records)

    # ------------------------------------------------------------ wire

    def to_dict(self) -> dict[str, Any]:
        """The selection in the wire format (``eko.to_dict`` is the same)."""
        return {
            "format": FORMAT_VERSION,
            "call_id": self.call_id,
            "call_title": write_localized(self.call_title),
            "criteria": [_criterion_dict(c) for c in self.criteria],
            "at": to_helsinki(self.at).isoformat(),
            "budget": f"{self.budget:.2f}",
            "budget_approximate": self.budget_approximate,
            "allocated": f"{self.allocated:.2f}",
            "remaining": f"{self.remaining:.2f}",
            "rows": [r.to_dict() for r in self.rows],
        }

    @classmethod
    def from_dict(cls, data: Any) -> Selection:
        """The selection :meth:`to_dict` wrote; sums that do not add up are refused."""
        return _read_selection(data)


def _criterion_dict(criterion: Criterion) -> dict[str, Any]:
    body = to_dict(criterion)
    body.pop("format", None)
    return body


# ---------------------------------------------------------------- selecting


def _detail(path: str, code: str, value: object, template: str, **params: object) -> ErrorDetail:
    return ErrorDetail(path=path, code=code, value=value, template=template, params=params)


def _validate(
    call: Call, proposals: Sequence[Proposal], assessments: Sequence[Assessment]
) -> list[ErrorDetail]:
    """Every problem of the input, naming proposal, assessor and criterion."""
    errors: list[ErrorDetail] = []
    ids: set[str] = set()
    for index, proposal in enumerate(proposals):
        if proposal.id in ids:
            errors.append(
                _detail(f"$.proposals[{index}].id", "selection.duplicate_proposal", proposal.id,
                        N_("two proposals have the id {value}"))
            )  # fmt: skip
        ids.add(proposal.id)
    criteria = {c.id: c for c in call.criteria}
    pairs: set[tuple[str, str]] = set()
    for index, assessment in enumerate(assessments):
        where = f"$.assessments[{index}]"
        who = {"proposal": assessment.proposal_id, "assessor": assessment.assessor}
        if assessment.proposal_id not in ids:
            errors.append(
                _detail(f"{where}.proposal_id", "selection.unknown_proposal",
                        assessment.proposal_id,
                        N_("{assessor} assessed the proposal {value}, which is not among the "
                           "proposals"), **who)
            )  # fmt: skip
        pair = (assessment.proposal_id, assessment.assessor)
        if pair in pairs:
            errors.append(
                _detail(f"{where}.assessor", "selection.duplicate_assessment",
                        assessment.assessor,
                        N_("{value} assessed the proposal {proposal} twice"), **who)
            )  # fmt: skip
        pairs.add(pair)
        scored: set[str] = set()
        for position, score in enumerate(assessment.scores):
            at = f"{where}.scores[{position}]"
            criterion = criteria.get(score.criterion_id)
            if criterion is None:
                errors.append(
                    _detail(f"{at}.criterion_id", "assessment.unknown_criterion",
                            score.criterion_id,
                            N_("{assessor} scored the proposal {proposal} on {value}, which is "
                               "not a criterion of the call"), **who)
                )  # fmt: skip
                continue
            if score.criterion_id in scored:
                errors.append(
                    _detail(f"{at}.criterion_id", "assessment.duplicate_criterion",
                            score.criterion_id,
                            N_("{assessor} scored the proposal {proposal} on {criterion} twice"),
                            criterion=criterion.name, **who)
                )  # fmt: skip
            scored.add(score.criterion_id)
            if score.value > criterion.max_score:
                errors.append(
                    _detail(f"{at}.value", "assessment.out_of_scale", score.value,
                            N_("{assessor} gave the proposal {proposal} {value} on {criterion}, "
                               "whose scale is 0–{scale}"),
                            criterion=criterion.name, scale=criterion.max_score, **who)
                )  # fmt: skip
        for criterion in call.criteria:
            if criterion.id not in scored:
                errors.append(
                    _detail(f"{where}.scores", "assessment.missing_criterion", criterion.id,
                            N_("{assessor} did not score the proposal {proposal} on {criterion}"),
                            criterion=criterion.name, **who)
                )  # fmt: skip
    return errors


def _sort_key(
    score: Fraction, first_mean: Fraction, proposal: Proposal
) -> tuple[Fraction, Fraction, tuple[int, datetime | None], str]:
    submitted = proposal.submitted_at
    when = (0, to_helsinki(submitted)) if submitted is not None else (1, None)
    return (-score, -first_mean, when, proposal.id)


def select(
    call: Call,
    proposals: Iterable[Proposal],
    assessments: Iterable[Assessment],
    *,
    budget: Decimal | int | None = None,
    at: datetime | None = None,
    catalogue: Catalogue | None = None,
    rules: Sequence[Rule] | None = None,
    parameters: Parameters | None = None,
) -> Selection:
    """Check ``proposals`` against ``call``, score the eligible ones on the call's
    criteria from ``assessments``, rank them and fund them in rank order from
    ``budget`` (default: the call's funds). Every problem of the input is reported in
    one ``ValidationError``.

    >>> from pathlib import Path
    >>> import ekosysteemi as eko
    >>> catalogue = eko.Catalogue.load("examples/selection/catalogue.toml")
    >>> call = catalogue.call("seinajoki-2022-12")
    >>> proposals = [eko.load(eko.Proposal, p)
    ...              for p in sorted(Path("examples/selection/proposals").glob("*.json"))]
    >>> assessments = eko.load_assessments("examples/selection/assessments.toml")
    >>> chosen = eko.select(call, proposals, assessments, budget=200000, catalogue=catalogue)
    >>> [(r.rank, r.proposal_id, r.status.value) for r in chosen.rows][:2]
    [(1, 'ESIM-1', 'funded'), (2, 'ESIM-2', 'funded')]
    """
    if not isinstance(call, Call):
        raise invalid("type", N_("expected a call, got {value}"), call, "$.call")
    if not call.criteria:
        raise invalid(
            "selection.no_criteria",
            N_("the call {value} has no criteria to score proposals on"),
            call.id,
            "$.call.criteria",
        )
    given_proposals = list(proposals)
    given_assessments = list(assessments)
    errors: list[ErrorDetail] = []
    for index, proposal in enumerate(given_proposals):
        if not isinstance(proposal, Proposal):
            errors.append(
                _detail(f"$.proposals[{index}]", "type", proposal,
                        N_("expected a proposal, got {value}"))
            )  # fmt: skip
    for index, assessment in enumerate(given_assessments):
        if not isinstance(assessment, Assessment):
            errors.append(
                _detail(f"$.assessments[{index}]", "type", assessment,
                        N_("expected an assessment, got {value}"))
            )  # fmt: skip
    spend = call.available_funding
    if budget is not None:
        try:
            spend = as_amount(budget, path="$.budget")
        except ValidationError as error:
            errors.extend(error.errors)
    if errors:
        raise ValidationError(errors)
    errors = _validate(call, given_proposals, given_assessments)
    reports = list(
        check_many(
            given_proposals, call, at=at, catalogue=catalogue, rules=rules, parameters=parameters
        )
    )
    by_proposal: dict[str, list[Assessment]] = {}
    for assessment in given_assessments:
        by_proposal.setdefault(assessment.proposal_id, []).append(assessment)
    for index, (proposal, report) in enumerate(zip(given_proposals, reports, strict=True)):
        if report.eligible and proposal.id not in by_proposal:
            errors.append(
                _detail(f"$.proposals[{index}]", "selection.not_assessed", proposal.id,
                        N_("the eligible proposal {value} has no assessment"))
            )  # fmt: skip
    if errors:
        raise ValidationError(errors)

    weights = {c.id: Fraction(c.weight) for c in call.criteria}
    total_weight = sum(weights.values(), Fraction(0))
    scored: list[tuple[tuple[Any, ...], Proposal, Report, Fraction, list[Any], tuple[str, ...]]]
    scored = []
    ineligible: list[tuple[Proposal, Report]] = []
    for proposal, report in zip(given_proposals, reports, strict=True):
        if not report.eligible:
            ineligible.append((proposal, report))
            continue
        chosen = by_proposal[proposal.id]
        means: dict[str, Fraction] = {}
        parts = []
        for criterion in call.criteria:
            values = [
                next(s.value for s in a.scores if s.criterion_id == criterion.id) for a in chosen
            ]
            mean = Fraction(sum(values), len(values))
            means[criterion.id] = mean
            parts.append(
                CriterionScore(
                    criterion_id=criterion.id,
                    mean=_two_decimals(mean),
                    min=min(values),
                    max=max(values),
                    assessors=len(values),
                )
            )
        score = (
            _HUNDRED
            * sum((weights[c.id] * means[c.id] / c.max_score for c in call.criteria), Fraction(0))
            / total_weight
        )
        below = tuple(
            c.id for c in call.criteria if c.min_score is not None and means[c.id] < c.min_score
        )
        key = _sort_key(score, means[call.criteria[0].id], proposal)
        scored.append((key, proposal, report, score, parts, below))
    scored.sort(key=lambda item: item[0])

    rows: list[SelectionRow] = []
    left = spend
    for rank, (_, proposal, report, score, parts, below) in enumerate(scored, start=1):
        requested = proposal.funding(FundingSource.EU_AND_STATE)
        if below:
            status, allocated = SelectionStatus.BELOW_MINIMUM, Decimal("0.00")
        elif requested <= left:
            status, allocated = SelectionStatus.FUNDED, requested
            left -= requested
        else:
            status, allocated = SelectionStatus.RESERVE, Decimal("0.00")
        rows.append(
            SelectionRow(
                proposal_id=proposal.id,
                title=proposal.title,
                rank=rank,
                status=status,
                score=_two_decimals(score),
                criterion_scores=tuple(parts),
                below_minimum_on=below,
                requested=requested,
                allocated=allocated,
                report=report,
                assessors=tuple(sorted(a.assessor for a in by_proposal[proposal.id])),
            )
        )
    for proposal, report in sorted(ineligible, key=lambda item: item[0].id):
        rows.append(
            SelectionRow(
                proposal_id=proposal.id,
                title=proposal.title,
                rank=None,
                status=SelectionStatus.INELIGIBLE,
                score=None,
                criterion_scores=(),
                below_minimum_on=(),
                requested=proposal.funding(FundingSource.EU_AND_STATE),
                allocated=Decimal("0.00"),
                report=report,
                assessors=tuple(sorted(a.assessor for a in by_proposal.get(proposal.id, []))),
            )
        )
    allocated_total = sum((r.allocated for r in rows), Decimal("0.00"))
    return Selection(
        call_id=call.id,
        call_title=call.title,
        criteria=call.criteria,
        at=reports[0].at if reports else moment(at),
        budget=spend,
        budget_approximate=call.available_funding_approximate if budget is None else False,
        rows=tuple(rows),
        allocated=allocated_total,
        remaining=spend - allocated_total,
    )


# ---------------------------------------------------------------- assessments on the wire


def load_assessments(path: str | PathLike[str]) -> tuple[Assessment, ...]:
    """The assessments of a ``.json`` file (``{"assessment": [...]}``) or a ``.toml`` file
    (``[[assessment]]``); every problem in one ``ValidationError``."""
    from ekosysteemi._io import from_dict, read_document

    data = read_document(path)
    if not isinstance(data, Mapping) or set(data) - {"format", "assessment"}:
        raise invalid(
            "assessments.invalid",
            N_('expected a document holding "assessment" records, got {value}'),
            sorted(data) if isinstance(data, Mapping) else data,
        )
    records = data.get("assessment", [])
    if not isinstance(records, list):
        raise invalid("type", N_("expected a list, got {value}"), records, "$.assessment")
    found: list[Assessment] = []
    errors: list[ErrorDetail] = []
    for index, record in enumerate(records):
        try:
            found.append(from_dict(Assessment, record))
        except ValidationError as error:
            errors.extend(rebase(error, f"$.assessment[{index}]").errors)
    if errors:
        raise ValidationError(errors)
    return tuple(found)


# ---------------------------------------------------------------- reading a selection


def _read_selection(data: Any) -> Selection:
    if not isinstance(data, Mapping):
        raise invalid("type", N_("expected an object with keys, got {value}"), data)
    try:
        criteria = tuple(
            _at(f"$.criteria[{i}]", _model(Criterion), item)
            for i, item in enumerate(data["criteria"])
        )
        rows = tuple(_row(item, f"$.rows[{i}]") for i, item in enumerate(data["rows"]))
        selection = Selection(
            call_id=_text(data["call_id"], "$.call_id"),
            call_title=_at("$.call_title", _model(LocalizedText), data["call_title"]),
            criteria=criteria,
            at=_at("$.at", parse_datetime, data["at"]),
            budget=as_amount(_decimal(data["budget"], "$.budget"), path="$.budget"),
            budget_approximate=_bool(data["budget_approximate"], "$.budget_approximate"),
            rows=rows,
            allocated=_decimal(data["allocated"], "$.allocated"),
            remaining=_decimal(data["remaining"], "$.remaining", signed=True),
        )
    except KeyError as missing:
        raise invalid("key.missing", N_("expected the key {value}"), str(missing.args[0])) from None
    known = set(_SELECTION_KEYS) | {"format"}
    extra = sorted(set(data) - known)
    if extra:
        raise invalid("key.unknown", N_("unknown key {value}"), extra[0], f"$.{extra[0]}")
    if selection.allocated != sum((r.allocated for r in rows), Decimal(0)):
        raise invalid(
            "selection.inconsistent",
            N_("the allocations do not add up to {value}"),
            str(selection.allocated),
            "$.allocated",
        )
    if selection.remaining != selection.budget - selection.allocated:
        raise invalid(
            "selection.inconsistent",
            N_("budget less allocated is not {value}"),
            str(selection.remaining),
            "$.remaining",
        )
    return selection


_SELECTION_KEYS: Final = (
    "call_id", "call_title", "criteria", "at", "budget", "budget_approximate", "allocated",
    "remaining", "rows",
)  # fmt: skip
_ROW_KEYS: Final = (
    "proposal_id", "title", "rank", "status", "score", "criterion_scores", "below_minimum_on",
    "requested", "allocated", "assessors", "report",
)  # fmt: skip


def _int(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid("type", N_("expected a whole number, got {value}"), value, path)
    return value


def _at(path: str, read: Callable[[Any], T], value: Any) -> T:
    """``read(value)``, with the paths of its problems put under ``path``."""
    try:
        return read(value)
    except ValidationError as error:
        raise rebase(error, path) from None


def _decimal(value: Any, path: str, *, signed: bool = False) -> Decimal:
    from ekosysteemi._io import _decimal as read

    def number(text: Any) -> Decimal:
        if signed and isinstance(text, str) and text.startswith("-"):
            return -read(text[1:], None)
        return read(text, None)

    return _at(path, number, value)


def _model(cls: type[T]) -> Callable[[Any], T]:
    from ekosysteemi._io import from_dict

    return lambda value: from_dict(cls, value)


def _keys(value: Any, path: str, keys: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise invalid("type", N_("expected an object with keys, got {value}"), value, path)
    missing = [k for k in keys if k not in value]
    if missing:
        raise invalid("key.missing", N_("expected the key {value}"), missing[0], path)
    extra = sorted(set(value) - set(keys))
    if extra:
        raise invalid("key.unknown", N_("unknown key {value}"), extra[0], f"{path}.{extra[0]}")
    return value


def _row(value: Any, path: str) -> SelectionRow:
    body = _keys(value, path, _ROW_KEYS)
    scores = body["criterion_scores"]
    if not isinstance(scores, list):
        raise invalid(
            "type", N_("expected a list, got {value}"), scores, f"{path}.criterion_scores"
        )
    parts = []
    for i, item in enumerate(scores):
        at = f"{path}.criterion_scores[{i}]"
        one = _keys(item, at, ("criterion_id", "mean", "min", "max", "assessors"))
        parts.append(
            CriterionScore(
                criterion_id=_text(one["criterion_id"], f"{at}.criterion_id"),
                mean=_decimal(one["mean"], f"{at}.mean"),
                min=_int(one["min"], f"{at}.min"),
                max=_int(one["max"], f"{at}.max"),
                assessors=_int(one["assessors"], f"{at}.assessors"),
            )
        )
    rank = body["rank"]
    score = body["score"]
    lists = {}
    for key in ("below_minimum_on", "assessors"):
        items = body[key]
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise invalid("type", N_("expected a list, got {value}"), items, f"{path}.{key}")
        lists[key] = tuple(items)
    from ekosysteemi._io import _strip_format

    report = _at(f"{path}.report", lambda v: Report.from_dict(_strip_format(v)), body["report"])
    return SelectionRow(
        proposal_id=_text(body["proposal_id"], f"{path}.proposal_id"),
        title=_text(body["title"], f"{path}.title"),
        rank=None if rank is None else _int(rank, f"{path}.rank"),
        status=member_of(SelectionStatus, body["status"], f"{path}.status"),
        score=None if score is None else _decimal(score, f"{path}.score"),
        criterion_scores=tuple(parts),
        below_minimum_on=lists["below_minimum_on"],
        requested=_decimal(body["requested"], f"{path}.requested"),
        allocated=_decimal(body["allocated"], f"{path}.allocated"),
        report=report,
        assessors=lists["assessors"],
    )


def _schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of a selection on the wire."""
    from ekosysteemi._schema import json_schema

    amount = {"type": "string", "pattern": r"^[0-9]+\.[0-9]{2}$(?!\n)"}
    signed = {"type": "string", "pattern": r"^-?[0-9]+\.[0-9]{2}$(?!\n)"}
    report = json_schema(Report)
    criterion = json_schema(Criterion)
    defs = {**report.pop("$defs", {}), **criterion.pop("$defs", {})}
    for schema in (report, criterion):
        schema.pop("$schema", None)
        schema.pop("$id", None)
    criterion["properties"].pop("format", None)
    defs["Report"] = report
    defs["Criterion"] = criterion
    score = {
        "type": "object",
        "properties": {
            "criterion_id": {"type": "string"},
            "mean": amount,
            "min": {"type": "integer", "minimum": 0},
            "max": {"type": "integer", "minimum": 0},
            "assessors": {"type": "integer", "minimum": 1},
        },
        "required": ["criterion_id", "mean", "min", "max", "assessors"],
        "additionalProperties": False,
    }
    row = {
        "type": "object",
        "properties": {
            "proposal_id": {"type": "string"},
            "title": {"type": "string"},
            "rank": {"type": ["integer", "null"], "minimum": 1},
            "status": {"type": "string", "enum": [s.value for s in SelectionStatus]},
            "score": {"anyOf": [amount, {"type": "null"}]},
            "criterion_scores": {"type": "array", "items": score},
            "below_minimum_on": {"type": "array", "items": {"type": "string"}},
            "requested": amount,
            "allocated": amount,
            "assessors": {"type": "array", "items": {"type": "string"}},
            "report": {"$ref": "#/$defs/Report"},
        },
        "required": list(_ROW_KEYS),
        "additionalProperties": False,
    }
    texts = {
        "type": "object",
        "properties": {lang: {"type": "string"} for lang in ("fi", "sv", "en")},
        "required": ["fi"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:ekosysteemi:Selection:1",
        "title": "Selection",
        "type": "object",
        "properties": {
            "format": {"const": FORMAT_VERSION},
            "call_id": {"type": "string"},
            "call_title": texts,
            "criteria": {"type": "array", "items": {"$ref": "#/$defs/Criterion"}},
            "at": {"type": "string", "format": "date-time"},
            "budget": amount,
            "budget_approximate": {"type": "boolean"},
            "allocated": amount,
            "remaining": signed,
            "rows": {"type": "array", "items": row},
        },
        "required": list(_SELECTION_KEYS),
        "additionalProperties": False,
        "$defs": defs,
    }


register_wire(Selection, write=Selection.to_dict, read=_read_selection, schema=_schema)
