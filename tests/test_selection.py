"""Selection: scores, ranks and the budget, as the contract defines them.

The worked example's proposals and assessments under examples/selection/ are
invented; its expected selection below is written by hand from the contract's
formula, not computed by the library.
"""

import json
import random
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import ekosysteemi as eko
from ekosysteemi import testing

EXAMPLE = Path(__file__).parents[1] / "examples" / "selection"
CATALOGUE = eko.Catalogue.load(EXAMPLE / "catalogue.toml")
CALL = CATALOGUE.call("seinajoki-2022-12")
PROPOSALS = [eko.load(eko.Proposal, p) for p in sorted((EXAMPLE / "proposals").glob("*.json"))]
ASSESSMENTS = eko.load_assessments(EXAMPLE / "assessments.toml")


def example(budget=Decimal(200000)):
    return eko.select(CALL, PROPOSALS, ASSESSMENTS, budget=budget, catalogue=CATALOGUE)


# ------------------------------------------------------------------ the worked example


def test_the_worked_example_by_hand():
    # Criteria: impact (content, 0-5, weight 2, minimum 2), the two focus areas
    # (specifying, 0-5) and sustainable development (horizontal, 0-3); Σw = 5.
    # ESIM-1: means 5, 4.5, 2, 3 -> 100 * (2*5/5 + 4.5/5 + 2/5 + 3/3) / 5 = 86
    # ESIM-2: 4, 4, 3, 2 -> 100 * (1.6 + 0.8 + 0.6 + 2/3) / 5 = 73.33...
    # ESIM-5: 1.5, 5, 5, 3 -> 72, but its impact mean 1.5 is below the minimum 2
    # ESIM-3 and ESIM-4: 3.5, 3, 3, 2 -> 65.33... each, the same mean on the first
    #   criterion: ESIM-4 was submitted first (20.11. before 30.11.)
    # ESIM-6: 2, 2, 1, 1 -> 100 * (0.8 + 0.4 + 0.2 + 1/3) / 5 = 34.66...
    # ESIM-7 was submitted after the deadline: ineligible.
    # Budget 200 000: ESIM-1 112 000 (88 000 left), ESIM-2 56 000 (32 000), ESIM-5
    # nothing, ESIM-4 28 000 (4 000), ESIM-3 asks 42 000 > 4 000: reserve; ESIM-6
    # asks 4 000: funded, 0 left.
    expected = [
        (1, "ESIM-1", "funded", "86.00", "112000.00", "112000.00"),
        (2, "ESIM-2", "funded", "73.33", "56000.00", "56000.00"),
        (3, "ESIM-5", "below_minimum", "72.00", "30000.00", "0.00"),
        (4, "ESIM-4", "funded", "65.33", "28000.00", "28000.00"),
        (5, "ESIM-3", "reserve", "65.33", "42000.00", "0.00"),
        (6, "ESIM-6", "funded", "34.67", "4000.00", "4000.00"),
        (None, "ESIM-7", "ineligible", None, "22400.00", "0.00"),
    ]
    chosen = example()
    assert expected == [
        (r.rank, r.proposal_id, r.status.value, None if r.score is None else str(r.score),
         str(r.requested), str(r.allocated))
        for r in chosen.rows
    ]  # fmt: skip
    assert (Decimal("200000.00"), Decimal("0.00")) == (chosen.allocated, chosen.remaining)
    assert ("esimerkki-vaikuttavuus",) == chosen.row("ESIM-5").below_minimum_on
    impact = chosen.row("ESIM-1").criterion_scores[0]
    assert ("esimerkki-vaikuttavuus", Decimal("5.00"), 5, 5, 2) == (
        impact.criterion_id, impact.mean, impact.min, impact.max, impact.assessors
    )  # fmt: skip
    assert Decimal("4000.00") == chosen.left_before("ESIM-3")
    assert not chosen.budget_approximate


