"""The result of an eligibility check: a finding per rule, and the report of them all."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Final

import attrs

from ekosysteemi._errors import ErrorDetail, ValidationError, invalid
from ekosysteemi._i18n import LANGUAGES, N_, Lang, Msg, check_lang, translate
from ekosysteemi._io import FORMAT_VERSION, register_wire
from ekosysteemi._model._checks import items_of
from ekosysteemi._model._enums import Severity, as_severity, member_of
from ekosysteemi._model._values import LocalizedText
from ekosysteemi._rules._messages import Plural, Template, render, text_of
from ekosysteemi._rules._parameters import DatedValue
from ekosysteemi._rules._wire import fields_of, read_value, write_localized, write_value
from ekosysteemi._version import __version__
from ekosysteemi.fi._dates import to_helsinki

__all__ = ["Finding", "Provenance", "Report", "read_template", "write_template"]


def _texts(template: Template | None) -> list[str]:
    if template is None:
        return []
    if isinstance(template, Plural):
        return list(template.texts())
    if isinstance(template, str):
        return [template]
    return [text for text in template.values() if isinstance(text, str)]


def write_template(template: Template | None) -> dict[str, str] | None:
    """A template on the wire: ``{"msgid": …}`` (the library's own) or a text per language."""
    if template is None:
        return None
    if isinstance(template, Plural):
        return {"msgid": template.singular, "msgid_plural": template.plural, "n": template.count}
    if isinstance(template, str):
        return {"msgid": str(template)}
    return {lang: template[lang] for lang in LANGUAGES if lang in template}


def read_template(data: Any, path: str) -> Template:
    if isinstance(data, Mapping) and set(data) == {"msgid"} and isinstance(data["msgid"], str):
        return Msg(data["msgid"])
    if (
        isinstance(data, Mapping)
        and set(data) == {"msgid", "msgid_plural", "n"}
        and all(isinstance(value, str) for value in data.values())
    ):
        return Plural(data["msgid"], data["msgid_plural"], data["n"])
    if (
        isinstance(data, Mapping)
        and "fi" in data
        and set(data) <= set(LANGUAGES)
        and all(isinstance(text, str) for text in data.values())
    ):
        return {lang: str(data[lang]) for lang in LANGUAGES if lang in data}
    raise invalid(
        "template.invalid",
        N_('expected a template {{"msgid": …}} or {{"fi": …, "sv": …, "en": …}}, got {value}'),
        data,
        path,
    )


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
        hint_template: what would fix a failure, as a template, or ``None`` (kept when
            the rule passed too; :meth:`hint` shows it only for a failure).
        params: the values the templates name (``expected`` and ``actual`` included).
    """

    code: str
    severity: Severity = attrs.field(converter=as_severity)
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

    def __repr__(self) -> str:
        from ekosysteemi._display import compact, display_language

        lang = display_language()
        verdict = translate(N_("met") if self.passed else N_("not met"), lang)
        return compact("Finding", self.code, f"{verdict}: {self.title_in(lang)}")

    def title_in(self, lang: Lang | str = "fi") -> str:
        """What the rule checks, in ``lang``."""
        return text_of(self.title, check_lang(lang))

    def _tags(self) -> dict[str, str]:
        """How each ``Decimal`` parameter is tagged on the wire: ``amount`` when a template
        formats it with ``:euros``, ``share`` with ``:percent``."""
        tags: dict[str, str] = {}
        for template in (self.title, self.template, self.hint_template):
            for text in _texts(template):
                for name, spec, _ in fields_of(text):
                    if spec == "euros":
                        tags.setdefault(name, "amount")
                    elif spec == "percent":
                        tags.setdefault(name, "share")
        return tags

    def to_dict(self) -> dict[str, Any]:
        """The finding in the wire format: typed values, its templates, and its texts in
        every language (for readers)."""
        tags = self._tags()
        hint = self.hint("fi")
        return {
            "code": self.code,
            "severity": self.severity.value,
            "passed": self.passed,
            "path": self.path,
            "expected": write_value(self.expected, tags.get("expected")),
            "actual": write_value(self.actual, tags.get("actual")),
            "templates": {
                "title": write_template(self.title),
                "message": write_template(self.template),
                "hint": write_template(self.hint_template),
            },
            "params": {
                name: write_value(value, tags.get(name))
                for name, value in sorted(self.params.items())
                if name not in ("expected", "actual")
            },
            "message": {lang: self.message(lang) for lang in LANGUAGES},
            "hint": None if hint is None else {lang: self.hint(lang) for lang in LANGUAGES},
        }

    @classmethod
    def from_dict(cls, data: Any, path: str = "$", *, check_texts: bool = True) -> Finding:
        """The finding that :meth:`to_dict` wrote; ``check_texts`` compares the written
        message and hint with those rendered from the templates."""
        body = _object(data, path, _FINDING_KEYS)
        errors: list[ErrorDetail] = []

        def read_one(reader: Any) -> Any:
            try:
                return reader()
            except ValidationError as error:
                errors.extend(error.errors)
                return None

        def read(key: str, reader: Any) -> Any:
            return read_one(lambda: reader(body[key], f"{path}.{key}"))

        code = read("code", _text)
        severity = read("severity", lambda v, p: member_of(Severity, v, p))
        passed = read("passed", _bool)
        where = read("path", _text)
        expected = read("expected", read_value)
        actual = read("actual", read_value)
        templates = read("templates", lambda v, p: _object(v, p, ("title", "message", "hint")))
        params = read(
            "params",
            lambda v, p: {
                str(k): read_value(item, f"{p}.{k}") for k, item in _mapping(v, p).items()
            },
        )
        params = params or {}
        title = template = hint_template = None
        if templates is not None:
            at = f"{path}.templates"
            title = read_one(lambda: read_template(templates["title"], at + ".title"))
            template = read_one(lambda: read_template(templates["message"], at + ".message"))
            if templates["hint"] is not None:
                hint_template = read_one(lambda: read_template(templates["hint"], at + ".hint"))
        if errors:
            raise ValidationError(errors)
        found = cls(
            code=code,
            severity=severity,
            passed=passed,
            path=where,
            expected=expected,
            actual=actual,
            title=title,  # type: ignore[arg-type]
            template=template,  # type: ignore[arg-type]
            hint_template=hint_template,
            params={"expected": expected, "actual": actual, **params},
        )
        if check_texts:
            found._check_texts(body, path)
        return found

    def _check_texts(self, body: Mapping[str, Any], path: str) -> None:
        try:
            hint = self.hint("fi")
            rendered = {
                "message": {lang: self.message(lang) for lang in LANGUAGES},
                "hint": None if hint is None else {lang: self.hint(lang) for lang in LANGUAGES},
            }
        except (KeyError, ValueError, TypeError, ArithmeticError, ValidationError):
            rendered = {}
        for key in ("message", "hint"):
            if rendered.get(key, ...) != body[key]:
                raise _inconsistent(body[key], f"{path}.{key}")


_FINDING_KEYS: Final = (
    "code",
    "severity",
    "passed",
    "path",
    "expected",
    "actual",
    "templates",
    "params",
    "message",
    "hint",
)
_REPORT_KEYS: Final = (
    "proposal_id",
    "call_id",
    "at",
    "reference_date",
    "eligible",
    "findings",
    "parameters",
)


def _inconsistent(value: object, path: str) -> ValidationError:
    return invalid(
        "report.inconsistent",
        N_("the value written here does not agree with the findings: {value}"),
        value,
        path,
    )


def _object(data: Any, path: str, keys: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise invalid("type", N_("expected an object with keys, got {value}"), data, path)
    errors = [
        ErrorDetail(
            path=f"{path}.{key}",
            code="key.unknown",
            value=key,
            template=N_("unknown key {value}; expected one of {choices}"),
            params={"choices": ", ".join(keys)},
        )
        for key in data
        if key not in keys
    ]
    errors.extend(
        ErrorDetail(
            path=f"{path}.{key}",
            code="key.required",
            value=None,
            template=N_("this key is required"),
        )
        for key in keys
        if key not in data
    )
    if errors:
        raise ValidationError(errors)
    return data


def _mapping(data: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise invalid("type", N_("expected an object with keys, got {value}"), data, path)
    return data


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value:
        raise invalid("type", N_("expected text, got {value}"), value, path)
    return value


def _bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise invalid("type", N_("expected true or false, got {value}"), value, path)
    return value


@attrs.frozen(kw_only=True)
class Provenance:
    """What a report was made with, so that a decision can be traced to its data.

    Attributes:
        version: the library's version.
        catalogue_digest: the digest of the catalogue the call came from.
        parameters_digest: the digest of the dated parameters in use.
    """

    version: str
    catalogue_digest: str
    parameters_digest: str

    def to_dict(self) -> dict[str, str]:
        return {
            "version": self.version,
            "catalogue_digest": self.catalogue_digest,
            "parameters_digest": self.parameters_digest,
        }


def _provenance(value: Any, path: str) -> Provenance:
    body = _object(value, path, ("version", "catalogue_digest", "parameters_digest"))
    return Provenance(
        version=_text(body["version"], path + ".version"),
        catalogue_digest=_text(body["catalogue_digest"], path + ".catalogue_digest"),
        parameters_digest=_text(body["parameters_digest"], path + ".parameters_digest"),
    )


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
        provenance: the library's version and the digests of the catalogue and the
            parameters the check used (``None`` in reports written before it existed).
        call_title: the call's title, which texts name it by (``None`` in reports
            written before it existed: texts then name the call by its id).
    """

    proposal_id: str
    call_id: str
    at: datetime
    reference_date: date
    findings: tuple[Finding, ...]
    parameters: Mapping[str, DatedValue] = attrs.field(factory=dict)
    provenance: Provenance | None = None
    call_title: LocalizedText | None = None

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
        """A short decision text: the verdict, each failure with its hint, the failed
        warnings under their own heading, then the passed checks in one line."""
        language = check_lang(lang)
        title = self.call_title.get(language) if self.call_title is not None else self.call_id
        params = {"proposal": self.proposal_id, "call": title}
        verdict = (
            N_("Proposal {proposal} is eligible for call {call}.")
            if self.eligible
            else N_("Proposal {proposal} is not eligible for call {call}.")
        )
        lines = [render(verdict, params, language)]
        errors = [f for f in self.failures if f.severity is Severity.ERROR]
        notes = [f for f in self.failures if f.severity is not Severity.ERROR]
        for heading, group in ((None, errors), (N_("To note:"), notes)):
            if not group:
                continue
            lines.append("")
            if heading is not None:
                lines.append(render(heading, {}, language))
            for found in group:
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
        """The report in the wire format (``eko.to_dict(report)`` is the same); the same
        proposal, call and ``at`` give the same dict."""
        return {
            "format": FORMAT_VERSION,
            "proposal_id": self.proposal_id,
            "call_id": self.call_id,
            "at": to_helsinki(self.at).isoformat(),
            "reference_date": self.reference_date.isoformat(),
            "eligible": self.eligible,
            "findings": [f.to_dict() for f in self.findings],
            "parameters": {
                name: value.to_dict() for name, value in sorted(self.parameters.items())
            },
            **({} if self.provenance is None else {"provenance": self.provenance.to_dict()}),
            **({} if self.call_title is None else {"call_title": write_localized(self.call_title)}),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Report:
        """The report that :meth:`to_dict` wrote; ``eligible``, ``message`` and ``hint``
        are checked against the findings (``report.inconsistent``)."""
        optional = tuple(
            k for k in ("provenance", "call_title") if isinstance(data, Mapping) and k in data
        )
        body = _object(data, "$", (*_REPORT_KEYS, *optional))
        errors: list[ErrorDetail] = []

        def read(key: str, reader: Any) -> Any:
            try:
                return reader(body[key], f"$.{key}")
            except ValidationError as error:
                errors.extend(error.errors)
                return None

        proposal_id = read("proposal_id", _text)
        call_id = read("call_id", _text)
        at = read("at", lambda v, p: _moment(v, p))
        reference = read("reference_date", lambda v, p: _day(v, p))
        eligible = read("eligible", _bool)
        provenance = read("provenance", _provenance) if "provenance" in body else None
        call_title = (
            read("call_title", lambda v, p: read_value({"type": "localized_text", "value": v}, p))
            if "call_title" in body
            else None
        )
        # Texts are compared only when this version wrote them; older texts are kept.
        same = provenance is not None and provenance.version == __version__
        findings = read(
            "findings",
            lambda v, p: tuple(
                items_of(v, p, lambda item, q: Finding.from_dict(item, q, check_texts=same))
            ),
        )
        parameters = read(
            "parameters",
            lambda v, p: {
                str(k): DatedValue.from_dict(str(k), item, f"{p}.{k}")
                for k, item in _mapping(v, p).items()
            },
        )
        if errors:
            raise ValidationError(errors)
        report = cls(
            proposal_id=proposal_id,
            call_id=call_id,
            at=at,
            reference_date=reference,
            findings=findings,
            parameters=parameters,
            provenance=provenance,
            call_title=call_title,
        )
        if report.eligible != eligible:
            raise _inconsistent(eligible, "$.eligible")
        return report

    def __repr__(self) -> str:
        from ekosysteemi._display import compact, display_language

        lang = display_language()
        verdict = translate(N_("eligible") if self.eligible else N_("not eligible"), lang)
        title = self.call_title.get(lang) if self.call_title is not None else self.call_id
        return compact("Report", self.proposal_id, f"{verdict}: {title}")

    def _repr_html_(self) -> str:
        """The decision for a notebook, in the language of ``eko.set_language``: the
        verdict, then each condition with its finding and, for a failure, how to mend it."""
        from ekosysteemi._display import display_language, escape, table

        lang = display_language()
        verdict = escape(self.explain(lang).split("\n", 1)[0])
        rows = []
        for found in self.findings:
            if found.passed:
                mark = "✓"
            elif found.severity is Severity.ERROR:
                mark = "✗"
            else:
                mark = "⚠"
            rows.append((mark, found.title_in(lang), found.message(lang), found.hint(lang) or ""))
        header = ("", N_("condition"), N_("finding"), N_("how to mend"))
        return f"<p><strong>{verdict}</strong></p>" + table(rows, header, lang)


def _moment(value: Any, path: str) -> datetime:
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if moment.tzinfo is not None:
                return to_helsinki(moment)
    raise invalid(
        "datetime.invalid",
        N_("expected an ISO date and time with its offset, got {value}"),
        value,
        path,
    )


def _day(value: Any, path: str) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise invalid("date.invalid", N_("expected an ISO date, got {value}"), value, path)


def _schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of a report on the wire."""
    typed = {"$ref": "#/$defs/TypedValue"}
    template = {
        "anyOf": [
            {
                "type": "object",
                "properties": {"msgid": {"type": "string"}},
                "required": ["msgid"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {
                    "msgid": {"type": "string"},
                    "msgid_plural": {"type": "string"},
                    "n": {"type": "string"},
                },
                "required": ["msgid", "msgid_plural", "n"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {lang: {"type": "string"} for lang in LANGUAGES},
                "required": ["fi"],
                "additionalProperties": False,
            },
        ]
    }
    texts = {
        "type": "object",
        "properties": {lang: {"type": "string"} for lang in LANGUAGES},
        "required": list(LANGUAGES),
        "additionalProperties": False,
    }
    kinds = (
        "null|bool|int|text|amount|share|decimal|date|datetime|deadline|period|"
        "localized_text|list|set|mapping|enum:[A-Za-z]+"
    )
    finding = {
        "type": "object",
        "title": "Finding",
        "properties": {
            "code": {"type": "string", "minLength": 1},
            "severity": {"type": "string", "enum": [s.value for s in Severity]},
            "passed": {"type": "boolean"},
            "path": {"type": "string", "minLength": 1},
            "expected": typed,
            "actual": typed,
            "templates": {
                "type": "object",
                "properties": {
                    "title": template,
                    "message": template,
                    "hint": {"anyOf": [template, {"type": "null"}]},
                },
                "required": ["title", "message", "hint"],
                "additionalProperties": False,
            },
            "params": {"type": "object", "additionalProperties": typed},
            "message": texts,
            "hint": {"anyOf": [texts, {"type": "null"}]},
        },
        "required": list(_FINDING_KEYS),
        "additionalProperties": False,
    }
    parameter = {
        "type": "object",
        "properties": {
            "valid_from": {"type": "string", "format": "date"},
            "type": {"type": "string"},
            "value": {},
            "source": {"type": ["string", "null"]},
        },
        "required": ["valid_from", "type", "value", "source"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:ekosysteemi:Report:1",
        "type": "object",
        "title": "Report",
        "description": "The verdict on a proposal: every rule's finding, and the parameters used.",
        "properties": {
            "format": {"const": FORMAT_VERSION, "description": "the wire format's version"},
            "proposal_id": {"type": "string", "minLength": 1},
            "call_id": {"type": "string", "minLength": 1},
            "at": {"type": "string", "format": "date-time"},
            "reference_date": {"type": "string", "format": "date"},
            "eligible": {"type": "boolean"},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/Finding"}},
            "parameters": {"type": "object", "additionalProperties": parameter},
            "call_title": {
                "anyOf": [
                    {"type": "string", "minLength": 1},
                    {
                        "type": "object",
                        "properties": {lang: {"type": "string"} for lang in LANGUAGES},
                        "required": ["fi"],
                        "additionalProperties": False,
                    },
                ]
            },
            "provenance": {
                "type": "object",
                "properties": {
                    key: {"type": "string", "minLength": 1}
                    for key in ("version", "catalogue_digest", "parameters_digest")
                },
                "required": ["version", "catalogue_digest", "parameters_digest"],
                "additionalProperties": False,
            },
        },
        "required": list(_REPORT_KEYS),
        "additionalProperties": False,
        "$defs": {
            "Finding": finding,
            "TypedValue": {
                "type": "object",
                "properties": {"type": {"type": "string", "pattern": f"^({kinds})$"}, "value": {}},
                "required": ["type", "value"],
                "additionalProperties": False,
            },
        },
    }


register_wire(
    Report,
    write=Report.to_dict,
    read=lambda data: Report.from_dict(data),
    schema=_schema,
)
