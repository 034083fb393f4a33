"""Junk given to any public function gives a clean, typed "no", never another exception."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ekosysteemi as eko
from ekosysteemi import fi

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.binary(max_size=10),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.sampled_from(
        [
            object(),
            "€",
            "😀",
            "2.12.2022",
            "0204819-8",
            date(2022, 12, 2),
            "fi",
            "\u00a0",
            "-",
            "1e5",
            "NaN",
        ]
    ),
)

CALL = eko.call("seinajoki-2022-12")
ONE_ARGUMENT = [
    fi.parse_date,
    fi.parse_datetime,
    fi.parse_time,
    fi.parse_euros,
    fi.format_date,
    fi.format_datetime,
    fi.format_period,
    fi.format_euros,
    fi.format_percent,
    fi.format_time,
    fi.validate_business_id,
    fi.is_working_day,
    fi.statutory_deadline,
    fi.holiday_name,
    fi.to_helsinki,
    eko.city,
    eko.agreement,
    eko.theme,
    eko.call,
    eko.source_of,
    eko.to_dict,
    eko.dumps,
    eko.json_schema,
    eko.check,
    eko.Deadline.parse,
    CALL.status,
    CALL.is_open,
    CALL.window_text,
    eko.LocalizedText(fi="x").get,
    lambda junk: eko.from_dict(eko.Proposal, junk),
    lambda junk: eko.loads(eko.Call, junk),
    lambda junk: eko.check(eko.load(eko.Proposal, "examples/proposals/sjk-2022-014.json"), junk),
    lambda junk: eko.check(eko.load(eko.Proposal, "examples/proposals/sjk-2022-014.json"), at=junk),
    lambda junk: eko.check(eko.load(eko.Proposal, "examples/proposals/sjk-2022-014.json")).explain(
        junk
    ),
    lambda junk: fi.add_months(date(2022, 1, 31), junk),
    lambda junk: fi.working_days_between(junk, date(2022, 1, 31)),
    lambda junk: eko.Parameters.default().on(junk, date(2024, 1, 1)),
]


@pytest.mark.parametrize("function", ONE_ARGUMENT)
@given(junk=JUNK)
def test_junk_gets_a_typed_error_or_an_answer(function, junk):
    try:
        function(junk)
    except eko.EkosysteemiError as error:
        caught = error
    else:
        return
    assert str(caught)
    for detail in getattr(caught, "errors", ()):
        assert detail.path.startswith("$")
        assert detail.code
        assert detail.message_in("fi")


@given(junk=JUNK)
def test_is_valid_business_id_answers_every_junk(junk):
    assert type(fi.is_valid_business_id(junk)) is bool
