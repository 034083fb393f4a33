"""No silent wrong answers: each case a new user hit, replayed as they wrote it, and the
guarantee that catches the next defect of its kind.

The numbers are those of the trust issue's list of defects.
"""

import enum
import inspect
import json
import os
import pickle
import re
import subprocess
import sys
import typing
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import ekosysteemi as eko
from ekosysteemi import fi, rules, testing
from ekosysteemi._i18n import N_

D = Decimal
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "proposals" / "sjk-2022-014.json"
PROPOSAL = eko.load(eko.Proposal, EXAMPLE)
CALL = eko.call("seinajoki-2022-12")


def _error_codes(caught):
    return [e.code for e in caught.value.errors]


# ---------------------------------------------------------------- 1. enumeration arguments


def test_1_funding_takes_the_member_or_its_wire_value_and_refuses_the_rest():
    assert D("112000.00") == PROPOSAL.funding("eu_and_state")
    assert D("112000.00") == PROPOSAL.funding(eko.FundingSource.EU_AND_STATE)
    for wrong in ("eu", "EU_AND_STATE", eko.OrganisationKind.OTHER):
        with pytest.raises(eko.ValidationError) as caught:
            PROPOSAL.funding(wrong)
        assert ["enum.invalid"] == _error_codes(caught)
        assert "eu_and_state, municipal" in str(caught.value)


def _enum_in(tp):
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp
    for arg in typing.get_args(tp):
        found = _enum_in(arg)
        if found is not None:
            return found
    return None


def _is_set(tp):
    return typing.get_origin(tp) is frozenset or any(_is_set(a) for a in typing.get_args(tp))


def _enum_parameters():
    """``(name, parameter, enumeration, is_set)`` of every public callable that takes an
    enumeration, found by its annotations (constructors by their fields)."""
    found = []
    for module, prefix in ((eko, ""), (rules, "rules."), (fi, "fi.")):
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isclass(obj):
                if issubclass(obj, enum.Enum | BaseException):
                    continue
                if attrs.has(obj):
                    hints = typing.get_type_hints(obj)
                    for field in attrs.fields(obj):
                        tp = hints[field.name]
                        converter = field.converter
                        if converter is not None:
                            tp = next(iter(typing.get_type_hints(converter).values()))
                        kind = _enum_in(tp)
                        if kind is not None and field.init:
                            found.append((obj.__name__, field.name, kind, _is_set(tp)))
                for attr, member in vars(obj).items():
                    function = getattr(member, "__func__", member)
                    if attr.startswith("_") or not inspect.isfunction(function):
                        continue
                    hints = typing.get_type_hints(function)
                    hints.pop("return", None)
                    for parameter, tp in hints.items():
                        if _enum_in(tp) is not None:
                            found.append((f"{obj.__name__}.{attr}", parameter, _enum_in(tp), False))
            elif inspect.isfunction(obj):
                hints = typing.get_type_hints(obj)
                hints.pop("return", None)
                for parameter, tp in hints.items():
                    if _enum_in(tp) is not None:
                        found.append((prefix + name, parameter, _enum_in(tp), False))
    return found


def _report_finding():
    return eko.check(PROPOSAL).findings[0]


#: How to call each callable that takes an enumeration: an example object for a
#: constructor (built again with the value), or a function of the value, with the
#: member to try.
EXAMPLES = {
    "CostLine": lambda: PROPOSAL.costs[0],
    "FinancingLine": lambda: PROPOSAL.financing[0],
    "Organisation": lambda: PROPOSAL.applicant,
    "Proposal": lambda: PROPOSAL,
    "Call": lambda: CALL,
    "Theme": lambda: eko.theme("alykas-vihrea-kasvu"),
    "Criterion": lambda: eko.criterion("tasa-arvo"),
    "Finding": _report_finding,
    "Rule": lambda: rules.STANDARD_RULES[0],
    "SelectionRow": lambda: _selection_row(),
}


def _selection_row():
    from test_selection import example

    return example().rows[0]


def _title_rule(severity):
    return rules.rule("example.rule", title={"fi": "esimerkki"}, severity=severity)(
        lambda ctx: None
    ).severity


CALLERS = {
    "Proposal.funding": (lambda v: PROPOSAL.funding(v), eko.FundingSource.MUNICIPAL),
    "rules.allowed_categories": (lambda v: rules.allowed_categories(v), eko.CostModel.LUMP_SUM),
    "rules.flat_rate_base": (lambda v: rules.flat_rate_base(v), eko.CostModel.FLAT_RATE_7),
    "rules.allowed_models": (
        lambda v: rules.allowed_models(
            CALL, v, lambda name: eko.Parameters.default().on(name, date(2022, 12, 1)).value
        ),
        eko.ProjectType.INVESTMENT,
    ),
    "rules.rule": (_title_rule, eko.Severity.WARNING),
}


