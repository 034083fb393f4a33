"""A city's own data: catalogues checked whole, merged over the bundled data."""

import json
import pickle
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ekosysteemi as eko
from ekosysteemi import testing

ROOT = Path(__file__).resolve().parents[1]
TAMPERE = ROOT / "examples" / "tampere"
CALL = """
[[call]]
id = "oma-2025-01"
agreement_id = "{agreement}"
title = "Oma haku"
deadline = "2025-01-31"
available_funding = "100000"
focus_areas = [{areas}]
"""


def _write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(caught):
    return [(e.path, e.code) for e in caught.value.errors]


def test_the_bundled_data_is_one_catalogue_read_by_the_module_level_look_ups():
    bundled = eko.Catalogue.bundled()
    assert bundled is eko.Catalogue.bundled()
    assert bundled.city("Vasa") == eko.city("Vasa")
    assert bundled.calls() == eko.calls()
    assert {"tasa-arvo", "eu-perusoikeuskirja", "kestava-kehitys", "itameri-strategia"} == {
        c.id for c in eko.criteria()
    }
    assert all(c.kind is eko.CriterionKind.HORIZONTAL and c.max_score == 3 for c in eko.criteria())
    assert "rakennerahastot.fi" in eko.source_of(eko.criterion("tasa-arvo"))


def test_the_digest_is_stable_across_runs():
    import subprocess

    code = "import ekosysteemi as eko; print(eko.Catalogue.bundled().digest)"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    }
    assert {eko.Catalogue.bundled().digest} == runs


def test_a_call_with_an_unknown_agreement_is_refused_with_its_file_and_record(tmp_path):
    path = _write(tmp_path, "haku.toml", CALL.format(agreement="tampre", areas=""))
    with pytest.raises(eko.ValidationError) as caught:
        eko.Catalogue.load(path)
    assert [("haku.toml:$.call[0].agreement_id", "call.agreement_unknown")] == _problems(caught)


def test_a_call_with_another_agreements_focus_area_is_refused(tmp_path):
    areas = '"ruokaekosysteemin-kestava-uudistuminen"'
    path = _write(tmp_path, "haku.toml", CALL.format(agreement="seinajoki", areas=areas))
    assert eko.Catalogue.load(path).call("oma-2025-01").agreement_id == "seinajoki"
    path = _write(tmp_path, "haku.toml", CALL.format(agreement="seinajoki", areas='"ei-teema"'))
    with pytest.raises(eko.ValidationError) as caught:
        eko.Catalogue.load(path)
    assert [("haku.toml:$.call[0].focus_areas[0]", "call.focus_area_unknown")] == _problems(caught)
    _write(tmp_path, "teema.toml", '[[theme]]\nid = "ei-teema"\nkind = "focus_area"\nname = "X"\n')
    with pytest.raises(eko.ValidationError) as caught:
        eko.Catalogue.load(tmp_path)
    assert [("haku.toml:$.call[0].focus_areas[0]", "call.focus_area_foreign")] == _problems(caught)


def test_a_folder_with_two_errors_in_two_files_reports_both_at_once(tmp_path):
    _write(tmp_path, "a.toml", CALL.format(agreement="tampre", areas=""))
    _write(
        tmp_path,
        "b.json",
        json.dumps(
            {
                "agreement": [
                    {
                        "id": "uusi",
                        "cities": ["999"],
                        "period": {"start": "2021-01-01", "end": "2027-12-31"},
                        "theme": "ei-ole",
                    }
                ]
            }
        ),
    )
    with pytest.raises(eko.ValidationError) as caught:
        eko.Catalogue.load(tmp_path)
    problems = _problems(caught)
    assert ("a.toml:$.call[0].agreement_id", "call.agreement_unknown") in problems
    assert ("b.json:$.agreement[0].theme", "agreement.theme_unknown") in problems
    assert ("b.json:$.agreement[0].cities[0]", "agreement.city_unknown") in problems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[[theme]]\nid = "x"\nkind = "national"\nname = "X"\nparent = "y"\n',
            [("c.toml:$.theme[0].parent", "theme.theme_unknown")],
        ),
        (
            '[[theme]]\nid = "x"\nkind = "national"\nname = "X"\n'
            '[[theme]]\nid = "x"\nkind = "national"\nname = "Y"\n',
            [("c.toml:$.theme[1].id", "record.duplicate")],
        ),
        (
            '[[theme]]\nid = "x"\nkind = "national"\nname = "X"\ncolour = "red"\n',
            [("c.toml:$.theme[0].colour", "key.unknown")],
        ),
        (
            '[[theme]]\nid = "x"\nkind = "national"\nname = 5\n',
            [("c.toml:$.theme[0].name", "type")],
        ),
        ('[[themes]]\nid = "x"\n', [("c.toml:$.themes", "key.unknown")]),
        (
            '[[call]]\nid = "k"\nagreement_id = "seinajoki"\ntitle = "K"\n'
            'deadline = "2025-01-31"\navailable_funding = "1"\ncriteria = [{ id = "ei-ole" }]\n',
            [("c.toml:$.call[0].criteria[0].id", "criterion.unknown")],
        ),
        ("not toml at all = = =", [("c.toml:$", "toml.invalid")]),
    ],
)
def test_every_kind_of_problem_names_its_file_and_record(tmp_path, text, expected):
    path = _write(tmp_path, "c.toml", text)
    with pytest.raises(eko.ValidationError) as caught:
        eko.Catalogue.load(path)
    assert expected == _problems(caught)


