"""Texts fit to sign: no wire value, id, rule code or Python repr where a word belongs.

Every message id a standard rule can emit is rendered in Finnish and Swedish for
generated passing and failing proposals, through ``message``, ``hint``, ``title``,
``explain()`` and ``window_text``; the test fails unless every such id was rendered,
and on any enumeration wire value as a whole word, any catalogue id with a ``-``,
any rule code, ``Decimal(``, ``frozenset(``, ``None`` or a brace. The proposal's
own id and what the applicant wrote (names, titles, an unknown focus area) may
appear as written.
"""

import enum
import re
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import attrs
from babel.messages.extract import extract_from_file
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import ekosysteemi as eko
from ekosysteemi import rules, testing
from ekosysteemi._model import _enums
from ekosysteemi._rules._messages import Plural

SOURCE = Path(eko.__file__).parent / "_rules"
LANGS = ("fi", "sv")

#: A call that restricts every parameter, so that every rule can fail, with a date
#: alone as its deadline, so that the closing-time warning can too.
STRICT = eko.Call(
    id="tarkka-2024-06",
    title=eko.LocalizedText(fi="Tarkka haku", sv="Noggrann utlysning"),
    agreement_id="seinajoki",
    opens=date(2024, 4, 2),
    deadline=eko.Deadline(date=date(2024, 6, 14)),
    available_funding=Decimal("300000"),
    focus_areas=("ruokaekosysteemin-kestava-uudistuminen",),
    eligible_applicants=frozenset({"municipality", "university_of_applied_sciences"}),
    project_types=frozenset({"development"}),
    cost_models=frozenset({"flat_rate_40", "flat_rate_7", "flat_rate_15", "actual_costs"}),
    max_duration_months=24,
)
CALLS = (
    *eko.calls(),
    STRICT,
    attrs.evolve(STRICT, max_duration_months=None, opens=None, focus_areas=(), cost_models=None),
    attrs.evolve(STRICT, deadline=eko.Deadline(date=date(2024, 6, 14), time=time(16, 15))),
)


def _required():
    """Every message id of the standard rules, and the engine's not-in-force finding."""
    found = {
        message[0] if isinstance(message, tuple) else message  # a plural: its singular
        for _, message, _, _ in extract_from_file(
            "python", str(SOURCE / "_standard.py"), keywords={"N_": None, "N_n": (1, 2)}
        )
    }
    engine = {
        message
        for _, message, _, _ in extract_from_file(
            "python", str(SOURCE / "_engine.py"), keywords={"N_": None}
        )
    }
    rules_only = {m for m in found if not m.startswith("expected ")}  # not argument errors
    return rules_only | {m for m in engine if "in force" in m}


def _forbidden():
    words = {
        member.value
        for kind in (getattr(_enums, n) for n in _enums.__all__)
        if isinstance(kind, type) and issubclass(kind, enum.Enum)
        for member in kind
    }
    catalogue = eko.Catalogue.bundled()
    ids = {
        item.id
        for item in (
            *catalogue.themes(),
            *catalogue.calls(),
            *catalogue.agreements(),
            *catalogue.criteria(),
            STRICT,
        )
        if "-" in item.id
    }
    codes = {each.code for each in rules.STANDARD_RULES}
    return words | ids | codes


FORBIDDEN = _forbidden()
PATTERNS = [re.compile(rf"(?<![\w.-]){re.escape(w)}(?![\w-]|\.\w)") for w in sorted(FORBIDDEN)]
LITERAL = ("Decimal(", "frozenset(", "None", "{", "}", "datetime.", "Period(", "Deadline(")


def _quoted(proposal):
    """What the applicant wrote, which a text may quote as written."""
    values = [proposal.id, proposal.title, *proposal.focus_areas]
    values += [org.name for org in proposal.organisations]
    values += [grant.granter for grant in proposal.de_minimis]
    return sorted((v for v in values if v), key=len, reverse=True)


def _problems(text, proposal):
    for value in _quoted(proposal):
        text = text.replace(value, " ")
    found = [w for w in LITERAL if w in text]
    found += [p.pattern for p in PATTERNS if p.search(text)]
    return found