def _foreign(kind):
    """A member of another enumeration, with a value of ``kind`` where one exists."""
    values = {m.value for m in kind}
    others = [
        m
        for other in (getattr(eko, n) for n in eko.__all__)
        if isinstance(other, type) and issubclass(other, enum.Enum) and other is not kind
        for m in other
    ]
    same = [m for m in others if m.value in values]
    return (same or others)[0]


def test_1_every_public_enumeration_parameter_takes_member_or_wire_value_only():
    found = _enum_parameters()
    names = {name for name, *_ in found}
    assert {
        "Proposal.funding",
        "rules.allowed_categories",
        "rules.flat_rate_base",
        "rules.rule",
        "CostLine",
        "FinancingLine",
        "Organisation",
        "Proposal",
        "Call",
        "Theme",
        "Criterion",
        "Finding",
        "Rule",
        "SelectionRow",
    } <= names
    for name, parameter, kind, is_set in found:
        wrap = frozenset if is_set else (lambda v: v)
        if name in EXAMPLES:
            example = EXAMPLES[name]()
            member = next(iter(kind))

            def answer(value, example=example, parameter=parameter):
                return attrs.evolve(example, **{parameter: value})

        else:
            assert name in CALLERS, f"add {name}({parameter}=...) to CALLERS"
            answer, member = CALLERS[name]
        assert answer(wrap({member}) if is_set else member) == answer(
            wrap({member.value}) if is_set else member.value
        ), name
        for wrong in ("no-such-value", member.name, _foreign(kind)):
            value = frozenset({wrong}) if is_set else wrong
            with pytest.raises(eko.ValidationError) as caught:
                answer(value)
            assert "enum.invalid" in _error_codes(caught), (name, wrong)


# ---------------------------------------------------------------- 2. dates as the schema reads them


def test_2_slash_dates_are_not_read_day_first_without_a_word():
    with pytest.raises(eko.ValidationError):
        fi.parse_date("12/02/2022")
    assert date(2022, 2, 12) == fi.parse_date("12/02/2022", lang="en")
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["period"]["start"] = "12/02/2022"
    with pytest.raises(eko.ValidationError) as caught:
        eko.from_dict(eko.Proposal, document)
    assert "$.period.start" == caught.value.errors[0].path


DATES = [
    "2023-01-02",
    "2.1.2023",
    "02.01.2023",
    "2/1/2023",
    "02/01/2023",
    "2023/01/02",
    "2-1-2023",
    "02-01-2023",
    "2.1.23",
    "23-01-02",
    " 2023-01-02",
    "2023-01-02 ",
    "\t2.1.2023",
    "2.1.2023\n",
    "２０２３-０１-０２",
    "٢٠٢٣-٠١-٠٢",
    "२०२३-०१-०२",
    "2023-1-2",
    "20230102",
    "2023-13-02",
    "2.13.2023",
    "0999-01-02",
    "2023-01-02T10:00",
    "",
    "2.1.2023.",
    "2. tammikuuta 2023",
    "2 Jan 2023",
    "2023-02-29",
    "31.4.2023",
    "2023-00-10",
]
DATETIMES = [
    "2022-12-01T14:00:00+02:00",
    "2022-12-01T14:00",
    "2022-12-01 14:00",
    "2022-12-01T14:00Z",
    "2022-12-01T14:00:00.123456+02:00",
    "2022-12-01T14:00:00.1234567",
    "2022-12-01T14:00+0200",
    "1.12.2022 klo 14.00",
    "1.12.2022 14.00",
    "1.12.2022 14:00",
    "1.12.2022  14.00",
    "1.12.2022 kl. 14.00",
    "12/01/2022 14:00",
    " 2022-12-01T14:00",
    "2022-12-01T14:00 ",
    "2022-12-01T24:00",
    "2022-12-01T14:00+25:00",
    "2022-12-01T14",
    "1.12.22 klo 14.00",
    "２０２２-１２-０１T14:00",
    "2022-12-01T1４:00",
    "26.3.2023 klo 3.30",
    "2023-03-26T03:30",
    "1 Dec 2022, 14.00.00",
    "2022-12-01T14:60",
    "2022-02-30T10:00",
]
AMOUNTS = [
    '"100"',
    '"100.5"',
    '"100.50"',
    '"100.500"',
    '"100.505"',
    '" 100"',
    '"100 "',
    '"1 000"',
    '"1,5"',
    '"-1"',
    '"+1"',
    '"1e3"',
    '"١٠٠"',
    '"１００"',
    '"1000000000000"',
    '"1000000000000.00"',
    '"1000000000000.01"',
    '"9999999999999"',
    '"0100"',
    '""',
    '".5"',
    '"5."',
    '"0"',
    '"0.0"',
    "100",
    "100.5",
    "100.50",
    "-1",
    "1e3",
    "1E13",
    "true",
    "null",
    "100.505",
    "0.001",
]
#: The only classes the loader refuses and the schema cannot: impossible calendar days,
#: spring-gap local times, and JSON numbers with more than two decimals.
LOADER_ONLY = {
    "2023-02-29",
    "31.4.2023",
    "2022-02-30T10:00",
    "26.3.2023 klo 3.30",
    "2023-03-26T03:30",
    "100.505",
    "0.001",
}