def test_a_citys_record_replaces_the_bundled_one_and_parameters_extend(tmp_path):
    _write(
        tmp_path,
        "data.toml",
        CALL.format(agreement="seinajoki", areas="")
        + '[[parameter]]\nname = "aid_intensity.development"\ntype = "share"\n'
        'valid_from = 2024-06-01\nvalue = "0.5"\n'
        '[[city]]\nmunicipality_code = "743"\nregion = "Etelä-Pohjanmaa"\n'
        'name = { fi = "Seinäjoki", sv = "Östermyra" }\n',
    )
    catalogue = eko.Catalogue.load(tmp_path)
    assert "Östermyra" == catalogue.city("743").name.sv
    assert 18 == len(catalogue.cities())
    assert {"seinajoki-2022-12", "seinajoki-2023-06", "oma-2025-01"} == {
        c.id for c in catalogue.calls(agreement="Seinäjoki")
    }
    params = catalogue.parameters
    assert [Decimal("0.80"), Decimal("0.5")] == [
        params.on("aid_intensity.development", day).value
        for day in (date(2024, 5, 31), date(2024, 6, 1))
    ]
    assert catalogue.digest != eko.Catalogue.bundled().digest
    assert catalogue == pickle.loads(pickle.dumps(catalogue))
    with pytest.raises(eko.ValidationError) as caught:  # standalone: no Seinäjoki agreement
        eko.Catalogue.load(tmp_path / "data.toml", base=None)
    assert [("data.toml:$.call[0].agreement_id", "call.agreement_unknown")] == _problems(caught)


def test_the_tampere_example_loads_and_checks():
    sys.path.insert(0, str(TAMPERE))
    try:
        import rules as tampere  # examples/tampere/rules.py
    finally:
        sys.path.pop(0)
    catalogue = eko.Catalogue.load(TAMPERE)
    call = catalogue.call("tampere-esimerkki-2025-09")
    assert ["tasa-arvo", "kestava-kehitys"] == [c.id for c in call.criteria]
    assert Decimal("2") == call.criteria[1].weight
    verdicts = {}
    for path in sorted((TAMPERE / "proposals").glob("*.json")):
        report = eko.check(eko.load(eko.Proposal, path), catalogue=catalogue, rules=tampere.RULES)
        verdicts[report.proposal_id] = [f.code for f in report.failures]
        assert report.provenance.catalogue_digest == catalogue.digest
    assert {"TRE-2025-001": [], "TRE-2025-002": ["tampere.own_share"]} == verdicts
    with pytest.raises(eko.UnknownReferenceError):  # the bundled catalogue lacks the call
        eko.check(eko.load(eko.Proposal, TAMPERE / "proposals" / "tre-2025-001.json"))


def test_check_refuses_a_call_object_the_catalogue_would_refuse():
    proposal = eko.load(eko.Proposal, ROOT / "examples" / "proposals" / "sjk-2022-014.json")
    call = eko.call("seinajoki-2022-12")
    with pytest.raises(eko.UnknownReferenceError) as caught:
        eko.check(proposal, attrs.evolve(call, agreement_id="tampre"))
    assert "tampere" == caught.value.suggestions[0]
    with pytest.raises(eko.ValidationError) as caught:
        eko.check(proposal, attrs.evolve(call, focus_areas=("hyvinvointi", "ei-ole")))
    assert [
        ("$.call.focus_areas[0]", "call.focus_area_foreign"),
        ("$.call.focus_areas[1]", "call.focus_area_unknown"),
    ] == _problems(caught)


def test_a_report_records_its_provenance():
    proposal = eko.load(eko.Proposal, ROOT / "examples" / "proposals" / "sjk-2022-014.json")
    report = eko.check(proposal)
    assert (eko.__version__, eko.Catalogue.bundled().digest, eko.Parameters.default().digest) == (
        report.provenance.version,
        report.provenance.catalogue_digest,
        report.provenance.parameters_digest,
    )
    assert report.to_dict()["provenance"]["version"] == eko.__version__


def test_criteria_named_by_id_resolve_against_the_bundled_catalogue():
    document = json.loads(eko.dumps(eko.call("seinajoki-2022-12")))
    document["criteria"] = [{"id": "tasa-arvo", "min_score": 1}, {"id": "kestava-kehitys"}]
    call = eko.from_dict(eko.Call, document)
    assert (3, 1, "Tasa-arvo") == (
        call.criteria[0].max_score,
        call.criteria[0].min_score,
        call.criteria[0].name.fi,
    )
    written = eko.to_dict(call)["criteria"][0]
    assert {"id", "name", "kind", "max_score", "weight", "min_score"} == set(written)
    document["criteria"] = [{"id": "tasa-arvo"}, {"id": "tasa-arvo"}]
    with pytest.raises(eko.ValidationError) as caught:
        eko.from_dict(eko.Call, document)
    assert [("$.criteria[1].id", "criterion.duplicate")] == _problems(caught)


def _dump(catalogue, folder):
    """The catalogue as one JSON file per table, as a city would keep it."""
    for table, records in catalogue.records().items():
        (folder / f"{table}.json").write_text(
            json.dumps({table: records}, ensure_ascii=False), encoding="utf-8"
        )


@settings(
    max_examples=40,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(catalogue=testing.catalogues(), data=st.data())
def test_a_dumped_catalogue_loads_back_equal_and_its_calls_pass(tmp_path_factory, catalogue, data):
    folder = tmp_path_factory.mktemp("catalogue")
    _dump(catalogue, folder)
    loaded = eko.Catalogue.load(folder, base=None)
    assert catalogue == loaded
    assert catalogue.digest == loaded.digest
    assert catalogue.records() == loaded.records()
    call = data.draw(testing.calls(catalogue=loaded))
    loaded.check_call(call)
