"""The fast paths of reading and writing give exactly what the standard ones give:
msgspec against the json module, the generated writers against the cattrs
converter, and the writers' leaf functions against their definitions."""

import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ekosysteemi as eko
from ekosysteemi import fi, testing
from ekosysteemi._builders import top_writer, write_decimal, writer
from ekosysteemi._io import _parse_json, converter, json_text

# ----------------------------------------------------------------- JSON text

_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.text()
)
JSON_VALUES = st.recursive(
    _LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def _standard(text):
    """What the json module alone reads, or the ValidationError our reader raises."""
    try:
        return ("ok", json.loads(text, parse_float=Decimal))
    except (ValueError, RecursionError):
        return ("error", None)


def _ours(text):
    try:
        return ("ok", _parse_json(text))
    except eko.ValidationError:
        return ("error", None)


@settings(max_examples=300)
@given(value=JSON_VALUES, indent=st.sampled_from([None, 2]))
def test_msgspec_reads_every_json_document_as_the_json_module_does(value, indent):
    text = json.dumps(value, ensure_ascii=False, indent=indent, default=str)
    assert _standard(text) == _ours(text)


@settings(max_examples=300)
@given(text=st.text(alphabet=st.sampled_from('{}[]",:0123456789.eE+-tfnrulsa \\u\t\n')))
def test_broken_and_odd_json_text_is_read_or_refused_as_the_json_module_does(text):
    standard, ours = _standard(text), _ours(text)
    if standard[0] == "ok" and ours[0] == "error":  # NaN and Infinity: the wire refuses them
        assert any(word in text for word in ("NaN", "Infinity"))
        return
    assert standard == ours


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ('{"a": NaN}', None),
        ('"a\x01b"', None),
        ("[" * 5000 + "]" * 5000, None),
        ("1" * 5000, None),
        ("[1] x", None),
        ('"\\ud800"', "\ud800"),  # msgspec refuses a lone surrogate; json reads it
    ],
    ids=["nan", "control", "deep", "long-number", "trailing", "surrogate"],
)
def test_what_msgspec_refuses_is_left_to_the_standard_reader(text, read):
    if read is not None:
        assert read == _parse_json(text)
        return
    with pytest.raises(eko.ValidationError) as caught:
        _parse_json(text)
    assert caught.value.errors[0].code in ("json.invalid", "document.too_deep")


@settings(max_examples=300)
@given(value=JSON_VALUES, indent=st.sampled_from([None, 1, 2, 4, 0]))
def test_json_text_is_what_json_dumps_writes(value, indent):
    data = json.loads(json.dumps(value, default=str))  # plain JSON data, as to_dict gives
    assert json.dumps(data, ensure_ascii=False, indent=indent) == json_text(data, indent)


@pytest.mark.parametrize("indent", [None, 2])
def test_a_lone_surrogate_is_written_as_json_dumps_writes_it(indent):
    data = {"name": "a\ud800b"}
    assert json.dumps(data, ensure_ascii=False, indent=indent) == json_text(data, indent)


# ----------------------------------------------------------------- writers


@pytest.mark.parametrize("cls", testing.MODEL_CLASSES, ids=lambda c: c.__name__)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_generated_writer_writes_what_the_converter_writes(cls, data):
    obj = data.draw(st.from_type(cls))
    expected = {"format": 1, **converter(False).unstructure(obj)}
    assert expected == eko.to_dict(obj)
    assert list(expected) == list(eko.to_dict(obj))  # the same key order
    # Plain JSON data: msgspec would also write a Decimal or a date; json.dumps would not.
    assert json.dumps(eko.to_dict(obj), ensure_ascii=False) == eko.dumps(obj, indent=None)


def test_reports_are_plain_json_data_as_msgspec_writes_them():
    folder = Path(__file__).parents[1] / "examples" / "proposals"
    written = 0
    for path in sorted(folder.glob("*.json")):
        report = eko.check(eko.load(eko.Proposal, path), at=datetime(2022, 12, 1, 12))
        assert json.dumps(eko.to_dict(report), ensure_ascii=False, indent=2) == eko.dumps(report)
        written += 1
    assert written >= 3


def test_the_bundled_catalogue_is_written_as_the_converter_writes_it():
    catalogue = eko.Catalogue.bundled()
    written = 0
    for obj in [*catalogue.calls(), *catalogue.agreements(), *catalogue.themes()]:
        assert writer(type(obj)) is not None
        assert {"format": 1, **converter(False).unstructure(obj)} == top_writer(type(obj))(obj)
        written += 1
    assert written > 30


def _decimal_by_definition(value):
    """Two decimals, or every significant decimal beyond two."""
    exponent = value.as_tuple().exponent
    if exponent < -2:
        return format(value.normalize(), "f")
    return f"{value:.2f}"


@settings(max_examples=500)
@given(
    value=st.decimals(allow_nan=False, allow_infinity=False)
    | st.decimals(min_value=-(10**13), max_value=10**13, places=2)
    | st.decimals(min_value=0, max_value=10**13, places=1)
)
def test_write_decimal_writes_by_its_definition(value):
    assert _decimal_by_definition(value) == write_decimal(value)


@settings(max_examples=100, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime(1922, 1, 1),
        max_value=datetime(2100, 12, 31),
        timezones=st.sampled_from([UTC, fi.HELSINKI, timezone(timedelta(hours=-5))]),
        allow_imaginary=False,
    )
)
def test_a_proposals_moment_is_written_in_helsinki_time_whatever_its_zone(moment):
    # The writer writes submitted_at as it is: the field's check made it Helsinki time.
    document = eko.to_dict(eko.Proposal(**{**_example_fields(), "submitted_at": moment}))
    assert fi.to_helsinki(moment).isoformat() == document["submitted_at"]


def _example_fields():
    import attrs

    example = Path(__file__).parents[1] / "examples" / "proposals" / "sjk-2022-014.json"
    proposal = eko.load(eko.Proposal, example)
    return {f.name: getattr(proposal, f.name) for f in attrs.fields(eko.Proposal)}
