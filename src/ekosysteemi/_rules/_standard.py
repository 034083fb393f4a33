"""The standard eligibility rules: the general selection criteria, one function each.

Each rule reads its parameters from the call, or from the programme's dated
defaults, and returns a finding whether it passed or not. Totals come from
the declared lines (``Context.totals``), so one mistake fails one rule; limits
are compared exactly and only rounded down when shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any, Final

from ekosysteemi._errors import invalid
from ekosysteemi._i18n import N_
from ekosysteemi._model._calls import Call
from ekosysteemi._model._enums import (
    CallStatus,
    CostCategory,
    CostModel,
    CostModelValue,
    FundingSource,
    ProjectType,
    ProjectTypeValue,
    Severity,
    StateAidBasis,
    member_of,
)
from ekosysteemi._rules._engine import Context, Outcome, Rule, rule
from ekosysteemi._rules._messages import N_n
from ekosysteemi._rules._parameters import Parameters
from ekosysteemi.fi._calendar import add_months

__all__ = [
    "FLAT_RATE_MODELS",
    "NEVER",
    "allowed_models",
    "STANDARD_RULES",
    "aid_share",
    "allowed_categories",
    "flat_rate_base",
]

_ZERO = Decimal("0.00")
_ALL = frozenset(CostCategory)
#: The cost models with a flat-rate share.
FLAT_RATE_MODELS: Final = (
    CostModel.FLAT_RATE_40,
    CostModel.FLAT_RATE_15,
    CostModel.FLAT_RATE_7,
    CostModel.FLAT_RATE_1_5,
)
#: The model each project type may never use, whatever a call lists.
NEVER: Final = {
    ProjectType.DEVELOPMENT: CostModel.FLAT_RATE_1_5,
    ProjectType.INVESTMENT: CostModel.FLAT_RATE_40,
}


def allowed_categories(model: CostModelValue) -> frozenset[CostCategory]:
    """The cost categories a cost model (a member or its wire value) admits."""
    model = member_of(CostModel, model, "$.model")
    if model is CostModel.FLAT_RATE_40:
        return frozenset({CostCategory.STAFF, CostCategory.FLAT_RATE})
    if model in FLAT_RATE_MODELS:
        return _ALL
    return _ALL - {CostCategory.FLAT_RATE}


def flat_rate_base(
    model: CostModelValue, *, on: date | None = None, parameters: Parameters | None = None
) -> str:
    """What a flat rate is a share of: ``"staff"`` costs or the ``"other"`` lines. The
    1.5 % model's base is the dated parameter ``flat_rate.flat_rate_1_5.base``, read on
    ``on`` (default: today) from ``parameters`` (default: the bundled ones).

    >>> flat_rate_base("flat_rate_40"), flat_rate_base("flat_rate_7")
    ('staff', 'other')
    """
    model = member_of(CostModel, model, "$.model")
    if model not in FLAT_RATE_MODELS:
        raise invalid(
            "enum.invalid",
            N_("expected one of {choices}, got {value}"),
            model.value,
            "$.model",
            choices=", ".join(m.value for m in FLAT_RATE_MODELS),
        )
    if model is CostModel.FLAT_RATE_1_5:
        params = Parameters.default() if parameters is None else parameters
        day = date.today() if on is None else on
        base: str = params.on("flat_rate.flat_rate_1_5.base", day).value
        return base
    return "other" if model is CostModel.FLAT_RATE_7 else "staff"


def allowed_models(
    call: Call, kind: ProjectTypeValue, value_of: Callable[[str], Any]
) -> frozenset[CostModel]:
    """The cost models a proposal of ``kind`` may use in ``call``: those the call lists,
    else the dated programme parameter ``cost_models.<kind>`` (read with ``value_of``);
    never flat rate 40 % for an investment nor 1.5 % for a development project."""
    kind = member_of(ProjectType, kind, "$.kind")
    listed = call.cost_models
    values = value_of(f"cost_models.{kind.value}") if listed is None else None
    try:  # the same question comes with every proposal of a call
        return _allowed(listed, kind, values)
    except TypeError:  # a parameter value that is not hashable: worked out each time
        return _allowed.__wrapped__(listed, kind, values)


@lru_cache(maxsize=256)
def _allowed(
    listed: frozenset[CostModel] | None, kind: ProjectType, values: Any
) -> frozenset[CostModel]:
    if listed is not None:
        models = set(listed)
    else:
        models = {member_of(CostModel, value, f"cost_models.{kind.value}") for value in values}
    return frozenset(models - {NEVER[kind]})


def aid_share(call: Call, kind: ProjectType, value_of: Callable[[str], Any]) -> Decimal:
    """The largest share of eligible costs EU and state funding may cover: the call's
    own ``max_aid_intensity``, else the programme's for ``kind`` (read with ``value_of``)."""
    if call.max_aid_intensity is not None:
        return call.max_aid_intensity
    share: Decimal = value_of(f"aid_intensity.{kind.value}")
    return share