def test_the_worked_example_explains_itself_in_three_languages():
    chosen = example()
    fi, sv, en = (chosen.explain(lang) for lang in ("fi", "sv", "en"))
    assert fi.startswith("Valintaesitys: Kestävän kaupunkikehittämisen EAKR-rahoitus\n")
    assert "5. ESIM-3 ”Elintarvikkeiden sivuvirrat (esimerkki)”: 65,33 pistettä" in fi
    assert "varalla" in fi
    assert "jäljellä olleeseen 4\xa0000,00\xa0€" in fi
    assert "Hankkeen vaikuttavuus (esimerkki): keskiarvo 1,50 alittaa vähimmäispisteet 2" in fi
    assert "ei täytä: jätetty hakuaikana" in fi
    assert sv.startswith("Förslag till urval: ERUF-finansiering för hållbar stadsutveckling\n")
    assert "reserv" in sv
    assert "Projektets genomslag (exempel): medelvärdet 1,50 är under minimipoängen 2" in sv
    assert en.startswith("Selection proposal: ERDF funding for sustainable urban development\n")
    assert "the request did not fit in the 4\xa0000,00\xa0€ left when its turn came" in en
    for text in (fi, sv, en):
        assert "Arvioija" not in text  # assessors only when asked
        for criterion in CALL.criteria:
            assert criterion.id not in text
    for text in (fi, sv):  # (English labels may equal their wire values)
        for status in eko.SelectionStatus:
            assert status.value not in text
    assert "arvioijat: Arvioija A, Arvioija B" in chosen.explain("fi", assessors=True)


def test_the_call_s_approximate_funds_say_noin():
    approximate = attrs.evolve(CALL, available_funding_approximate=True)
    chosen = eko.select(approximate, PROPOSALS, ASSESSMENTS, catalogue=CATALOGUE)
    assert chosen.budget_approximate
    assert "Jaettavissa noin 375\xa0000,00\xa0€" in chosen.explain("fi")
    assert "cirka" in chosen.explain("sv")
    given = eko.select(approximate, PROPOSALS, ASSESSMENTS, budget=375000, catalogue=CATALOGUE)
    assert not given.budget_approximate


def test_a_selection_survives_the_wire_and_its_schema():
    chosen = example()
    text = eko.dumps(chosen)
    assert chosen == eko.loads(eko.Selection, text)
    jsonschema.validate(json.loads(text), eko.json_schema(eko.Selection))
    broken = json.loads(text)
    broken["allocated"] = "1.00"
    with pytest.raises(eko.ValidationError) as caught:
        eko.from_dict(eko.Selection, broken)
    assert ["selection.inconsistent"] == [e.code for e in caught.value.errors]


def test_a_selection_as_a_dataframe_and_in_a_notebook():
    pd = pytest.importorskip("pandas")
    chosen = example()
    frame = chosen.to_dataframe()
    assert isinstance(frame, pd.DataFrame)
    assert [r.proposal_id for r in chosen.rows] == list(frame["proposal_id"])
    assert isinstance(frame["allocated"][0], Decimal)
    assert "mean:esimerkki-vaikuttavuus" in frame.columns
    eko.set_language("sv")
    try:
        page = chosen._repr_html_()
    finally:
        eko.set_language("fi")
    assert "Förslag till urval" in page
    assert "finansieras" in page
    assert len(repr(chosen)) <= 120


# ------------------------------------------------------------------ input errors


