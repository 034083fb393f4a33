"""Eligibility: every rule, its path, its hint, the dated parameters and the report."""

import json
import shutil
from datetime import UTC, date, datetime, time
from decimal import Decimal
from importlib.resources import files

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ekosysteemi as eko
from ekosysteemi import rules, testing

D = Decimal
FOOD = "ruokaekosysteemin-kestava-uudistuminen"
INDUSTRY = "alykkaasti-uudistuva-teollisuus"
ALL_CODES = [r.code for r in rules.STANDARD_RULES]

#: A call of another city that restricts every parameter, so that every rule can fail.
STRICT = eko.Call(
    id="esimerkki-2024-06",
    title=eko.LocalizedText(fi="Kestävän kaupunkikehittämisen EAKR-rahoitus"),
    agreement_id="seinajoki",
    opens=date(2024, 4, 2),
    deadline=eko.Deadline(date=date(2024, 6, 14), time=time(16, 15)),
    available_funding=D("300000"),
    focus_areas=(FOOD,),
    eligible_applicants=frozenset(
        {"municipality", "university_of_applied_sciences", "development_company"}
    ),
    project_types=frozenset({"development"}),
    cost_models=frozenset({"flat_rate_40", "flat_rate_7"}),
    max_duration_months=24,
)
APPLICANT = eko.Organisation(
    name="Esimerkki Oy",
    business_id="2539767-3",
    kind="development_company",
    municipality_code="743",
)


def costs(staff="100000", flat="40000"):
    return (
        eko.CostLine(category="staff", amount=D(staff)),
        eko.CostLine(category="flat_rate", amount=D(flat)),
    )


def financing(eu="98000", municipal="21000", own="21000"):
    return (
        eko.FinancingLine(source="eu_and_state", amount=D(eu)),
        eko.FinancingLine(source="municipal", amount=D(municipal)),
        eko.FinancingLine(source="own", amount=D(own)),
    )


ELIGIBLE = eko.Proposal(
    id="ESIM-2024-001",
    title="Ruokavienti kasvuun",
    call_id=STRICT.id,
    applicant=APPLICANT,
    focus_areas=(FOOD,),
    project_type="development",
    period=eko.Period(start=date(2024, 8, 1), end=date(2026, 7, 31)),
    submitted_at=datetime(2024, 6, 1, 12, 0),
    cost_model="flat_rate_40",
    costs=costs(),
    financing=financing(),
)

NEAR_MISSES = {
    "call.id": ({"call_id": "seinajoki-2022-12"}, "$.call_id"),
    "call.open": ({"submitted_at": datetime(2024, 6, 14, 16, 15)}, "$.submitted_at"),
    "call.focus_area": ({"focus_areas": (FOOD, INDUSTRY)}, "$.focus_areas[1]"),
    # An investment may not use flat rate 40 %: flat rate 7 % of the other lines instead.
    "call.project_type": (
        {
            "project_type": "investment",
            "cost_model": "flat_rate_7",
            "costs": costs(flat="7000"),
            "financing": financing(eu="74900", municipal="16050", own="16050"),
        },
        "$.project_type",
    ),
    "applicant.kind": (
        {
            "co_implementers": (
                eko.Organisation(name="Yritys Oy", business_id="0201256-6", kind="company"),
            )
        },
        "$.co_implementers[0].kind",
    ),
    "period.costs_eligible": (
        {"period": eko.Period(start=date(2029, 6, 1), end=date(2030, 1, 31))},
        "$.period.end",
    ),
    "period.duration": (
        {"period": eko.Period(start=date(2024, 8, 1), end=date(2026, 8, 1))},
        "$.period",
    ),
    "costs.cost_model": (
        {
            "costs": (*costs(), eko.CostLine(category="travel", amount=D("1000"))),
            "financing": financing(own="22000"),
        },
        "$.costs[2]",
    ),
    "costs.flat_rate": (
        {"costs": costs(flat="40000.01"), "financing": financing(own="21000.01")},
        "$.costs[1]",
    ),
    "financing.balanced": ({"financing": financing(own="21000.01")}, "$.financing"),
    "financing.aid_intensity": (
        {"financing": financing(eu="112000.01", municipal="13999.99", own="14000")},
        "$.financing[0]",
    ),
    "financing.available_funds": (
        {
            "costs": costs(staff="300000", flat="120000"),
            "financing": financing(eu="300000.01", municipal="59999.99", own="60000"),
        },
        "$.financing[0]",
    ),
    "state_aid.de_minimis": (
        {
            "state_aid": "de_minimis",
            "de_minimis": (
                eko.AidGrant(
                    granted_on=date(2023, 5, 1), amount=D("202000.01"), granter="ELY-keskus"
                ),
            ),
        },
        "$.de_minimis",
    ),
}


