"""Assessors' scores of eligible proposals on a call's specific criteria."""

from __future__ import annotations

from datetime import date

import attrs

from ekosysteemi._errors import invalid
from ekosysteemi._i18n import N_
from ekosysteemi._model import _checks as c
from ekosysteemi._model._base import Model, checks
from ekosysteemi._model._themes import slug

__all__ = ["Assessment", "Score"]


def _value(value: object, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise invalid(
            "score.invalid", N_("expected a whole number from 0 to 100, got {value}"), value, path
        )
    return value


c.HINTS[_value] = {"minimum": 0, "maximum": 100}


@attrs.frozen(kw_only=True)
class Score(Model):
    """One assessor's score of a proposal on one criterion.

    Attributes:
        criterion_id: the criterion scored (one of the call's).
        value: the score, 0 up to the criterion's ``max_score`` (the call decides
            the scale; a value beyond it is refused when selecting).
        justification: why this score: required, as the programme's assessment
            form asks.
    """

    criterion_id: str = attrs.field(metadata=checks(slug))
    value: int = attrs.field(metadata=checks(_value))
    justification: str = attrs.field(metadata=checks(c.text))

    def __repr__(self) -> str:
        from ekosysteemi._display import compact

        return compact("Score", f"{self.criterion_id}={self.value}", self.justification)


@attrs.frozen(kw_only=True)
class Assessment(Model):
    """One assessor's scores of one proposal.

    Attributes:
        proposal_id: the proposal assessed.
        assessor: who assessed it (a name or an id; not shown in a selection's text
            unless asked).
        scores: one per criterion of the call.
        assessed_on: the day of the assessment.
    """

    proposal_id: str = attrs.field(metadata=checks(c.text))
    assessor: str = attrs.field(metadata=checks(c.text))
    scores: tuple[Score, ...] = attrs.field(
        metadata=checks(c.tuple_of(c.instance_of(Score), min_items=1))
    )
    assessed_on: date = attrs.field(metadata=checks(c.calendar_date))

    def __repr__(self) -> str:
        from ekosysteemi._display import compact

        return compact("Assessment", self.proposal_id, self.assessor)
