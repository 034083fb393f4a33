"""Rendering the messages of findings in Finnish, Swedish or English.

Templates name their values with a format spec saying how to write them in
the reader's language: ``{limit:euros}``, ``{share:percent}``,
``{deadline:date}``, ``{moment:datetime}``, ``{areas:list}``. A template is
an English gettext message id (the standard rules, translated by the
catalogues) or a mapping of language to text (a city's own rules).
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import ROUND_FLOOR, Decimal
from typing import Any

import attrs

from ekosysteemi._i18n import N_, check_lang, translate, translate_plural
from ekosysteemi._model._enums import Labelled
from ekosysteemi._model._values import Deadline, LocalizedText, Period
from ekosysteemi.fi._dates import format_date, format_datetime, format_period
from ekosysteemi.fi._money import CENT, format_euros, format_number, format_percent

__all__ = ["N_n", "Plural", "Template", "floor_cents", "plain", "render"]


@attrs.frozen
class Plural:
    """A message whose form follows a number, through gettext's plural forms
    (``1 kuukausi``, ``2 kuukautta``).

    Attributes:
        singular: the English message id in the singular.
        plural: the English message id in the plural.
        count: the name of the parameter whose value picks the form.
    """

    singular: str
    plural: str
    count: str

    def texts(self) -> tuple[str, str]:
        return (self.singular, self.plural)


def N_n(singular: str, plural: str, count: str) -> Plural:
    """Mark a plural message for extraction (``pybabel extract -k N_n:1,2``)."""
    return Plural(singular, plural, count)


#: An English message id, a plural message, or a text per language
#: (``{"fi": …, "sv": …, "en": …}``, a city's own).
Template = str | Plural | Mapping[str, str]


def floor_cents(amount: Decimal) -> Decimal:
    """``amount`` cut down to whole cents: a limit is never rounded in the applicant's favour."""
    return amount.quantize(CENT, rounding=ROUND_FLOOR)


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        lang = self.lang
        if format_spec == "euros":
            return format_euros(floor_cents(Decimal(value)), lang)
        if format_spec == "percent":
            return format_percent(Decimal(value), lang)
        if format_spec == "date":
            if isinstance(value, Deadline):
                if value.time is None:
                    return format_date(value.date, lang=lang)
                return format_datetime(datetime.combine(value.date, value.time), lang=lang)
            if isinstance(value, datetime):
                return format_datetime(value, lang=lang)
            return format_date(value, lang=lang)
        if format_spec == "datetime":
            return format_datetime(value, lang=lang)
        if format_spec == "list":
            return ", ".join(plain(item, lang) for item in _sorted(value, lang))
        return plain(value, lang)


def _sorted(values: Iterable[Any], lang: str) -> list[Any]:
    items = list(values)
    return (
        items if isinstance(values, list | tuple) else sorted(items, key=lambda v: plain(v, lang))
    )


def plain(value: Any, lang: str) -> str:
    """``value`` as a person reads it in ``lang``: an enumeration member by its label, a
    text in several languages in ``lang``, a number, date or period in the language's
    form; never a wire value or a Python repr."""
    if value is None:
        return "–"  # unknown; never the word "None"
    if isinstance(value, Labelled):
        return value.label(lang)
    if isinstance(value, LocalizedText):
        return value.get(lang)
    if isinstance(value, bool):
        return translate(N_("yes") if value else N_("no"), lang)
    if isinstance(value, Decimal | int):
        return format_number(value, lang)
    if isinstance(value, datetime):
        return format_datetime(value, lang=lang)
    if isinstance(value, date):
        return format_date(value, lang=lang)
    if isinstance(value, Period):
        return format_period(value, lang=lang)
    if isinstance(value, Deadline):
        return _Formatter(lang).format_field(value, "date")
    return str(value)


def text_of(template: Template, lang: str, params: Mapping[str, Any] | None = None) -> str:
    """The template's text in ``lang``; a city's text that lacks ``lang`` falls back to
    its Finnish, which every template has (``check()`` makes sure). A plural message
    takes its form from ``params``."""
    if isinstance(template, str):
        return translate(template, lang)
    if isinstance(template, Plural):
        count = (params or {}).get(template.count, 2)
        return translate_plural(template.singular, template.plural, int(count), lang)
    return template.get(lang) or template["fi"]


def render(template: Template, params: Mapping[str, Any], lang: str) -> str:
    """``template`` in ``lang`` with ``params`` written as that language writes them."""
    language = check_lang(lang)
    return _Formatter(language).vformat(text_of(template, language, params), (), dict(params))
