"""Rules, the context they read, and ``check()``.

A rule is a small named function of a :class:`Context` that returns an
:class:`Outcome`; :func:`rule` wraps it with its code, title and severity.
The standard rules (``_standard``) and a city's own rules are the same kind
of thing: ``check(proposal, call, rules=[*STANDARD_RULES, my_rule])``.
"""

from __future__ import annotations

import difflib
import importlib
import pickle
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Any, Final

import attrs

from ekosysteemi._catalogue import Catalogue
from ekosysteemi._errors import EkosysteemiError, ValidationError, invalid, show_value
from ekosysteemi._i18n import LANGUAGES, N_, Msg, is_known_message
from ekosysteemi._model._calls import Call, moment
from ekosysteemi._model._enums import (
    CostCategory,
    FundingSource,
    Severity,
    SeverityValue,
    as_severity,
    member_of,
)
from ekosysteemi._model._proposals import Proposal
from ekosysteemi._model._values import LocalizedText
from ekosysteemi._rules._messages import Plural, Template
from ekosysteemi._rules._parameters import DatedValue, Parameters
from ekosysteemi._rules._report import Finding, Provenance, Report
from ekosysteemi._rules._wire import _KEEP as KEEP_TYPES
from ekosysteemi._rules._wire import SPECS, Unwritable, fields_of, spec_fits, writable
from ekosysteemi._version import __version__

__all__ = [
    "Context",
    "Outcome",
    "Rule",
    "RuleError",
    "Totals",
    "check",
    "missing_texts",
    "rule",
]

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
        # One pass over each list, adding in the lines' order from 0.00: the same exact
        # sums as Proposal.total_costs and Proposal.funding.
        costs = staff = flat = eu_and_state = financing = _ZERO
        for line in proposal.costs:
            costs += line.amount
            if line.category is CostCategory.STAFF:
                staff += line.amount
            elif line.category is CostCategory.FLAT_RATE:
                flat += line.amount
        for share in proposal.financing:
            financing += share.amount
            if share.source is FundingSource.EU_AND_STATE:
                eu_and_state += share.amount
        return cls(
            costs=costs,
            revenues=proposal.revenues,
            net=costs - proposal.revenues,
            staff=staff,
            flat_rate=flat,
            other=costs - flat,
            eu_and_state=eu_and_state,
            financing=financing,
        )