def _fields():
    """``(class, document, setter)`` for every date, datetime and amount field."""
    proposal = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    proposal["de_minimis"] = [{"granted_on": "2022-01-01", "amount": "1.00", "granter": "ELY"}]
    call = json.loads(eko.dumps(CALL))
    call["opens"] = "2022-10-01"
    call["deadline"] = "2030-06-14"  # every spelled date lies before it
    return [
        ("date", eko.Proposal, proposal, ("period", "start")),
        ("date", eko.Proposal, proposal, ("period", "end")),
        ("date", eko.Proposal, proposal, ("de_minimis", 0, "granted_on")),
        ("date", eko.Call, call, ("opens",)),
        ("datetime", eko.Proposal, proposal, ("submitted_at",)),
        ("amount", eko.Proposal, proposal, ("costs", 0, "amount")),
        ("amount", eko.Proposal, proposal, ("revenues",)),
        ("amount", eko.Proposal, proposal, ("financing", 0, "amount")),
        ("amount", eko.Proposal, proposal, ("de_minimis", 0, "amount")),
        ("amount", eko.Call, call, ("available_funding",)),
    ]


def _with(document, where, token):
    """The JSON text of ``document`` with the value at ``where`` replaced by ``token``."""
    copy = json.loads(json.dumps(document))
    target = copy
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = "@@HERE@@"
    return json.dumps(copy, ensure_ascii=False).replace('"@@HERE@@"', token)


@pytest.mark.parametrize(("kind", "cls", "document", "where"), _fields())
def test_2_loader_and_schema_accept_exactly_the_same_spellings(kind, cls, document, where):
    validator = Draft202012Validator(
        eko.json_schema(cls), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    spellings = {
        "date": [json.dumps(s, ensure_ascii=False) for s in DATES],
        "datetime": [json.dumps(s, ensure_ascii=False) for s in DATETIMES],
        "amount": AMOUNTS,
    }[kind]
    disagreements = []
    for token in spellings:
        text = _with(document, where, token)
        schema_says = validator.is_valid(json.loads(text))
        try:
            eko.loads(cls, text)
            loader_says = True
        except eko.ValidationError:
            loader_says = False
        plain = json.loads(token)
        if (kind == "amount" and token in LOADER_ONLY) or (
            kind != "amount" and plain in LOADER_ONLY
        ):
            expected = (False, True)  # the loader refuses, the schema cannot tell
        else:
            expected = (schema_says, schema_says)
        if (loader_says, schema_says) != expected:
            disagreements.append((token, loader_says, schema_says))
    assert [] == disagreements
    assert any(validator.is_valid(json.loads(_with(document, where, t))) for t in spellings)


def test_2_schema_patterns_use_ascii_digits_only():
    for cls in testing.MODEL_CLASSES:
        assert "\\d" not in json.dumps(eko.json_schema(cls)), cls


# ---------------------------------------------------------------- 3. time left, cut down


def test_3_time_left_is_cut_down_in_one_unit():
    late = eko.call("seinajoki-2023-06")
    end = datetime(2023, 6, 17)  # the first late moment, Helsinki time
    assert "(13 days left)" in late.window_text("en", end - timedelta(days=13, hours=23))
    assert "(46 päivää)" in late.window_text("fi", end - timedelta(days=46, hours=1)).replace(
        "aikaa jäljellä ", ""
    )
    assert "(364 days left)" in late.window_text("en", end - timedelta(days=364, hours=5))
    assert "(alle minuutti)" in late.window_text("fi", datetime(2023, 6, 16, 23, 59, 0, 1)).replace(
        "aikaa jäljellä ", ""
    )


def _units():
    """Babel's unit words, mapped to the unit they name (the test's own reading)."""
    from babel.units import format_unit

    words = {}
    for lang, locale in (("fi", "fi_FI"), ("sv", "sv_FI"), ("en", "en_FI")):
        for unit, span in (
            ("duration-day", timedelta(days=1)),
            ("duration-hour", timedelta(hours=1)),
            ("duration-minute", timedelta(minutes=1)),
            ("duration-week", None),
            ("duration-month", None),
            ("duration-year", None),
        ):
            for n in range(30):
                words[(lang, format_unit(n, unit, length="long", locale=locale).split()[-1])] = span
    return words


UNITS = _units()
LESS = {"fi": "alle minuutti", "sv": "mindre än en minut", "en": "less than a minute"}


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    call=st.sampled_from(eko.calls()),
    left=st.timedeltas(min_value=timedelta(microseconds=1), max_value=timedelta(days=400)),
    lang=st.sampled_from(["fi", "sv", "en"]),
)
def test_3_the_time_left_is_never_overstated(call, left, lang):
    deadline = call.effective_deadline.instant
    moment = deadline - left
    assert call.is_open(moment)
    text = call.window_text(lang, moment)
    inside = text[text.index("(") + 1 : text.rindex(")")]
    if LESS[lang] in inside:
        assert left < timedelta(minutes=1)
        return
    m = re.search(r"(\d+) (\w+)", inside)
    assert m, text
    span = UNITS[(lang, m[2])]
    assert span is not None, f"never weeks, months or years: {text}"
    assert int(m[1]) * span <= left < (int(m[1]) + 1) * span, text