def _first_eu_line(ctx: Context) -> str:
    for index, line in enumerate(ctx.proposal.financing):
        if line.source is FundingSource.EU_AND_STATE:
            return f"$.financing[{index}]"
    return "$.financing"


@rule("call.id", title=N_("the proposal names this call"))
def call_id(ctx: Context) -> Outcome:
    named, checked = ctx.proposal.call_id, ctx.call.id
    return Outcome(
        passed=named == checked,
        path="$.call_id",
        expected=checked,
        actual=named,
        message=N_("the proposal names the call {actual}, not the call {title}")
        if named != checked
        else N_("the proposal names the call {title}"),
        hint=N_("make the proposal name the call {title}, or check it against the call it names"),
        params={"title": ctx.call.title},
    )


@rule("call.open", title=N_("submitted within the application period"))
def call_open(ctx: Context) -> Outcome:
    call = ctx.call
    deadline = call.effective_deadline
    status = call.status(ctx.submitted)
    params = {"deadline": deadline, "moment": ctx.submitted, "opens": call.opens}
    window = {"opens": call.opens, "deadline": deadline}
    path = "$.submitted_at"
    if status is CallStatus.OPEN:
        return Outcome(
            passed=True,
            path=path,
            expected=window,
            actual=ctx.submitted,
            message=N_(
                "submitted {moment:datetime}, within the application period "
                "that ends {deadline:date}"
            ),
            params=params,
        )
    if status is CallStatus.UPCOMING:
        return Outcome(
            passed=False,
            path=path,
            expected=window,
            actual=ctx.submitted,
            message=N_(
                "submitted {moment:datetime}, before the application period opens {opens:date}"
            ),
            hint=N_("submit on {opens:date} or later, by {deadline:date}"),
            params=params,
        )
    return Outcome(
        passed=False,
        path=path,
        expected=window,
        actual=ctx.submitted,
        message=N_(
            "submitted {moment:datetime}, after the application period ended {deadline:date}"
        ),
        hint=N_("submit by {deadline:date}"),
        params=params,
    )


@rule("call.focus_area", title=N_("targets the call's focus areas"))
def call_focus_area(ctx: Context) -> Outcome:
    known = ctx.call.focus_areas
    targeted = ctx.proposal.focus_areas
    names = {"areas": tuple(ctx.name_of(area) for area in targeted)}
    if not known:
        return Outcome(
            passed=True,
            path="$.focus_areas",
            actual=targeted,
            message=N_("the call does not restrict focus areas"),
            params=names,
        )
    offered = {"offered": tuple(ctx.name_of(area) for area in known)}
    for index, area in enumerate(targeted):
        if area not in known:
            return Outcome(
                passed=False,
                path=f"$.focus_areas[{index}]",
                expected=known,
                actual=area,
                message=N_("the call has no focus area {area}"),
                hint=N_("target one or more of: {offered:list}"),
                params={**offered, "area": ctx.name_of(area)},
            )
    return Outcome(
        passed=True,
        path="$.focus_areas",
        expected=known,
        actual=targeted,
        message=N_("targets {areas:list}, focus areas of the call"),
        hint=N_("target one or more of: {offered:list}"),
        params={**names, **offered},
    )


@rule("call.project_type", title=N_("a project type the call admits"))
def call_project_type(ctx: Context) -> Outcome:
    admitted = ctx.call.project_types
    kind = ctx.proposal.project_type
    if admitted is None:
        return Outcome(
            passed=True,
            path="$.project_type",
            actual=kind,
            message=N_("the call admits every project type"),
        )
    return Outcome(
        passed=kind in admitted,
        path="$.project_type",
        expected=admitted,
        actual=kind,
        message=N_("the call admits {expected:list}; the proposal is {actual}")
        if kind not in admitted
        else N_("the call admits {actual} projects"),
        hint=N_("the call admits only {expected:list}"),
    )


