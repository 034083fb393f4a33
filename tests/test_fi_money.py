from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ekosysteemi import ValidationError, fi
from ekosysteemi.testing import amounts

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"1{NBSP}234{NBSP}567,89{NBSP}€", "1234567.89"),
        (f"1{NNBSP}234{NNBSP}567,89 €", "1234567.89"),
        ("1 234 567,89 €", "1234567.89"),
        ("1 234 567,89", "1234567.89"),
        ("443909", "443909"),
        ("66166.42", "66166.42"),
        ("66166,4", "66166.4"),
        ("\u2212500,00 €", "-500.00"),
        ("-500", "-500"),
        ("0", "0"),
        ("375000 EUR", "375000"),
    ],
)
def test_parse_euros_reads_what_finnish_documents_write(text, expected):
    assert Decimal(expected) == fi.parse_euros(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "1,234,56",
        "1.234.567",
        "1e5",
        "17.10.2014",
        "1,234",
        "12.345",
        "1 23 456",
        "12 3456",
        "€ 100",
        "NaN",
        "Infinity",
        "1_000",
        "10000000000000",
        None,
        5,
        Decimal("5"),
        "1" * 100,
    ],
)
def test_parse_euros_refuses_everything_else(text):
    with pytest.raises(ValidationError) as caught:
        fi.parse_euros(text)
    assert caught.value.errors[0].code in {"money.invalid", "money.too_large"}


def test_format_euros_matches_the_contract():
    assert f"1{NBSP}234{NBSP}567,89{NBSP}€" == fi.format_euros(Decimal("1234567.89"))
    assert f"0,00{NBSP}€" == fi.format_euros(0)


@pytest.mark.parametrize("bad", [1.5, Decimal("1.005"), Decimal("NaN"), "100", True, None])
def test_format_euros_never_rounds_or_guesses(bad):
    with pytest.raises(ValidationError):
        fi.format_euros(bad)


@given(amount=amounts(), lang=st.sampled_from(["fi", "sv", "en"]))
def test_every_amount_survives_format_and_parse(amount, lang):
    assert amount == fi.parse_euros(fi.format_euros(amount, lang=lang))


@given(amount=amounts(min_value=-(10**12), max_value=0))
def test_negative_amounts_survive_too(amount):
    assert amount == fi.parse_euros(fi.format_euros(amount))


def test_format_percent_takes_a_fraction_and_keeps_decimals():
    assert f"80{NBSP}%" == fi.format_percent(Decimal("0.8"))
    assert f"87,5{NBSP}%" == fi.format_percent(Decimal("0.875"))
    with pytest.raises(ValidationError):
        fi.format_percent(0.8)


@given(amount=amounts(min_value=-(10**12)), lang=st.sampled_from(["fi", "sv", "en"]))
def test_format_euros_writes_exactly_what_babel_format_currency_writes(amount, lang):
    from babel.numbers import format_currency

    locale = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_FI"}[lang]
    assert format_currency(amount, "EUR", locale=locale) == fi.format_euros(amount, lang=lang)


@given(st.from_regex(r"[0-9]{1,12}(\.[0-9]{1,2})?", fullmatch=True))
def test_a_plain_amount_reads_as_the_full_reader_reads_it(text):
    # The plain form takes a short cut; with a currency sign it takes the full reader.
    quick, full = fi.parse_euros(text), fi.parse_euros(text + " €")
    assert full == quick
    assert full.as_tuple() == quick.as_tuple()