# ---------------------------------------------------------------- 4. reports on the wire


def _wire_round_trip(report):
    validator = Draft202012Validator(
        eko.json_schema(eko.Report), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    text = eko.dumps(report)
    assert report == eko.loads(eko.Report, text)
    assert eko.to_dict(report) == report.to_dict()
    validator.validate(json.loads(text))
    assert report == pickle.loads(pickle.dumps(report))


def test_4_a_report_is_a_wire_object():
    report = eko.check(PROPOSAL)
    _wire_round_trip(report)
    assert report.to_dict() == eko.from_dict(eko.Report, report.to_dict()).to_dict()


@rules.rule(
    "example.partners",
    title={"fi": "vähintään yksi osatoteuttaja", "sv": "minst en delgenomförare"},
    severity="warning",
)
def partners(ctx):
    count = len(ctx.proposal.co_implementers)
    return rules.Outcome(
        passed=count >= 1,
        path="$.co_implementers",
        expected=1,
        actual=count,
        message={"fi": "osatoteuttajia {actual}", "en": "{actual} co-implementers"},
        params={"share": ctx.param("aid_intensity.development"), "ids": ["a", "b"]},
    )


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_4_every_report_survives_the_wire(data):
    call = data.draw(st.sampled_from(eko.calls()))
    codes = testing.failable(call)
    source = data.draw(
        st.one_of(
            testing.proposals(call),
            *(testing.near_misses(call, code) for code in codes),
        )
    )
    _wire_round_trip(eko.check(source, call))
    _wire_round_trip(eko.check(source, call, rules=[*rules.STANDARD_RULES, partners]))


def test_4_a_report_whose_verdict_or_text_was_edited_is_refused():
    written = eko.check(PROPOSAL).to_dict()
    written["eligible"] = False
    with pytest.raises(eko.ValidationError) as caught:
        eko.from_dict(eko.Report, written)
    assert [("$.eligible", "report.inconsistent")] == [
        (e.path, e.code) for e in caught.value.errors
    ]
    written = eko.check(PROPOSAL).to_dict()
    written["findings"][0]["message"]["fi"] = "hyväksytty"
    with pytest.raises(eko.ValidationError) as caught:
        eko.from_dict(eko.Report, written)
    assert ["report.inconsistent"] == _error_codes(caught)


# ---------------------------------------------------------------- 5. holiday names


@pytest.mark.parametrize(
    "environment",
    [
        {"LANG": "C.UTF-8"},
        {"LANGUAGE": "uk"},
        {"LC_ALL": "en_US.UTF-8"},
        {"LANG": "sv_SE.UTF-8", "LANGUAGE": "th"},
        {"LC_MESSAGES": "uk_UA.UTF-8"},
    ],
)
def test_5_holiday_names_do_not_follow_the_environment(environment):
    code = (
        "from datetime import date; from ekosysteemi import fi; d = date(2022, 12, 6); "
        "print(fi.holiday_name(d), fi.holiday_name(d, lang='sv'), fi.holiday_name(d, lang='en'))"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG"))}
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**env, **environment},
    )
    assert "Itsenäisyyspäivä Självständighetsdagen Independence Day" == out.stdout.strip()


# ---------------------------------------------------------------- 6. the calendar's range