def test_every_standard_message_renders_as_words_in_finnish_and_swedish():
    required = _required()
    seen = set()

    def render(call, proposal, at, moment):
        report = eko.check(proposal, call, at=at)
        for finding in report.findings:
            for template in (finding.title, finding.template, finding.hint_template):
                if isinstance(template, str):
                    seen.add(template)
                elif isinstance(template, Plural):
                    seen.add(template.singular)
        for lang in LANGS:
            texts = [report.explain(lang), call.window_text(lang, moment)]
            for finding in report.findings:
                texts += [finding.message(lang), finding.title_in(lang), finding.hint(lang) or ""]
            for text in texts:
                assert [] == _problems(text, proposal), text

    # Every call with every rule it can fail alone, and its passing proposals: each pair
    # a few times, so that every branch of every rule is reached.
    def runner(call, code):
        @settings(
            max_examples=12,
            derandomize=True,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
            deadline=None,
        )
        @given(
            proposal=testing.proposals(call) if code is None else testing.near_misses(call, code),
            early=st.booleans(),
            moment=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2026, 12, 31)),
        )
        def each(proposal, early, moment):
            render(call, proposal, datetime(2020, 6, 1) if early else None, moment)

        return each

    for call in CALLS:
        for code in (None, *testing.failable(call)):
            runner(call, code)()
    assert set() == required - seen


def test_labels_name_every_member_in_every_language():
    for kind in (getattr(_enums, n) for n in _enums.__all__):
        if not (isinstance(kind, type) and issubclass(kind, enum.Enum)) or not len(kind):
            continue
        for member in kind:
            for lang in ("fi", "sv", "en"):
                label = member.label(lang)
                assert (label and label != member.value) or lang == "en", (member, lang)
    assert "kehittämishanke" == eko.ProjectType.DEVELOPMENT.label("fi")
    # A StrEnum member equals its value: members of two enumerations with one value must
    # still have their own labels (ProjectType.INVESTMENT is no cost category).
    assert "investointihanke" == eko.ProjectType.INVESTMENT.label("fi")
    assert "investointikustannukset" == eko.CostCategory.INVESTMENT.label("fi")
    pairs = [(type(m), m.value) for m, _ in _enums.LABELS]
    assert len(pairs) == len(set(pairs))
    members = [
        (kind, member.value)
        for kind in (getattr(_enums, n) for n in _enums.__all__)
        if isinstance(kind, type) and issubclass(kind, enum.Enum)
        for member in kind
    ]
    assert sorted(members, key=str) == sorted(pairs, key=str)
    for member, english in _enums.LABELS:
        assert english == member.label("en")
    assert "Smart förnybar industri" == eko.theme("alykkaasti-uudistuva-teollisuus").name.sv


def test_the_texts_name_the_call_and_the_focus_areas():
    proposal = eko.load(eko.Proposal, "examples/proposals/sjk-2022-014.json")
    report = eko.check(proposal)
    assert report.call_title == eko.call("seinajoki-2022-12").title
    text = report.explain("fi")
    assert "Kestävän kaupunkikehittämisen EAKR-rahoitus" in text
    finding = report.finding("call.focus_area")
    assert "Ruokaekosysteemin kestävä uudistuminen" in finding.message("fi")
    assert "Hållbar förnyelse av livsmedelsekosystemet" in finding.message("sv")


def test_the_2023_call_admits_any_project_type_and_its_funds_are_approximate():
    call = eko.call("seinajoki-2023-06")
    assert call.project_types is None
    assert call.available_funding_approximate


def test_a_submission_at_18_on_the_last_day_warns_and_at_15_does_not():
    proposal = eko.load(eko.Proposal, "examples/proposals/sjk-2022-014.json")
    late = eko.check(attrs.evolve(proposal, submitted_at=datetime(2022, 12, 2, 18)))
    assert late.eligible
    assert ["call.closing_time"] == [f.code for f in late.failures]
    assert eko.Severity.WARNING is late.failures[0].severity
    early = eko.check(attrs.evolve(proposal, submitted_at=datetime(2022, 12, 2, 15)))
    assert early.finding("call.closing_time").passed
    assert (
        time(16, 15)
        == eko.Parameters.default().on("deadline.working_day_end", date(2022, 12, 2)).value
    )
    assert "finlex.fi" in (
        eko.Parameters.default().on("deadline.working_day_end", date(2022, 12, 2)).source or ""
    )


def test_the_working_day_end_keeps_its_hour_in_texts(tmp_path):
    path = tmp_path / "aika.toml"
    path.write_text(
        '[[parameter]]\nname = "deadline.working_day_end"\ntype = "time"\n'
        'valid_from = 2022-01-01\nvalue = "00:30"\n',
        encoding="utf-8",
    )
    proposal = eko.load(eko.Proposal, "examples/proposals/sjk-2022-014.json")
    late = attrs.evolve(proposal, submitted_at=datetime(2022, 12, 2, 1))
    finding = eko.check(late, parameters=eko.Parameters.load(path)).finding("call.closing_time")
    assert "kello 0.30" in finding.message("fi")
