"""Every code block of the documentation runs: Python blocks are doctests (the test
command collects docs/*.md), console blocks run here and must print what they
show, TOML blocks must be read by the library."""

import tomllib
from pathlib import Path

import pytest

import ekosysteemi as eko
from docs_blocks import blocks, run_console

DOCS = Path(__file__).parents[1] / "docs"
PAGES = sorted(DOCS.glob("*.md"))
ALL = [(page, block) for page in PAGES for block in blocks(page.read_text(encoding="utf-8"))]
CONSOLE = [
    (page, command, shown)
    for page, block in ALL
    if block.lang == "console"
    for command, shown in block.commands()
]


def test_the_site_has_pages_and_blocks():
    assert {"index.md", "tutorial.md", "cli.md", "notebooks.md", "schemas.md"} <= {
        p.name for p in PAGES
    }
    assert len(CONSOLE) >= 4


@pytest.mark.parametrize(("page", "block"), ALL, ids=lambda v: getattr(v, "name", None))
def test_every_block_is_one_the_tests_run(page, block):
    where = f"{page.name}:{block.line}"
    assert block.lang in ("python", "console", "toml"), f"{where}: a {block.lang!r} block"
    if block.lang == "python":
        assert block.body.lstrip().startswith(">>> "), f"{where}: a Python block is a doctest"
    if block.lang == "console":
        assert block.body.startswith("$ "), f"{where}: a console block starts with a command"


def test_every_toml_block_is_read_by_the_library(tmp_path):
    found = [(page, block) for page, block in ALL if block.lang == "toml"]
    assert found
    for page, block in found:
        data = tomllib.loads(block.body)
        if "parameter" in data:
            path = tmp_path / "parameters.toml"
            path.write_text(block.body, encoding="utf-8")
            loaded = eko.Parameters.load(path)
            assert all(loaded.knows(p["name"]) for p in data["parameter"]), page.name
        if "assessment" in data:
            path = tmp_path / "assessments.toml"
            path.write_text(block.body, encoding="utf-8")
            assert len(data["assessment"]) == len(eko.load_assessments(path)), page.name


@pytest.mark.parametrize(("page", "command", "shown"), CONSOLE, ids=lambda v: str(v)[:40])
def test_every_console_command_prints_what_the_docs_show(page, command, shown):
    assert shown.rstrip("\n") == run_console(command).rstrip("\n"), (
        f"{page.name}: `{command}` prints something else; run scripts/fill_console.py "
        "and read the diff"
    )
