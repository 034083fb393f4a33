"""The examples run, and say what they claim."""

import runpy
import subprocess
import sys
from pathlib import Path

import pytest

import ekosysteemi as eko

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"


def run(*args):
    return subprocess.run(
        [sys.executable, *map(str, args)], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout


def test_the_main_job_checks_every_example_proposal():
    out = run(EXAMPLES / "seinajoki.py")
    assert (
        "Hakemus SJK-2022-014 on tukikelpoinen haussa ”Kestävän kaupunkikehittämisen "
        "EAKR-rahoitus”." in out
    )
    for proposal in ("SJK-2022-015", "SJK-2022-016", "SJK-2022-017"):
        assert f"Hakemus {proposal} ei ole tukikelpoinen" in out
    assert "jätä hakemus viimeistään 2.12.2022" in out
    english = run(EXAMPLES / "seinajoki.py", "--lang", "en")
    assert (
        "Proposal SJK-2022-014 is eligible for the call “ERDF funding for sustainable urban "
        "development”." in english
    )


@pytest.mark.parametrize(
    ("name", "failing"),
    [
        ("sjk-2022-014.json", []),
        ("sjk-2022-015-late.json", ["call.open"]),
        ("sjk-2022-016-too-much-aid.json", ["financing.aid_intensity"]),
        ("sjk-2022-017-flat-rate.json", ["costs.flat_rate"]),
    ],
)
def test_each_example_proposal_fails_exactly_what_its_name_says(name, failing):
    proposal = eko.load(eko.Proposal, EXAMPLES / "proposals" / name)
    assert failing == [f.code for f in eko.check(proposal).failures]


def test_the_main_job_reports_an_unreadable_file_and_fails(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": 1}', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "seinajoki.py"), str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert 1 == result.returncode
    assert "$.id" in result.stderr


def test_another_citys_own_rule_decides_with_the_standard_ones():
    example = runpy.run_path(str(EXAMPLES / "kuopio_own_rule.py"))
    call = eko.load(eko.Call, EXAMPLES / "calls" / "kuopio-esimerkki-2025-03.toml")
    local = eko.check(example["proposal"]("297"), call, rules=example["RULES"])
    assert local.eligible
    away = eko.check(example["proposal"]("091"), call, rules=example["RULES"])
    assert ["kuopio.local_implementer"] == [f.code for f in away.failures]
    assert "ota mukaan kuopiolainen toteuttaja" == away.failures[0].hint("fi")
    assert "include an implementer based in Kuopio" == away.failures[0].hint("en")
