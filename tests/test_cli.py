"""The command line, run as a user runs it: a fresh process, its output, its exit status."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ekosysteemi as eko
from ekosysteemi import datasets, testing
from ekosysteemi._cli import default_lang, main

ROOT = Path(__file__).parents[1]
PROPOSALS = ROOT / "examples" / "proposals"
ELIGIBLE = PROPOSALS / "sjk-2022-014.json"
LATE = PROPOSALS / "sjk-2022-015-late.json"
KUOPIO_CALL = ROOT / "examples" / "calls" / "kuopio-esimerkki-2025-03.toml"
PROJECTS = ROOT.parent / "shared" / "data" / "rakennerahastot-hankkeet-2014-2020.csv"
#: No locale from the machine running the tests: the default language is Finnish.
QUIET_ENV = {**os.environ, "LC_ALL": "", "LC_MESSAGES": "", "LANG": "", "COLUMNS": "200"}


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "ekosysteemi", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=QUIET_ENV if env is None else env,
        check=False,
    )


def assert_clean(result):
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout


def with_lang(lang, command, *rest):
    """The same command with ``--lang`` before the command name and after it."""
    return [("--lang", lang, command, *rest), (command, *rest, "--lang", lang)]


# ------------------------------------------------------------------ check


def test_the_main_job_answers_in_finnish_and_exits_1():
    result = run("check", "examples/proposals")
    assert_clean(result)
    assert 1 == result.returncode
    out = result.stdout
    assert out.startswith("Kestävän kaupunkikehittämisen EAKR-rahoitus (seinajoki-2022-12)\n")
    assert "Jaettavissa 375\xa0000,00\xa0€" in out
    verdicts = [line for line in out.splitlines() if line.startswith("sjk-")]
    assert [
        "sjk-2022-014.json: SJK-2022-014: tukikelpoinen",
        "sjk-2022-015-late.json: SJK-2022-015: ei tukikelpoinen",
        "sjk-2022-016-too-much-aid.json: SJK-2022-016: ei tukikelpoinen",
        "sjk-2022-017-flat-rate.json: SJK-2022-017: ei tukikelpoinen",
    ] == verdicts
    assert "    jätä hakemus viimeistään 2.12.2022" in out  # the failure explained
    assert "Tukikelpoisia: 1; ei tukikelpoisia: 3; lukematta: 0." in out
    assert "" == result.stderr


def test_the_console_script_is_installed():
    script = shutil.which("ekosysteemi", path=str(Path(sys.executable).parent))
    assert script is not None
    result = subprocess.run(
        [script, "check", str(ELIGIBLE)], capture_output=True, text=True, env=QUIET_ENV
    )
    assert 0 == result.returncode
    assert "SJK-2022-014: tukikelpoinen" in result.stdout


@pytest.mark.parametrize("args", with_lang("sv", "check", ELIGIBLE))
def test_check_in_swedish_with_lang_before_or_after_the_command(args):
    result = run(*args)
    assert 0 == result.returncode
    assert "ERUF-finansiering för hållbar stadsutveckling (seinajoki-2022-12)" in result.stdout
    assert "SJK-2022-014: stödberättigad" in result.stdout
    assert "Medel att fördela: 375\xa0000,00\xa0€" in result.stdout


def test_lang_after_the_command_wins_over_lang_before_it():
    result = run("--lang", "sv", "check", ELIGIBLE, "--lang", "en")
    assert "SJK-2022-014: eligible" in result.stdout


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "fi"),
        ({"LANG": "sv_FI.UTF-8"}, "sv"),
        ({"LC_ALL": "C.UTF-8", "LANG": "sv_SE.UTF-8"}, "sv"),  # C is no language of ours
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "sv_SE.UTF-8"}, "en"),
        ({"LC_MESSAGES": "fi_FI@euro", "LANG": "en_US"}, "fi"),
        ({"LC_ALL": "", "LANG": "de_DE.UTF-8"}, "fi"),
    ],
)
def test_the_default_language_comes_from_the_locale(env, expected):
    assert expected == default_lang(env)


def test_the_locale_picks_the_language_of_a_real_run():
    result = run("check", ELIGIBLE, env={**QUIET_ENV, "LANG": "sv_FI.UTF-8"})
    assert "SJK-2022-014: stödberättigad" in result.stdout


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_an_unreadable_proposal_exits_2_and_the_rest_are_still_checked(tmp_path, lang):
    shutil.copy(ELIGIBLE, tmp_path / "a.json")
    shutil.copy(LATE, tmp_path / "b.json")
    (tmp_path / "c.json").write_text('{"id": 1}', encoding="utf-8")
    result = run("check", tmp_path, "--lang", lang)
    assert_clean(result)
    assert 2 == result.returncode  # 2 wins over 1
    assert "a.json: SJK-2022-014" in result.stdout
    assert "b.json: SJK-2022-015" in result.stdout
    assert "c.json" not in result.stdout  # an unreadable input prints no stdout line
    assert f"{tmp_path / 'c.json'}: $.id" in result.stderr
    assert {"fi": "Virhe: ", "sv": "Fel: "}[lang] in result.stderr


def test_a_folder_means_its_json_files_in_name_order_not_recursive(tmp_path):
    shutil.copy(LATE, tmp_path / "b.json")
    shutil.copy(ELIGIBLE, tmp_path / "a.JSON")
    (tmp_path / "notes.txt").write_text("not a proposal", encoding="utf-8")
    (tmp_path / "deeper").mkdir()
    shutil.copy(ELIGIBLE, tmp_path / "deeper" / "c.json")
    result = run("check", tmp_path, "--json")
    ids = [json.loads(line)["proposal_id"] for line in result.stdout.splitlines()]
    assert ["SJK-2022-014", "SJK-2022-015"] == ids
    assert 1 == result.returncode


AT = "2022-12-01T12:00:00+02:00"


def test_check_json_is_one_compact_report_per_line_equal_to_eko_check():
    result = run("check", "examples/proposals", "--json", "--at", AT)
    assert 1 == result.returncode
    lines = result.stdout.splitlines()
    files = sorted(PROPOSALS.glob("*.json"))
    assert len(files) == len(lines)
    at = datetime.fromisoformat(AT)
    for line, path in zip(lines, files, strict=True):
        assert " " not in line.split('"', 1)[0]  # compact: no indentation
        expected = eko.check(eko.load(eko.Proposal, path), at=at).to_dict()
        assert expected == json.loads(line)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_check_csv_opens_in_a_spreadsheet_as_it_is(lang):
    result = subprocess.run(
        [sys.executable, "-m", "ekosysteemi", "check", "examples/proposals", "--csv", "--lang",
         lang],
        capture_output=True, cwd=ROOT, env=QUIET_ENV, check=False,
    )  # fmt: skip
    assert 1 == result.returncode
    raw = result.stdout
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header, *body = rows
    assert {"fi": "tiedosto", "sv": "fil"}[lang] == header[0]
    assert 4 == len(body)
    yes, no = {"fi": ("kyllä", "ei"), "sv": ("ja", "nej")}[lang]
    assert [yes, no, no, no] == [row[3] for row in body]
    late = eko.check(eko.load(eko.Proposal, LATE))
    assert late.failures[0].title_in(lang) == body[1][4]
    assert ["SJK-2022-014", "seinajoki-2022-12"] == body[0][1:3]


def test_check_against_a_call_from_a_file(tmp_path):
    result = run("check", ELIGIBLE, "--call-file", KUOPIO_CALL, "--at", "2025-03-01T12:00")
    assert_clean(result)
    assert 1 == result.returncode  # the Seinäjoki proposal does not fit Kuopio's call
    assert "SJK-2022-014: ei tukikelpoinen" in result.stdout
    expected = eko.check(
        eko.load(eko.Proposal, ELIGIBLE),
        eko.load(eko.Call, KUOPIO_CALL),
        at=datetime(2025, 3, 1, 12),
    )
    for finding in expected.failures:
        assert finding.message("fi") in result.stdout


def test_check_against_a_call_by_its_id():
    result = run("check", ELIGIBLE, "--call", "seinajoki-2023-06", "--json")
    report = json.loads(result.stdout)
    assert "seinajoki-2023-06" == report["call_id"]


def test_check_with_a_citys_own_catalogue(tmp_path):
    data = eko.Catalogue.bundled().records()
    call = dict(next(c for c in data["call"] if c["id"] == "seinajoki-2022-12"))
    call["available_funding"] = "1000"
    own = tmp_path / "calls.json"
    own.write_text(json.dumps({"call": [call]}), encoding="utf-8")
    result = run("check", ELIGIBLE, "--catalogue", own)
    assert "Jaettavissa 1\xa0000,00\xa0€" in result.stdout


BAD_INPUT = {
    "missing file": (("check", "nope.json"), "nope.json"),
    "folder without json": (("check", "examples/calls"), "examples/calls"),
    "broken json": (("check", "{broken}"), "broken.json"),
    "unknown call": (("check", ELIGIBLE, "--call", "tampere-2099"), "tampere-2099"),
    "call and call file": (("check", ELIGIBLE, "--call", "x", "--call-file", "y"), "--call"),
    "call file is a folder": (("check", ELIGIBLE, "--call-file", "examples"), "examples"),
    "call file missing": (("check", ELIGIBLE, "--call-file", "nope.toml"), "nope.toml"),
    "invalid call file": (("check", ELIGIBLE, "--call-file", "{proposal}"), "$."),
    "catalogue missing": (("check", ELIGIBLE, "--catalogue", "nope"), "nope"),
    "catalogue broken": (("check", ELIGIBLE, "--catalogue", "{broken}"), "$"),
    "bad moment": (("check", ELIGIBLE, "--at", "31.2.2022 klo 12"), "--at"),
    "json and csv": (("check", ELIGIBLE, "--json", "--csv"), "--json"),
    "unknown call to show": (("call", "tampere-2099"), "tampere-2099"),
    "projects missing": (("projects", "nope.csv"), "nope.csv"),
    "projects folder": (("projects", "examples"), "examples"),
    "projects bad header": (("projects", "{proposal}"), "2014–2020"),
    "unknown model": (("schema", "Hakemus"), "Proposal"),
    "unknown option": (("check", ELIGIBLE, "--nope"), "--nope"),
    "no command": (("frobnicate",), "frobnicate"),
}


@pytest.fixture
def bad_files(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": ', encoding="utf-8")
    catalogue = tmp_path / "broken.toml"
    catalogue.write_text("[[call]]\nid = ", encoding="utf-8")
    return {"{broken}": broken, "{proposal}": ELIGIBLE, "{catalogue}": catalogue}


@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_exits_2_with_the_error_on_stderr_never_a_traceback(case, lang, bad_files):
    args, named = BAD_INPUT[case]
    if case == "catalogue broken":
        args = ("check", ELIGIBLE, "--catalogue", bad_files["{catalogue}"])
    else:
        args = tuple(bad_files.get(str(a), a) for a in args)
    result = run("--lang", lang, *args)
    assert_clean(result)
    assert 2 == result.returncode
    assert "" == result.stdout
    assert named in result.stderr
    if case not in ("unknown option", "no command"):  # the CLI library's own words
        assert result.stderr.startswith({"fi": "Virhe: ", "sv": "Fel: "}[lang])


# ------------------------------------------------------------------ reference data


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("calls",), ["seinajoki-2022-12", "Kestävän kaupunkikehittämisen EAKR-rahoitus",
                      "2.12.2022", "375\xa0000,00\xa0€"]),
        (("call", "seinajoki-2022-12"), ["hakuaika:", "Ruokaekosysteemin kestävä uudistuminen",
                                         "kehittämishanke"]),
        (("cities",), ["Seinäjoki", "743", "Etelä-Pohjanmaa"]),
        (("agreements",), ["seinajoki", "Älykäs vihreä kasvu", "Seinäjoki"]),
        (("themes",), ["alykas-vihrea-kasvu", "Älykäs vihreä kasvu"]),
    ],
)  # fmt: skip
def test_the_reference_data_listings_are_readable_tables(args, expected):
    result = run(*args)
    assert 0 == result.returncode
    for text in expected:
        assert text in result.stdout
    assert "None" not in result.stdout


@pytest.mark.parametrize(
    ("command", "swedish"),
    [
        ("calls", "ERUF-finansiering för hållbar stadsutveckling"),
        ("cities", "Vasa"),
        ("agreements", "Smart grön tillväxt"),
        ("themes", "Smart grön tillväxt"),
    ],
)
def test_the_listings_in_swedish_with_lang_before_or_after(command, swedish):
    for args in with_lang("sv", command):
        result = run(*args)
        assert 0 == result.returncode
        assert swedish in result.stdout


def test_one_call_in_swedish():
    for args in with_lang("sv", "call", "seinajoki-2022-12"):
        result = run(*args)
        assert 0 == result.returncode
        assert "Ansökningstiden gick ut 2.12.2022" in result.stdout
        assert "utvecklingsprojekt" in result.stdout


def test_the_listings_follow_a_citys_own_catalogue(tmp_path):
    call = eko.to_dict(eko.load(eko.Call, KUOPIO_CALL))
    own = tmp_path / "calls.json"
    own.write_text(json.dumps({"call": [call]}), encoding="utf-8")
    result = run("calls", "--catalogue", own)
    assert "kuopio-esimerkki-2025-03" in result.stdout


# ------------------------------------------------------------------ projects

needs_data = pytest.mark.skipif(not PROJECTS.exists(), reason="needs ../shared/data")


@needs_data
@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_projects_prints_the_summary_and_names_the_bad_row(lang):
    result = run("projects", PROJECTS, "--lang", lang)
    assert 0 == result.returncode
    summary = datasets.read_funded_projects(PROJECTS).summary()
    body = result.stdout.split("\n\n")[0].splitlines()[2:]
    assert len(summary) == len(body)
    if lang == "fi":
        assert "Hankkeita: 2\xa0880; rivejä, joita ei voitu lukea: 1." in result.stdout
        assert "rivi 148, sarake Aloituspvm" in result.stdout
    else:
        assert "rad 148, kolumn Aloituspvm" in result.stdout


@needs_data
def test_projects_json_is_one_object_per_data_row_in_file_order():
    result = run("projects", PROJECTS, "--json")
    assert 0 == result.returncode
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert 2881 == len(rows)
    errors = [row["error"] for row in rows if "error" in row]
    assert [148] == [error["line"] for error in errors]
    assert {"line", "column", "value", "message"} == set(errors[0])
    first = datasets.read_funded_projects(PROJECTS).projects[0]
    assert {"project": first.to_dict()} == rows[0]


@needs_data
def test_projects_csv_has_decimal_commas():
    result = subprocess.run(
        [sys.executable, "-m", "ekosysteemi", "projects", str(PROJECTS), "--csv"],
        capture_output=True, cwd=ROOT, env=QUIET_ENV, check=False,
    )  # fmt: skip
    assert 0 == result.returncode
    rows = list(csv.reader(io.StringIO(result.stdout.decode("utf-8-sig")), delimiter=";"))
    summary = datasets.read_funded_projects(PROJECTS).summary()
    assert len(summary) + 1 == len(rows)
    assert str(summary[0].granted).replace(".", ",") == rows[1][4]
    assert "." not in "".join(row[4] + row[5] for row in rows[1:])


@needs_data
def test_a_closed_pipe_ends_quietly():
    process = subprocess.Popen(
        [sys.executable, "-m", "ekosysteemi", "projects", str(PROJECTS), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=QUIET_ENV,
    )
    assert process.stdout is not None
    process.stdout.readline()
    process.stdout.close()  # what `| head -1` does
    _, err = process.communicate(timeout=60)
    assert b"" == err


def test_a_closed_pipe_after_a_short_output_ends_quietly():
    result = subprocess.run(
        f"'{sys.executable}' -m ekosysteemi themes | head -1",
        shell=True, capture_output=True, text=True, cwd=ROOT, env=QUIET_ENV, check=False,
    )  # fmt: skip
    assert "" == result.stderr
    assert 1 == len(result.stdout.splitlines())


# ------------------------------------------------------------------ schema


@pytest.mark.parametrize("spelling", ["Proposal", "proposal", "PROPOSAL"])
def test_schema_prints_a_models_schema_in_any_letter_case(spelling):
    result = run("schema", spelling)
    assert 0 == result.returncode
    assert eko.json_schema(eko.Proposal) == json.loads(result.stdout)


def test_schema_knows_every_public_model():
    result = run("schema", "Report")
    assert eko.json_schema(eko.Report) == json.loads(result.stdout)


def test_help_names_every_command():
    result = run("--help")
    assert 0 == result.returncode
    for command in ("check", "calls", "call", "cities", "agreements", "themes", "projects",
                    "schema", "select"):  # fmt: skip
        assert f"  {command}" in result.stdout


# ------------------------------------------------------------------ in process


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_check_json_agrees_with_eko_check_on_generated_proposals(data, tmp_path_factory, capsys):
    call = eko.call("seinajoki-2022-12")
    proposal = data.draw(testing.proposals(call, eligible=data.draw(st.booleans())))
    folder = tmp_path_factory.mktemp("p")
    path = folder / "p.json"
    path.write_text(eko.dumps(proposal), encoding="utf-8")
    capsys.readouterr()
    status = main(["check", str(path), "--call", call.id, "--json", "--at", AT])
    out = capsys.readouterr().out
    report = eko.check(proposal, call, at=datetime.fromisoformat(AT))
    assert report.to_dict() == json.loads(out)
    assert (0 if report.eligible else 1) == status


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_terminal_gets_a_progress_bar_for_a_folder():
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "ekosysteemi", "check", "examples/proposals"],
        stdout=follower, stderr=follower, cwd=ROOT, env=QUIET_ENV,
    )  # fmt: skip
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert 1 == process.wait(timeout=60)
    shown = b"".join(chunks).decode("utf-8")
    assert "Tarkistetaan" in shown
    assert "100%" in shown


# ------------------------------------------------------------------ select

SELECT = (
    "select", "--call", "seinajoki-2022-12",
    "--catalogue", "examples/selection/catalogue.toml",
    "--proposals", "examples/selection/proposals",
    "--assessments", "examples/selection/assessments.toml",
    "--budget", "200000",
)  # fmt: skip


@pytest.mark.parametrize("args", [("--lang", "fi", *SELECT), (*SELECT, "--lang", "fi")])
def test_select_on_the_example_files_prints_the_selection_proposal(args):
    result = run(*args)
    assert_clean(result)
    assert 0 == result.returncode
    from test_selection import example

    assert example().explain("fi") == result.stdout.rstrip("\n")


def test_select_in_swedish_and_as_json_and_csv():
    from test_selection import example

    chosen = example()
    swedish = run(*SELECT, "--lang", "sv")
    assert chosen.explain("sv") == swedish.stdout.rstrip("\n")
    as_json = run(*SELECT, "--json", "--at", "2022-12-01T12:00")
    assert 0 == as_json.returncode
    data = json.loads(as_json.stdout)
    assert [r.proposal_id for r in chosen.rows] == [r["proposal_id"] for r in data["rows"]]
    assert "200000.00" == data["allocated"]
    raw = subprocess.run(
        [sys.executable, "-m", "ekosysteemi", *SELECT, "--csv"],
        capture_output=True, cwd=ROOT, env=QUIET_ENV, check=False,
    ).stdout  # fmt: skip
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert ["sija", "hakemus", "nimi", "tila"] == rows[0][:4]
    assert ["1", "ESIM-1"] == rows[1][:2]
    assert "86,00" == rows[1][4]
    assert "rahoitetaan" == rows[1][3]


@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"--call": "seinajoki-2099-01"}, "seinajoki-2099-01"),
        ({"--proposals": "nope"}, "nope"),
        ({"--assessments": "nope.toml"}, "nope.toml"),
        ({"--assessments": "examples/selection/catalogue.toml"}, "assessment"),
        ({"--budget": "paljon"}, "--budget"),
        ({"--catalogue": "nope"}, "nope"),
    ],
)
def test_select_with_bad_input_exits_2(lang, change, named):
    args = list(SELECT)
    for option, value in change.items():
        args[args.index(option) + 1] = value
    result = run(*args, "--lang", lang)
    assert_clean(result)
    assert 2 == result.returncode
    assert "" == result.stdout
    assert named in result.stderr
    assert result.stderr.startswith({"fi": "Virhe: ", "sv": "Fel: "}[lang])


def test_select_needs_a_call():
    args = list(SELECT)
    at = args.index("--call")
    del args[at : at + 2]
    result = run(*args)
    assert 2 == result.returncode
    assert "anna --call tai --call-file" in result.stderr


def test_select_against_a_call_without_criteria_exits_2():
    args = list(SELECT)
    at = args.index("--catalogue")
    del args[at : at + 2]
    result = run(*args)
    assert 2 == result.returncode
    assert "ei ole valintaperusteita" in result.stderr


# ------------------------------------------------------------------ every command, both languages

MARKERS = {
    # command: (arguments, a Finnish word of its output, the Swedish one)
    "check": ((ELIGIBLE,), "tukikelpoinen", "stödberättigad"),
    "calls": ((), "määräaika", "sista dag"),
    "call": (("seinajoki-2022-12",), "hakuaika", "ansökningstid"),
    "cities": ((), "kuntanumero", "kommunnummer"),
    "agreements": ((), "kaupungit", "städer"),
    "themes": ((), "kansallinen teema", "nationellt tema"),
    "schema": (("proposal",), '"$schema"', '"$schema"'),
}


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize("command", sorted(MARKERS))
def test_every_command_answers_in_the_chosen_language(command, lang, where):
    rest, finnish, swedish = MARKERS[command]
    args = (
        ("--lang", lang, command, *rest) if where == "before" else (command, *rest, "--lang", lang)
    )
    result = run(*args)
    assert_clean(result)
    assert 0 == result.returncode
    assert {"fi": finnish, "sv": swedish}[lang] in result.stdout


@needs_data
@pytest.mark.parametrize("args", with_lang("sv", "projects", PROJECTS))
def test_projects_in_swedish_with_lang_before_or_after(args):
    result = run(*args)
    assert 0 == result.returncode
    assert "Projekt: 2\xa0880; rader som inte kunde läsas: 1." in result.stdout


@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize("command", ["calls", "call", "cities", "agreements", "themes"])
def test_a_listing_with_an_unreadable_catalogue_exits_2(command, lang, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[[call]]\nid = ", encoding="utf-8")
    rest = ("seinajoki-2022-12",) if command == "call" else ()
    result = run(command, *rest, "--catalogue", broken, "--lang", lang)
    assert_clean(result)
    assert 2 == result.returncode
    assert "" == result.stdout
    assert str(broken) in result.stderr
    assert result.stderr.startswith({"fi": "Virhe: ", "sv": "Fel: "}[lang])