def test_the_eligible_proposal_passes_every_rule_and_every_rule_ran():
    report = eko.check(ELIGIBLE, STRICT)
    assert report.eligible, report.explain("en")
    assert ALL_CODES == [f.code for f in report.findings]
    assert () == report.failures


def test_every_contract_rule_code_exists():
    assert {
        "call.open",
        "call.focus_area",
        "call.project_type",
        "call.id",
        "applicant.kind",
        "period.costs_eligible",
        "period.duration",
        "costs.cost_model",
        "costs.flat_rate",
        "financing.balanced",
        "financing.aid_intensity",
        "financing.available_funds",
        "state_aid.de_minimis",
        "call.closing_time",
    } == set(ALL_CODES)
    assert set(ALL_CODES) - {"call.closing_time"} == set(NEAR_MISSES)


#: STRICT's deadline names its time of day; the same call with a date alone.
DATE_ONLY = attrs.evolve(STRICT, deadline=eko.Deadline(date=date(2024, 6, 14)))


@pytest.mark.parametrize(
    ("submitted", "passed"),
    [
        (datetime(2024, 6, 14, 16, 14, 59), True),
        (datetime(2024, 6, 14, 16, 15), False),
        (datetime(2024, 6, 14, 23, 59), False),
        (datetime(2024, 6, 13, 18, 0), True),
    ],
)
def test_a_submission_late_on_the_last_day_is_a_warning(submitted, passed):
    report = eko.check(attrs.evolve(ELIGIBLE, submitted_at=submitted), DATE_ONLY)
    finding = report.finding("call.closing_time")
    assert (passed, eko.Severity.WARNING) == (finding.passed, finding.severity)
    assert report.eligible
    assert report.finding("call.open").passed
    if not passed:
        assert [finding] == list(report.failures)
        assert "16.15" in finding.message("fi")
        assert finding.hint("fi") == "varmista päättymisen kellonaika hakuilmoituksesta"
    on_time = eko.check(attrs.evolve(ELIGIBLE, submitted_at=submitted), STRICT)
    assert on_time.finding("call.closing_time").passed  # a deadline with a time of day


@pytest.mark.parametrize("code", sorted(NEAR_MISSES))
def test_a_near_miss_fails_exactly_its_rule_at_the_right_path(code):
    changes, path = NEAR_MISSES[code]
    report = eko.check(attrs.evolve(ELIGIBLE, **changes), STRICT)
    assert [code] == [f.code for f in report.failures], report.explain("en")
    failure = report.failures[0]
    assert path == failure.path
    assert eko.Severity.ERROR is failure.severity
    assert not report.eligible
    for lang in ("fi", "sv", "en"):
        assert failure.message(lang)
        assert failure.hint(lang)


def test_a_rule_that_does_not_apply_passes():
    report = eko.check(
        attrs.evolve(ELIGIBLE, call_id="seinajoki-2022-12", submitted_at=datetime(2022, 12, 1, 14))
    )
    assert report.finding("state_aid.de_minimis").passed
    assert report.finding("period.duration").passed  # the bundled call sets no maximum
    assert report.finding("applicant.kind").passed


# ---------------------------------------------------------------- limits and hints


def test_limits_are_exact_never_rounded_in_the_applicants_favour():
    on_limit = attrs.evolve(
        ELIGIBLE,
        costs=costs(staff="60000.10", flat="24000.04"),
        financing=financing(eu="67200.11", municipal="8400.01", own="8400.02"),
    )
    assert eko.check(on_limit, STRICT).finding("costs.flat_rate").passed
    over = attrs.evolve(
        on_limit,
        costs=costs(staff="60000.10", flat="24000.05"),
        financing=financing(eu="67200.11", municipal="8400.01", own="8400.03"),
    )
    report = eko.check(over, STRICT)
    assert ["costs.flat_rate"] == [f.code for f in report.failures]
    finding = report.finding("costs.flat_rate")
    assert D("24000.040") == finding.expected
    assert "the flat-rate share may be at most 24\u00a0000,04\u00a0€" == finding.hint("en")
    assert "flat rate -osuus saa olla enintään 24\u00a0000,04\u00a0€" == finding.hint("fi")