@rule("applicant.kind", title=N_("applicants of kinds the call admits"))
def applicant_kind(ctx: Context) -> Outcome:
    admitted = ctx.call.eligible_applicants
    if admitted is None:
        return Outcome(
            passed=True,
            path="$.applicant.kind",
            actual=ctx.proposal.applicant.kind,
            message=N_("the call admits every kind of applicant"),
        )
    paths = [
        "$.applicant",
        *(f"$.co_implementers[{i}]" for i in range(len(ctx.proposal.co_implementers))),
    ]
    for path, organisation in zip(paths, ctx.proposal.organisations, strict=True):
        if organisation.kind not in admitted:
            return Outcome(
                passed=False,
                path=f"{path}.kind",
                expected=admitted,
                actual=organisation.kind,
                message=N_("{name} is of kind {actual}, which the call does not admit"),
                hint=N_("the call admits only {expected:list}"),
                params={"name": organisation.name},
            )
    return Outcome(
        passed=True,
        path="$.applicant.kind",
        expected=admitted,
        actual=ctx.proposal.applicant.kind,
        message=N_("every implementer is of a kind the call admits"),
    )


@rule("period.costs_eligible", title=N_("a period within the cost-eligibility period"))
def period_costs_eligible(ctx: Context) -> Outcome:
    first = ctx.param("costs.eligible_from")
    last = ctx.param("costs.eligible_until")
    period = ctx.proposal.period
    params = {"first": first, "last": last, "start": period.start, "end": period.end}
    expected = {"start": first, "end": last}
    if period.start < first:
        return Outcome(
            passed=False,
            path="$.period.start",
            expected=expected,
            actual=period,
            message=N_(
                "the project starts {start:date}, before costs become eligible {first:date}"
            ),
            hint=N_("start on {first:date} or later"),
            params=params,
        )
    if period.end > last:
        return Outcome(
            passed=False,
            path="$.period.end",
            expected=expected,
            actual=period,
            message=N_("the project ends {end:date}, after costs stop being eligible {last:date}"),
            hint=N_("end by {last:date}"),
            params=params,
        )
    return Outcome(
        passed=True,
        path="$.period",
        expected=expected,
        actual=period,
        message=N_("the project runs within {first:date}–{last:date}"),
        params=params,
    )


@rule("period.duration", title=N_("no longer than the call allows"))
def period_duration(ctx: Context) -> Outcome:
    limit = ctx.call.max_duration_months
    period = ctx.proposal.period
    months = period.months
    if limit is None:
        return Outcome(
            passed=True,
            path="$.period",
            actual=months,
            message=N_("the call sets no maximum duration"),
        )
    try:
        latest = add_months(period.start, limit) - timedelta(days=1)
    except (ValueError, OverflowError):  # past the calendar's end: any end is within
        latest = date.max
    return Outcome(
        passed=months <= limit,
        path="$.period",
        expected=limit,
        actual=months,
        message=N_n(
            "the project runs {actual} month; the call allows at most {expected}",
            "the project runs {actual} months; the call allows at most {expected}",
            "actual",
        ),
        hint=N_n(
            "end by {latest:date} to stay within {expected} month",
            "end by {latest:date} to stay within {expected} months",
            "expected",
        ),
        params={"latest": latest},
    )


@rule("costs.cost_model", title=N_("a cost model the call allows, with lines it admits"))
def costs_cost_model(ctx: Context) -> Outcome:
    model = ctx.proposal.cost_model
    kind = ctx.proposal.project_type
    allowed = allowed_models(ctx.call, kind, ctx.param)
    if model not in allowed:
        listed = ctx.call.cost_models is not None and model in ctx.call.cost_models
        return Outcome(
            passed=False,
            path="$.cost_model",
            expected=allowed,
            actual=model,
            message=N_("the cost model {actual} is not allowed for the project type {kind}")
            if listed or ctx.call.cost_models is None
            else N_("the call does not allow the cost model {actual}"),
            hint=N_("use one of: {expected:list}"),
            params={"kind": kind},
        )
    categories = allowed_categories(model)
    for index, line in enumerate(ctx.proposal.costs):
        if line.category not in categories:
            return Outcome(
                passed=False,
                path=f"$.costs[{index}]",
                expected=categories,
                actual=line.category,
                message=N_("the cost model {model} does not admit a line of category {actual}"),
                hint=N_("with {model}, use only: {expected:list}"),
                params={"model": model},
            )
    return Outcome(
        passed=True,
        path="$.cost_model",
        expected=allowed,
        actual=model,
        message=N_("the cost model {actual} and its lines are allowed"),
    )


