"""The result of an eligibility check: a finding per rule, and the report of them all."""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import attrs

from ekosysteemi._i18n import LANGUAGES, N_, Lang, check_lang
from ekosysteemi._model._enums import Severity
from ekosysteemi._model._values import Deadline, Period
from ekosysteemi._rules._messages import Template, render, text_of
from ekosysteemi._rules._parameters import DatedValue

__all__ = ["Finding", "Report", "jsonable"]


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON data, stably (sets sorted, amounts as strings)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Deadline):
        return str(value)
    if isinstance(value, Period):
        return {"start": value.start.isoformat(), "end": value.end.isoformat()}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, frozenset | set):
        return sorted((jsonable(v) for v in value), key=str)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return str(value)


@attrs.frozen(kw_only=True)
class Finding:
    """What one rule found.

    Attributes:
        code: the rule's stable code (``financing.aid_intensity``).
        severity: how much a failure weighs.
        passed: whether the proposal passed the rule (a rule that does not apply passes).
        path: the field that decided it, or the first offending item (``$.costs[2]``).
        expected: the value the rule required (a limit, a set, a window).
        actual: the proposal's value that was compared with it.
        title: what the rule checks, as a template.
        template: the verdict sentence, as a template.
        hint_template: what would fix a failure, as a template, or ``None``.
        params: the values the templates name.
    """

    code: str
    severity: Severity
    passed: bool
    path: str
    expected: Any = None
    actual: Any = None
    title: Template
    template: Template
    hint_template: Template | None = None
    params: Mapping[str, Any] = attrs.field(factory=dict)

    def message(self, lang: Lang | str = "fi") -> str:
        """The verdict as a sentence in ``lang``."""
        return render(self.template, self.params, lang)

    def hint(self, lang: Lang | str = "fi") -> str | None:
        """What would make a failed finding pass, in ``lang``; ``None`` when passed."""
        if self.passed or self.hint_template is None:
            return None
        return render(self.hint_template, self.params, lang)

    def title_in(self, lang: Lang | str = "fi") -> str:
        """What the rule checks, in ``lang``."""
        return text_of(self.title, check_lang(lang))

    def to_dict(self) -> dict[str, Any]:
        """The finding as plain JSON data, with its texts in every language."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "passed": self.passed,
            "path": self.path,
            "expected": jsonable(self.expected),
            "actual": jsonable(self.actual),
            "message": {lang: self.message(lang) for lang in LANGUAGES},
            "hint": None
            if self.hint("en") is None
            else {lang: self.hint(lang) for lang in LANGUAGES},
        }


@attrs.frozen(kw_only=True)
class Report:
    """The verdict on a proposal: every rule's finding, and the parameters used.

    Attributes:
        proposal_id: the proposal checked.
        call_id: the call it was checked against.
        at: the moment the check speaks for.
        reference_date: the day whose dated parameters were used.
        findings: a finding for every rule that ran, passed or not, in rule order.
        parameters: the dated parameter values the rules read, by name.
    """

    proposal_id: str
    call_id: str
    at: datetime
    reference_date: date
    findings: tuple[Finding, ...]
    parameters: Mapping[str, DatedValue] = attrs.field(factory=dict)

    @property
    def eligible(self) -> bool:
        """Whether no finding of severity ``error`` failed."""
        return not any(f.severity is Severity.ERROR for f in self.failures)

    @property
    def failures(self) -> tuple[Finding, ...]:
        """The findings that failed, in rule order."""
        return tuple(f for f in self.findings if not f.passed)

    def finding(self, code: str) -> Finding:
        """The finding of the rule ``code``."""
        for found in self.findings:
            if found.code == code:
                return found
        from ekosysteemi._errors import UnknownReferenceError

        raise UnknownReferenceError("rule", code, [f.code for f in self.findings][:3])

    def explain(self, lang: Lang | str = "fi") -> str:
        """A short decision text: the verdict, each failure with its hint, then the
        passed checks in one line."""
        language = check_lang(lang)
        params = {"proposal": self.proposal_id, "call": self.call_id}
        verdict = (
            N_("Proposal {proposal} is eligible for call {call}.")
            if self.eligible
            else N_("Proposal {proposal} is not eligible for call {call}.")
        )
        lines = [render(verdict, params, language)]
        failures = self.failures
        if failures:
            lines.append("")
            for found in failures:
                lines.append(f"- {found.message(language)}")
                hint = found.hint(language)
                if hint:
                    lines.append(f"  {hint}")
        passed = [f.title_in(language) for f in self.findings if f.passed]
        if passed:
            lines.append("")
            lines.append(render(N_("Met: {checks}."), {"checks": "; ".join(passed)}, language))
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON data; the same proposal, call and ``at`` give the same
        dict."""
        return {
            "proposal_id": self.proposal_id,
            "call_id": self.call_id,
            "at": self.at.isoformat(),
            "reference_date": self.reference_date.isoformat(),
            "eligible": self.eligible,
            "findings": [f.to_dict() for f in self.findings],
            "parameters": {
                name: value.to_dict() for name, value in sorted(self.parameters.items())
            },
        }

    def _repr_html_(self) -> str:
        """A table for notebooks."""
        verdict = html.escape(self.explain("en").split("\n", 1)[0])
        rows = []
        for found in self.findings:
            mark = "✓" if found.passed else "✗"
            hint = found.hint("en") or ""
            rows.append(
                f"<tr><td>{mark}</td><td><code>{html.escape(found.code)}</code></td>"
                f"<td><code>{html.escape(found.path)}</code></td>"
                f"<td>{html.escape(found.message('en'))}</td><td>{html.escape(hint)}</td></tr>"
            )
        head = "".join(f"<th>{h}</th>" for h in ("", "rule", "field", "finding", "hint"))
        return (
            f"<p><strong>{verdict}</strong></p><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
