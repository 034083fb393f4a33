from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ekosysteemi import ValidationError, fi
from ekosysteemi.testing import aware_datetimes

STYLES = ("short", "medium", "long", "full")


@pytest.mark.parametrize("text", ["2.12.2022", "02.12.2022", "2022-12-02"])
def test_parse_date_reads_the_wire_forms_without_a_language(text):
    assert date(2022, 12, 2) == fi.parse_date(text)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("  2.12.2022 ", "fi"),
        ("2. joulukuuta 2022", "fi"),
        ("perjantai 2. joulukuuta 2022", "fi"),
        ("2 december 2022", "sv"),
        ("fredag 2 december 2022", "sv"),
        ("2 dec. 2022", "sv"),
        ("2 Dec 2022", "en"),
        ("Friday, 2 December 2022", "en"),
        ("02/12/2022", "en"),
        ("2/12/2022", "en"),
    ],
)
def test_parse_date_reads_a_languages_forms_when_asked(text, lang):
    assert date(2022, 12, 2) == fi.parse_date(text, lang=lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("2. joulukuuta 2022", None),
        ("  2.12.2022 ", None),
        ("02/12/2022", None),
        ("02/12/2022", "fi"),
        ("02/12/2022", "sv"),
        ("2 december 2022", "fi"),
        ("2. joulukuuta 2022", "en"),
    ],
)
def test_a_form_is_read_only_in_its_own_language(text, lang):
    with pytest.raises(ValidationError) as caught:
        fi.parse_date(text, lang=lang)
    assert "date.invalid" == caught.value.errors[0].code
    # A month name given without a language: the error says how it is read.
    assert ('lang="fi"' in caught.value.errors[0].message) == (
        lang is None and any(ch.isalpha() for ch in text)
    )


@pytest.mark.parametrize("text", ["31.2.2022", "29.2.2023", "2022-02-30", "0.1.2022", "1.13.2022"])
def test_impossible_dates_are_errors_not_rolled_over(text):
    with pytest.raises(ValidationError) as caught:
        fi.parse_date(text)
    assert caught.value.errors[0].code in {"date.nonexistent", "date.invalid"}
    assert caught.value.errors[0].value == text


def test_leap_day_exists_in_a_leap_year():
    assert date(2024, 2, 29) == fi.parse_date("29.2.2024")


@pytest.mark.parametrize(
    "junk",
    [
        None,
        3,
        2.5,
        b"2.12.2022",
        "",
        "2.12.22",
        "2022-12-2",
        "2.12.2022 klo 16.15",
        "torstai 2. joulukuuta 2022",
        "2. smarch 2022",
        "x" * 1000,
        date(2022, 12, 2),
    ],
)
def test_parse_date_refuses_junk_with_a_validation_error(junk):
    with pytest.raises(ValidationError) as caught:
        fi.parse_date(junk)
    assert "expected" in str(caught.value) or "weekday" in str(caught.value)


def test_a_wrong_weekday_is_refused():
    with pytest.raises(ValidationError) as caught:
        fi.parse_date("torstai 2. joulukuuta 2022", lang="fi")
    assert "date.weekday" == caught.value.errors[0].code


@given(
    day=st.dates(min_value=date(1000, 1, 1)),
    style=st.sampled_from(STYLES),
    lang=st.sampled_from(["fi", "sv", "en"]),
)
def test_parse_date_reads_back_every_format_date_output(day, style, lang):
    """Over the whole range the library writes: the years 1000-9999."""
    assert day == fi.parse_date(fi.format_date(day, style=style, lang=lang), lang=lang)


@given(day=st.dates(max_value=date(999, 12, 31)), lang=st.sampled_from(["fi", "sv", "en"]))
def test_years_below_1000_are_neither_written_nor_read(day, lang):
    with pytest.raises(ValidationError) as caught:
        fi.format_date(day, lang=lang)
    assert "date.out_of_range" == caught.value.errors[0].code
    with pytest.raises(ValidationError):
        fi.parse_date(day.isoformat())