def test_an_odd_base_is_cut_down_to_the_cent_in_the_hint():
    # 60 000,11 € × 40 % = 24 000,044 €: 24 000,04 € passes, 24 000,05 € does not.
    ok = attrs.evolve(
        ELIGIBLE,
        costs=costs(staff="60000.11", flat="24000.04"),
        financing=financing(eu="67000", municipal="8500.15", own="8500"),
    )
    assert eko.check(ok, STRICT).eligible
    bad = attrs.evolve(
        ok,
        costs=costs(staff="60000.11", flat="24000.05"),
        financing=financing(eu="67000", municipal="8500.16", own="8500"),
    )
    finding = eko.check(bad, STRICT).finding("costs.flat_rate")
    assert not finding.passed
    assert "24\u00a0000,04\u00a0€" in finding.hint("fi")


def test_the_aid_intensity_hint_names_the_largest_eligible_funding():
    proposal = attrs.evolve(
        ELIGIBLE,
        costs=costs(staff="85000", flat="34000"),
        financing=financing(eu="100000", municipal="10000", own="9000"),
    )
    finding = eko.check(proposal, STRICT).finding("financing.aid_intensity")
    assert not finding.passed
    assert "eligible if EU and state funding is at most 95\u00a0200,00\u00a0€" == finding.hint("en")
    assert "80\u00a0%" in finding.message("fi")


def test_a_late_proposal_is_told_the_deadline():
    late = attrs.evolve(
        ELIGIBLE, call_id="seinajoki-2022-12", submitted_at=datetime(2022, 12, 3, 0, 0, 1)
    )
    finding = eko.check(late).finding("call.open")
    assert not finding.passed
    assert "submit by 2 Dec 2022" == finding.hint("en")
    assert "jätä hakemus viimeistään 2.12.2022" == finding.hint("fi")
    assert "lämna in ansökan senast 2.12.2022" == finding.hint("sv")


def test_an_early_proposal_is_told_when_the_window_opens():
    early = attrs.evolve(ELIGIBLE, submitted_at=datetime(2024, 4, 1, 23, 59))
    finding = eko.check(early, STRICT).finding("call.open")
    assert "jätä hakemus aikaisintaan 2.4.2024 ja viimeistään 14.6.2024 klo 16.15" == (
        finding.hint("fi")
    )


def test_a_draft_is_judged_at_the_moment_the_check_speaks_for():
    draft = attrs.evolve(ELIGIBLE, submitted_at=None)
    assert eko.check(draft, STRICT, at=datetime(2024, 6, 14, 16, 14, 59)).eligible
    report = eko.check(draft, STRICT, at=datetime(2024, 6, 14, 16, 15))
    assert ["call.open"] == [f.code for f in report.failures]


def test_the_period_duration_hint_names_the_last_day():
    long = attrs.evolve(ELIGIBLE, period=eko.Period(start=date(2024, 8, 1), end=date(2026, 8, 1)))
    finding = eko.check(long, STRICT).finding("period.duration")
    assert (25, 24) == (finding.actual, finding.expected)
    assert "päätä hanke viimeistään 31.7.2026, jotta se kestää enintään 24 kuukautta" == (
        finding.hint("fi")
    )


def test_revenues_reduce_what_the_financing_plan_covers():
    with_revenues = attrs.evolve(
        ELIGIBLE,
        revenues=D("10000"),
        financing=financing(eu="91000", municipal="20000", own="19000"),
    )
    report = eko.check(with_revenues, STRICT)
    assert report.eligible, report.explain("en")
    assert D("130000.00") == report.finding("financing.balanced").expected


def test_one_mistake_fails_one_rule_even_when_a_rejected_line_counts_in_the_totals():
    changes, _ = NEAR_MISSES["costs.cost_model"]
    report = eko.check(attrs.evolve(ELIGIBLE, **changes), STRICT)
    assert report.finding("financing.balanced").passed
    assert D("141000.00") == report.finding("financing.balanced").expected


