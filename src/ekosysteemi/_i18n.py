"""Translation of the messages shown to people, through gettext catalogues.

Source strings are English and are marked with :func:`N_` where they are
defined, so that ``pybabel extract -k N_`` finds them; the compiled
catalogues live in ``ekosysteemi/locale/<lang>/LC_MESSAGES/ekosysteemi.mo``
(see ``docs/translating.md`` for how they are built).
"""

from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    import gettext

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "Lang",
    "Msg",
    "check_lang",
    "is_known_message",
    "translate",
    "translate_plural",
]

DOMAIN: Final = "ekosysteemi"
LOCALE_DIR: Final = os.path.join(os.path.dirname(__file__), "locale")  # no pathlib at import
Lang = Literal["fi", "sv", "en"]
LANGUAGES: Final[tuple[Lang, ...]] = ("fi", "sv", "en")


class Msg(str):
    """A string that is a message id: translated before it is shown."""

    __slots__ = ()


#: The message ids made so far: the same text is the same object, whose hash is
#: computed once (findings are remembered by their templates).
_MSGS: dict[str, Msg] = {}
_MAX_MSGS: Final = 10_000


def N_(message: str) -> Msg:
    """Mark ``message`` for extraction; it is translated when rendered."""
    found = _MSGS.get(message)
    if found is None:
        found = Msg(message)
        if len(_MSGS) < _MAX_MSGS:
            _MSGS[found] = found
    return found


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    import gettext

    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def check_lang(lang: object) -> Lang:
    """Return ``lang`` if it is a supported language, else raise ``ValidationError``."""
    if isinstance(lang, str) and lang in LANGUAGES:
        return lang
    from ekosysteemi._errors import ErrorDetail, ValidationError

    raise ValidationError(
        [
            ErrorDetail(
                path="$.lang",
                code="lang.unsupported",
                value=lang,
                template=N_("expected one of {choices}, got {value}"),
                params={"choices": "fi, sv, en"},
            )
        ]
    )


def is_known_message(message: str) -> bool:
    """Whether ``message`` is one of the library's message ids, with a Finnish text in
    the catalogue (a city's own text must come as a text per language instead)."""
    catalogue = getattr(_catalogue("fi"), "_catalog", {})
    return message in catalogue or (message, 0) in catalogue


def translate_plural(singular: str, plural: str, count: int, lang: str) -> str:
    """The form of a plural message for ``count`` in ``lang`` (gettext's plural forms)."""
    return _catalogue(check_lang(lang)).ngettext(singular, plural, count)


def translate(message: str, lang: str) -> str:
    """The translation of ``message`` into ``lang`` (the message itself if none)."""
    return _catalogue(check_lang(lang)).gettext(message)