@rule("costs.flat_rate", title=N_("a flat-rate share within its limit"))
def costs_flat_rate(ctx: Context) -> Outcome:
    model = ctx.proposal.cost_model
    if model not in FLAT_RATE_MODELS:
        return Outcome(
            passed=True,
            path="$.costs",
            actual=model,
            message=N_("the cost model {actual} has no flat-rate share"),
        )
    rate: Decimal = ctx.param(f"flat_rate.{model.value}")
    totals = ctx.totals
    base_name = (
        ctx.param("flat_rate.flat_rate_1_5.base")
        if model is CostModel.FLAT_RATE_1_5
        else flat_rate_base(model)
    )
    base = totals.staff if base_name == "staff" else totals.other
    limit = base * rate  # exact: never rounded in the applicant's favour
    flat = totals.flat_rate
    path = next(
        (
            f"$.costs[{i}]"
            for i, line in enumerate(ctx.proposal.costs)
            if line.category is CostCategory.FLAT_RATE
        ),
        "$.costs",
    )
    params = {"rate": rate, "base": base, "limit": limit}
    message = (
        N_(
            "the flat-rate share {actual:euros} is within {rate:percent} of staff costs "
            "{base:euros}"
        )
        if base_name == "staff"
        else N_(
            "the flat-rate share {actual:euros} is within {rate:percent} of the other "
            "costs {base:euros}"
        )
    )
    if flat > limit:
        message = (
            N_(
                "the flat-rate share {actual:euros} is more than {rate:percent} of staff costs "
                "{base:euros}"
            )
            if base_name == "staff"
            else N_(
                "the flat-rate share {actual:euros} is more than {rate:percent} of the "
                "other costs {base:euros}"
            )
        )
    return Outcome(
        passed=flat <= limit,
        path=path,
        expected=limit,
        actual=flat,
        message=message,
        hint=N_("the flat-rate share may be at most {expected:euros}"),
        params=params,
    )


@rule("financing.balanced", title=N_("a financing plan that covers the costs exactly"))
def financing_balanced(ctx: Context) -> Outcome:
    totals = ctx.totals
    difference = totals.financing - totals.net
    params = {"costs": totals.costs, "revenues": totals.revenues, "difference": abs(difference)}
    if difference == 0:
        return Outcome(
            passed=True,
            path="$.financing",
            expected=totals.net,
            actual=totals.financing,
            message=N_(
                "the financing plan {actual:euros} equals costs less revenues {expected:euros}"
            ),
            params=params,
        )
    return Outcome(
        passed=False,
        path="$.financing",
        expected=totals.net,
        actual=totals.financing,
        message=N_(
            "the financing plan {actual:euros} is more than costs less revenues {expected:euros}"
        )
        if difference > 0
        else N_(
            "the financing plan {actual:euros} is less than costs less revenues {expected:euros}"
        ),
        hint=N_("the financing plan must total {expected:euros} (now off by {difference:euros})"),
        params=params,
    )


@rule("financing.aid_intensity", title=N_("EU and state funding within the aid intensity"))
def financing_aid_intensity(ctx: Context) -> Outcome:
    share = aid_share(ctx.call, ctx.proposal.project_type, ctx.param)
    totals = ctx.totals
    eligible = max(totals.net, _ZERO)
    limit = eligible * share
    asked = totals.eu_and_state
    params = {"share": share, "eligible": eligible, "limit": limit}
    return Outcome(
        passed=asked <= limit,
        path=_first_eu_line(ctx),
        expected=limit,
        actual=asked,
        message=N_(
            "EU and state funding {actual:euros} is within {share:percent} of eligible "
            "costs {eligible:euros}"
        )
        if asked <= limit
        else N_(
            "EU and state funding {actual:euros} is more than {share:percent} of eligible "
            "costs {eligible:euros}"
        ),
        hint=N_("eligible if EU and state funding is at most {expected:euros}"),
        params=params,
    )