class RuleError(EkosysteemiError):
    """A mistake in a rule: the rule writer's, never the applicant's.

    Raised from ``check()`` for an unknown parameter name, a template with an
    unknown placeholder or a format its value cannot take, a template without
    Finnish, a rule that raises or returns something other than an
    :class:`Outcome`, and an outcome value the wire format cannot write.

    Attributes:
        rule_code: the code of the rule at fault.
        template: the template at fault, if one is.
        suggestions: the nearest known names, for an unknown parameter or placeholder.
    """

    def __init__(
        self,
        rule_code: str,
        problem: str,
        *,
        template: Template | None = None,
        suggestions: Sequence[str] = (),
    ) -> None:
        self.rule_code = rule_code
        self.problem = problem
        self.template = template
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(map(repr, self.suggestions))}?" if suggestions else ""
        super().__init__(f"rule {rule_code!r}: {problem}{hint}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rule_error, (self.rule_code, self.problem, self.template, self.suggestions))


def _rule_error(
    rule_code: str, problem: str, template: Template | None, suggestions: Sequence[str]
) -> RuleError:
    return RuleError(rule_code, problem, template=template, suggestions=suggestions)


class _UnknownParameter(Exception):
    def __init__(self, name: object, known: Sequence[str]) -> None:
        super().__init__(name)
        self.name = name
        self.known = known


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
        catalogue: the catalogue the call comes from (names of themes and the like).
    """

    proposal: Proposal
    call: Call
    at: datetime
    submitted: datetime
    reference_date: date
    parameters: Parameters
    used: dict[str, DatedValue] = attrs.field(factory=dict)
    catalogue: Catalogue = attrs.field(factory=Catalogue.bundled)

    def name_of(self, theme_id: str) -> LocalizedText | str:
        """A theme's name for people, or the id as given when the catalogue lacks it."""
        try:
            return self.catalogue.theme(theme_id).name
        except (LookupError, ValidationError):
            return theme_id

    def param(self, name: str) -> Any:
        """The value of the dated parameter ``name`` on the reference date.

        An unknown name is the rule writer's mistake (``RuleError`` from ``check()``,
        with the nearest names); a known name with no value in force on the reference
        date fails the rule's finding instead.
        """
        if not isinstance(name, str) or not self.parameters.knows(name):
            raise _UnknownParameter(name, self.parameters.names())
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
    severity: Severity = attrs.field(default=Severity.ERROR, converter=as_severity)

    def __call__(self, context: Context) -> Finding:
        return _finding(self, self.outcome(context))

    def outcome(self, context: Context) -> Outcome:
        """What the rule says of ``context``; a mistake of the rule's is a :class:`RuleError`,
        a parameter not in force on the reference date a failed outcome saying so."""
        try:
            outcome = self.evaluate(context)
        except _NotInForce as missing:
            # Not a crash: the rule cannot pass on a day its parameters do not cover.
            outcome = Outcome(
                passed=False,
                path="$",
                expected=missing.name,
                actual=missing.day,
                # The parameter's name is an id: the text says what a person can act on,
                # and the finding's ``expected`` keeps the name for tools.
                message=N_(
                    "the rule cannot be applied on {actual:date}, the reference date of the "
                    "check: the programme's values for it are not in force then"
                ),
                hint=N_("check with a reference date within the programme period"),
            )
        except _UnknownParameter as unknown:
            near = difflib.get_close_matches(str(unknown.name), unknown.known, n=3, cutoff=0.6)
            raise RuleError(
                self.code, f"reads the unknown parameter {unknown.name!r}", suggestions=near
            ) from None
        except RuleError:
            raise
        except Exception as error:
            raise RuleError(
                self.code, f"raised {type(error).__name__}: {show_value(str(error))}"
            ) from error
        if not isinstance(outcome, Outcome):
            raise RuleError(self.code, f"returned {show_value(outcome)}, not an Outcome")
        return outcome

    def __copy__(self) -> Rule:
        return self  # immutable: a copy is the rule itself

    def __deepcopy__(self, memo: dict[int, Any]) -> Rule:
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        """A rule pickles by reference to the module-level name bound to it (as ``@rule``
        at module level makes it), so that other processes can run it."""
        module = getattr(self.evaluate, "__module__", None)
        name = getattr(self.evaluate, "__qualname__", "")
        owner = sys.modules.get(module) if isinstance(module, str) else None
        if owner is not None and "." not in name and getattr(owner, name, None) is self:
            return (_rule_named, (module, name))
        raise pickle.PicklingError(
            f"the rule {self.code!r} is not bound to a module-level name, so it cannot be "
            "sent to another process"
        )


def _rule_named(module: str, name: str) -> Rule:
    found: Rule = getattr(importlib.import_module(module), name)
    return found


#: The template types whose checks are remembered, and the finding signatures
#: (templates, keys, value types) already checked.
_TEMPLATES: Final = frozenset({Msg, Plural, str})
#: Signature -> what is still checked on each value (see :func:`_value_checks`).
_VERIFIED: dict[tuple[Any, ...], tuple[tuple[str, Any], ...]] = {}
_MAX_VERIFIED: Final = 4096


def _value_checks(raw: dict[str, Any]) -> tuple[tuple[str, Any], ...] | None:
    """What must still be checked on each value of a finding whose signature (templates,
    keys, value types) was checked before, or ``None`` when its values cannot be
    trusted by type: a Decimal's finiteness, a datetime's zone, and that a tuple's or
    frozenset's items, or a dict's keys and values, are still of the types a finding
    keeps as they are (what ``writable`` would otherwise convert or refuse)."""
    checks: list[tuple[str, Any]] = []
    for name, value in raw.items():
        kind = type(value)
        if kind is Decimal or kind is datetime:
            checks.append((name, kind))
        elif kind is tuple or kind is frozenset:
            if any(type(item) not in KEEP_TYPES for item in value):
                return None
            checks.append((name, kind))
        elif kind is dict:
            shape = _dict_shape(value)
            if shape is None:
                return None
            checks.append((name, shape))
        elif kind not in KEEP_TYPES:
            return None
    return tuple(checks)


def _dict_shape(value: dict[Any, Any]) -> tuple[tuple[str, type], ...] | None:
    shape = tuple((key, type(item)) for key, item in value.items())
    if all(type(key) is str and kind in KEEP_TYPES for key, kind in shape):
        return shape
    return None


def _unfit(raw: dict[str, Any], checks: tuple[tuple[str, Any], ...]) -> bool:
    """Whether a value fails a check of :func:`_value_checks` that its type does not
    settle."""
    for name, kind in checks:
        value = raw[name]
        if kind is Decimal:
            if not value.is_finite():
                return True
        elif kind is datetime:
            if value.utcoffset() is None:
                return True
        elif kind is tuple or kind is frozenset:
            for item in value:
                if type(item) not in KEEP_TYPES:
                    return True
        elif tuple((key, type(item)) for key, item in value.items()) != kind:
            return True
    return False


_SET: Final = {f.name: Finding.__dict__[f.name].__set__ for f in attrs.fields(Finding)}
_SET_CODE, _SET_SEVERITY, _SET_PASSED, _SET_PATH = (
    _SET["code"], _SET["severity"], _SET["passed"], _SET["path"],
)  # fmt: skip
_SET_EXPECTED, _SET_ACTUAL, _SET_TITLE = _SET["expected"], _SET["actual"], _SET["title"]
_SET_TEMPLATE, _SET_HINT, _SET_PARAMS = _SET["template"], _SET["hint_template"], _SET["params"]


def _new_finding(
    rule: Rule, passed: bool, path: str, message: Any, hint: Any, params: dict[str, Any]
) -> Finding:
    """A finding from values already checked, without its constructor (the severity
    is the rule's, converted when the rule was made); every field is set."""
    finding: Finding = object.__new__(Finding)
    _SET_CODE(finding, rule.code)
    _SET_SEVERITY(finding, rule.severity)
    _SET_PASSED(finding, passed)
    _SET_PATH(finding, path)
    _SET_EXPECTED(finding, params["expected"])
    _SET_ACTUAL(finding, params["actual"])
    _SET_TITLE(finding, rule.title)
    _SET_TEMPLATE(finding, message)
    _SET_HINT(finding, hint)
    _SET_PARAMS(finding, params)
    return finding


def _finding(rule: Rule, outcome: Outcome) -> Finding:
    """The finding of ``outcome``, its values and templates checked: every mistake of
    the rule's shows here, inside ``check()``, never later when a text is rendered."""
    code = rule.code
    # Exact types first: the common case without isinstance's slower walks.
    passed = outcome.passed
    if passed is not True and passed is not False:
        raise RuleError(code, f"returned passed={show_value(passed)}, not True or False")
    path = outcome.path
    if not (type(path) is str or isinstance(path, str)) or not path.startswith("$"):
        raise RuleError(code, f"returned the path {show_value(path)}, not one like $.costs")
    given = outcome.params
    if type(given) is not dict and not isinstance(given, Mapping):
        raise RuleError(code, f"returned params={show_value(given)}, not a mapping")
    raw = {"expected": outcome.expected, "actual": outcome.actual, **given}
    message, hint = outcome.message, outcome.hint
    # A finding whose templates, keys and value types were checked before passes the
    # same checks again: they depend on nothing else, but for what _value_checks lists
    # (a Decimal's finiteness, a datetime's zone, a container's items), checked here.
    key: tuple[Any, ...] | None = None
    if type(message) in _TEMPLATES and (hint is None or type(hint) in _TEMPLATES):
        key = (message, hint, *raw, *map(type, raw.values()))
        value_checks = _VERIFIED.get(key)
        if value_checks is not None and not (value_checks and _unfit(raw, value_checks)):
            return _new_finding(rule, passed, path, message, hint, raw)
    try:
        params = writable(raw)
    except Unwritable as bad:
        raise RuleError(
            code,
            f"returned the value {show_value(bad.value)} of type "
            f"{type(bad.value).__name__}, which a report cannot write",
        ) from None
    for template in (message, hint):
        if template is not None:
            check_template(code, template, params)
    if key is not None and len(_VERIFIED) < _MAX_VERIFIED and params == raw:
        value_checks = _value_checks(raw)
        if value_checks is not None:
            _VERIFIED[key] = value_checks
    return _new_finding(rule, passed, path, message, hint, params)


#: The texts of each library template and their placeholders, worked out once: a
#: template's structure does not change between checks (a city's per-language
#: mapping is not hashable and is worked out each time).
_STRUCTURES: dict[
    str | Plural, tuple[tuple[str, tuple[tuple[str, str, str | None], ...]], ...]
] = {}


def _structure(
    code: str, template: object
) -> tuple[tuple[str, tuple[tuple[str, str, str | None], ...]], ...]:
    """Each text of ``template`` with its placeholders; :class:`RuleError` unless the
    template has Finnish and well-formed placeholders."""
    key = template if isinstance(template, str | Plural) else None
    if key is not None:
        known = _STRUCTURES.get(key)
        if known is not None:
            return known
    if isinstance(template, Plural):
        if not is_known_message(template.singular):
            raise RuleError(code, "a plural message is not in the catalogues", template=template)
        texts = list(template.texts())
    elif isinstance(template, str):
        if is_known_message(template):
            texts = [template]
        else:
            raise RuleError(
                code,
                f"the text {show_value(template)} has no Finnish: give a text per language "
                '({"fi": …, "sv": …, "en": …})',
                template=template,
            )
    elif isinstance(template, Mapping) and all(isinstance(k, str) for k in template):
        fi_text = template.get("fi")
        if not isinstance(fi_text, str) or not fi_text.strip():
            raise RuleError(code, "a template has no Finnish text", template=template)
        unknown = [lang for lang in template if lang not in LANGUAGES]
        if unknown:
            raise RuleError(
                code, f"a template has texts other than fi, sv and en: {unknown}", template=template
            )
        if not all(isinstance(t, str) for t in template.values()):
            raise RuleError(code, "a template's texts must be text", template=template)
        texts = list(template.values())
    else:
        raise RuleError(
            code, f"the template {show_value(template)} is neither text nor a text per language"
        )
    found = []
    for text in texts:
        try:
            found.append((text, fields_of(text)))
        except ValueError:
            raise RuleError(
                code, f"the template {show_value(text)} has an unmatched brace", template=template
            ) from None
    structure = tuple(found)
    if key is not None:
        _STRUCTURES[key] = structure
    return structure


def _shown(template: object) -> Template | None:
    return template if isinstance(template, str | Plural | Mapping) else None


def check_template(code: str, template: object, params: Mapping[str, Any] | None) -> None:
    """Raise :class:`RuleError` unless ``template`` has Finnish and, when ``params`` are
    given, names only those with formats their values can take."""
    structure = _structure(code, template)
    if params is None:
        return
    if isinstance(template, Plural) and (
        template.count not in params
        or isinstance(params[template.count], bool)
        or not isinstance(params[template.count], int)
    ):
        raise RuleError(
            code,
            f"a plural message counts {template.count!r}, which is no whole number",
            template=template,
        )
    for text, fields in structure:
        for name, spec, conversion in fields:
            if name not in params:
                near = difflib.get_close_matches(name, list(params), n=3, cutoff=0.6)
                raise RuleError(
                    code,
                    f"the template {show_value(text)} names the unknown placeholder {name!r}",
                    template=_shown(template),
                    suggestions=near,
                )
            if conversion is not None or spec not in SPECS or not spec_fits(spec, params[name]):
                raise RuleError(
                    code,
                    f"the template {show_value(text)} writes {name!r} "
                    f"({type(params[name]).__name__}) with the format {spec!r}",
                    template=_shown(template),
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
    try:
        if not isinstance(title, Msg):  # the library's own ids are held by its l10n tests,
            check_template(code, title, None)  # so importing it reads no catalogue
        texts = title.values() if isinstance(title, Mapping) else [str(title)]
        if any(fields_of(str(text)) for text in texts):  # a title is shown as it is
            raise RuleError(code, "a title names placeholders", template=title)
    except (RuleError, ValueError):
        raise invalid(
            "rule.title",
            N_("expected a title with Finnish text (a text per language), got {value}"),
            title,
            "$.title",
        ) from None

    def wrap(evaluate: Callable[[Context], Outcome]) -> Rule:
        return Rule(code, title, evaluate, weight)

    return wrap


def check(
    proposal: Proposal,
    call: Call | None = None,
    *,
    at: datetime | None = None,
    catalogue: Catalogue | None = None,
    rules: Sequence[Rule] | None = None,
    parameters: Parameters | None = None,
) -> Report:
    """Check ``proposal`` against ``call`` (by default the call its ``call_id`` names in
    ``catalogue``, the bundled one unless given).

    ``at`` is the moment the check speaks for (default: now; naive is Helsinki
    time). The reference date, which picks dated parameters, is the Helsinki
    date of ``at`` when given, else of ``submitted_at``, else today. A call
    object that is not the catalogue's own record is checked against it first
    (its agreement and focus areas). ``rules`` defaults to the standard rules;
    ``parameters``, when given, replace the catalogue's for this check.
    """
    from ekosysteemi._rules._standard import STANDARD_RULES

    if not isinstance(proposal, Proposal):
        raise invalid("type", N_("expected a proposal, got {value}"), proposal, "$.proposal")
    if catalogue is None:
        catalogue = Catalogue.bundled()
    elif not isinstance(catalogue, Catalogue):
        raise invalid("type", N_("expected a catalogue, got {value}"), catalogue, "$.catalogue")
    if parameters is not None and not isinstance(parameters, Parameters):
        raise invalid("type", N_("expected parameters, got {value}"), parameters, "$.parameters")
    if call is None:
        call = catalogue.call(proposal.call_id)
    elif not isinstance(call, Call):
        raise invalid("type", N_("expected a call, got {value}"), call, "$.call")
    else:
        catalogue.check_call(call)
    chosen = STANDARD_RULES if rules is None else _rules(rules)
    in_use = catalogue.parameters if parameters is None else parameters
    return _check_one(proposal, call, moment(at), at is not None, catalogue, chosen, in_use)


def _check_one(
    proposal: Proposal,
    call: Call,
    now: datetime,
    at_given: bool,
    catalogue: Catalogue,
    chosen: tuple[Rule, ...],
    in_use: Parameters,
) -> Report:
    """One check, everything already resolved (``check`` and ``check_many`` share it)."""
    submitted = proposal.submitted_at or now
    reference = (now if at_given else submitted).date()
    context = Context(
        proposal=proposal,
        call=call,
        at=now,
        submitted=submitted,
        reference_date=reference,
        parameters=in_use,
        catalogue=catalogue,
    )
    findings = tuple([_finding(each, each.outcome(context)) for each in chosen])
    return Report(
        proposal_id=proposal.id,
        call_id=call.id,
        call_title=call.title,
        at=now,
        reference_date=reference,
        findings=findings,
        parameters=dict(context.used),
        provenance=_provenance(catalogue.digest, in_use.digest),
    )


@lru_cache(maxsize=64)
def _provenance(catalogue_digest: str, parameters_digest: str) -> Provenance:
    """The provenance of reports made with these data: one immutable object, shared."""
    return Provenance(
        version=__version__,
        catalogue_digest=catalogue_digest,
        parameters_digest=parameters_digest,
    )


def missing_texts(
    rules: Iterable[Rule],
    proposals: Iterable[Proposal],
    call: Call,
    *,
    parameters: Parameters | None = None,
) -> dict[str, dict[str, list[str]]]:
    """What a city's rules lack in Swedish and English (and Finnish), for its own tests.

    Runs each rule on each proposal (at its submission, or now) and returns, per rule
    code with a problem, per language: ``"title"``, ``"message"`` or ``"hint"`` for a
    text missing in that language, and ``"{name}"`` for a placeholder the Finnish text
    has and that language's text lacks. The library's own texts come from its
    catalogues, which are complete. An empty dict means nothing is missing.
    ``parameters`` are those the rules read (default: the bundled ones); a mistake in a
    rule (an unknown parameter, a crash) is a ``RuleError``, as in ``check()``.

    >>> import ekosysteemi as eko
    >>> from ekosysteemi import rules
    >>> rules.missing_texts(rules.STANDARD_RULES, [], eko.call("seinajoki-2022-12"))
    {}
    """
    chosen = _only_rules(rules)
    found: dict[str, dict[str, set[str]]] = {}

    def note(code: str, what: str, template: Template | None) -> None:
        if template is None or isinstance(template, str | Plural):
            return
        fi_text = template.get("fi")
        wanted = {name for name, _, _ in fields_of(fi_text)} if isinstance(fi_text, str) else set()
        for lang in LANGUAGES:
            text = template.get(lang)
            problems = found.setdefault(code, {}).setdefault(lang, set())
            if not isinstance(text, str) or not text.strip():
                problems.add(what)
                continue
            problems.update(
                "{" + name + "}" for name in wanted - {n for n, _, _ in fields_of(text)}
            )

    for each in chosen:
        note(each.code, "title", each.title)
    for proposal in proposals:
        now = moment(None)
        submitted = proposal.submitted_at or now
        context = Context(
            proposal=proposal,
            call=call,
            at=now,
            submitted=submitted,
            reference_date=submitted.date(),
            parameters=Parameters.default() if parameters is None else parameters,
        )
        for each in chosen:
            outcome = each.outcome(context)
            note(each.code, "message", outcome.message)
            note(each.code, "hint", outcome.hint)
    return {
        code: {lang: sorted(problems) for lang, problems in langs.items() if problems}
        for code, langs in sorted(found.items())
        if any(langs.values())
    }


def _only_rules(rules: Iterable[object]) -> tuple[Rule, ...]:
    """``rules`` as a tuple, every item a :class:`Rule`, or ``ValidationError``."""
    if isinstance(rules, str | bytes) or not isinstance(rules, Iterable):
        raise invalid("type", N_("expected a list of rules, got {value}"), rules, "$.rules")
    chosen = tuple(rules)
    for index, each in enumerate(chosen):
        if not isinstance(each, Rule):
            raise invalid(
                "type",
                N_("expected a rule made with rule(), got {value}"),
                each,
                f"$.rules[{index}]",
            )
    return chosen  # type: ignore[return-value]


def _rules(rules: Iterable[object]) -> tuple[Rule, ...]:
    chosen = _only_rules(rules)
    codes = [each.code for each in chosen]
    for index, code in enumerate(codes):
        if code in codes[:index]:
            raise invalid(
                "rule.duplicate", N_("the rule {value} is listed twice"), code, f"$.rules[{index}]"
            )
    if not any(each.severity is Severity.ERROR for each in chosen):
        raise invalid(
            "rules.no_error_rule",
            N_(
                "expected at least one rule of severity error: without one every proposal "
                "would be eligible, got {value}"
            ),
            codes,
            "$.rules",
        )
    return tuple(chosen)