# ---------------------------------------------------------------- de minimis


EARLIER = eko.AidGrant(granted_on=date(2021, 1, 15), amount=D("150000"), granter="Business Finland")


@pytest.mark.parametrize(
    ("submitted", "eligible", "ceiling", "window"),
    [
        (datetime(2023, 12, 29, 12), False, D("200000"), (date(2021, 1, 1), date(2023, 12, 31))),
        (datetime(2024, 1, 2, 12), True, D("300000"), (date(2021, 1, 3), date(2024, 1, 2))),
    ],
)
def test_de_minimis_decides_by_the_regulation_in_force(submitted, eligible, ceiling, window):
    call = attrs.evolve(STRICT, opens=None, deadline=eko.Deadline(date=date(2024, 6, 14)))
    proposal = attrs.evolve(
        ELIGIBLE,
        submitted_at=submitted,
        state_aid="de_minimis",
        de_minimis=(EARLIER,),
        costs=costs(staff="50000", flat="20000"),
        financing=financing(eu="56000", municipal="7000", own="7000"),
    )
    report = eko.check(proposal, call)
    finding = report.finding("state_aid.de_minimis")
    assert eligible is finding.passed
    assert ceiling == finding.expected
    assert D("206000.00") == finding.actual  # the same amounts, counted in both windows
    assert window == (finding.params["since"], finding.params["until"])
    assert ceiling == report.parameters["de_minimis.ceiling"].value


def test_the_rolling_window_drops_aid_older_than_three_years():
    call = attrs.evolve(STRICT, opens=None, deadline=eko.Deadline(date=date(2024, 6, 14)))
    old = eko.AidGrant(granted_on=date(2021, 1, 1), amount=D("299000"), granter="ELY")
    proposal = attrs.evolve(
        ELIGIBLE, submitted_at=datetime(2024, 1, 2, 12), state_aid="de_minimis", de_minimis=(old,)
    )
    assert eko.check(proposal, call).finding("state_aid.de_minimis").passed
    in_2023 = attrs.evolve(proposal, submitted_at=datetime(2023, 12, 29, 12))
    assert not eko.check(in_2023, call).finding("state_aid.de_minimis").passed


def test_the_reference_date_is_at_when_given_else_the_submission():
    proposal = attrs.evolve(ELIGIBLE, state_aid="de_minimis", de_minimis=(EARLIER,))
    assert date(2024, 6, 1) == eko.check(proposal, STRICT).reference_date
    report = eko.check(proposal, STRICT, at=datetime(2023, 12, 29, 23, 30, tzinfo=UTC))
    assert date(2023, 12, 30) == report.reference_date  # Helsinki date of at
    assert D("200000") == report.parameters["de_minimis.ceiling"].value


# ---------------------------------------------------------------- dated parameters as data