@rule("financing.available_funds", title=N_("EU and state funding within the call's funds"))
def financing_available_funds(ctx: Context) -> Outcome:
    available = ctx.call.available_funding
    asked = ctx.totals.eu_and_state
    return Outcome(
        passed=asked <= available,
        path=_first_eu_line(ctx),
        expected=available,
        actual=asked,
        message=N_("EU and state funding {actual:euros} is within the call's {expected:euros}")
        if asked <= available
        else N_("EU and state funding {actual:euros} is more than the call's {expected:euros}"),
        hint=N_("eligible if EU and state funding is at most {expected:euros}"),
    )


@rule("state_aid.de_minimis", title=N_("within the de minimis ceiling"))
def state_aid_de_minimis(ctx: Context) -> Outcome:
    proposal = ctx.proposal
    if proposal.state_aid is not StateAidBasis.DE_MINIMIS:
        return Outcome(
            passed=True,
            path="$.state_aid",
            actual=proposal.state_aid,
            message=N_("the aid is not granted as de minimis aid"),
        )
    ceiling: Decimal = ctx.param("de_minimis.ceiling")
    window: str = ctx.param("de_minimis.window")
    day = ctx.reference_date
    if window == "fiscal_years":
        # The applicant's fiscal year that holds the reference date, and the two before.
        month, last = (int(part) for part in ctx.proposal.fiscal_year_end.split("-"))
        until = date(day.year, month, last)
        if until < day:
            until = date(day.year + 1, month, last)
        since = date(until.year - 3, month, last) + timedelta(days=1)
    else:  # rolling_3_years: the three years up to and including the reference date
        since = add_months(day, -36) + timedelta(days=1) if day.year > 3 else date.min
        until = day
    earlier = sum(
        (grant.amount for grant in proposal.de_minimis if since <= grant.granted_on <= until), _ZERO
    )
    asked = ctx.totals.eu_and_state
    total = earlier + asked
    params = {
        "earlier": earlier,
        "since": since,
        "until": until,
        "ceiling": ceiling,
        "room": max(ceiling - earlier, _ZERO),
    }
    return Outcome(
        passed=total <= ceiling,
        path="$.de_minimis",
        expected=ceiling,
        actual=total,
        message=N_(
            "earlier de minimis aid {earlier:euros} granted {since:date}–{until:date} "
            "and this aid make {actual:euros}, within the ceiling {expected:euros}"
        )
        if total <= ceiling
        else N_(
            "earlier de minimis aid {earlier:euros} granted {since:date}–{until:date} "
            "and this aid make {actual:euros}, over the ceiling {expected:euros}"
        ),
        hint=N_("eligible if EU and state funding is at most {room:euros}"),
        params=params,
    )


@rule(
    "call.closing_time",
    title=N_("submitted before the end of the working day on the last day"),
    severity=Severity.WARNING,
)
def call_closing_time(ctx: Context) -> Outcome:
    deadline = ctx.call.effective_deadline
    moment = ctx.submitted
    if deadline.time is not None:
        return Outcome(
            passed=True,
            path="$.submitted_at",
            expected=deadline,
            actual=moment,
            message=N_("the call's deadline {expected:date} names its time of day"),
        )
    end: time = ctx.param("deadline.working_day_end")
    late = moment.date() == deadline.date and moment.timetz().replace(tzinfo=None) >= end
    params = {"end": f"{end.hour}.{end.minute:02d}", "day": deadline.date}
    return Outcome(
        passed=not late,
        path="$.submitted_at",
        expected=deadline,
        actual=moment,
        message=N_(
            "submitted {actual:datetime}, on the last day {day:date} at or after {end}, "
            "when the authorities' working day ends; the call notice may close the call then"
        )
        if late
        else N_("submitted {actual:datetime}, not on the last day {day:date} at or after {end}"),
        hint=N_("confirm the closing time in the call notice"),
        params=params,
    )


#: The standard rules, in the order the report lists them.
STANDARD_RULES: Final[tuple[Rule, ...]] = (
    call_id,
    call_open,
    call_focus_area,
    call_project_type,
    applicant_kind,
    period_costs_eligible,
    period_duration,
    costs_cost_model,
    costs_flat_rate,
    financing_balanced,
    financing_aid_intensity,
    financing_available_funds,
    state_aid_de_minimis,
    call_closing_time,
)
