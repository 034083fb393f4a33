from datetime import date, timedelta

import pytest
from hypothesis import given

from ekosysteemi import ValidationError, fi
from ekosysteemi.testing import dates


@pytest.mark.parametrize(
    ("day", "moved_to"),
    [
        (date(2022, 6, 24), date(2022, 6, 27)),  # Midsummer Eve (Fri) -> Monday
        (date(2022, 12, 24), date(2022, 12, 27)),  # Christmas Eve on a Saturday
        (date(2023, 4, 7), date(2023, 4, 11)),  # Good Friday -> after Easter Monday
        (date(2022, 12, 6), date(2022, 12, 7)),  # Independence Day (Tue)
        (date(2024, 5, 1), date(2024, 5, 2)),  # May Day (Wed)
        (date(2023, 6, 23), date(2023, 6, 26)),  # Midsummer Eve 2023
        (date(2024, 3, 29), date(2024, 4, 2)),  # Good Friday 2024
        (date(2022, 12, 2), date(2022, 12, 2)),  # an ordinary Friday stays
    ],
)
def test_statutory_deadline_moves_to_the_next_working_day(day, moved_to):
    assert moved_to == fi.statutory_deadline(day)


def test_real_holidays_are_not_working_days():
    for day in [
        date(2022, 6, 24),
        date(2022, 12, 24),
        date(2023, 4, 7),
        date(2022, 12, 6),
        date(2024, 5, 1),
        date(2024, 12, 24),
    ]:
        assert not fi.is_working_day(day), day
    assert fi.is_working_day(date(2022, 12, 2))


@given(day=dates())
def test_statutory_deadline_is_the_first_working_day_on_or_after(day):
    moved = fi.statutory_deadline(day)
    assert moved >= day
    assert fi.is_working_day(moved)
    assert all(not fi.is_working_day(day + timedelta(n)) for n in range((moved - day).days))


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 3, 31), 1, date(2023, 4, 30)),
        (date(2023, 1, 15), 24, date(2025, 1, 15)),
        (date(2023, 3, 31), -1, date(2023, 2, 28)),
    ],
)
def test_add_months_ends_on_the_last_day_of_a_shorter_month(day, months, expected):
    assert expected == fi.add_months(day, months)


def test_working_days_between_counts_start_but_not_end():
    # Mon 5.12.2022 .. Mon 12.12.2022: Tue 6.12. is Independence Day.
    assert 4 == fi.working_days_between(date(2022, 12, 5), date(2022, 12, 12))
    assert 0 == fi.working_days_between(date(2022, 12, 5), date(2022, 12, 5))
    assert -4 == fi.working_days_between(date(2022, 12, 12), date(2022, 12, 5))


@given(
    a=dates(date(2020, 1, 1), date(2026, 12, 31)),
    b=dates(date(2020, 1, 1), date(2026, 12, 31)),
    c=dates(date(2020, 1, 1), date(2026, 12, 31)),
)
def test_working_days_between_adds_up(a, b, c):
    assert fi.working_days_between(a, c) == fi.working_days_between(a, b) + fi.working_days_between(
        b, c
    )


@pytest.mark.parametrize("junk", [None, "2.12.2022", 20221202])
def test_calendar_functions_refuse_non_dates(junk):
    with pytest.raises(ValidationError):
        fi.is_working_day(junk)
    with pytest.raises(ValidationError):
        fi.statutory_deadline(junk)
    with pytest.raises(ValidationError):
        fi.add_months(junk, 1)
