"""How objects show themselves to a developer (``repr``) and in a notebook
(``_repr_html_``), in a language chosen once with :func:`set_language`.

The choice affects only these views: every ``lang=`` parameter keeps its own
default (Finnish). It is one setting for the process, not per thread or
task, because a notebook runs each cell in its own context and a context
variable set in one cell would not reach the next.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

from ekosysteemi._i18n import N_, Lang, check_lang, translate

if TYPE_CHECKING:
    from ekosysteemi._catalogue import Catalogue
    from ekosysteemi._model import Call

__all__ = [
    "call_facts",
    "call_title",
    "compact",
    "display_language",
    "escape",
    "set_language",
    "table",
]

#: The longest a ``repr`` gets.
LIMIT: Final = 120
_CHOSEN: list[Lang] = ["fi"]


def set_language(lang: str) -> None:
    """Show ``repr`` and notebook views in ``lang`` (``"fi"``, the default, ``"sv"`` or
    ``"en"``); ``lang=`` parameters keep their own default."""
    _CHOSEN[0] = check_lang(lang)


def display_language() -> Lang:
    """The language :func:`set_language` chose."""
    return _CHOSEN[0]


def _cut(text: str, room: int) -> str:
    return text if len(text) <= room else text[: max(room - 1, 0)] + "…"


def compact(kind: str, ident: str, detail: str = "") -> str:
    """``<Kind id 'detail'>`` in at most :data:`LIMIT` characters, the detail cut first."""
    ident = _cut(" ".join(ident.split()), LIMIT // 2)
    head = f"<{kind} {ident}"
    if not detail:
        return head + ">"
    room = LIMIT - len(head) - 4  # a space, two quotes and ">"
    return f"{head} '{_cut(' '.join(detail.split()), room)}'>"


def escape(value: object) -> str:
    import html

    return html.escape(str(value), quote=True)


def table(
    rows: Iterable[Sequence[object]], header: Sequence[str] | None = None, lang: Lang = "fi"
) -> str:
    """An HTML table of ``rows``; every cell and heading escaped, headings translated."""
    head = ""
    if header is not None:
        cells = "".join(f"<th>{escape(translate(h, lang))}</th>" for h in header)
        head = f"<thead><tr>{cells}</tr></thead>"
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table>{head}<tbody>{body}</tbody></table>"


def facts(rows: Iterable[tuple[str, object]], lang: Lang) -> str:
    """A two-column table: each label (a message id) and its value."""
    return table(((translate(label, lang), value) for label, value in rows), None, lang)


def funds(call: Call, lang: Lang) -> str:
    """The call's funds as a person reads them (``noin 277 000,00 €`` when approximate)."""
    from ekosysteemi._rules._messages import render
    from ekosysteemi.fi._money import format_euros

    if call.available_funding_approximate:
        return render(N_("about {amount:euros}"), {"amount": call.available_funding}, lang)
    return format_euros(call.available_funding, lang)


def call_title(call_id: str, lang: Lang) -> str:
    """The title of the bundled call ``call_id``, or the id as written when there is
    none (a city's own call)."""
    from ekosysteemi._catalogue import Catalogue

    try:
        return Catalogue.bundled().call(call_id).title.get(lang)
    except LookupError:
        return call_id


def call_facts(call: Call, catalogue: Catalogue | None, lang: Lang) -> list[tuple[str, str]]:
    """What a call admits, as (label, value) pairs: the label a message id, the value
    words in ``lang``. Focus areas and cities are named from ``catalogue`` when it
    knows them."""
    from ekosysteemi._catalogue import Catalogue
    from ekosysteemi._rules._messages import N_n, plain, render
    from ekosysteemi.fi._money import format_percent

    known = catalogue if catalogue is not None else Catalogue.bundled()
    anything = translate(N_("no restriction"), lang)

    def listed(values: Any) -> str:
        if values is None:
            return anything
        return ", ".join(sorted(plain(value, lang) for value in values))

    def area(theme_id: str) -> str:
        try:
            return known.theme(theme_id).name.get(lang)
        except LookupError:
            return theme_id  # a city's own focus area the catalogue lacks: as written

    try:
        deal = known.agreement(call.agreement_id)
        cities = ", ".join(known.city(c).name.get(lang) for c in deal.cities)
    except LookupError:
        cities = call.agreement_id
    longest = (
        anything
        if call.max_duration_months is None
        else render(
            N_n("{months} month", "{months} months", "months"),
            {"months": call.max_duration_months},
            lang,
        )
    )
    intensity = (
        translate(N_("the programme's default"), lang)
        if call.max_aid_intensity is None
        else format_percent(call.max_aid_intensity, lang)
    )
    criteria = ", ".join(c.name.get(lang) for c in call.criteria)
    return [
        (N_("agreement"), cities),
        (N_("window"), call.window_text(lang)),
        (N_("funds"), funds(call, lang)),
        (N_("focus areas"), ", ".join(area(a) for a in call.focus_areas) or anything),
        (N_("applicants"), listed(call.eligible_applicants)),
        (N_("project types"), listed(call.project_types)),
        (N_("cost models"), listed(call.cost_models)),
        (N_("longest period"), longest),
        (N_("largest aid intensity"), intensity),
        (N_("criteria"), criteria or translate(N_("none"), lang)),
    ]
