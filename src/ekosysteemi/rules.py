"""Writing eligibility rules of your own, and the standard ones.

A rule is a function of a :class:`Context` that returns an :class:`Outcome`,
made into a :class:`Rule` by :func:`rule` with a code in your own namespace.
Check with the standard rules and your own::

    report = eko.check(proposal, call, rules=[*rules.STANDARD_RULES, my_rule])

See ``docs/rules.md``, ``examples/kuopio_own_rule.py`` and ``examples/tampere/``.
"""

from ekosysteemi._rules._engine import (
    Context,
    Outcome,
    Rule,
    RuleError,
    Totals,
    missing_texts,
    rule,
)
from ekosysteemi._rules._messages import Template, floor_cents, render
from ekosysteemi._rules._parameters import WINDOWS, DatedValue, Parameters
from ekosysteemi._rules._report import Finding, Report
from ekosysteemi._rules._standard import (
    STANDARD_RULES,
    allowed_categories,
    allowed_models,
    flat_rate_base,
)

__all__ = [
    "STANDARD_RULES",
    "WINDOWS",
    "Context",
    "DatedValue",
    "Finding",
    "Outcome",
    "Parameters",
    "Report",
    "Rule",
    "RuleError",
    "Template",
    "Totals",
    "allowed_categories",
    "allowed_models",
    "flat_rate_base",
    "floor_cents",
    "missing_texts",
    "render",
    "rule",
]
