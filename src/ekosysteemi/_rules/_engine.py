"""Rules, the context they read, and ``check()``.

A rule is a small named function of a :class:`Context` that returns an
:class:`Outcome`; :func:`rule` wraps it with its code, title and severity.
The standard rules (``_standard``) and a city's own rules are the same kind
of thing: ``check(proposal, call, rules=[*STANDARD_RULES, my_rule])``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from typing import Any

import attrs

from ekosysteemi._errors import ValidationError, invalid
from ekosysteemi._i18n import N_
from ekosysteemi._model._calls import Call, moment
from ekosysteemi._model._enums import (
    CostCategory,
    FundingSource,
    Severity,
    SeverityValue,
    member_of,
)
from ekosysteemi._model._proposals import Proposal
from ekosysteemi._rules._messages import Template
from ekosysteemi._rules._parameters import DatedValue, Parameters
from ekosysteemi._rules._report import Finding, Report

__all__ = ["Context", "Outcome", "Rule", "Totals", "check", "rule"]

_ZERO = Decimal("0.00")


@attrs.frozen(kw_only=True)
class Totals:
    """The sums the rules compare, computed once from the declared lines.

    Attributes:
        costs: every cost line, whatever its category or whether a rule rejects it.
        revenues: the proposal's revenues.
        net: costs less revenues: the eligible costs the financing plan covers.
        staff: the staff cost lines.
        flat_rate: the flat-rate lines.
        other: every line except the flat-rate ones.
        eu_and_state: the EU and state funding asked.
        financing: the whole financing plan.
    """

    costs: Decimal
    revenues: Decimal
    net: Decimal
    staff: Decimal
    flat_rate: Decimal
    other: Decimal
    eu_and_state: Decimal
    financing: Decimal

    @classmethod
    def of(cls, proposal: Proposal) -> Totals:
        def total(category: CostCategory) -> Decimal:
            return sum((c.amount for c in proposal.costs if c.category is category), _ZERO)

        costs = proposal.total_costs
        flat = total(CostCategory.FLAT_RATE)
        return cls(
            costs=costs,
            revenues=proposal.revenues,
            net=costs - proposal.revenues,
            staff=total(CostCategory.STAFF),
            flat_rate=flat,
            other=costs - flat,
            eu_and_state=proposal.funding(FundingSource.EU_AND_STATE),
            financing=sum((line.amount for line in proposal.financing), _ZERO),
        )


class _NotInForce(Exception):
    """A parameter with no value in force on the reference date."""

    def __init__(self, name: str, day: date) -> None:
        super().__init__(name, day)
        self.name = name
        self.day = day


@attrs.define
class Context:
    """What a rule reads: the proposal, the call, the moments and the parameters.

    Attributes:
        proposal: the proposal checked.
        call: the call it is checked against.
        at: the moment the check speaks for.
        submitted: the moment judged for the call's window (``submitted_at``, else ``at``).
        reference_date: the day whose dated parameters apply.
        parameters: every dated parameter.
        used: the parameter values read so far, by name (filled in as rules read them).
    """

    proposal: Proposal
    call: Call
    at: datetime
    submitted: datetime
    reference_date: date
    parameters: Parameters
    used: dict[str, DatedValue] = attrs.field(factory=dict)

    def param(self, name: str) -> Any:
        """The value of the dated parameter ``name`` on the reference date."""
        try:
            value = self.parameters.on(name, self.reference_date)
        except ValidationError:
            raise _NotInForce(name, self.reference_date) from None
        self.used[name] = value
        return value.value

    @cached_property
    def totals(self) -> Totals:
        return Totals.of(self.proposal)


@attrs.frozen(kw_only=True)
class Outcome:
    """What a rule function returns.

    Attributes:
        passed: whether the proposal passes (``True`` when the rule does not apply).
        message: the verdict sentence, a template naming ``params``.
        path: the field that decided it, or the first offending item.
        expected: the value required.
        actual: the proposal's value.
        hint: what would fix a failure, a template, or ``None``.
        params: the values the templates name (``expected`` and ``actual`` are added).
    """

    passed: bool
    message: Template
    path: str = "$"
    expected: Any = None
    actual: Any = None
    hint: Template | None = None
    params: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class Rule:
    """A named eligibility rule.

    Attributes:
        code: a stable code; a city's own rules use their own namespace
            (``tampere.min_budget``), the standard ones ``call.open`` and the like.
        title: what the rule checks, as a template (for the passed-checks line).
        evaluate: the function of a :class:`Context` that returns an :class:`Outcome`.
        severity: how much a failure weighs.
    """

    code: str
    title: Template
    evaluate: Callable[[Context], Outcome]
    severity: Severity = Severity.ERROR

    def __call__(self, context: Context) -> Finding:
        try:
            outcome = self.evaluate(context)
        except _NotInForce as missing:
            # Not a crash: the rule cannot pass on a day its parameters do not cover.
            outcome = Outcome(
                passed=False,
                path="$",
                expected=missing.name,
                actual=missing.day,
                message=N_(
                    "no value of {expected} is in force on {actual:date}, the reference "
                    "date of the check"
                ),
                hint=N_("check with a reference date (at) on which {expected} is in force"),
            )
        params = {"expected": outcome.expected, "actual": outcome.actual, **outcome.params}
        return Finding(
            code=self.code,
            severity=self.severity,
            passed=outcome.passed,
            path=outcome.path,
            expected=outcome.expected,
            actual=outcome.actual,
            title=self.title,
            template=outcome.message,
            hint_template=None if outcome.passed else outcome.hint,
            params=params,
        )


def rule(
    code: str, *, title: Template, severity: SeverityValue = Severity.ERROR
) -> Callable[[Callable[[Context], Outcome]], Rule]:
    """Make a function of a :class:`Context` into a :class:`Rule`.

    >>> @rule("example.title_length", title={"en": "a short title", "fi": "lyhyt nimi"})
    ... def short_title(ctx):
    ...     n = len(ctx.proposal.title)
    ...     return Outcome(passed=n <= 80, path="$.title", expected=80, actual=n,
    ...                    message={"en": "the title has {actual} characters",
    ...                             "fi": "nimessä on {actual} merkkiä"})
    >>> short_title.code
    'example.title_length'
    """
    if not isinstance(code, str) or not code.strip():
        raise invalid("rule.code", N_("expected a rule code such as city.rule, got {value}"), code)

    weight = member_of(Severity, severity, "$.severity")

    def wrap(evaluate: Callable[[Context], Outcome]) -> Rule:
        return Rule(code, title, evaluate, weight)

    return wrap


def check(
    proposal: Proposal,
    call: Call | None = None,
    *,
    at: datetime | None = None,
    rules: Sequence[Rule] | None = None,
    parameters: Parameters | None = None,
) -> Report:
    """Check ``proposal`` against ``call`` (by default the call its ``call_id`` names).

    ``at`` is the moment the check speaks for (default: now; naive is Helsinki
    time). The reference date, which picks dated parameters, is the Helsinki
    date of ``at`` when given, else of ``submitted_at``, else today. ``rules``
    defaults to the standard rules; ``parameters`` to the programme's defaults.
    """
    from ekosysteemi._reference import call as bundled_call
    from ekosysteemi._rules._standard import STANDARD_RULES

    if not isinstance(proposal, Proposal):
        raise invalid("type", N_("expected a proposal, got {value}"), proposal, "$.proposal")
    if call is None:
        call = bundled_call(proposal.call_id)
    elif not isinstance(call, Call):
        raise invalid("type", N_("expected a call, got {value}"), call, "$.call")
    now = moment(at)
    submitted = proposal.submitted_at or now
    reference = (now if at is not None else submitted).date()
    chosen = STANDARD_RULES if rules is None else _rules(rules)
    context = Context(
        proposal=proposal,
        call=call,
        at=now,
        submitted=submitted,
        reference_date=reference,
        parameters=Parameters.default() if parameters is None else parameters,
    )
    findings = tuple(each(context) for each in chosen)
    return Report(
        proposal_id=proposal.id,
        call_id=call.id,
        at=now,
        reference_date=reference,
        findings=findings,
        parameters=dict(context.used),
    )


def _rules(rules: Iterable[object]) -> tuple[Rule, ...]:
    given = tuple(rules)
    chosen: list[Rule] = []
    for index, each in enumerate(given):
        if not isinstance(each, Rule):
            raise invalid(
                "type",
                N_("expected a rule made with rule(), got {value}"),
                each,
                f"$.rules[{index}]",
            )
        chosen.append(each)
    codes = [each.code for each in chosen]
    for index, code in enumerate(codes):
        if code in codes[:index]:
            raise invalid(
                "rule.duplicate", N_("the rule {value} is listed twice"), code, f"$.rules[{index}]"
            )
    return tuple(chosen)
