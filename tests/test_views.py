"""Notebook views and reprs: in the chosen language, escaped, short; and reports as tables."""

import html
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ekosysteemi as eko
from ekosysteemi import datasets, testing
from test_texts import _problems

PROPOSALS = sorted(Path("examples/proposals").glob("*.json"))
CSV_HEADER = ",".join(datasets.LAYOUTS["2014-2020"])
CSV_ROWS = (
    "A1,EAKR,Hanke <b>,1,Etelä-Pohjanmaan liitto,Päättynyt,1.3.2015,28.2.2017,Oy,100,50,100,-5\n"
    "A2,EAKR,Hanke,1,Liitto,Päättynyt,7560,28.2.2017,Oy,,7560,0,7560\n"
)


@pytest.fixture(autouse=True)
def finnish_again():
    yield
    eko.set_language("fi")


def text_of(page):
    """What a person reads in an HTML view: the text without tags, unescaped."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def funded():
    return datasets.read_funded_projects(io.StringIO(CSV_HEADER + "\n" + CSV_ROWS))


# ------------------------------------------------------------------ set_language


def test_the_chosen_language_changes_views_and_reprs_only():
    call = eko.call("seinajoki-2022-12")
    assert "Kestävän kaupunkikehittämisen" in repr(call)
    eko.set_language("sv")
    assert "ERUF-finansiering för hållbar stadsutveckling" in repr(call)
    assert "ERUF-finansiering för hållbar stadsutveckling" in call._repr_html_()
    assert call.window_text().startswith("Hakuaika")  # lang= defaults stay Finnish
    report = eko.check(eko.load(eko.Proposal, PROPOSALS[0]))
    assert report.explain().startswith("Hakemus")
    assert "stödberättigad" in report._repr_html_()


def test_an_unknown_language_is_refused():
    with pytest.raises(eko.ValidationError) as caught:
        eko.set_language("de")
    assert ["lang.unsupported"] == [e.code for e in caught.value.errors]


# ------------------------------------------------------------------ reprs


def bundled_objects():
    catalogue = eko.Catalogue.bundled()
    return [
        catalogue,
        *catalogue.cities(),
        *catalogue.agreements(),
        *catalogue.themes(),
        *catalogue.calls(),
        *catalogue.criteria(),
        *(area for deal in catalogue.agreements() for area in deal.focus_areas),
    ]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_bundled_object_has_a_short_repr_naming_its_class(lang):
    eko.set_language(lang)
    for obj in bundled_objects():
        shown = repr(obj)
        assert len(shown) <= 120, shown
        assert shown.startswith(f"<{type(obj).__name__}"), shown


GENERATED = st.one_of(
    testing.calls(),
    testing.proposals(),
    testing.organisations(),
    testing.cost_lines(),
    testing.financing_lines(),
    testing.aid_grants(),
    testing.localized_texts(),
    testing.periods(),
    testing.deadlines(),
    testing.themes(),
    testing.cities(),
    testing.agreements(),
    testing.criteria(),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(obj=GENERATED, lang=st.sampled_from(["fi", "sv", "en"]))
def test_every_generated_object_has_a_repr_within_120_characters(obj, lang):
    eko.set_language(lang)
    shown = repr(obj)
    assert len(shown) <= 120, shown
    assert type(obj).__name__ in shown


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_reports_and_findings_have_short_reprs(data):
    call = eko.call("seinajoki-2022-12")
    proposal = data.draw(testing.proposals(call, eligible=data.draw(st.booleans())))
    report = eko.check(proposal, call)
    for obj in (report, *report.findings):
        assert len(repr(obj)) <= 120, repr(obj)
    assert repr(report).startswith(f"<Report {' '.join(proposal.id.split())}"[:60])


def test_lists_and_their_rows_have_short_reprs():
    found = funded()
    for obj in (found, *found.projects):
        assert len(repr(obj)) <= 120
    assert "<FundedProjects 2014-2020 '1 projects, 1 errors'>" == repr(found)


# ------------------------------------------------------------------ HTML views


def views(proposal_path):
    proposal = eko.load(eko.Proposal, proposal_path)
    report = eko.check(proposal)
    return proposal, [
        eko.call(proposal.call_id),
        proposal,
        report,
        eko.Catalogue.bundled(),
        funded(),
    ]


@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize("path", PROPOSALS, ids=lambda p: p.stem)
def test_every_view_reads_as_words_in_finnish_and_swedish(lang, path):
    eko.set_language(lang)
    proposal, objects = views(path)
    for obj in objects:
        page = obj._repr_html_()
        assert "<table>" in page
        text = text_of(page)
        # A list's rows are quoted as the file wrote them.
        if isinstance(obj, datasets.FundedProjects):
            for row in CSV_ROWS.split(","):
                text = text.replace(row, " ")
        assert [] == _problems(text, proposal), (type(obj).__name__, text)


def test_the_views_speak_the_chosen_language():
    _, objects = views(PROPOSALS[1])
    eko.set_language("sv")
    call, shown, report, catalogue, found = (text_of(o._repr_html_()) for o in objects)
    assert "ansökningstid" in call
    assert "utvecklingsprojekt" in shown
    assert "inte stödberättigad" in report
    assert "utlysningar" in catalogue
    assert "rad" in found
    assert "päivämääräsarakkeessa" not in found
    assert "ett tal i en datumkolumn" in found


SCRIPT = "<script>alert(1)</script>"


def test_every_view_escapes_what_it_shows(tmp_path):
    proposal = eko.load(eko.Proposal, PROPOSALS[0])
    hostile = attrs.evolve(
        proposal,
        title=SCRIPT,
        applicant=attrs.evolve(proposal.applicant, name=SCRIPT),
    )
    call = attrs.evolve(
        eko.call("seinajoki-2022-12"),
        title=eko.LocalizedText(fi=SCRIPT, sv=SCRIPT, en=SCRIPT),
    )
    report = eko.check(hostile, call)
    own = eko.to_dict(call)
    (tmp_path / "calls.json").write_text(json.dumps({"call": [own]}), encoding="utf-8")
    catalogue = eko.Catalogue.load(tmp_path / "calls.json")
    found = datasets.read_funded_projects(
        io.StringIO(CSV_HEADER + "\n" + CSV_ROWS.replace("Etelä-Pohjanmaan liitto", SCRIPT))
    )
    for obj in (call, hostile, report, found, catalogue):
        for lang in ("fi", "sv"):
            eko.set_language(lang)
            page = obj._repr_html_()
            assert "<script>" not in page, type(obj).__name__
            assert "&lt;script&gt;" in page, type(obj).__name__


# ------------------------------------------------------------------ tables


def reports():
    return [eko.check(eko.load(eko.Proposal, path)) for path in PROPOSALS]


def test_one_record_per_proposal_with_its_verdict_and_failed_conditions():
    checked = reports()
    rows = eko.reports_to_records(checked)
    assert [r.proposal_id for r in checked] == [row["proposal_id"] for row in rows]
    assert [r.eligible for r in checked] == [row["eligible"] for row in rows]
    for report, row in zip(checked, rows, strict=True):
        errors = [f for f in report.failures if f.severity is eko.Severity.ERROR]
        assert tuple(f.code for f in errors) == row["failed"]
        assert tuple(f.title_in("fi") for f in errors) == row["failed_titles"]
    swedish = eko.reports_to_records(checked, lang="sv")
    assert swedish[1]["failed_titles"] == ("inlämnad under ansökningstiden",)


def test_one_record_per_finding_keeps_decimals():
    checked = reports()
    rows = eko.reports_to_records(checked, per="finding")
    assert sum(len(r.findings) for r in checked) == len(rows)
    aid = next(
        row for row in rows
        if row["code"] == "financing.aid_intensity" and row["proposal_id"] == "SJK-2022-016"
    )  # fmt: skip
    assert not aid["passed"]
    assert isinstance(aid["actual"], Decimal)
    assert "80" in aid["message"]


def test_a_bad_table_request_is_refused():
    with pytest.raises(eko.ValidationError) as caught:
        eko.reports_to_records(reports(), per="call")
    assert ["enum.invalid"] == [e.code for e in caught.value.errors]
    with pytest.raises(eko.ValidationError) as caught:
        eko.reports_to_records([reports()[0], "not a report"])
    assert ["$.reports[1]"] == [e.path for e in caught.value.errors]


def test_reports_to_dataframe_has_the_records_columns():
    pd = pytest.importorskip("pandas")
    checked = reports()
    frame = eko.reports_to_dataframe(checked, per="finding")
    assert isinstance(frame, pd.DataFrame)
    assert list(eko.reports_to_records(checked, per="finding")[0]) == list(frame.columns)
    assert len(frame) == sum(len(r.findings) for r in checked)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_selection_view_reads_as_words(lang):
    from test_selection import example

    eko.set_language(lang)
    chosen = example()
    page = chosen._repr_html_()
    assert "<table>" in page
    text = text_of(page)
    for criterion in chosen.criteria:
        assert criterion.id not in text
    for status in eko.SelectionStatus:
        assert status.value not in text
    assert {"fi": "rahoitetaan", "sv": "finansieras"}[lang] in text
