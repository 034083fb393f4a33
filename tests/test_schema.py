"""The JSON Schema agrees with the loader on every document it can judge."""

import json
from functools import cache

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ekosysteemi as eko
from ekosysteemi import testing

CLASSES = testing.MODEL_CLASSES


@cache
def _validator(cls):
    schema = eko.json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_every_dumped_document_validates_against_the_schema(cls, data):
    document = json.loads(eko.dumps(data.draw(st.from_type(cls))))
    _validator(cls).validate(document)


#: Only the breaks that apply: a case never passes having done nothing.
BREAKS = [(cls, kind) for cls in CLASSES for kind in testing.breakable(cls)]


def test_every_enum_and_date_field_can_be_broken():
    assert "unknown_enum" in testing.breakable(eko.Call)
    assert "malformed_date" in testing.breakable(eko.Call)
    assert {"eligible_applicants", "project_types", "cost_models"} <= set(
        testing._enum_keys(eko.Call)
    )


@pytest.mark.parametrize(("cls", "kind"), BREAKS, ids=[f"{c.__name__}-{k}" for c, k in BREAKS])
@given(data=st.data())
def test_a_document_broken_in_one_field_is_refused_by_loader_and_schema(cls, kind, data):
    _, key, document = data.draw(testing.broken_documents(cls, kind))
    assert not _validator(cls).is_valid(json.loads(json.dumps(document)))
    with pytest.raises(eko.ValidationError) as caught:
        eko.from_dict(cls, document)
    assert any(
        e.path == f"$.{key}" or e.path.startswith(f"$.{key}[") or e.path.startswith(f"$.{key}.")
        for e in caught.value.errors
    )


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["applicant"].update(business_id="2539767-4"), "$.applicant.business_id"),
        (lambda d: d.update(period={"start": "2024-12-31", "end": "2023-01-01"}), "$.period.end"),
        (lambda d: d["period"].update(start="2023-02-30"), "$.period.start"),
        (lambda d: d["costs"][0].update(amount="100.5.0"), "$.costs[0].amount"),
    ],
)
def test_the_loader_also_refuses_what_only_it_can_check(change, path):
    document = json.loads(eko.dumps(eko.load(eko.Proposal, "examples/proposals/sjk-2022-014.json")))
    change(document)
    with pytest.raises(eko.ValidationError) as caught:
        eko.from_dict(eko.Proposal, document)
    assert path == caught.value.errors[0].path


def test_the_schema_names_enums_required_keys_defaults_and_descriptions():
    schema = eko.json_schema(eko.Proposal)
    assert {"development", "investment"} == set(schema["properties"]["project_type"]["enum"])
    assert "financing" in schema["required"]
    assert "revenues" not in schema["required"]
    assert "0.00" == schema["properties"]["revenues"]["default"]
    assert [] == schema["properties"]["co_implementers"]["default"]
    assert "none" == schema["properties"]["state_aid"]["default"]
    assert {"const": 1} == {k: v for k, v in schema["properties"]["format"].items() if k == "const"}
    assert "Organisation" in schema["$defs"]
    assert schema["properties"]["costs"]["description"].startswith("the cost estimate")


def test_json_schema_refuses_what_is_not_a_model_class():
    with pytest.raises(eko.ValidationError):
        eko.json_schema(dict)
    with pytest.raises(eko.ValidationError):
        eko.json_schema(eko.Deadline)


@pytest.mark.parametrize("cls", [eko.Catalogue, eko.Finding, eko.DatedValue, eko.Parameters])
def test_a_class_without_a_wire_format_is_refused_with_a_typed_error(cls):
    with pytest.raises(eko.ValidationError) as caught:
        eko.json_schema(cls)
    assert ["type"] == [e.code for e in caught.value.errors]