def test_6_working_days_outside_the_calendar_are_refused():
    first, last = fi.calendar_range()
    import holidays

    assert (first.year, last.year) == (holidays.Finland.start_year, holidays.Finland.end_year)
    beyond = last + timedelta(days=1)
    for function in (fi.is_working_day, fi.statutory_deadline, fi.holiday_name):
        with pytest.raises(eko.ValidationError) as caught:
            function(beyond)
        assert ["date.out_of_range"] == _error_codes(caught)
    with pytest.raises(eko.ValidationError):
        fi.working_days_between(last, beyond + timedelta(days=1))
    assert 1 == fi.working_days_between(date(2022, 12, 2), date(2022, 12, 5))


def test_6_a_call_moving_its_deadline_outside_the_calendar_is_refused_when_built():
    _, last = fi.calendar_range()
    with pytest.raises(eko.ValidationError) as caught:
        attrs.evolve(
            CALL,
            deadline=eko.Deadline(date=last + timedelta(days=10)),
            apply_statutory_deadline=True,
        )
    assert [("$.deadline", "date.out_of_range")] == [(e.path, e.code) for e in caught.value.errors]
    attrs.evolve(CALL, deadline=eko.Deadline(date=last + timedelta(days=10)))  # no move: fine


# ---------------------------------------------------------------- 7. and 8. CLDR and years


def test_7_babels_own_datetime_is_read_in_its_language():
    parsed = fi.parse_datetime("2 Dec 2028, 13.28.00", lang="en")
    assert datetime(2028, 12, 2, 13, 28) == parsed.replace(tzinfo=None)


def test_8_years_below_1000_are_refused_both_ways():
    with pytest.raises(eko.ValidationError) as caught:
        fi.format_date(date(999, 12, 31))
    assert ["date.out_of_range"] == _error_codes(caught)
    with pytest.raises(eko.ValidationError):
        fi.parse_date("31.12.999")
    with pytest.raises(eko.ValidationError) as caught:
        eko.Period(start=date(999, 1, 1), end=date(2023, 1, 1))
    assert ["date.out_of_range"] == _error_codes(caught)


# ---------------------------------------------------------------- 9. advice that works


def test_9_the_advice_for_float_money_works_where_it_is_given():
    with pytest.raises(eko.ValidationError) as caught:
        eko.CostLine(category="staff", amount=1.5)
    assert 'Decimal("1234.50")' in str(caught.value)
    assert D("1.50") == eko.CostLine(category="staff", amount=D("1.50")).amount  # as advised
    with pytest.raises(eko.ValidationError) as caught:
        eko.from_dict(eko.CostLine, {"category": "staff", "amount": 1.5})
    message = str(caught.value)
    assert "lost exactness" in message
    assert "eko.loads" in message
    assert D("1.5") == eko.from_dict(eko.CostLine, {"category": "staff", "amount": "1.5"}).amount
    assert D("1.5") == eko.loads(eko.CostLine, '{"category": "staff", "amount": 1.5}').amount


# ---------------------------------------------------------------- 10. byte-order marks


def _public_readers():
    """Every public function or method that takes a file's path."""
    from ekosysteemi import datasets

    found = set()
    for module, prefix in ((eko, ""), (rules, "rules."), (fi, "fi."), (datasets, "datasets.")):
        for name in module.__all__:
            obj = getattr(module, name)
            candidates = []
            if inspect.isclass(obj):
                candidates = [
                    (f"{name}.{attr}", getattr(obj, attr))
                    for attr in vars(obj)
                    if not attr.startswith("_")
                ]
            elif inspect.isfunction(obj):
                candidates = [(prefix + name, obj)]
            for label, function in candidates:
                function = getattr(function, "__func__", function)
                if not inspect.isfunction(function) and not inspect.ismethod(function):
                    continue
                hints = typing.get_type_hints(function)
                if any("PathLike" in str(tp) for tp in hints.values()):
                    found.add(label)
    return found