def test_every_input_error_at_once_naming_proposal_assessor_and_criterion():
    twin = attrs.evolve(PROPOSALS[1])  # ESIM-2 twice
    first = ASSESSMENTS[0]
    scores = list(first.scores)
    bad = [
        attrs.evolve(first, proposal_id="EI-OLE"),  # unknown proposal
        first,  # the same assessor twice
        attrs.evolve(
            first,
            assessor="Arvioija X",
            scores=(
                attrs.evolve(scores[0], value=9),  # out of its 0-5 scale
                scores[1],
                scores[1],  # twice
                attrs.evolve(scores[3], criterion_id="tasa-arvo"),  # not the call's
            ),
        ),
    ]
    unassessed = [a for a in ASSESSMENTS if a.proposal_id != "ESIM-6"]
    with pytest.raises(eko.ValidationError) as caught:
        eko.select(CALL, [*PROPOSALS, twin], [*unassessed, *bad], catalogue=CATALOGUE)
    found = {(e.code, e.path) for e in caught.value.errors}
    n = len(unassessed)
    assert {
        ("selection.duplicate_proposal", "$.proposals[7].id"),
        ("selection.unknown_proposal", f"$.assessments[{n}].proposal_id"),
        ("selection.duplicate_assessment", f"$.assessments[{n + 1}].assessor"),
        ("assessment.out_of_scale", f"$.assessments[{n + 2}].scores[0].value"),
        ("assessment.duplicate_criterion", f"$.assessments[{n + 2}].scores[2].criterion_id"),
        ("assessment.unknown_criterion", f"$.assessments[{n + 2}].scores[3].criterion_id"),
        ("assessment.missing_criterion", f"$.assessments[{n + 2}].scores"),
        ("selection.not_assessed", "$.proposals[5]"),
    } == found
    text = caught.value.explain("fi")
    assert "Arvioija X antoi hakemukselle ESIM-1 9 pistettä valintaperusteella Hankkeen" in text
    assert "Kestävä kehitys" in text  # the missing criterion, by its name


def test_a_call_without_criteria_cannot_select():
    with pytest.raises(eko.ValidationError) as caught:
        eko.select(eko.call("seinajoki-2022-12"), PROPOSALS, ASSESSMENTS)
    assert ["selection.no_criteria"] == [e.code for e in caught.value.errors]


@pytest.mark.parametrize("budget", [Decimal("-1"), Decimal("0.001"), 1.5, "100"])
def test_a_bad_budget_is_refused(budget):
    with pytest.raises(eko.ValidationError) as caught:
        eko.select(CALL, PROPOSALS, ASSESSMENTS, budget=budget, catalogue=CATALOGUE)
    assert all(e.path == "$.budget" for e in caught.value.errors)


def test_assessments_load_from_json_too_with_a_byte_order_mark(tmp_path):
    data = {"assessment": [eko.to_dict(a) for a in ASSESSMENTS]}
    path = tmp_path / "arviot.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data).encode())
    assert ASSESSMENTS == eko.load_assessments(path)
    path.write_text(json.dumps({"assessment": [{"proposal_id": "X"}]}), encoding="utf-8")
    with pytest.raises(eko.ValidationError) as caught:
        eko.load_assessments(path)
    assert all(e.path.startswith("$.assessment[0]") for e in caught.value.errors)


# ------------------------------------------------------------------ properties


def exact_score(call, assessments):
    """The contract's S, computed here on its own from the assessments."""
    total = Fraction(0)
    for criterion in call.criteria:
        values = [s.value for a in assessments for s in a.scores if s.criterion_id == criterion.id]
        total += (
            Fraction(criterion.weight) * Fraction(sum(values), len(values)) / criterion.max_score
        )
    return 100 * total / sum(Fraction(c.weight) for c in call.criteria)


