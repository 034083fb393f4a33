"""Facts pinned from the contract alone, never from the code they test.

The strategies in ``ekosysteemi.testing`` read rates, bases and categories
from the implementation (so that a city's own parameters flow into them);
a wrong value there would make every property test agree with it. These
tests hold the contract's own numbers, so a changed rate, base, category
list or change date fails here.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ekosysteemi as eko
from ekosysteemi import fi

D = Decimal

#: A call that lists every cost model, so that only the model's own limits decide.
CALL = eko.Call(
    id="pins-2024-06",
    title=eko.LocalizedText(fi="Kiinnitetyt tosiasiat"),
    agreement_id="seinajoki",
    deadline=eko.Deadline(date=date(2024, 6, 14), time=time(16, 15)),
    available_funding=D("1000000"),
    cost_models=frozenset(eko.CostModel),
)


def _proposal(model, lines, *, project_type="development", eu=None):
    costs = tuple(eko.CostLine(category=c, amount=D(a)) for c, a in lines)
    total = sum((line.amount for line in costs), D("0"))
    eu = D("0") if eu is None else D(eu)
    return eko.Proposal(
        id="PIN-1",
        title="Kiinnitys",
        call_id=CALL.id,
        applicant=eko.Organisation(
            name="Esimerkki Oy (esimerkki)", business_id="2539767-3", kind="company"
        ),
        focus_areas=("ruokaekosysteemin-kestava-uudistuminen",),
        project_type=project_type,
        period=eko.Period(start=date(2024, 9, 1), end=date(2025, 8, 31)),
        submitted_at=datetime(2024, 6, 1, 12),
        cost_model=model,
        costs=costs,
        financing=(
            eko.FinancingLine(source="eu_and_state", amount=eu),
            eko.FinancingLine(source="own", amount=total - eu),
        ),
    )


def _verdicts(proposal):
    report = eko.check(proposal, CALL)
    return {code: report.finding(code).passed for code in ("costs.cost_model", "costs.flat_rate")}


# The contract's cost-model table: (model, the lines besides the flat rate, the largest
# flat-rate line allowed). 40 % and 15 % are of staff costs, 7 % of the other lines.
LIMITS = [
    ("flat_rate_40", [("staff", "60000.10")], "24000.04"),
    ("flat_rate_15", [("staff", "10000.00"), ("travel", "5000.00")], "1500.00"),
    ("flat_rate_7", [("staff", "10000.00"), ("travel", "5000.00")], "1050.00"),
    ("flat_rate_7", [("staff", "0.10"), ("equipment", "0.05")], "0.01"),
]


@pytest.mark.parametrize(("model", "lines", "limit"), LIMITS)
def test_a_flat_rate_line_exactly_at_its_limit_passes_and_a_cent_more_fails(model, lines, limit):
    at = _proposal(model, [*lines, ("flat_rate", limit)])
    assert {"costs.cost_model": True, "costs.flat_rate": True} == _verdicts(at)
    over = _proposal(model, [*lines, ("flat_rate", str(D(limit) + D("0.01")))])
    assert {"costs.cost_model": True, "costs.flat_rate": False} == _verdicts(over)


@pytest.mark.parametrize(
    ("model", "category", "admitted"),
    [
        ("flat_rate_40", "staff", True),
        ("flat_rate_40", "travel", False),
        ("flat_rate_40", "purchased_services", False),
        ("flat_rate_40", "equipment", False),
        ("flat_rate_15", "travel", True),
        ("flat_rate_15", "investment", True),
        ("flat_rate_7", "purchased_services", True),
        ("actual_costs", "travel", True),
        ("actual_costs", "flat_rate", False),
        ("lump_sum", "other", True),
        ("lump_sum", "flat_rate", False),
    ],
)
def test_each_cost_model_admits_the_contracts_categories(model, category, admitted):
    proposal = _proposal(model, [("staff", "1000.00"), (category, "100.00")])
    assert admitted == _verdicts(proposal)["costs.cost_model"]


# ---------------------------------------------------------------- dated parameters: both sides


def _de_minimis(day):
    """Earlier aid of 100 000 € granted 1.6.2022 and 150 000 € asked now: 250 000 € in all."""
    proposal = attrs.evolve(
        _proposal("actual_costs", [("staff", "200000.00")], eu="150000.00"),
        state_aid="de_minimis",
        de_minimis=(
            eko.AidGrant(granted_on=date(2022, 6, 1), amount=D("100000"), granter="ELY-keskus"),
        ),
    )
    return eko.check(proposal, CALL, at=datetime.combine(day, time(12))).finding(
        "state_aid.de_minimis"
    )


def test_every_dated_change_is_pinned_here():
    """A new dated change in the bundled parameters needs its own both-sides test."""
    changes = {
        (name, value.valid_from)
        for name, values in eko.Parameters.default().entries.items()
        for value in values[1:]
    }
    assert {
        ("de_minimis.ceiling", date(2024, 1, 1)),
        ("de_minimis.window", date(2024, 1, 1)),
    } == changes


def test_the_de_minimis_change_on_1_1_2024_through_a_verdict():
    before = _de_minimis(date(2023, 12, 31))  # EUR 200,000 over 2021-2023
    assert (False, D("200000"), D("250000")) == (before.passed, before.expected, before.actual)
    on = _de_minimis(date(2024, 1, 1))  # EUR 300,000 over 2.1.2021-1.1.2024
    assert (True, D("300000"), D("250000")) == (on.passed, on.expected, on.actual)


def test_the_fiscal_year_window_ends_with_its_year_and_the_rolling_one_does_not():
    assert (date(2021, 1, 1), date(2023, 12, 31)) == (
        _de_minimis(date(2023, 12, 31)).params["since"],
        _de_minimis(date(2023, 12, 31)).params["until"],
    )
    assert (date(2021, 1, 2), date(2024, 1, 1)) == (
        _de_minimis(date(2024, 1, 1)).params["since"],
        _de_minimis(date(2024, 1, 1)).params["until"],
    )


# ---------------------------------------------------------------- months and working days


def _months_by_the_contract(start, end):
    """The length in months from ``start`` to the day after ``end``, a part month counting
    as a whole one: the fewest months n with start + n months (Act 150/1930 §3) reaching
    the day after the end."""
    after = end + timedelta(days=1)
    n = 1
    while fi.add_months(start, n) < after:
        n += 1
    return n


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2023, 1, 31), date(2023, 2, 28), 2),  # the contract's month-end case
        (date(2023, 1, 1), date(2024, 12, 31), 24),
        (date(2023, 1, 15), date(2025, 1, 14), 24),
        (date(2023, 1, 1), date(2023, 1, 2), 1),
        (date(2024, 2, 29), date(2025, 2, 27), 12),
        (date(2024, 2, 29), date(2025, 2, 28), 13),
        (date(2023, 3, 31), date(2023, 4, 29), 1),
        (date(2023, 3, 31), date(2023, 4, 30), 2),
    ],
)
def test_period_months_at_month_ends_and_leap_days(start, end, months):
    assert months == eko.Period(start=start, end=end).months
    assert months == _months_by_the_contract(start, end)


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)),
    days=st.integers(0, 1500),
    snap=st.booleans(),
)
def test_period_months_follows_the_contracts_definition(start, days, snap):
    end = start + timedelta(days=days)
    if snap:  # push the end to a month's last day, where the definitions part
        end = fi.add_months(end.replace(day=1), 1) - timedelta(days=1)
    assert _months_by_the_contract(start, end) == eko.Period(start=start, end=end).months


def test_working_days_count_the_start_and_not_the_end():
    friday, saturday, monday = date(2022, 12, 2), date(2022, 12, 3), date(2022, 12, 5)
    assert 1 == fi.working_days_between(friday, monday)
    assert 0 == fi.working_days_between(saturday, monday)
    assert 1 == fi.working_days_between(monday, monday + timedelta(days=1))
    assert 0 == fi.working_days_between(date(2022, 12, 6), date(2022, 12, 7))  # Independence Day
    assert -1 == fi.working_days_between(monday, friday)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 30)))
def test_a_single_day_counts_when_it_is_a_working_day(day):
    assert int(fi.is_working_day(day)) == fi.working_days_between(day, day + timedelta(days=1))


def test_flat_rate_1_5_is_a_share_of_the_other_lines_for_investments():
    lines = [("staff", "10000.00"), ("equipment", "5000.00")]
    at = _proposal("flat_rate_1_5", [*lines, ("flat_rate", "225.00")], project_type="investment")
    assert {"costs.cost_model": True, "costs.flat_rate": True} == _verdicts(at)
    over = _proposal("flat_rate_1_5", [*lines, ("flat_rate", "225.01")], project_type="investment")
    assert {"costs.cost_model": True, "costs.flat_rate": False} == _verdicts(over)


@pytest.mark.parametrize(
    ("model", "project_type"),
    [("flat_rate_40", "investment"), ("flat_rate_1_5", "development")],
)
def test_a_model_the_project_type_may_never_use_fails_even_when_the_call_lists_it(
    model, project_type
):
    proposal = _proposal(model, [("staff", "1000.00")], project_type=project_type)
    assert not _verdicts(proposal)["costs.cost_model"]


def test_without_a_list_in_the_call_the_programme_decides_by_project_type():
    later = eko.call("seinajoki-2023-06")  # lists no cost models
    base = eko.load(eko.Proposal, "examples/proposals/sjk-2022-014.json")
    moment = datetime(2023, 6, 1, 12)

    def verdict(**changes):
        proposal = attrs.evolve(base, call_id=later.id, submitted_at=moment, **changes)
        return eko.check(proposal, later).finding("costs.cost_model").passed

    assert verdict()  # flat rate 40 % for a development project
    assert not verdict(project_type="investment")  # never for an investment
    lines = (eko.CostLine(category="staff", amount=D("100000")),)
    assert verdict(project_type="investment", cost_model="actual_costs", costs=lines)
    assert not verdict(cost_model="flat_rate_15", costs=lines)  # only when a call lists it


@pytest.mark.parametrize(
    ("end", "day", "window"),
    [
        ("12-31", date(2023, 12, 29), (date(2021, 1, 1), date(2023, 12, 31))),
        ("06-30", date(2023, 12, 29), (date(2021, 7, 1), date(2024, 6, 30))),
        ("06-30", date(2023, 6, 30), (date(2020, 7, 1), date(2023, 6, 30))),
        ("03-31", date(2023, 4, 1), (date(2021, 4, 1), date(2024, 3, 31))),
    ],
)
def test_de_minimis_counts_the_applicants_fiscal_years_until_2024(end, day, window):
    proposal = attrs.evolve(
        _proposal("actual_costs", [("staff", "100000.00")], eu="50000.00"),
        state_aid="de_minimis",
        fiscal_year_end=end,
    )
    finding = eko.check(proposal, CALL, at=datetime.combine(day, time(12))).finding(
        "state_aid.de_minimis"
    )
    assert window == (finding.params["since"], finding.params["until"])


def test_a_fiscal_year_end_every_year_lacks_is_refused():
    for wrong in ("02-29", "13-01", "12-32", "1231", "12/31", "2-28"):
        with pytest.raises(eko.ValidationError) as caught:
            attrs.evolve(_proposal("lump_sum", [("staff", "1.00")]), fiscal_year_end=wrong)
        assert ["month_day.invalid"] == [e.code for e in caught.value.errors]