def test_10_every_file_reader_accepts_a_byte_order_mark(tmp_path):
    from ekosysteemi import datasets

    readers = {
        "load": lambda path: eko.load(eko.Proposal, path),
        "Parameters.load": lambda path: eko.Parameters.load(path),
        "Catalogue.load": lambda path: eko.Catalogue.load(path),
        "datasets.read_funded_projects": lambda path: datasets.read_funded_projects(path),
        "datasets.iter_funded_projects": lambda path: list(datasets.iter_funded_projects(path)),
        "load_assessments": lambda path: eko.load_assessments(path),
    }
    assert set(readers) == _public_readers(), "a new reader joins this test"
    proposal = tmp_path / "proposal.json"
    proposal.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    assert PROPOSAL == readers["load"](proposal)
    toml = tmp_path / "proposal.toml"
    body = "\n".join(
        f"{key} = {json.dumps(value, ensure_ascii=False)}"
        for key, value in eko.to_dict(
            eko.Period(start=date(2023, 1, 1), end=date(2023, 2, 1))
        ).items()
    )
    toml.write_text("\ufeff" + body, encoding="utf-8")
    assert date(2023, 2, 1) == eko.load(eko.Period, toml).end
    parameters = tmp_path / "parameters.toml"
    parameters.write_text(
        '\ufeff[[parameter]]\nname = "tampere.share"\ntype = "share"\n'
        'valid_from = 2024-01-01\nvalue = "0.15"\n',
        encoding="utf-8",
    )
    assert (
        D("0.15")
        == readers["Parameters.load"](parameters).on("tampere.share", date(2024, 2, 1)).value
    )
    assessments = tmp_path / "assessments.toml"
    assessments.write_text(
        '\ufeff[[assessment]]\nproposal_id = "P"\nassessor = "A"\nassessed_on = "2023-01-16"\n'
        'scores = [{ criterion_id = "tasa-arvo", value = 2, justification = "perusteltu" }]\n',
        encoding="utf-8",
    )
    assert ["P"] == [a.proposal_id for a in readers["load_assessments"](assessments)]


# ---------------------------------------------------------------- 11. look-ups a person types


def test_11_look_ups_take_ids_then_names_then_codes():
    assert "vaasa" == eko.agreement("Vasa").id
    assert "helsinki-espoo-vantaa" == eko.agreement("helsinki").id
    assert "helsinki-espoo-vantaa" == eko.agreement("092").id
    assert "lappeenranta-imatra" == eko.agreement("Imatra").id
    assert "alykas-vihrea-kasvu" == eko.theme("Älykäs vihreä kasvu").id
    assert ["seinajoki-2022-12", "seinajoki-2023-06"] == [
        c.id for c in eko.calls(agreement="seinajoki")
    ]
    assert ["seinajoki-2023-06"] == [
        c.id for c in eko.calls(agreement="Seinäjoki", open_at=datetime(2023, 6, 1, tzinfo=UTC))
    ]
    assert "Etelä-Pohjanmaa" == eko.municipality("743").region


def test_11_a_near_miss_suggests_the_nearest_first_and_ambiguity_is_an_error():
    with pytest.raises(eko.UnknownReferenceError) as caught:
        eko.agreement("helsinki-espo")
    assert "reference.unknown" == caught.value.code
    assert "helsinki-espoo-vantaa" == caught.value.suggestions[0]
    title = CALL.title.fi
    assert title == eko.call("seinajoki-2023-06").title.fi
    with pytest.raises(eko.UnknownReferenceError) as caught:
        eko.call(title)
    assert "reference.ambiguous" == caught.value.code
    assert ("seinajoki-2022-12", "seinajoki-2023-06") == caught.value.suggestions


# ---------------------------------------------------------------- 12. municipality codes


def test_12_a_code_outside_the_classification_is_refused():
    with pytest.raises(eko.ValidationError) as caught:
        attrs.evolve(PROPOSAL.applicant, municipality_code="999")
    assert [("$.municipality_code", "municipality_code.unknown")] == [
        (e.path, e.code) for e in caught.value.errors
    ]
    assert "Pohjois-Karjala" == eko.municipality("090").region  # Heinävesi, moved in 2021


SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "kunnat-2021-2024.csv"


@pytest.mark.skipif(
    not SHARED.exists() and os.environ.get("CI") != "true", reason="shared/ is not here"
)
def test_12_the_bundled_codes_are_the_classifications():
    import csv

    with SHARED.open(encoding="utf-8", newline="") as handle:
        rows = [(r["code"], r["name_fi"], r["region_fi"]) for r in csv.DictReader(handle)]
    assert 309 == len(rows)
    assert rows == [
        (m.code, m.name, m.region) for m in (eko.municipality(code) for code, _, _ in rows)
    ]
    with pytest.raises(eko.UnknownReferenceError):
        eko.municipality("999")


@given(testing.organisations())
def test_12_the_strategies_draw_codes_of_the_classification(organisation):
    code = organisation.municipality_code
    assert code is None or code == eko.municipality(code).code


# ---------------------------------------------------------------- 13. a city's own rules


def _own(message, *, passed=True, params=None, hint=None, title=None, severity="error"):
    @rules.rule(
        "tampere.own", title=title or {"fi": "oma sääntö", "sv": "egen regel"}, severity=severity
    )
    def own(ctx):
        return rules.Outcome(
            passed=passed,
            path="$",
            expected=D("100000.123"),
            actual=ctx.totals.costs,
            message=message,
            hint=hint,
            params=params or {},
        )

    return own


def _check(*own, parameters=None):
    return eko.check(PROPOSAL, rules=[*rules.STANDARD_RULES, *own], parameters=parameters)