@st.composite
def selections(draw):
    call = draw(testing.scored_calls())
    count = draw(st.integers(1, 6))
    proposals = []
    for index in range(count):
        eligible = draw(st.booleans()) if index else True
        try:
            proposal = draw(testing.proposals(call, eligible=eligible))
        except ValueError:  # a call no proposal can meet, or fail in one rule only
            assume(False)
        proposals.append(attrs.evolve(proposal, id=f"P{index}"))
    assessed = draw(testing.assessments(call, [p.id for p in proposals]))
    budget = draw(st.none() | st.decimals(0, 10**7, places=2))
    return call, proposals, assessed, budget


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(case=selections())
def test_selection_properties(case):
    call, proposals, assessed, budget = case
    chosen = eko.select(call, proposals, assessed, budget=budget)
    spend = call.available_funding if budget is None else budget
    # The budget is never overspent, to the cent, and the sums add up.
    assert chosen.allocated <= spend
    assert chosen.allocated == sum((r.allocated for r in chosen.rows), Decimal(0))
    assert chosen.remaining == spend - chosen.allocated
    by_id = {p.id: p for p in proposals}
    left = spend
    scored = [r for r in chosen.rows if r.rank is not None]
    assert list(range(1, len(scored) + 1)) == [r.rank for r in scored]
    keys = []
    for row in chosen.rows:
        assert row.proposal_id == row.report.proposal_id
        assert row.report.eligible == (row.status is not eko.SelectionStatus.INELIGIBLE)
        if row.rank is None:
            assert (None, Decimal(0)) == (row.score, row.allocated)
            continue
        mine = [a for a in assessed if a.proposal_id == row.proposal_id]
        exact = exact_score(call, mine)
        # Scores are within 0-100, rounded half-even from the exact score.
        assert 0 <= exact <= 100
        assert row.score == Decimal(round(exact * 100)).scaleb(-2)
        means = {
            c.id: Fraction(sum(s.value for a in mine for s in a.scores if s.criterion_id == c.id),
                           len(mine))
            for c in call.criteria
        }  # fmt: skip
        below = [
            c.id for c in call.criteria if c.min_score is not None and means[c.id] < c.min_score
        ]
        assert tuple(below) == row.below_minimum_on
        proposal = by_id[row.proposal_id]
        when = proposal.submitted_at
        keys.append(
            (-exact, -means[call.criteria[0].id], (0, when) if when else (1, None), row.proposal_id)
        )
        requested = proposal.funding("eu_and_state")
        if row.status is eko.SelectionStatus.FUNDED:
            assert not below
            assert requested <= left
            assert row.allocated == requested
            left -= requested
        elif row.status is eko.SelectionStatus.RESERVE:
            assert not below
            assert requested > left  # it did not fit when its turn came
            assert left == chosen.left_before(row.proposal_id)
        else:
            assert below
    # Ranked by the contract's keys, ties included.
    assert keys == sorted(keys)
    # Ineligible rows follow by proposal id.
    tail = [r.proposal_id for r in chosen.rows if r.rank is None]
    assert tail == sorted(tail)


@PROPERTY
@given(case=selections(), seed=st.integers(0, 2**16))
def test_the_result_does_not_depend_on_the_order_of_the_inputs(case, seed):
    call, proposals, assessed, budget = case
    at = datetime(2030, 1, 1, 12)
    one = eko.select(call, proposals, assessed, budget=budget, at=at)
    shuffled_p, shuffled_a = list(proposals), list(assessed)
    random.Random(seed).shuffle(shuffled_p)
    random.Random(seed + 1).shuffle(shuffled_a)
    other = eko.select(call, shuffled_p, shuffled_a, budget=budget, at=at)
    assert one.to_dict() == other.to_dict()
    assert one.to_dict() == eko.select(call, proposals, assessed, budget=budget, at=at).to_dict()


@PROPERTY
@given(call=testing.scored_calls(), data=st.data())
def test_full_marks_score_100_and_nothing_scores_0(call, data):
    proposal = attrs.evolve(data.draw(testing.proposals(call)), id="P")
    for value_of, expected in ((lambda c: c.max_score, Decimal(100)), (lambda c: 0, Decimal(0))):
        assessment = eko.Assessment(
            proposal_id="P",
            assessor="A",
            scores=tuple(
                eko.Score(criterion_id=c.id, value=value_of(c), justification="x")
                for c in call.criteria
            ),
            assessed_on=datetime(2023, 1, 1).date(),
        )
        row = eko.select(call, [proposal], [assessment]).rows[0]
        assert expected == row.score


@PROPERTY
@given(case=selections())
def test_every_selection_survives_the_wire(case):
    call, proposals, assessed, budget = case
    chosen = eko.select(call, proposals, assessed, budget=budget)
    assume(chosen.rows)
    assert chosen == eko.loads(eko.Selection, eko.dumps(chosen))


def test_selecting_among_no_proposals_allocates_nothing_now_in_helsinki():
    chosen = eko.select(CALL, [], [], catalogue=CATALOGUE)
    assert () == chosen.rows
    assert (Decimal(0), CALL.available_funding) == (chosen.allocated, chosen.remaining)
    assert chosen.at.utcoffset() is not None
    assert abs(datetime.now(eko.fi.HELSINKI) - chosen.at).total_seconds() < 60
