"""check_many: the same reports as check(), one clock, errors at their index."""

import gc
from datetime import UTC, datetime

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ekosysteemi as eko
from ekosysteemi import rules, testing

PROPOSAL = eko.load(eko.Proposal, "examples/proposals/sjk-2022-014.json")
LATE = eko.load(eko.Proposal, "examples/proposals/sjk-2022-015-late.json")
CALL = eko.call("seinajoki-2022-12")


@rules.rule("batch.title", title={"fi": "nimi on lyhyt", "sv": "titeln är kort"})
def short_title(ctx):
    return rules.Outcome(
        passed=len(ctx.proposal.title) <= 80,
        path="$.title",
        message={"fi": "nimessä on enintään 80 merkkiä"},
    )


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_each_report_equals_check_at_the_same_moment(data):
    moment = datetime(2022, 11, 30, 12, tzinfo=UTC)
    proposals = data.draw(st.lists(testing.proposals(CALL), min_size=1, max_size=5))
    reports = list(eko.check_many(proposals, CALL, at=moment))
    assert [eko.check(p, CALL, at=moment) for p in proposals] == reports


def test_without_at_the_clock_is_read_once_and_submitted_at_decides():
    reports = list(eko.check_many([PROPOSAL, LATE, PROPOSAL]))
    assert 1 == len({r.at for r in reports})
    for proposal, report in zip([PROPOSAL, LATE, PROPOSAL], reports, strict=True):
        alone = eko.check(proposal)
        assert (alone.findings, alone.reference_date) == (report.findings, report.reference_date)
    draft = attrs.evolve(PROPOSAL, submitted_at=None)
    report = next(eko.check_many([draft]))
    assert report.at.date() == report.reference_date


def test_each_distinct_call_is_resolved_once(monkeypatch):
    asked = []
    catalogue = eko.Catalogue.bundled()
    original = type(catalogue).call

    def counting(self, key):
        asked.append(key)
        return original(self, key)

    monkeypatch.setattr(type(catalogue), "call", counting)
    list(eko.check_many([PROPOSAL, LATE, PROPOSAL, LATE]))
    assert ["seinajoki-2022-12"] == asked


def test_a_failing_item_stops_after_the_earlier_reports():
    got = []
    batch = eko.check_many([PROPOSAL, LATE, "not a proposal", PROPOSAL])
    got.append(next(batch).proposal_id)
    got.append(next(batch).proposal_id)
    with pytest.raises(eko.ValidationError) as caught:
        next(batch)
    assert ["SJK-2022-014", "SJK-2022-015"] == got
    assert [("$[2].proposal", "type")] == [(e.path, e.code) for e in caught.value.errors]
    unknown = attrs.evolve(PROPOSAL, call_id="ei-ole")
    with pytest.raises(eko.UnknownReferenceError) as lookup:
        list(eko.check_many([PROPOSAL, unknown]))
    assert 1 == lookup.value.index


def test_garbage_collection_is_restored_also_when_closed_early():
    assert gc.isenabled()
    batch = eko.check_many([PROPOSAL] * 600)
    next(batch)
    batch.close()
    assert gc.isenabled()
    gc.disable()
    try:
        list(eko.check_many([PROPOSAL] * 3))
        assert not gc.isenabled()  # the caller's state, whatever it was
    finally:
        gc.enable()


def test_processes_give_the_same_reports_and_refuse_an_unpicklable_rule():
    moment = datetime(2022, 11, 30, 12, tzinfo=UTC)
    proposals = [PROPOSAL, LATE] * 150
    own = [*rules.STANDARD_RULES, short_title]
    alone = list(eko.check_many(proposals, at=moment, rules=own))
    assert alone == list(eko.check_many(proposals, at=moment, rules=own, processes=2))
    local = rules.rule("batch.local", title={"fi": "paikallinen"})(
        lambda ctx: rules.Outcome(passed=True, message={"fi": "ok"})
    )
    with pytest.raises(eko.ValidationError) as caught:
        eko.check_many(proposals, rules=[*rules.STANDARD_RULES, local], processes=2)
    assert [(f"$.rules[{len(rules.STANDARD_RULES)}]", "rules.unpicklable")] == [
        (e.path, e.code) for e in caught.value.errors
    ]


def test_a_local_rule_still_copies_though_it_cannot_be_pickled():
    import copy
    import pickle

    local = rules.rule("batch.copy", title={"fi": "kopio"})(
        lambda ctx: rules.Outcome(passed=True, message={"fi": "ok"})
    )
    assert local is copy.deepcopy(local)
    with pytest.raises(pickle.PicklingError, match="module-level name"):
        pickle.dumps(local)
    assert pickle.loads(pickle.dumps(short_title)) is short_title