def test_format_date_styles_in_finnish_and_swedish():
    day = date(2022, 12, 2)
    assert "2.12.2022" == fi.format_date(day)
    assert "2. joulukuuta 2022" == fi.format_date(day, style="long")
    assert "perjantai 2. joulukuuta 2022" == fi.format_date(day, style="full")
    assert "2 december 2022" == fi.format_date(day, style="long", lang="sv")
    assert "2 December 2022" == fi.format_date(day, style="long", lang="en")


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: fi.format_date(datetime(2022, 12, 2)), "type"),
        (lambda: fi.format_date("2.12.2022"), "type"),
        (lambda: fi.format_date(date(2022, 12, 2), style="huge"), "style.unsupported"),
        (lambda: fi.format_date(date(2022, 12, 2), lang="de"), "lang.unsupported"),
    ],
)
def test_format_date_refuses_what_it_cannot_write(call, code):
    with pytest.raises(ValidationError) as caught:
        call()
    assert code == caught.value.errors[0].code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2.12.2022 klo 16.15", datetime(2022, 12, 2, 16, 15)),
        ("2.12.2022 16.15", datetime(2022, 12, 2, 16, 15)),
        ("2.12.2022 16:15", datetime(2022, 12, 2, 16, 15)),
        ("02.12.2022 klo 9.05", datetime(2022, 12, 2, 9, 5)),
        ("2022-12-02T16:15", datetime(2022, 12, 2, 16, 15)),
        ("2022-12-02 16:15:30", datetime(2022, 12, 2, 16, 15, 30)),
        ("16.6.2023 klo 16.15", datetime(2023, 6, 16, 16, 15)),
    ],
)
def test_parse_datetime_reads_helsinki_wall_time(text, expected):
    parsed = fi.parse_datetime(text)
    assert parsed.tzinfo is not None
    assert expected == parsed.replace(tzinfo=None)
    assert fi.HELSINKI.utcoffset(expected) == parsed.utcoffset()


def test_swedish_and_english_date_times_need_their_language():
    assert datetime(2022, 12, 2, 16, 15) == fi.parse_datetime(
        "2.12.2022 kl. 16.15", lang="sv"
    ).replace(tzinfo=None)
    assert datetime(2028, 12, 2, 13, 28) == fi.parse_datetime(
        "2 Dec 2028, 13.28.00", lang="en"
    ).replace(tzinfo=None)
    with pytest.raises(ValidationError):
        fi.parse_datetime("2.12.2022 kl. 16.15")


def test_parse_datetime_keeps_an_explicit_offset_as_the_same_instant():
    parsed = fi.parse_datetime("2022-12-01T12:00:00Z")
    assert datetime(2022, 12, 1, 12, tzinfo=UTC) == parsed
    assert "2022-12-01T14:00:00+02:00" == parsed.isoformat()


@pytest.mark.parametrize("text", ["16.15", "klo 16.15", "16:15"])
def test_a_time_without_a_date_is_an_error(text):
    with pytest.raises(ValidationError) as caught:
        fi.parse_datetime(text)
    assert "datetime.no_date" == caught.value.errors[0].code


def test_the_spring_forward_hour_does_not_exist():
    with pytest.raises(ValidationError) as caught:
        fi.parse_datetime("26.3.2023 klo 3.30")
    assert "datetime.nonexistent" == caught.value.errors[0].code


@pytest.mark.parametrize("fold", [0, 1])
def test_a_helsinki_zoned_moment_the_clocks_skip_is_refused_as_a_naive_one(fold):
    # astimezone() hands a datetime in its own zone back unchanged, so the skipped wall
    # time used to stay (03.00+02:00 or +03:00, never shown on a Helsinki clock).
    skipped = datetime(2036, 3, 30, 3, 0, tzinfo=fi.HELSINKI, fold=fold)
    with pytest.raises(ValidationError) as caught:
        fi.to_helsinki(skipped)
    assert "datetime.nonexistent" == caught.value.errors[0].code


@given(moment=st.datetimes(timezones=st.just(fi.HELSINKI), min_value=datetime(1900, 1, 1)))
def test_a_helsinki_zoned_moment_keeps_its_instant_and_wall_time(moment):
    try:
        local = fi.to_helsinki(moment)
    except ValidationError:  # a skipped wall time: nothing on the clocks to keep
        wall = moment.replace(tzinfo=None)
        assert (
            wall.replace(tzinfo=fi.HELSINKI)
            .astimezone(UTC)
            .astimezone(fi.HELSINKI)
            .replace(tzinfo=None)
            != wall
        )
        return
    # The same instant (== across zones is False in the repeated hour, by PEP 495).
    assert local.timestamp() == moment.timestamp()
    assert local.replace(tzinfo=None) == moment.replace(tzinfo=None, fold=0)
    assert local.utcoffset() == moment.utcoffset()  # the fold says which autumn pass


_WINTER = fi.to_helsinki(datetime(2023, 1, 1, tzinfo=UTC)).tzinfo  # the shared +02:00
_SUMMER = fi.to_helsinki(datetime(2023, 7, 1, tzinfo=UTC)).tzinfo  # the shared +03:00


