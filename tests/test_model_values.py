from datetime import UTC, date, datetime, time, timedelta

import attrs
import pytest
from hypothesis import given

import ekosysteemi as eko
from ekosysteemi.testing import dates, deadlines, periods


@given(a=dates(), b=dates())
def test_two_dates_build_a_period_exactly_when_end_is_not_before_start(a, b):
    if b >= a:
        period = eko.Period(start=a, end=b)
        assert (b - a).days + 1 == period.days
        assert a in period
        assert b in period
        assert a - timedelta(1) not in period
        assert b + timedelta(1) not in period
    else:
        with pytest.raises(eko.ValidationError) as caught:
            eko.Period(start=a, end=b)
        assert ["$.end"] == [e.path for e in caught.value.errors]
        assert "period.end_before_start" == caught.value.errors[0].code


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2023, 1, 1), date(2024, 12, 31), 24),
        (date(2023, 1, 15), date(2025, 1, 14), 24),
        (date(2023, 1, 1), date(2023, 1, 2), 1),
        (date(2023, 1, 1), date(2023, 1, 1), 1),
        (date(2023, 1, 1), date(2023, 1, 31), 1),
        (date(2023, 1, 1), date(2023, 2, 1), 2),
        (date(2021, 1, 1), date(2029, 12, 31), 108),
    ],
)
def test_period_months_counts_a_part_month_as_a_whole_one(start, end, months):
    assert months == eko.Period(start=start, end=end).months


@given(periods())
def test_period_months_is_never_less_than_whole_months_or_zero(period):
    assert period.months >= 1
    assert period.days <= period.months * 31


def test_period_refuses_datetimes_and_text():
    with pytest.raises(eko.ValidationError) as caught:
        eko.Period(start=datetime(2023, 1, 1), end="2024-12-31")
    assert {"$.start", "$.end"} == {e.path for e in caught.value.errors}


def test_model_objects_are_frozen_slotted_and_keyword_only():
    period = eko.Period(start=date(2023, 1, 1), end=date(2023, 2, 1))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        period.start = date(2020, 1, 1)  # type: ignore[misc]
    assert not hasattr(period, "__dict__")
    with pytest.raises(TypeError):
        eko.Period(date(2023, 1, 1), date(2023, 2, 1))  # type: ignore[misc]


def test_localized_text_falls_back_to_finnish():
    name = eko.LocalizedText(fi="Älykäs vihreä kasvu", en="Smart green growth")
    assert "Smart green growth" == name.get("en")
    assert "Älykäs vihreä kasvu" == name.get("sv")
    assert "Älykäs vihreä kasvu" == name.get()
    with pytest.raises(eko.ValidationError):
        name.get("de")


@pytest.mark.parametrize(
    "bad", [{"fi": ""}, {"fi": "   "}, {"fi": None}, {"fi": "x", "sv": ""}, {"fi": 5}]
)
def test_localized_text_refuses_empty_or_non_text(bad):
    with pytest.raises(eko.ValidationError):
        eko.LocalizedText(**bad)


def test_a_date_deadline_is_open_through_the_whole_day():
    deadline = eko.Deadline(date=date(2022, 12, 2))
    assert datetime(2022, 12, 2, 22, 0, tzinfo=UTC) == deadline.instant
    assert "2022-12-03T00:00:00+02:00" == deadline.instant.isoformat()


def test_a_deadline_with_a_time_is_exclusive():
    deadline = eko.Deadline(date=date(2023, 6, 16), time=time(16, 15))
    assert "2023-06-16T16:15:00+03:00" == deadline.instant.isoformat()


def test_a_deadline_in_the_spring_gap_cannot_exist():
    with pytest.raises(eko.ValidationError) as caught:
        eko.Deadline(date=date(2023, 3, 26), time=time(3, 30))
    assert "datetime.nonexistent" == caught.value.errors[0].code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-12-02", eko.Deadline(date=date(2022, 12, 2))),
        ("2.12.2022", eko.Deadline(date=date(2022, 12, 2))),
        ("2.12.2022 klo 16.15", eko.Deadline(date=date(2022, 12, 2), time=time(16, 15))),
        ("2024-06-14T16:15", eko.Deadline(date=date(2024, 6, 14), time=time(16, 15))),
        ("14.6.2024 klo 16.15", eko.Deadline(date=date(2024, 6, 14), time=time(16, 15))),
    ],
)
def test_deadline_parse_reads_iso_and_finnish(text, expected):
    assert expected == eko.Deadline.parse(text)


@given(deadlines())
def test_deadline_wire_form_round_trips(deadline):
    assert deadline == eko.Deadline.parse(str(deadline))


@pytest.mark.parametrize("junk", [None, 5, "", "soon", "16.15"])
def test_deadline_parse_refuses_junk(junk):
    with pytest.raises(eko.ValidationError):
        eko.Deadline.parse(junk)
