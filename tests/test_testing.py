"""The shipped strategies reach every corner users test against."""

import subprocess
import sys
from importlib.metadata import entry_points

import pytest
from hypothesis import Phase, find, settings
from hypothesis import strategies as st

import ekosysteemi as eko
from ekosysteemi import testing

# Generation alone answers "is it reachable"; shrinking whole proposals would be slow.
FIND = settings(max_examples=2000, database=None, phases=[Phase.generate])


@pytest.mark.parametrize(
    ("strategy", "attribute", "kind"),
    [
        (testing.organisations(), "kind", eko.OrganisationKind),
        (testing.cost_lines(), "category", eko.CostCategory),
        (testing.financing_lines(), "source", eko.FundingSource),
        (testing.themes(), "kind", eko.ThemeKind),
        (testing.proposals(), "project_type", eko.ProjectType),
        (testing.proposals(), "cost_model", eko.CostModel),
        (testing.proposals(), "state_aid", eko.StateAidBasis),
    ],
)
def test_every_enum_value_is_reached(strategy, attribute, kind):
    for member in kind:
        found = find(strategy, lambda obj, m=member: getattr(obj, attribute) is m, settings=FIND)
        assert member is getattr(found, attribute)


def test_calls_reach_every_restriction_and_none():
    for field, kind in [
        ("eligible_applicants", eko.OrganisationKind),
        ("project_types", eko.ProjectType),
        ("cost_models", eko.CostModel),
    ]:
        assert find(testing.calls(), lambda c, f=field: getattr(c, f) is None, settings=FIND)
        for member in kind:
            find(
                testing.calls(),
                lambda c, f=field, m=member: getattr(c, f) is not None and m in getattr(c, f),
                settings=FIND,
            )


def test_proposals_reach_co_implementers_revenues_and_earlier_aid():
    assert find(
        testing.proposals(), lambda p: len(p.co_implementers) >= 2, settings=FIND
    ).co_implementers
    assert find(testing.proposals(), lambda p: p.revenues > 0, settings=FIND).revenues > 0
    assert find(testing.proposals(), lambda p: p.de_minimis, settings=FIND).de_minimis
    assert find(testing.proposals(), lambda p: p.submitted_at is not None, settings=FIND)


def test_deadlines_reach_both_forms():
    assert find(testing.deadlines(), lambda d: d.time is None, settings=FIND).time is None
    assert find(testing.deadlines(), lambda d: d.time is not None, settings=FIND).time is not None


def test_periods_never_end_before_they_start():
    # A plain builds() would make such periods; find() must not reach one.
    from hypothesis.errors import NoSuchExample

    with pytest.raises(NoSuchExample):
        find(
            testing.periods().map(lambda p: (p.start, p.end)), lambda p: p[1] < p[0], settings=FIND
        )


@pytest.mark.parametrize(
    "cls",
    [
        eko.Proposal,
        eko.Call,
        eko.Agreement,
        eko.Deadline,
        eko.Period,
        eko.Organisation,
        eko.LocalizedText,
    ],
)
def test_from_type_finds_the_registered_strategies(cls):
    assert isinstance(find(st.from_type(cls), lambda _: True, settings=FIND), cls)


def test_hypothesis_finds_the_strategies_through_its_entry_point():
    hooks = [e for e in entry_points(group="hypothesis") if e.value.startswith("ekosysteemi.")]
    assert ["ekosysteemi._hypothesis_plugin:setup"] == [e.value for e in hooks]
    code = "from hypothesis import strategies as st; import ekosysteemi as eko; "
    code += "print(type(st.from_type(eko.Proposal).example()).__name__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Proposal" == out.stdout.strip()


def test_the_strategies_import_before_hypothesis_does():
    # Hypothesis loads its entry points while it is imported: importing our module
    # first must not meet itself half imported.
    code = "import ekosysteemi.testing as t; import ekosysteemi as eko; "
    code += "print(type(t.proposals().example()).__name__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Proposal" == out.stdout.strip()


def test_documents_are_wire_documents():
    document = find(testing.documents(eko.Proposal), lambda d: True, settings=FIND)
    assert 1 == document["format"]
    assert isinstance(eko.from_dict(eko.Proposal, document), eko.Proposal)


def test_broken_documents_name_the_breakage():
    kind, key, document = find(
        testing.broken_documents(eko.Period, "missing_key"), lambda _: True, settings=FIND
    )
    assert "missing_key" == kind
    assert key not in document
    with pytest.raises(ValueError, match="cannot be broken"):
        find(
            testing.broken_documents(eko.Organisation, "malformed_date"),
            lambda _: True,
            settings=FIND,
        )