def test_13_an_unknown_parameter_is_the_rule_writers_error_with_the_nearest_names():
    @rules.rule("tampere.rate", title={"fi": "osuus"})
    def typo(ctx):
        ctx.param("flat_rate.flat_rate_4O")
        raise AssertionError("not reached")

    with pytest.raises(rules.RuleError) as caught:
        _check(typo)
    assert "tampere.rate" == caught.value.rule_code
    assert "flat_rate.flat_rate_40" == caught.value.suggestions[0]


def test_13_a_citys_parameter_is_typed_and_extends_the_defaults(tmp_path):
    path = tmp_path / "tampere.toml"
    path.write_text(
        '[[parameter]]\nname = "tampere.municipal_share"\ntype = "share"\n'
        'valid_from = 2021-01-01\nvalue = "0.15"\n',
        encoding="utf-8",
    )
    parameters = eko.Parameters.load(path)
    seen = []

    @rules.rule("tampere.municipal_share", title={"fi": "kunnan osuus"})
    def share(ctx):
        seen.append(ctx.param("tampere.municipal_share"))
        return rules.Outcome(passed=True, message={"fi": "kunnan osuus riittää"})

    report = _check(share, parameters=parameters)
    assert [D("0.15")] == seen
    assert report.eligible, report.explain("en")


@pytest.mark.parametrize(
    ("own", "fragment"),
    [
        (_own({"fi": "saatiin {actuall:euros}"}), "actuall"),
        (_own({"fi": "enintään {expected:date}"}), "expected"),
        (_own({"fi": "arvo {actual:percent}"}, params={"actual": "x"}), "actual"),
        (_own({"fi": "lista {expected}"}, params={"expected": ["a"]}), "expected"),
        (_own({"en": "only English"}), "Finnish"),
        (_own("a plain English sentence"), "Finnish"),
        (_own({"fi": "ok"}, params={"rate": 0.5}), "float"),
        (_own({"fi": "ok"}, hint={"fi": "korjaa {missing}"}, passed=False), "missing"),
        (_own({"fi": "avaus {expected"}), "brace"),
        (_own({"fi": "{expected!r}"}), "expected"),
    ],
)
def test_13_a_template_mistake_is_raised_from_check_never_later(own, fragment):
    with pytest.raises(rules.RuleError) as caught:
        _check(own)
    assert "tampere.own" == caught.value.rule_code
    assert fragment in str(caught.value)


def test_13_a_rule_that_returns_no_outcome_or_raises_is_a_rule_error():
    broken = rules.rule("tampere.true", title={"fi": "tosi"})(lambda ctx: True)
    with pytest.raises(rules.RuleError, match="not an Outcome"):
        _check(broken)
    crashing = rules.rule("tampere.crash", title={"fi": "kaatuu"})(lambda ctx: 1 / 0)
    with pytest.raises(rules.RuleError, match="ZeroDivisionError"):
        _check(crashing)


@pytest.mark.parametrize(
    ("good", "bad"),
    [
        (D("1000.00"), D("NaN")),
        (D("1000.00"), D("Infinity")),
        (datetime(2023, 1, 1, 12, tzinfo=fi.HELSINKI), datetime(2023, 1, 1, 12)),
    ],
)
def test_13_a_value_checked_once_is_checked_again_on_its_own(good, bad):
    # check() remembers which templates, keys and value types it has checked; a value of
    # the same type that a report cannot write must still be refused the next time.
    message = "eligible if EU and state funding is at most {expected:euros}"

    def own(value):
        @rules.rule("tampere.again", title={"fi": "uudelleen"})
        def again(ctx):
            return rules.Outcome(
                passed=True, path="$", expected=D("1"), actual=value, message=N_(message)
            )

        return again

    for _ in range(2):
        assert _check(own(good)).finding("tampere.again").passed
    with pytest.raises(rules.RuleError) as caught:
        _check(own(bad))
    assert "tampere.again" == caught.value.rule_code


@pytest.mark.parametrize(
    ("good", "bad"),
    [
        ((1, 2), (1, D("NaN"))),
        (frozenset({"a"}), frozenset({D("Infinity")})),
        ({"on": date(2023, 1, 1)}, {"on": datetime(2023, 1, 1, 12)}),
        ({"on": date(2023, 1, 1)}, {1: date(2023, 1, 1)}),
        (("a",), (object(),)),
    ],
    ids=["tuple", "frozenset", "dict-naive", "dict-key", "tuple-object"],
)
def test_13_a_container_checked_once_is_checked_again_on_its_own(good, bad):
    # The signature of a container is its type (and a dict's keys and value types) only
    # while every item is kept as it is; an item a report cannot write is still refused.
    def own(value):
        @rules.rule("tampere.again", title={"fi": "uudelleen"})
        def again(ctx):
            return rules.Outcome(
                passed=True,
                path="$",
                expected=D("1"),
                actual=value,
                message=N_("eligible if EU and state funding is at most {expected:euros}"),
            )

        return again

    for _ in range(2):
        assert good == _check(own(good)).finding("tampere.again").actual
    with pytest.raises(rules.RuleError) as caught:
        _check(own(bad))
    assert "tampere.again" == caught.value.rule_code


