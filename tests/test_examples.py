"""The examples run, and say what they claim."""

import runpy
from pathlib import Path

import pytest

import ekosysteemi as eko

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"


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


def test_another_citys_own_rule_decides_with_the_standard_ones():
    example = runpy.run_path(str(EXAMPLES / "kuopio_own_rule.py"))
    call = eko.load(eko.Call, EXAMPLES / "calls" / "kuopio-esimerkki-2025-03.toml")
    local = eko.check(example["proposal"]("297"), call, rules=example["RULES"])
    assert local.eligible
    away = eko.check(example["proposal"]("091"), call, rules=example["RULES"])
    assert ["kuopio.local_implementer"] == [f.code for f in away.failures]
    assert "ota mukaan kuopiolainen toteuttaja" == away.failures[0].hint("fi")
    assert "include an implementer based in Kuopio" == away.failures[0].hint("en")
