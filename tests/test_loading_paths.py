"""The loader's paths agree: the generated builder and the cattrs fast pass build
what the constructor and the detailed pass build, and refuse everything the
detailed pass refuses, whose (path, code) list is what the user sees."""

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ekosysteemi as eko
from ekosysteemi import testing
from ekosysteemi._builders import builder
from ekosysteemi._io import _flatten, _strip_format, converter

MODELS = [eko.Proposal, eko.Call, eko.Period, eko.Organisation]


def detailed(cls, document):
    """The detailed pass alone: its (path, code) list, or the object it builds."""
    try:
        return converter(True).structure(_strip_format(document), cls)
    except Exception as error:
        return [(e.path, e.code) for e in _flatten(error, "$")]


def fast(cls, document):
    try:
        return converter(False).structure(_strip_format(document), cls)
    except Exception:
        return None


def generated(cls, document):
    """The generated builder alone: the object it builds, or None when it refuses."""
    try:
        return builder(cls)(document, True)
    except Exception:
        return None


def rebuilt(obj):
    """The same object through its constructor: every field check runs again."""
    return type(obj)(**{f.name: getattr(obj, f.name) for f in attrs.fields(type(obj))})


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_on_a_valid_document_the_fast_path_the_detailed_pass_and_the_constructor_agree(cls, data):
    document = data.draw(testing.documents(cls))
    built = fast(cls, document)
    assert built is not None
    assert built == detailed(cls, document)
    assert built == rebuilt(built)
    assert built == eko.from_dict(cls, document)
    by_builder = generated(cls, document)
    assert by_builder is not None  # the builder takes every valid document of these
    assert by_builder == built
    assert eko.to_dict(by_builder) == eko.to_dict(built)  # exponents and zones too
    assert by_builder == rebuilt(by_builder)


@pytest.mark.parametrize(
    ("cls", "kind"),
    [(cls, kind) for cls in MODELS for kind in testing.invalidable(cls)],
    ids=lambda v: getattr(v, "__name__", v),
)
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_an_invalid_document_is_refused_by_both_passes_with_the_detailed_list(cls, kind, data):
    chosen, path, document = data.draw(testing.invalid_documents(cls, kind))
    assert kind == chosen
    assert fast(cls, document) is None  # the fast path never builds it
    assert generated(cls, document) is None  # nor the generated builder
    found = detailed(cls, document)
    assert isinstance(found, list)
    with pytest.raises(eko.ValidationError) as caught:
        eko.from_dict(cls, document)
    assert found == [(e.path, e.code) for e in caught.value.errors]
    assert any(where.startswith(path) for where, _ in found), (path, found)


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_a_broken_document_is_refused_by_both_passes_with_the_detailed_list(cls, data):
    _, key, document = data.draw(testing.broken_documents(cls))
    assert fast(cls, document) is None
    assert generated(cls, document) is None
    found = detailed(cls, document)
    with pytest.raises(eko.ValidationError) as caught:
        eko.from_dict(cls, document)
    assert found == [(e.path, e.code) for e in caught.value.errors]
    assert any(key in where for where, _ in found)


def test_every_invalid_kind_is_made_for_some_model():
    assert set(testing.INVALID_KINDS) == {k for cls in MODELS for k in testing.invalidable(cls)}


def test_a_kind_a_model_cannot_take_is_refused():
    with pytest.raises(ValueError, match="cannot be made invalid"):
        testing.invalid_documents(eko.Period, "spring_gap")


def test_a_model_subclass_with_its_own_post_init_is_built_by_its_constructor():
    # The builder bypasses __init__; a class that does more there must not get one.
    calls = []

    @attrs.frozen(kw_only=True)
    class Counted(eko.Period):
        def __attrs_post_init__(self):
            calls.append(self.start)
            super().__attrs_post_init__()

    built = eko.from_dict(Counted, {"start": "2023-01-01", "end": "2023-12-31"})
    assert type(built) is Counted
    assert [built.start] == calls
    assert builder(Counted) is None
    assert builder(eko.Period) is not None
