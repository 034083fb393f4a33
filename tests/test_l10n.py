"""The message catalogues: complete, consistent with the code, and compiled from the .po files."""

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

import ekosysteemi as eko
from ekosysteemi._i18n import LANGUAGES
from ekosysteemi._i18n import LOCALE_DIR as _LOCALE_DIR

LOCALE_DIR = Path(_LOCALE_DIR)

SRC = Path(eko.__file__).parent
PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
#: A translation may equal the Finnish text only when the .po marks it so.
SAME_FLAG = "same-as-fi"


def _catalogue(lang):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "ekosysteemi.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def _source_messages():
    found = set()
    for path in SRC.rglob("*.py"):
        keywords = {"N_": None, "N_n": (1, 2)}
        for _, message, _, _ in extract_from_file("python", str(path), keywords=keywords):
            found.add(message)
    return found


def test_the_template_lists_every_message_in_the_code():
    with (LOCALE_DIR / "ekosysteemi.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    source = _source_messages()
    assert source, "no marked messages found"
    assert set() == source - template, "run scripts/catalogues.sh"
    assert set() == template - source, "run scripts/catalogues.sh"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated_with_the_same_placeholders(lang):
    catalogue = _catalogue(lang)
    for message in _source_messages():
        entry = catalogue.get(message)
        assert entry is not None, f"{lang}: {message!r} is missing"
        assert entry.string, f"{lang}: no translation of {message!r}"
        sources = message if isinstance(message, tuple) else (message,)
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = set(PLACEHOLDER.findall(sources[-1]))
        for form in forms:
            assert form, f"{lang}: a plural form of {message!r} is empty"
            assert wanted == set(PLACEHOLDER.findall(form)), (
                f"{lang}: placeholders differ in {form!r}"
            )


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_translation_merely_repeats_the_finnish_unless_marked(lang):
    finnish = _catalogue("fi")
    for entry in _catalogue(lang):
        if entry.id and entry.string == finnish.get(entry.id).string:
            assert SAME_FLAG in entry.flags, f"{lang} repeats the Finnish {entry.string!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_catalogue_is_built_from_the_po_file(lang):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "ekosysteemi.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in _catalogue(lang):
        if isinstance(entry.id, tuple):  # a plural message: each form for a count
            for count, form in ((1, entry.string[0]), (2, entry.string[-1])):
                assert form == compiled.ngettext(*entry.id, count), "run scripts/catalogues.sh"
        elif entry.id:
            assert entry.string == compiled.gettext(entry.id), "run scripts/catalogues.sh compile"


def test_validation_errors_speak_finnish_and_swedish():
    with pytest.raises(eko.ValidationError) as caught:
        eko.Organisation(name="E", business_id="0204819-9", kind="company")
    detail = caught.value.errors[0]
    assert (
        "$.business_id: the check digit of the business ID '0204819-9' is wrong" == detail.message
    )
    assert "$.business_id: Y-tunnuksen '0204819-9' tarkistusmerkki on väärä" == detail.message_in(
        "fi"
    )
    assert "$.business_id: kontrolltecknet i FO-numret '0204819-9' är fel" == detail.message_in(
        "sv"
    )
    assert detail.message_in("fi") in caught.value.explain("fi")
    with pytest.raises(eko.ValidationError):
        detail.message_in("de")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_window_text_is_in_one_language(lang):
    from datetime import datetime

    call = eko.call("seinajoki-2022-12")
    expected = {
        "fi": "Hakuaika päättyy 2.12.2022 (aikaa jäljellä 2 päivää)",
        "sv": "Ansökningstiden går ut 2.12.2022 (2 dygn kvar)",
        "en": "The application period ends on 2 Dec 2022 (2 days left)",
    }[lang]
    # 2 days 12 hours are left: the time left is cut down, never rounded up.
    assert expected == call.window_text(lang, at=datetime(2022, 11, 30, 12))
    closed = {
        "fi": "Hakuaika päättyi 2.12.2022",
        "sv": "Ansökningstiden gick ut 2.12.2022",
        "en": "The application period ended on 2 Dec 2022",
    }[lang]
    assert closed == call.window_text(lang, at=datetime(2022, 12, 3))
