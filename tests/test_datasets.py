"""The funded-project lists: every data row a project or an error, never both or neither."""

import io
import os
import tracemalloc
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import ekosysteemi as eko
from ekosysteemi import datasets

PROJECTS = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / ("rakennerahastot-hankkeet-2014-2020.csv")
)
needs_data = pytest.mark.skipif(
    not PROJECTS.exists() and os.environ.get("CI") != "true", reason="shared/ is not here"
)
HEADER_2014 = ",".join(datasets.LAYOUTS["2014-2020"])
HEADER_2007 = ",".join(datasets.LAYOUTS["2007-2013"])


def _read(text):
    return datasets.read_funded_projects(io.StringIO(text))


@needs_data
def test_the_real_list_keeps_every_row_and_names_the_one_defect():
    found = datasets.read_funded_projects(PROJECTS)
    assert "2014-2020" == found.layout
    assert 2881 == len(found.projects) + len(found.errors)
    assert [(148, "Aloituspvm", "7560")] == [(e.line, e.column, e.value) for e in found.errors]
    by_code = {p.code: p for p in found.projects}
    # Tolerated defects, each named by its line and how it was read:
    assert (None, date(2015, 12, 31)) == (by_code["A70359"].start, by_code["A70359"].end)  # l. 60
    assert by_code["A70359"].period is None
    assert by_code["A70305"].implementer is None  # line 6: no implementer
    assert by_code["A70301"].name.startswith("Reaktoritekniikkaan perustuvat uudet prosessit |")
    assert "Innovaatiorahoituskeskus Tekes" == by_code["A70301"].authority  # line 2: a stray space
    assert Decimal("443909") == by_code["A70301"].granted_eu_and_state
    assert by_code["A70258"].paid_eu_and_state < 0 or by_code["A70258"].paid_public_total < 0


@needs_data
def test_each_rows_period_is_the_one_its_constructor_makes():
    # Rows build their periods without checking their dates again: the reader has.
    found = datasets.read_funded_projects(PROJECTS)
    periods = [p for p in found.projects if p.period is not None]
    assert len(periods) > 2800
    for project in periods:
        made = eko.Period(start=project.start, end=project.end)
        assert made == project.period
        assert type(made) is type(project.period)
        assert made.months == project.period.months


@pytest.mark.parametrize("end", ["31.12.2014", "2015-13-01", "31.2.2016"])
def test_a_row_whose_end_is_before_its_start_or_no_day_has_no_period(end):
    cells = ["A1", "EAKR", "Nimi", "Tl 1", "Viranomainen", "Tila", "1.1.2015", end, "Toteuttaja"]
    row = ",".join(cells + ["1"] * (len(datasets.LAYOUTS["2014-2020"]) - len(cells)))
    found = _read(HEADER_2014 + "\n" + row + "\n")
    assert () == found.projects
    assert ["Päättymispvm"] == [error.column for error in found.errors]


@needs_data
def test_streaming_yields_the_same_rows_in_file_order():
    whole = datasets.read_funded_projects(PROJECTS)
    streamed = list(datasets.iter_funded_projects(PROJECTS))
    assert list(whole.projects) == [r for r in streamed if isinstance(r, datasets.FundedProject)]
    assert list(whole.errors) == [r for r in streamed if isinstance(r, datasets.RowError)]


def test_the_2007_2013_layout_is_chosen_by_its_header():
    row = "S10001,ESR,Manner-Suomen ESR,Hanke,1,ELY,Päättynyt,1.1.2008,31.12.2010,Oy,10,5,10,5"
    header = "Koodi,Rahasto,Ohjelma / osio,Projektin nimi,Tl,Viranomainen,Toiminnan tila," + (
        ",".join(datasets.LAYOUTS["2007-2013"][7:])
    )
    found = _read(header + "\n" + row + "\n")
    assert "2007-2013" == found.layout
    project = found.projects[0]
    assert ("Manner-Suomen ESR", "Hanke", "Päättynyt") == (
        project.programme_section,
        project.name,
        project.status,
    )
    assert found.projects[0].programme_section is not None
    assert (
        _read(HEADER_2014 + "\nA1,EAKR,N,1,V,T,,,I,1,1,1,1\n").projects[0].programme_section is None
    )