def test_13_a_title_without_finnish_is_refused_when_the_rule_is_made():
    with pytest.raises(eko.ValidationError) as caught:
        rules.rule("tampere.x", title={"en": "English only"})
    assert ["rule.title"] == _error_codes(caught)


def test_13_a_missing_swedish_text_falls_back_to_finnish_and_is_listed():
    own = _own(
        {"fi": "kustannukset {actual:euros}", "en": "costs"},
        passed=False,
        hint={"fi": "korjaa", "sv": "rätta"},
        severity="warning",
    )
    text = _check(own).explain("sv")
    assert "kustannukset 140\u00a0000,00\u00a0€" in text
    assert "costs" not in text
    assert {"en": ["hint", "title", "{actual}"], "sv": ["message"]} == rules.missing_texts(
        [own], [PROPOSAL], CALL
    )["tampere.own"]


def test_13_a_failed_warning_is_shown_as_a_warning():
    own = _own({"fi": "huomio"}, passed=False, hint={"fi": "tarkista"}, severity="warning")
    report = _check(own)
    assert report.eligible
    text = report.explain("fi")
    verdict, rest = text.split("\n\n", 1)
    assert "on tukikelpoinen" in verdict
    assert rest.startswith("Huomautukset:\n- huomio\n  tarkista")
    assert "⚠" in report._repr_html_()


def test_13_a_check_without_an_error_rule_is_refused():
    for given_rules in ([], [_own({"fi": "x"}, severity="warning")]):
        with pytest.raises(eko.ValidationError) as caught:
            eko.check(PROPOSAL, rules=given_rules)
        assert [("$.rules", "rules.no_error_rule")] == [
            (e.path, e.code) for e in caught.value.errors
        ]


def test_13_a_known_parameter_not_in_force_stays_a_failed_finding():
    report = eko.check(PROPOSAL, at=datetime(2020, 6, 1, tzinfo=UTC))
    finding = report.finding("period.costs_eligible")
    assert (False, "costs.eligible_from") == (finding.passed, finding.expected)


def test_13_a_title_with_placeholders_and_params_that_are_no_mapping_are_refused():
    with pytest.raises(eko.ValidationError) as caught:
        rules.rule("tampere.t", title={"fi": "kustannukset {x}"})
    assert ["rule.title"] == _error_codes(caught)
    with pytest.raises(eko.ValidationError):
        rules.rule("tampere.t", title={"fi": "avaus {"})
    own = rules.rule("tampere.p", title={"fi": "p"})(
        lambda ctx: rules.Outcome(passed=True, message={"fi": "ok"}, params=["x"])
    )
    with pytest.raises(rules.RuleError, match="not a mapping"):
        _check(own)


def test_13_missing_texts_reads_a_citys_parameters_and_names_a_rules_mistake(tmp_path):
    path = tmp_path / "oma.toml"
    path.write_text(
        '[[parameter]]\nname = "tampere.osuus"\ntype = "share"\nvalid_from = 2021-01-01\n'
        'value = "0.1"\n',
        encoding="utf-8",
    )

    @rules.rule("tampere.osuus", title={"fi": "osuus", "sv": "andel", "en": "share"})
    def share(ctx):
        return rules.Outcome(
            passed=True, message={"fi": "{x:percent}"}, params={"x": ctx.param("tampere.osuus")}
        )

    assert {"tampere.osuus": {"en": ["message"], "sv": ["message"]}} == rules.missing_texts(
        [share], [PROPOSAL], CALL, parameters=eko.Parameters.load(path)
    )
    with pytest.raises(rules.RuleError, match="unknown parameter"):
        rules.missing_texts([share], [PROPOSAL], CALL)


def test_4_a_typed_value_that_does_not_read_is_named_where_it_stands():
    written = eko.check(PROPOSAL).to_dict()
    finding = next(f for f in written["findings"] if f["actual"]["type"] == "period")
    finding["actual"]["value"]["end"] = "not a date"
    with pytest.raises(eko.ValidationError) as caught:
        eko.from_dict(eko.Report, written)
    index = written["findings"].index(finding)
    assert [f"$.findings[{index}].actual.value.end"] == [e.path for e in caught.value.errors]
