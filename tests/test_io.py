"""The wire format: round trips, every error at once, strict hooks, hostile input."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ekosysteemi as eko
from ekosysteemi import testing

EXAMPLE = Path(__file__).parents[1] / "examples" / "proposals" / "sjk-2022-014.json"
CLASSES = testing.MODEL_CLASSES


def _document():
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_every_class_round_trips_through_json_and_dicts(cls, data):
    obj = data.draw(st.from_type(cls))
    assert obj == eko.loads(cls, eko.dumps(obj))
    assert obj == eko.from_dict(cls, eko.to_dict(obj))


def test_the_contract_example_reads_and_writes_back_the_same_document():
    document = _document()
    written = eko.to_dict(eko.from_dict(eko.Proposal, document))
    # Writers write every key; the example leaves out three defaults.
    document["description"] = ""
    document["fiscal_year_end"] = "12-31"
    for line in document["costs"]:
        line["description"] = ""
    assert document == written
    assert written == json.loads(json.dumps(written)), "to_dict is plain JSON data"


def test_optional_keys_take_the_contract_defaults():
    document = _document()
    for key in ("co_implementers", "submitted_at", "revenues", "state_aid", "de_minimis", "format"):
        del document[key]
    del document["applicant"]["municipality_code"]
    proposal = eko.from_dict(eko.Proposal, document)
    written = eko.to_dict(proposal)
    assert ([], None, "0.00", "none", [], "", None, 1) == (
        written["co_implementers"],
        written["submitted_at"],
        written["revenues"],
        written["state_aid"],
        written["de_minimis"],
        written["description"],
        written["applicant"]["municipality_code"],
        written["format"],
    )


def test_amounts_are_written_as_strings_with_two_decimals_and_dates_as_iso():
    written = eko.to_dict(
        eko.from_dict(
            eko.Proposal,
            {
                **_document(),
                "costs": [
                    {"category": "staff", "amount": 100000},
                    {"category": "flat_rate", "amount": "40000.5"},
                ],
                "period": {"start": "1.1.2023", "end": "31.12.2024"},
                "submitted_at": "1.12.2022 klo 14.00",
            },
        )
    )
    assert ["100000.00", "40000.50"] == [line["amount"] for line in written["costs"]]
    assert {"start": "2023-01-01", "end": "2024-12-31"} == written["period"]
    assert "2022-12-01T14:00:00+02:00" == written["submitted_at"]


def test_json_numbers_are_read_exactly_never_through_float():
    text = EXAMPLE.read_text(encoding="utf-8").replace('"100000.00"', "100000.10")
    proposal = eko.loads(eko.Proposal, text)
    assert Decimal("100000.10") == proposal.costs[0].amount
    too_fine = EXAMPLE.read_text(encoding="utf-8").replace('"100000.00"', "0.1000000000000000055")
    with pytest.raises(eko.ValidationError) as caught:
        eko.loads(eko.Proposal, too_fine)
    assert ("$.costs[0].amount", "money.decimals") == (
        caught.value.errors[0].path,
        caught.value.errors[0].code,
    )


def test_five_different_errors_are_all_reported_with_their_paths():
    document = _document()
    document["project_type"] = "research"  # top level: unknown enum
    document["applicant"]["business_id"] = "2539767-4"  # nested: wrong check digit
    document["costs"][1]["amount"] = "40000.001"  # list item: three decimals
    document["period"] = {"start": "2024-12-31", "end": "2023-01-01"}  # cross-field
    document["budget"] = "140000"  # unknown key
    with pytest.raises(eko.ValidationError) as caught:
        eko.from_dict(eko.Proposal, document)
    found = {(e.path, e.code) for e in caught.value.errors}
    assert {
        ("$.project_type", "enum.invalid"),
        ("$.applicant.business_id", "business_id.checksum"),
        ("$.costs[1].amount", "money.decimals"),
        ("$.period.end", "period.end_before_start"),
        ("$.budget", "key.unknown"),
    } == found
    text = str(caught.value)
    assert text.startswith("5 validation errors")
    assert all(path in text for path, _ in found)


@pytest.mark.parametrize(
    ("key", "value", "code"),
    [
        ("title", None, "type"),  # None is never turned into "None"
        ("id", 14, "type"),  # an int is never turned into an id
        ("revenues", 0.5, "money.float"),  # a float is never money
        ("state_aid", "None", "enum.invalid"),
        ("focus_areas", "ruokaekosysteemin-kestava-uudistuminen", "type"),
        ("co_implementers", {}, "type"),
        ("submitted_at", "16.15", "datetime.no_date"),
        ("submitted_at", "26.3.2023 klo 3.30", "datetime.nonexistent"),
        ("format", 2, "format.unsupported"),
        ("format", True, "format.unsupported"),
    ],
)
def test_strict_hooks_refuse_rather_than_convert(key, value, code):
    with pytest.raises(eko.ValidationError) as caught:
        eko.from_dict(eko.Proposal, {**_document(), key: value})
    assert (f"$.{key}", code) == (caught.value.errors[0].path, caught.value.errors[0].code)


def test_a_missing_key_is_named():
    document = _document()
    del document["call_id"]
    del document["applicant"]["kind"]
    with pytest.raises(eko.ValidationError) as caught:
        eko.from_dict(eko.Proposal, document)
    assert {("$.call_id", "key.required"), ("$.applicant.kind", "key.required")} == {
        (e.path, e.code) for e in caught.value.errors
    }


def test_a_localized_text_is_an_object_or_a_plain_finnish_string():
    call = eko.to_dict(eko.call("seinajoki-2022-12"))
    plain = eko.from_dict(eko.Call, {**call, "title": "Haku"})
    assert eko.LocalizedText(fi="Haku") == plain.title
    assert {"fi": "Haku"} == eko.to_dict(plain)["title"]
    with pytest.raises(eko.ValidationError) as caught:
        eko.from_dict(eko.Call, {**call, "title": {"sv": "Utlysning"}})
    assert "$.title.fi" == caught.value.errors[0].path


def test_a_call_reads_from_toml_as_another_city_would_write_it(tmp_path):
    path = tmp_path / "call.toml"
    path.write_text(
        'id = "esimerkki-2024-06"\nagreement_id = "seinajoki"\n'
        'title = { fi = "Kestävän kaupunkikehittämisen EAKR-rahoitus", sv = "ERUF", en = "ERDF" }\n'
        'opens = "2024-04-02"\ndeadline = "14.6.2024 klo 16.15"\navailable_funding = "300000"\n'
        'focus_areas = ["ruokaekosysteemin-kestava-uudistuminen"]\n'
        'eligible_applicants = ["municipality", "university_of_applied_sciences"]\n'
        'project_types = ["development"]\ncost_models = ["flat_rate_40"]\n'
        "max_duration_months = 24\napply_statutory_deadline = false\n",
        encoding="utf-8",
    )
    call = eko.load(eko.Call, path)
    assert "2024-06-14T16:15" == str(call.deadline)
    assert 24 == call.max_duration_months
    assert frozenset({eko.CostModel.FLAT_RATE_40}) == call.cost_models
    # A TOML date and datetime written without quotes are read too.
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace('"2024-04-02"', "2024-04-02")
        .replace('"14.6.2024 klo 16.15"', "2024-06-14T16:15:00"),
        encoding="utf-8",
    )
    assert call == eko.load(eko.Call, path)


def test_files_that_cannot_be_read_name_their_path(tmp_path):
    with pytest.raises(eko.FileReadError, match=r"missing\.json"):
        eko.load(eko.Proposal, tmp_path / "missing.json")
    with pytest.raises(eko.ValidationError) as caught:
        eko.load(eko.Proposal, tmp_path / "proposal.yaml")
    assert "file.format" == caught.value.errors[0].code
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'{"id": ')
    with pytest.raises(eko.ValidationError) as caught:
        eko.load(eko.Proposal, broken)
    assert "json.invalid" == caught.value.errors[0].code
    latin = tmp_path / "latin.toml"
    latin.write_bytes('id = "Seinäjoki"'.encode("latin-1"))
    with pytest.raises(eko.ValidationError):
        eko.load(eko.Proposal, latin)


def test_deep_nesting_is_refused_quickly_without_recursion_errors():
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(eko.ValidationError) as caught:
        eko.loads(eko.Proposal, deep)
    assert caught.value.errors[0].code in {"document.too_deep", "json.invalid"}
    nested: object = {}
    for _ in range(200):
        nested = {"a": nested}
    with pytest.raises(eko.ValidationError) as caught:
        eko.from_dict(eko.Proposal, nested)
    assert "document.too_deep" == caught.value.errors[0].code


def test_huge_strings_and_numbers_are_refused():
    with pytest.raises(eko.ValidationError) as caught:
        eko.from_dict(eko.Proposal, {**_document(), "title": "x" * 1_000_000})
    assert "text.too_long" == caught.value.errors[0].code
    with pytest.raises(eko.ValidationError):
        eko.loads(
            eko.Proposal, EXAMPLE.read_text(encoding="utf-8").replace('"100000.00"', "1" * 5000)
        )
    with pytest.raises(eko.ValidationError) as caught:
        eko.loads(
            eko.Proposal, EXAMPLE.read_text(encoding="utf-8").replace('"100000.00"', "1e999999999")
        )
    assert "money.too_large" == caught.value.errors[0].code
    with pytest.raises(eko.ValidationError):
        eko.loads(eko.Proposal, " " * (eko._io.MAX_DOCUMENT + 1))
    with pytest.raises(eko.ValidationError):
        eko.loads(eko.Proposal, '{"id": NaN}')


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=30,
)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@given(value=JSON)
def test_any_json_value_gives_an_object_or_a_validation_error(cls, value):
    try:
        result = eko.from_dict(cls, value)
    except eko.ValidationError as error:
        problems = error.errors
    else:
        assert isinstance(result, cls)
        return
    assert problems
    assert all(e.path.startswith("$") and e.code for e in problems)


@given(
    value=st.one_of(
        st.just(object()),
        st.just(date(2022, 1, 1)),
        st.binary(),
        st.sets(st.integers()),
        st.just(Ellipsis),
    )
)
def test_any_python_object_gives_a_validation_error(value):
    with pytest.raises(eko.ValidationError):
        eko.from_dict(eko.Proposal, value)
    with pytest.raises(eko.ValidationError):
        eko.from_dict(eko.Proposal, {**_document(), "costs": [value]})


@given(document=testing.documents(eko.Proposal), key=st.sampled_from(["title", "applicant"]))
def test_a_top_level_non_object_is_refused(document, key):
    with pytest.raises(eko.ValidationError):
        eko.from_dict(eko.Proposal, [document])
    with pytest.raises(eko.ValidationError):
        eko.from_dict(eko.Proposal, {**document, key: [document[key]]})


def test_to_dict_refuses_what_is_not_a_model_object():
    with pytest.raises(eko.ValidationError):
        eko.to_dict({"id": "x"})


@pytest.mark.parametrize(
    ("name", "raw", "where"),
    [
        ("broken.json", b'{"id": ', "rivillä 1, sarakkeessa 8"),
        ("constant.json", b'{"revenues": NaN}', "'NaN'"),
        ("huge.json", b'{"revenues": ' + b"1" * 5000 + b"}", "liian pitkä"),
        ("latin.json", '{"id": "Seinäjoki"}'.encode("latin-1"), "kohdassa 12"),
        ("broken.toml", b"id = \n", "rivillä 1, sarakkeessa 6"),
        ("open.toml", b"[x", "lopussaan"),
        ("latin.toml", 'id = "Seinäjoki"'.encode("latin-1"), "kohdassa 10"),
    ],
)
def test_a_broken_file_is_explained_in_the_readers_words(tmp_path, name, raw, where):
    # The JSON, TOML and codec readers speak English; what a person reads says where the
    # document breaks in the chosen language instead.
    path = tmp_path / name
    path.write_bytes(raw)
    for read in (lambda: eko.load(eko.Proposal, path), lambda: eko.Catalogue.load(path)):
        with pytest.raises(eko.ValidationError) as caught:
            read()
        text = caught.value.explain("fi")
        assert where in text, text
        for english in ("Expecting", "codec", "Invalid", "Unclosed", "Exceeds", "not a number"):
            assert english not in text, text