RAW = [
    # (row as the raw export writes it, line, column or "" for a shape defect, project?)
    ("A1,EAKR,Nimi,1,Liitto,Päättynyt,1.3.2015,28.2.2017,Oy,100,50,100,50;", None),
    ("A2,EAKR,Nimi,1,Liitto,Päättynyt,1.3.2015,28.2.2017,Oy,100,50,100,50,,,", None),
    ("A3,EAKR,Nimi,1,Liitto,Päättynyt,1.3.2015,28.2.2017,Oy,100,50,100,50,,;", None),
    ("A4,EAKR,Nimi,1,Liitto,Päättynyt,28.2.2017,1.3.2015,Oy,100,50,100,50", "Päättymispvm"),
    ("A5,EAKR,Nimi,1,Liitto,Päättynyt,1.3.2015,28.2.2017,12345,100,50,100,50", "Toteuttajan nimi"),
    (
        "A6,EAKR,Nimi,1,Liitto,Päättynyt,1.3.2015,28.2.2017,Oy,17.10.2014,50,100,50",
        "Myönnetty EU- ja valtion rahoitus",
    ),
    (
        "A7,EAKR,Nimi,1,Liitto,Päättynyt,1.3.2015,28.2.2017,Oy,-100,50,100,50",
        "Myönnetty EU- ja valtion rahoitus",
    ),
    ("A8,EAKR,Nimi,1,Liitto,Päättynyt,1.3.2015,28.2.2017,Oy,100,-50.25,100,-50.25", None),
    ("A9,EAKR,Nimi,Lisä,1,Liitto,Päättynyt,1.3.2015,28.2.2017,Oy,100,50,100,50", ""),
    ("A10,EAKR,Nimi,1,Liitto,Päättynyt,1.3.2015,28.2.2017,Oy,100,50,100", ""),
    ('A11,EAKR,"Nimi, jossa pilkku",1,Liitto,Päättynyt,1.3.2015,28.2.2017,Oy,100,50,100,50', None),
    (",EAKR,Nimi,1,Liitto,Päättynyt,1.3.2015,28.2.2017,Oy,100,50,100,50", "Koodi"),
    ("A13,EAKR,  Nimi  ,1,Liitto,Päättynyt,  1.3.2015 ,28.2.2017,Oy, 100 ,50,100,50", None),
]


def test_raw_export_rows_are_read_or_named_with_their_line():
    text = HEADER_2014 + ";\n" + "\n".join(row for row, _ in RAW) + "\n"
    found = _read(text)
    assert len(RAW) == len(found.projects) + len(found.errors)
    errors = {e.line: e for e in found.errors}
    for line, (row, column) in enumerate(RAW, start=2):
        if column is None:
            assert line not in errors, (line, errors.get(line))
        else:
            assert line in errors, row
            assert column == errors[line].column, row
    by_code = {p.code: p for p in found.projects}
    assert Decimal("-50.25") == by_code["A8"].paid_eu_and_state  # a recovery, read as it is
    assert "Nimi, jossa pilkku" == by_code["A11"].name
    assert ("Nimi", date(2015, 3, 1), Decimal("100")) == (
        by_code["A13"].name,
        by_code["A13"].start,
        by_code["A13"].granted_eu_and_state,
    )


def test_a_row_broken_over_lines_is_named_by_the_line_it_starts_on():
    text = (
        HEADER_2014
        + '\nA1,EAKR,"Nimi\njatkuu",1,L,T,,,O,1,1,1,1\nA2,EAKR,N,1,L,T,1.1.2015,,O,x,1,1,1\n'
    )
    found = _read(text)
    assert ["A1"] == [p.code for p in found.projects]
    assert [(4, "Myönnetty EU- ja valtion rahoitus")] == [(e.line, e.column) for e in found.errors]


def test_a_header_of_neither_layout_is_refused():
    with pytest.raises(eko.ValidationError) as caught:
        _read("Koodi,Nimi\nA1,X\n")
    assert ["projects.layout"] == [e.code for e in caught.value.errors]
    with pytest.raises(eko.FileReadError):
        datasets.read_funded_projects("/no/such/list.csv")


def test_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "lista.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER_2014 + "\nA1,EAKR,N,1,L,T,,,O,1,1,1,1\n").encode())
    assert ["A1"] == [p.code for p in datasets.read_funded_projects(path).projects]


def test_the_summary_counts_and_sums_by_fund_authority_and_year():
    rows = [
        "A1,EAKR,N,1,Liitto,T,1.3.2015,1.3.2016,O,100,50,100,50",
        "A2,EAKR,N,1,Liitto,T,2.3.2015,1.3.2016,O,200.50,,200,0",
        "A3,ESR,N,1,Liitto,T,,,O,7,7,7,7",
    ]
    summary = _read(HEADER_2014 + "\n" + "\n".join(rows) + "\n").summary()
    assert [
        {"fund": "EAKR", "authority": "Liitto", "start_year": 2015, "count": 2,
         "granted": "300.50", "paid": "50"},
        {"fund": "ESR", "authority": "Liitto", "start_year": None, "count": 1,
         "granted": "7", "paid": "7"},
    ] == [row.to_dict() for row in summary]  # fmt: skip


def test_streaming_memory_stays_flat_as_the_file_grows():
    row = "A1,EAKR,Nimi,1,Liitto,Päättynyt,1.3.2015,28.2.2017,Oy,100,50,100,50\n"

    def peak(rows):
        text = io.StringIO(HEADER_2014 + "\n" + row * rows)
        tracemalloc.start()
        for _ in datasets.iter_funded_projects(text):
            pass
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(1_000), peak(20_000)
    assert large < small * 3, (small, large)  # the text itself is not counted: same object size
