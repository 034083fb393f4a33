"""The example notebook runs from top to bottom and shows what it promises."""

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK = Path(__file__).parents[1] / "examples" / "seinajoki.ipynb"


def outputs(cell, kind):
    return [o["data"][kind] for o in cell.get("outputs", []) if kind in o.get("data", {})]


def test_the_example_notebook_runs_and_shows_the_call_the_reports_and_the_plot():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(o.get("output_type") != "error" for cell in code for o in cell.get("outputs", []))
    call_view = "".join(outputs(code[0], "text/html"))
    assert "Kestävän kaupunkikehittämisen EAKR-rahoitus" in call_view
    report_view = "".join(outputs(code[1], "text/html"))
    assert "ei ole tukikelpoinen" in report_view
    table = "".join(outputs(code[2], "text/html"))
    assert "SJK-2022-014" in table
    assert "jätetty hakuaikana" in table
    swedish = "".join("".join(o.get("text", "")) for o in code[3]["outputs"])
    assert "inte stödberättigad" in swedish
    funded_view = "".join(outputs(code[4], "text/html"))
    assert "Hankkeita: 2\xa0880; rivejä, joita ei voitu lukea: 1." in funded_view
    assert outputs(code[5], "image/png"), "the plot is drawn"