def test_a_new_dated_entry_in_a_copied_parameter_file_changes_the_check(tmp_path):
    path = tmp_path / "parameters.toml"
    shutil.copy(str(files("ekosysteemi").joinpath("data", "parameters.toml")), path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(
            '\n[[parameter]]\nname = "aid_intensity.development"\ntype = "share"\n'
            'valid_from = 2024-05-01\nvalue = "0.60"\n'
            'source = "A later amendment (test)"\n'
        )
    parameters = eko.Parameters.load(path)
    assert eko.check(ELIGIBLE, STRICT).eligible
    report = eko.check(ELIGIBLE, STRICT, parameters=parameters)
    assert ["financing.aid_intensity"] == [f.code for f in report.failures]
    used = report.parameters["aid_intensity.development"]
    assert (D("0.60"), date(2024, 5, 1)) == (used.value, used.valid_from)
    assert "84\u00a0000,00\u00a0€" in report.finding("financing.aid_intensity").hint("fi")
    before = attrs.evolve(ELIGIBLE, submitted_at=datetime(2024, 4, 30, 12))
    assert eko.check(before, STRICT, parameters=parameters).eligible


def test_a_call_overrides_the_programme_default():
    generous = attrs.evolve(STRICT, max_aid_intensity=D("0.9"))
    proposal = attrs.evolve(
        ELIGIBLE, financing=financing(eu="126000", municipal="7000", own="7000")
    )
    assert not eko.check(proposal, STRICT).eligible
    report = eko.check(proposal, generous)
    assert report.eligible
    assert "aid_intensity.development" not in report.parameters


def test_the_report_names_every_parameter_it_used():
    report = eko.check(attrs.evolve(ELIGIBLE, state_aid="de_minimis"), STRICT)
    assert {
        "costs.eligible_from",
        "costs.eligible_until",
        "flat_rate.flat_rate_40",
        "aid_intensity.development",
        "de_minimis.ceiling",
        "de_minimis.window",
    } == set(report.parameters)
    assert "2023/2831" in report.parameters["de_minimis.ceiling"].source


def test_a_day_before_the_parameters_fails_a_rule_instead_of_raising():
    report = eko.check(ELIGIBLE, STRICT, at=datetime(2020, 6, 1))
    finding = report.finding("period.costs_eligible")
    assert not finding.passed
    assert "costs.eligible_from" == finding.expected
    assert "2020" in finding.message("en")


def _entry(name, kind, value, valid_from="2024-01-01"):
    return (
        f'[[parameter]]\nname = "{name}"\ntype = "{kind}"\nvalid_from = {valid_from}\n'
        f"value = {value}\n"
    )


@pytest.mark.parametrize(
    ("text", "path", "code"),
    [
        (
            _entry("de_minimis.ceiling", "decimal", '"lots"'),
            "$.parameter[0].value",
            "parameter.value",
        ),
        (
            _entry("de_minimis.window", "text", '"decade"'),
            "$.parameter[0].value",
            "parameter.value",
        ),
        (
            _entry("flat_rate.flat_rate_40", "share", '"0.4"', valid_from='"2024"'),
            "$.parameter[0].valid_from",
            "parameter.invalid",
        ),
        (
            _entry("aid_intensity.investment", "share", '"1.5"'),
            "$.parameter[0].value",
            "parameter.value",
        ),
        (
            _entry("aid_intensity.investment", "decimal", '"0.5"'),
            "$.parameter[0].type",
            "parameter.type",
        ),
        (_entry("tampere.share", "fraction", '"0.5"'), "$.parameter[0].type", "parameter.type"),
        (
            _entry("tampere.share", "share", '"0.5"') + _entry("tampere.share", "share", '"0.6"'),
            "$.parameter[1]",
            "parameter.duplicate",
        ),
        (
            _entry("tampere.share", "share", '"0.5"')
            + _entry("tampere.share", "decimal", '"7"', valid_from="2025-01-01"),
            "$.parameter[1].type",
            "parameter.type",
        ),
    ],
)
def test_a_bad_parameter_file_is_refused_with_its_path(tmp_path, text, path, code):
    file = tmp_path / "bad.toml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(eko.ValidationError) as caught:
        eko.Parameters.load(file)
    assert [(path, code)] == [(e.path, e.code) for e in caught.value.errors]


def test_a_citys_parameters_extend_the_programmes_and_are_typed(tmp_path):
    file = tmp_path / "tampere.toml"
    file.write_text(_entry("tampere.municipal_share", "share", '"0.15"'), encoding="utf-8")
    parameters = eko.Parameters.load(file)
    assert D("0.15") == parameters.on("tampere.municipal_share", date(2024, 6, 1)).value
    assert D("300000") == parameters.on("de_minimis.ceiling", date(2024, 6, 1)).value
    assert eko.check(ELIGIBLE, STRICT, parameters=parameters).eligible
    alone = eko.Parameters.load(file, base=None)
    assert ["tampere.municipal_share"] == list(alone.entries)


# ---------------------------------------------------------------- the report


def test_explain_reads_as_a_decision_in_three_languages():
    changes, _ = NEAR_MISSES["financing.aid_intensity"]
    report = eko.check(attrs.evolve(ELIGIBLE, **changes), STRICT)
    fi_text = report.explain("fi")
    assert fi_text.startswith(
        "Hakemus ESIM-2024-001 ei ole tukikelpoinen haussa "
        "”Kestävän kaupunkikehittämisen EAKR-rahoitus”."
    )
    assert "- EU- ja valtion rahoitus 112\u00a0000,01\u00a0€ on yli 80\u00a0%" in fi_text
    assert "  tukikelpoinen, jos EU- ja valtion rahoitus on enintään 112\u00a0000,00\u00a0€" in (
        fi_text
    )
    assert fi_text.rstrip().endswith(".")
    assert "Täyttyvät: hakemus kohdistuu tähän hakuun;" in fi_text
    assert report.explain("sv").startswith("Ansökan ESIM-2024-001 är inte stödberättigad")
    assert report.explain("en").startswith("Proposal ESIM-2024-001 is not eligible")
    assert (
        eko.check(ELIGIBLE, STRICT)
        .explain("fi")
        .startswith("Hakemus ESIM-2024-001 on tukikelpoinen")
    )
    with pytest.raises(eko.ValidationError):
        report.explain("de")


def test_to_dict_is_json_ready_and_stable():
    moment = datetime(2024, 6, 2, 9)
    first = eko.check(ELIGIBLE, STRICT, at=moment).to_dict()
    assert first == eko.check(ELIGIBLE, STRICT, at=moment).to_dict()
    assert first == json.loads(json.dumps(first))
    assert (True, "2024-06-02T09:00:00+03:00", "2024-06-02") == (
        first["eligible"],
        first["at"],
        first["reference_date"],
    )
    flat = next(f for f in first["findings"] if f["code"] == "costs.flat_rate")
    assert (  # the exact limit, every digit kept
        {"type": "amount", "value": "40000.00"},
        {"type": "amount", "value": "40000.0000"},
    ) == (flat["actual"], flat["expected"])
    assert {"fi", "sv", "en"} == set(flat["message"])


def test_the_notebook_view_is_a_table_of_findings():
    changes, _ = NEAR_MISSES["call.focus_area"]
    report = eko.check(attrs.evolve(ELIGIBLE, **changes), STRICT)
    page = report._repr_html_()
    assert page.count("<tr>") == 1 + len(ALL_CODES)
    failed = report.finding("call.focus_area")
    assert f"<tr><td>✗</td><td>{failed.title_in('fi')}</td>" in page
    assert 1 == page.count("✗")


def test_a_proposal_checked_against_another_call_gets_a_finding_not_an_exception():
    report = eko.check(ELIGIBLE, eko.call("seinajoki-2022-12"))
    assert not report.finding("call.id").passed
    assert ("seinajoki-2022-12", "esimerkki-2024-06") == (
        report.finding("call.id").expected,
        report.finding("call.id").actual,
    )


def test_an_unknown_call_id_names_the_nearest_calls():
    with pytest.raises(eko.UnknownReferenceError) as caught:
        eko.check(attrs.evolve(ELIGIBLE, call_id="seinajoki-2022-11"))
    assert "seinajoki-2022-12" in caught.value.suggestions


def test_check_refuses_what_is_not_a_proposal_a_call_or_a_rule():
    with pytest.raises(eko.ValidationError):
        eko.check({"id": "x"})  # type: ignore[arg-type]
    with pytest.raises(eko.ValidationError):
        eko.check(ELIGIBLE, "seinajoki-2022-12")  # type: ignore[arg-type]
    with pytest.raises(eko.ValidationError):
        eko.check(ELIGIBLE, STRICT, rules=[lambda ctx: None])  # type: ignore[list-item]
    with pytest.raises(eko.ValidationError):
        eko.check(ELIGIBLE, STRICT, rules=[rules.STANDARD_RULES[0], rules.STANDARD_RULES[0]])


# ---------------------------------------------------------------- a city's own rule


@rules.rule(
    "esimerkki.min_budget",
    title={
        "en": "a budget of at least 50 000 €",
        "fi": "vähintään 50 000 euron budjetti",
        "sv": "en budget på minst 50 000 €",
    },
)
def min_budget(ctx):
    minimum = D("50000")
    return rules.Outcome(
        passed=ctx.totals.costs >= minimum,
        path="$.costs",
        expected=minimum,
        actual=ctx.totals.costs,
        message={
            "en": "total costs {actual:euros}; the call's minimum is {expected:euros}",
            "fi": "kustannukset {actual:euros}; haun vähimmäismäärä on {expected:euros}",
            "sv": "kostnaderna {actual:euros}; utlysningens minimum är {expected:euros}",
        },
    )


def test_a_citys_own_rule_runs_with_the_standard_ones():
    small = attrs.evolve(
        ELIGIBLE,
        costs=costs(staff="30000", flat="12000"),
        financing=financing(eu="33600", municipal="4200", own="4200"),
    )
    assert eko.check(small, STRICT).eligible
    report = eko.check(small, STRICT, rules=[*rules.STANDARD_RULES, min_budget])
    assert ["esimerkki.min_budget"] == [f.code for f in report.failures]
    assert (
        "kustannukset 42\u00a0000,00\u00a0€; haun vähimmäismäärä on 50\u00a0000,00\u00a0€"
        == report.failures[0].message("fi")
    )
    assert "vähintään 50 000 euron budjetti" in eko.check(
        ELIGIBLE, STRICT, rules=[*rules.STANDARD_RULES, min_budget]
    ).explain("fi")


# ---------------------------------------------------------------- properties

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
LATER_CALLS = testing.calls(min_deadline=date(2022, 1, 1), max_deadline=date(2028, 12, 31))


@pytest.mark.parametrize("call_id", ["seinajoki-2022-12", "seinajoki-2023-06"])
@PROPERTY
@given(data=st.data())
def test_generated_eligible_proposals_pass_every_rule_of_the_bundled_calls(call_id, data):
    call = eko.call(call_id)
    proposal = data.draw(testing.proposals(call))
    report = eko.check(proposal, call)
    assert report.eligible, report.explain("en")


@PROPERTY
@given(data=st.data())
def test_generated_eligible_proposals_pass_every_rule_of_any_call(data):
    call = data.draw(LATER_CALLS)
    proposal = data.draw(testing.proposals(call))
    assert eko.check(proposal, call).eligible, eko.check(proposal, call).explain("en")


@pytest.mark.parametrize("code", ALL_CODES)
@PROPERTY
@given(data=st.data())
def test_near_misses_fail_exactly_their_rule_for_any_call(code, data):
    call = data.draw(LATER_CALLS.filter(lambda c: code in testing.failable(c)))
    proposal = data.draw(testing.near_misses(call, code))
    report = eko.check(proposal, call)
    assert [code] == [f.code for f in report.failures], report.explain("en")


@PROPERTY
@given(call=testing.calls(), proposal=testing.proposals(), at=st.none() | testing.aware_datetimes())
def test_rules_never_raise_on_a_valid_proposal(call, proposal, at):
    report = eko.check(proposal, call, at=at)
    assert len(rules.STANDARD_RULES) == len(report.findings)
    assert report.eligible is all(f.passed for f in report.findings)
    json.dumps(report.to_dict())


def test_near_misses_refuse_a_rule_that_cannot_fail_alone():
    with pytest.raises(ValueError, match="cannot fail alone"):
        testing.near_misses(eko.call("seinajoki-2022-12"), "applicant.kind")
    assert "applicant.kind" not in testing.failable(eko.call("seinajoki-2022-12"))
    assert set(ALL_CODES) - {"call.closing_time"} == set(testing.failable(STRICT))
    assert "call.closing_time" in testing.failable(DATE_ONLY)


@settings(max_examples=60, deadline=None)
@given(proposal=testing.proposals())
def test_the_totals_rules_compare_are_the_proposals_own_sums(proposal):
    from ekosysteemi._rules._engine import Totals

    totals = Totals.of(proposal)

    def total(category):
        return sum(
            (line.amount for line in proposal.costs if line.category is category),
            Decimal("0.00"),
        )

    expected = {
        "costs": proposal.total_costs,
        "revenues": proposal.revenues,
        "net": proposal.net_costs,
        "staff": total(eko.CostCategory.STAFF),
        "flat_rate": total(eko.CostCategory.FLAT_RATE),
        "other": proposal.total_costs - total(eko.CostCategory.FLAT_RATE),
        "eu_and_state": proposal.funding("eu_and_state"),
        "financing": sum((line.amount for line in proposal.financing), Decimal("0.00")),
    }
    # Equal as written too: the same exponent, so reports show the same cents.
    assert {k: str(v) for k, v in expected.items()} == {
        k: str(getattr(totals, k)) for k in expected
    }
