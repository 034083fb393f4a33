"""Euros and percentages as Finland writes them: ``1 234 567,89 €``, ``80 %``."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any, Final

from ekosysteemi._errors import ValidationError, invalid
from ekosysteemi._i18n import N_, Lang
from ekosysteemi.fi._dates import locale_for

__all__ = [
    "CENT",
    "MAX_AMOUNT",
    "as_amount",
    "float_money",
    "format_euros",
    "format_number",
    "format_percent",
    "parse_euros",
]

#: The largest amount the library accepts, in euros.
MAX_AMOUNT: Final = Decimal(10) ** 12
CENT: Final = Decimal("0.01")
#: The largest share ``format_percent`` writes (a hundred million per cent).
MAX_SHARE: Final = Decimal(10) ** 6

_EXPECTED = N_("expected an amount in euros such as 1 234 567,89 € or 443909, got {value}")
_EUROS: Final = re.compile(
    r"(?P<sign>[-\u2212])?\s*"
    r"(?P<int>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)"
    r"(?:[,.](?P<frac>\d{1,2}))?"
    r"(?:[ \u00a0\u202f]?(?:€|EUR))?"
)
_MAX_TEXT: Final = 40


def float_money(value: float, path: str = "$", *, loader: bool = False) -> ValidationError:
    """The error for a ``float`` given as money: it cannot hold cents exactly.

    The advice fits the function in hand: a constructor or a formatter takes a
    ``Decimal``; the loader (``from_dict``) takes a string or, through ``loads``,
    an exact JSON number.
    """
    if loader:
        return invalid(
            "money.float",
            N_(
                "got the float {value}, which has already lost exactness; give a string such "
                'as "1234.50", or read the JSON text with eko.loads, which reads JSON numbers '
                "exactly"
            ),
            value,
            path,
        )
    return invalid(
        "money.float",
        N_(
            'expected an exact amount as a Decimal such as Decimal("1234.50"), not a float, '
            "got {value}"
        ),
        value,
        path,
    )


def as_amount(value: object, *, path: str = "$", signed: bool = False) -> Decimal:
    """Check that ``value`` is an exact amount of euros and return it as a ``Decimal``.

    Accepts ``Decimal`` and ``int`` (not ``bool``); refuses ``float`` (it cannot
    hold cents exactly), non-finite values, more than two decimals, amounts
    over 10^12 euros and, unless ``signed``, negative amounts.
    """
    if type(value) is Decimal and value.is_finite():  # the common case, checked cheaply
        exponent = value.as_tuple().exponent
        if (
            isinstance(exponent, int)
            and exponent >= -2
            and value.copy_abs() <= MAX_AMOUNT
            and (signed or value >= 0)
        ):
            return value
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        if isinstance(value, float):
            raise float_money(value, path)
        raise invalid("money.type", N_("expected an amount in euros, got {value}"), value, path)
    amount = Decimal(value)
    if not amount.is_finite():
        raise invalid("money.not_finite", N_("expected a finite amount, got {value}"), value, path)
    if amount.copy_abs() > MAX_AMOUNT:
        raise invalid(
            "money.too_large",
            N_("expected an amount of at most 10^12 euros, got {value}"),
            value,
            path,
        )
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and amount != amount.quantize(CENT):
        raise invalid(
            "money.decimals", N_("expected at most two decimals (cents), got {value}"), value, path
        )
    if amount < 0 and not signed:
        raise invalid(
            "money.negative", N_("expected an amount of zero or more, got {value}"), value, path
        )
    return amount


#: What needs no reading beyond ``Decimal``: at most 12 digits (under the 10^12
#: limit), at most two decimals, no sign.
PLAIN_AMOUNT: Final = re.compile(r"[0-9]{1,12}(?:\.[0-9]{1,2})?")


def parse_euros(text: object) -> Decimal:
    """An amount of euros written in Finland, as an exact ``Decimal``.

    >>> parse_euros("1 234 567,89 €")
    Decimal('1234567.89')
    >>> parse_euros("66166.42")
    Decimal('66166.42')

    Reads U+00A0, U+202F or plain spaces as group separators, no grouping
    (``443909``), a dot as the decimal point of machine exports, and U+2212
    as a minus sign. Refuses letters, several decimal separators, exponents,
    dates (``17.10.2014``) and more than two decimals.
    """
    if not isinstance(text, str) or len(text) > _MAX_TEXT:
        raise invalid("money.invalid", _EXPECTED, text)
    if PLAIN_AMOUNT.fullmatch(text):  # a machine export's 443909 or 66166.42: nothing to undo
        return Decimal(text)
    m = _EUROS.fullmatch(text.strip())
    if m is None:
        raise invalid("money.invalid", _EXPECTED, text)
    digits = re.sub(r"[ \u00a0\u202f]", "", m["int"])
    if m["frac"]:
        digits += "." + m["frac"]
    try:
        amount = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise invalid("money.invalid", _EXPECTED, text) from None
    if m["sign"]:
        amount = -amount
    return as_amount(amount, signed=True)


@cache
def _currency_pattern(lang: str) -> tuple[Any, Any]:
    """The locale and its CLDR standard currency pattern, parsed once."""
    locale = locale_for(lang)
    return locale, locale.currency_formats["standard"]


def format_euros(amount: Decimal | int, lang: Lang | str = "fi") -> str:
    """``amount`` in euros as Finland writes it, through CLDR (Babel).

    >>> format_euros(Decimal("1234567.89"))
    '1\\xa0234\\xa0567,89\\xa0€'

    An amount with more than two decimals is refused rather than rounded.
    The output is exactly Babel's ``format_currency(amount, "EUR", locale)``;
    the locale's pattern is looked up once instead of on every call.
    """
    checked = as_amount(amount, signed=True)
    locale, pattern = _currency_pattern(lang)
    return str(pattern.apply(checked, locale, currency="EUR", currency_digits=True))


def format_number(number: Decimal | int, lang: Lang | str = "fi") -> str:
    """A number as the language writes it, every decimal kept: ``1\xa0234,5`` in Finnish.

    >>> format_number(Decimal("100000.123"))
    '100\xa0000,123'
    """
    from babel.numbers import format_decimal

    if isinstance(number, bool) or not isinstance(number, Decimal | int):
        raise invalid("type", N_("expected a number, got {value}"), number)
    return str(format_decimal(number, locale=locale_for(lang), decimal_quantization=False))


def format_percent(fraction: Decimal | int, lang: Lang | str = "fi") -> str:
    """A fraction as a percentage: ``format_percent(Decimal("0.8")) == "80\\xa0%"``.

    Decimals are kept, not rounded: ``Decimal("0.875")`` is ``87,5 %``.
    """
    from babel.numbers import format_percent as babel_format_percent

    share = fraction if isinstance(fraction, Decimal) else None
    if isinstance(fraction, int) and not isinstance(fraction, bool):
        share = Decimal(fraction)
    # A finite share of at most a million times the whole, with at most 20 decimals.
    if (
        share is None
        or not share.is_finite()
        or share.copy_abs() > MAX_SHARE
        or share != share.quantize(Decimal(10) ** -20)
    ):
        raise invalid(
            "percent.invalid",
            N_("expected a share as a Decimal such as 0.8 (80 %), got {value}"),
            fraction,
        )
    return str(babel_format_percent(fraction, locale=locale_for(lang), decimal_quantization=False))