@given(
    moment=st.datetimes(  # from 1922: Helsinki kept local mean time (+01:39:49) until 1921
        min_value=datetime(1922, 1, 1),
        max_value=datetime(2100, 12, 31),
        timezones=st.sampled_from([_WINTER, _SUMMER, timezone(timedelta(hours=2))]),
    )
    | st.sampled_from(  # the clock changes of 2023, where a shortcut would go wrong
        [datetime(2023, 3, 26, h, 30, tzinfo=z) for h in (2, 3, 4) for z in (_WINTER, _SUMMER)]
        + [
            datetime(2023, 10, 29, h, 30, tzinfo=z, fold=f)
            for h in (2, 3, 4)
            for z in (_WINTER, _SUMMER)
            for f in (0, 1)
        ]
    )
)
def test_a_fixed_offset_moment_is_shown_as_helsinkis_clocks_show_it(moment):
    local = fi.to_helsinki(moment)
    by_definition = moment.astimezone(fi.HELSINKI)
    assert local.timestamp() == moment.timestamp()
    assert by_definition.replace(tzinfo=None, fold=0) == local.replace(tzinfo=None)
    assert by_definition.utcoffset() == local.utcoffset()
    assert 0 == local.fold
    assert local.tzinfo in (_WINTER, _SUMMER)


def test_the_repeated_autumn_hour_is_its_first_occurrence():
    parsed = fi.parse_datetime("29.10.2023 klo 3.30")
    assert timedelta(hours=3) == parsed.utcoffset()
    assert datetime(2023, 10, 29, 0, 30, tzinfo=UTC) == parsed


@pytest.mark.parametrize(
    "junk",
    [
        None,
        5,
        "",
        "2.12.2022",
        "2.12.2022 klo 25.00",
        "2.12.2022 klo 16.61",
        "klo",
        "yesterday at noon",
    ],
)
def test_parse_datetime_refuses_junk(junk):
    with pytest.raises(ValidationError):
        fi.parse_datetime(junk)


def test_format_datetime_shows_helsinki_time_whatever_the_zone():
    moment = datetime(2022, 12, 2, 14, 15, tzinfo=UTC)
    assert "2.12.2022 klo 16.15" == fi.format_datetime(moment)
    assert "2.12.2022 klo 16.15" == fi.format_datetime(
        moment.astimezone(timezone(timedelta(hours=-5)))
    )
    assert "2.12.2022 kl. 16.15" == fi.format_datetime(moment, lang="sv")
    assert "2. joulukuuta 2022 klo 16.15" == fi.format_datetime(moment, style="long")


def _is_plain_local_minute(moment: datetime) -> bool:
    """Not in the repeated autumn hour (the spring gap is never generated)."""
    wall = moment.replace(tzinfo=None)
    first = wall.replace(tzinfo=fi.HELSINKI, fold=0).utcoffset()
    second = wall.replace(tzinfo=fi.HELSINKI, fold=1).utcoffset()
    return first == second


@given(
    moment=aware_datetimes().map(lambda m: m.replace(second=0)).filter(_is_plain_local_minute),
    style=st.sampled_from(STYLES),
    lang=st.sampled_from(["fi", "sv", "en"]),
)
def test_every_helsinki_minute_survives_format_and_parse(moment, style, lang):
    text = fi.format_datetime(moment, style=style, lang=lang)
    assert moment == fi.parse_datetime(text, lang=lang)


@given(
    moment=aware_datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 30)).filter(
        _is_plain_local_minute
    ),
    width=st.sampled_from(["short", "medium"]),
    lang=st.sampled_from(["fi", "sv", "en"]),
)
def test_babels_own_date_times_parse_back(moment, width, lang):
    """Babel's fi_FI, sv_FI and en_FI short (minutes) and medium (seconds) date-times read
    back with their language; the forms come from the installed Babel's patterns."""
    from babel.dates import format_datetime

    locale = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_FI"}[lang]
    wall = moment.replace(tzinfo=None)
    text = format_datetime(wall, width, locale=locale)
    expected = wall.replace(second=0) if width == "short" else wall
    assert expected == fi.parse_datetime(text, lang=lang).replace(tzinfo=None)


def test_format_period_uses_an_en_dash():
    from ekosysteemi import Period

    period = Period(start=date(2021, 1, 1), end=date(2029, 12, 31))
    assert "1.1.2021–31.12.2029" == fi.format_period(period)
    with pytest.raises(ValidationError):
        fi.format_period("1.1.2021-31.12.2029")


def test_parse_time_reads_finnish_and_iso_times():
    assert time(16, 15) == fi.parse_time("klo 16.15")
    assert time(16, 15, 5) == fi.parse_time("16:15:05")
    with pytest.raises(ValidationError):
        fi.parse_time("24.00")
