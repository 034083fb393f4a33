from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ekosysteemi as eko
from ekosysteemi.testing import amounts, proposals

ORG = {"name": "Esimerkki Oy", "business_id": "2539767-3", "kind": eko.OrganisationKind.COMPANY}


@given(amounts())
def test_every_valid_amount_survives_unchanged(amount):
    assert amount == eko.CostLine(category=eko.CostCategory.STAFF, amount=amount).amount


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        (1.5, "money.float"),
        (Decimal("1.005"), "money.decimals"),
        (Decimal("-1"), "money.negative"),
        (Decimal("NaN"), "money.not_finite"),
        (Decimal("Infinity"), "money.not_finite"),
        (Decimal(10) ** 12 + 1, "money.too_large"),
        ("100", "money.type"),
        (True, "money.type"),
        (None, "money.type"),
    ],
)
def test_money_that_is_not_exact_euros_is_refused(amount, code):
    with pytest.raises(eko.ValidationError) as caught:
        eko.FinancingLine(source=eko.FundingSource.OWN, amount=amount)
    assert [("$.amount", code)] == [(e.path, e.code) for e in caught.value.errors]


def test_trailing_zeros_beyond_cents_are_still_exact():
    assert Decimal("1.5") == eko.CostLine(category="staff", amount=Decimal("1.500")).amount


@pytest.mark.parametrize("form", ["0204819 8", "02048198", "FI02048198"])
def test_organisation_normalises_its_business_id(form):
    assert "0204819-8" == eko.Organisation(**{**ORG, "business_id": form}).business_id


@pytest.mark.parametrize(
    ("changes", "path", "code"),
    [
        ({"business_id": "2539767-4"}, "$.business_id", "business_id.checksum"),
        ({"business_id": 25397673}, "$.business_id", "business_id.invalid"),
        ({"name": ""}, "$.name", "text.empty"),
        ({"kind": "startup"}, "$.kind", "enum.invalid"),
        ({"municipality_code": "91"}, "$.municipality_code", "municipality_code.invalid"),
        ({"municipality_code": 743}, "$.municipality_code", "municipality_code.invalid"),
    ],
)
def test_organisation_refuses_bad_fields_naming_them(changes, path, code):
    with pytest.raises(eko.ValidationError) as caught:
        eko.Organisation(**{**ORG, **changes})
    detail = caught.value.errors[0]
    assert (path, code) == (detail.path, detail.code)
    assert detail.message.startswith(path + ": ")
    assert "expected" in detail.message or "wrong" in detail.message


def test_every_bad_field_of_an_object_is_reported_at_once():
    with pytest.raises(eko.ValidationError) as caught:
        eko.Organisation(name="", business_id="x", kind="startup", municipality_code="1")
    assert ["$.name", "$.business_id", "$.kind", "$.municipality_code"] == [
        e.path for e in caught.value.errors
    ]


def test_a_validation_error_is_a_value_error_and_an_ekosysteemi_error():
    with pytest.raises(ValueError):  # noqa: PT011 - the point is the builtin base
        eko.Period(start=date(2024, 1, 1), end=date(2023, 1, 1))
    assert issubclass(eko.ValidationError, eko.EkosysteemiError)
    assert issubclass(eko.UnknownReferenceError, LookupError)


def test_enum_wire_values_are_accepted_as_members():
    line = eko.CostLine(category="flat_rate", amount=Decimal("10"))
    assert eko.CostCategory.FLAT_RATE is line.category


def test_enum_wire_values_match_the_contract():
    assert ["national", "agreement", "focus_area"] == [k.value for k in eko.ThemeKind]
    assert [
        "actual_costs",
        "flat_rate_40",
        "flat_rate_15",
        "flat_rate_7",
        "flat_rate_1_5",
        "lump_sum",
    ] == [k.value for k in eko.CostModel]
    assert ["eu_and_state", "municipal", "other_public", "private", "own"] == [
        k.value for k in eko.FundingSource
    ]
    assert 12 == len(eko.OrganisationKind)


def _proposal(**changes):
    base = {
        "id": "SJK-2022-014",
        "title": "Ruokavienti kasvuun",
        "call_id": "seinajoki-2022-12",
        "applicant": eko.Organisation(**ORG),
        "focus_areas": ("ruokaekosysteemin-kestava-uudistuminen",),
        "project_type": "development",
        "period": eko.Period(start=date(2023, 1, 1), end=date(2024, 12, 31)),
        "cost_model": "flat_rate_40",
        "costs": [eko.CostLine(category="staff", amount=Decimal("100000"))],
        "financing": [eko.FinancingLine(source="own", amount=Decimal("100000"))],
    }
    return eko.Proposal(**{**base, **changes})


def test_a_naive_submission_time_is_read_as_helsinki_time():
    proposal = _proposal(submitted_at=datetime(2022, 12, 1, 14, 0))
    assert datetime(2022, 12, 1, 12, 0, tzinfo=UTC) == proposal.submitted_at
    assert timedelta(hours=2) == proposal.submitted_at.utcoffset()


def test_an_aware_submission_time_keeps_its_instant():
    moment = datetime(2022, 12, 1, 14, 0, tzinfo=timezone(timedelta(hours=-3)))
    assert moment == _proposal(submitted_at=moment).submitted_at


def test_lists_become_tuples_so_objects_stay_hashable():
    proposal = _proposal()
    assert isinstance(proposal.costs, tuple)
    assert hash(proposal) == hash(_proposal())


def test_the_applicant_cannot_also_be_a_co_implementer():
    with pytest.raises(eko.ValidationError) as caught:
        _proposal(co_implementers=[eko.Organisation(**{**ORG, "business_id": "FI25397673"})])
    assert "$.co_implementers[0].business_id" == caught.value.errors[0].path


def test_a_co_implementer_listed_twice_is_refused_at_its_second_place():
    partner = eko.Organisation(name="Oulun yliopisto", business_id="0245895-5", kind="university")
    other = eko.Organisation(name="Toinen", business_id="7654321-2", kind="company")
    with pytest.raises(eko.ValidationError) as caught:
        _proposal(co_implementers=[partner, other, attrs.evolve(partner, name="OY")])
    assert [("$.co_implementers[2].business_id", "organisation.duplicate")] == [
        (e.path, e.code) for e in caught.value.errors
    ]
    assert "listed twice" in caught.value.errors[0].message


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"focus_areas": ()}, "$.focus_areas"),
        ({"focus_areas": ("a", "a")}, "$.focus_areas[1]"),
        ({"focus_areas": "abc"}, "$.focus_areas"),
        ({"costs": []}, "$.costs"),
        ({"costs": [object()]}, "$.costs[0]"),
        ({"period": (date(2023, 1, 1), date(2024, 1, 1))}, "$.period"),
        ({"submitted_at": "2022-12-01"}, "$.submitted_at"),
        ({"revenues": 0.0}, "$.revenues"),
        ({"title": "x" * 10_001}, "$.title"),
    ],
)
def test_proposal_refuses_invalid_fields(changes, path):
    with pytest.raises(eko.ValidationError) as caught:
        _proposal(**changes)
    assert path == caught.value.errors[0].path


@given(proposals())
def test_generated_proposals_total_their_lines(proposal):
    assert sum(line.amount for line in proposal.costs) == proposal.total_costs
    assert proposal.total_costs - proposal.revenues == proposal.net_costs
    assert proposal.organisations[0] is proposal.applicant


def test_evolve_revalidates():
    with pytest.raises(eko.ValidationError):
        attrs.evolve(_proposal(), title="")


CALL = eko.Call(
    id="esimerkki-2024-06",
    title=eko.LocalizedText(fi="Haku"),
    agreement_id="seinajoki",
    opens=date(2024, 4, 2),
    deadline=eko.Deadline(date=date(2024, 6, 14), time=time(16, 15)),
    available_funding=Decimal("300000"),
)


@pytest.mark.parametrize(
    ("at", "status"),
    [
        (datetime(2024, 4, 1, 23, 59, 59), eko.CallStatus.UPCOMING),
        (datetime(2024, 4, 2, 0, 0), eko.CallStatus.OPEN),
        (datetime(2024, 6, 14, 16, 14, 59, 999999), eko.CallStatus.OPEN),
        (datetime(2024, 6, 14, 16, 15), eko.CallStatus.CLOSED),
        (datetime(2024, 6, 14, 13, 14, tzinfo=UTC), eko.CallStatus.OPEN),
        (datetime(2024, 6, 14, 13, 15, tzinfo=UTC), eko.CallStatus.CLOSED),
    ],
)
def test_call_status_follows_helsinki_time(at, status):
    assert status == CALL.status(at)
    assert (status is eko.CallStatus.OPEN) == CALL.is_open(at)


def test_a_call_without_an_opening_day_is_open_from_any_time_before():
    call = attrs.evolve(CALL, opens=None)
    assert call.is_open(datetime(1990, 1, 1))


def test_the_statutory_deadline_moves_only_when_the_call_says_so():
    midsummer = attrs.evolve(CALL, opens=None, deadline=eko.Deadline(date=date(2023, 6, 23)))
    assert not midsummer.is_open(datetime(2023, 6, 24, 12))
    moved = attrs.evolve(midsummer, apply_statutory_deadline=True)
    assert date(2023, 6, 26) == moved.effective_deadline.date
    assert moved.is_open(datetime(2023, 6, 26, 23, 59))
    assert not moved.is_open(datetime(2023, 6, 27, 0, 0))


def test_a_call_cannot_open_after_its_deadline():
    with pytest.raises(eko.ValidationError) as caught:
        attrs.evolve(CALL, opens=date(2024, 7, 1))
    assert "$.opens" == caught.value.errors[0].path


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("eligible_applicants", frozenset()),
        ("max_duration_months", 0),
        ("max_duration_months", 2.5),
        ("max_aid_intensity", Decimal("1.2")),
        ("max_aid_intensity", 0.8),
        ("apply_statutory_deadline", "yes"),
        ("project_types", ["dev"]),
    ],
)
def test_call_parameters_are_checked(field, value):
    with pytest.raises(eko.ValidationError) as caught:
        attrs.evolve(CALL, **{field: value})
    assert caught.value.errors[0].path.startswith("$." + field)


def test_call_status_refuses_a_non_datetime():
    with pytest.raises(eko.ValidationError):
        CALL.status("2024-06-14")  # type: ignore[arg-type]


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1)))
def test_status_is_ordered_upcoming_open_closed(naive):
    try:
        status = CALL.status(naive)
    except eko.ValidationError:
        return  # a wall time in the spring gap
    order = [eko.CallStatus.UPCOMING, eko.CallStatus.OPEN, eko.CallStatus.CLOSED]
    later = CALL.status(naive.replace(tzinfo=UTC) + timedelta(days=1))
    assert order.index(later) >= order.index(status)


def test_wire_values_in_a_set_become_enum_members():
    call = attrs.evolve(
        CALL, project_types=frozenset({"development"}), eligible_applicants=["company"]
    )
    assert {type(t) for t in call.project_types} == {eko.ProjectType}
    assert {type(k) for k in call.eligible_applicants} == {eko.OrganisationKind}
    assert frozenset({eko.ProjectType.DEVELOPMENT}) == call.project_types
