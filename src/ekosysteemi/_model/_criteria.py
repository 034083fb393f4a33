"""The specific selection criteria a call scores eligible proposals on."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Final

import attrs

from ekosysteemi._errors import ErrorDetail, invalid
from ekosysteemi._i18n import N_
from ekosysteemi._model import _checks as c
from ekosysteemi._model._base import Model, checks
from ekosysteemi._model._enums import CriterionKind
from ekosysteemi._model._themes import slug
from ekosysteemi._model._values import LocalizedText

__all__ = ["DEFAULT_MAX_SCORES", "Criterion"]

#: The programme's scales: content and specifying criteria 0-5, horizontal ones 0-3.
#: Source: rakennerahastot.fi, "Hankkeiden yleiset ja erityiset valintaperusteet"
#: (https://rakennerahastot.fi/hankkeiden-yleiset-ja-erityiset-valintaperusteet):
#: "sisällölliset ja tarkentavat erityiset valintaperusteet asteikolla 0–5.
#: Horisontaaliset valintaperusteet pisteytetään asteikolla 0–3."
DEFAULT_MAX_SCORES: Final = {
    CriterionKind.CONTENT: 5,
    CriterionKind.SPECIFYING: 5,
    CriterionKind.HORIZONTAL: 3,
}


def _score(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise invalid(
            "score.invalid", N_("expected a whole number from 0 to 100, got {value}"), value, path
        )
    return value


def _weight(value: Any, path: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise invalid(
            "weight.invalid", N_("expected a weight of 0 or more, got {value}"), value, path
        )
    weight = Decimal(value)
    if not weight.is_finite() or weight < 0 or weight > 1000:
        raise invalid(
            "weight.invalid", N_("expected a weight of 0 or more, got {value}"), value, path
        )
    return weight


c.HINTS[_score] = {"minimum": 0, "maximum": 100}
c.HINTS[_weight] = {
    "schema": {
        "anyOf": [
            {"type": "string", "pattern": r"^[0-9]{1,4}(\.[0-9]+)?$(?!\n)"},
            {"type": "number", "minimum": 0, "maximum": 1000},
        ],
        "description": "a weight of 0 or more (1 by default)",
    }
}


def _default_max(self: Criterion) -> int:
    return DEFAULT_MAX_SCORES.get(self.kind, 5)


@attrs.frozen(kw_only=True)
class Criterion(Model):
    """One specific selection criterion a call scores proposals on.

    Attributes:
        id: a stable id (``tasa-arvo``).
        name: the criterion's name in Finnish, Swedish and English.
        kind: content, horizontal or specifying.
        max_score: the top of its scale (by default 5 for content and specifying
            criteria, 3 for horizontal ones).
        weight: its weight in the score (1 by default; 0 or more).
        min_score: the least mean score a proposal must reach to be funded, or ``None``.
    """

    id: str = attrs.field(metadata=checks(slug))
    name: LocalizedText = attrs.field(metadata=checks(c.instance_of(LocalizedText)))
    kind: CriterionKind = attrs.field(metadata=checks(c.enum_member(CriterionKind)))
    max_score: int = attrs.field(
        default=attrs.Factory(_default_max, takes_self=True), metadata=checks(_score)
    )
    weight: Decimal = attrs.field(default=Decimal(1), metadata=checks(_weight))
    min_score: int | None = attrs.field(default=None, metadata=checks(c.optional(_score)))

    def _check(self) -> Iterator[ErrorDetail]:
        if self.max_score < 1:
            yield ErrorDetail(
                path="$.max_score",
                code="score.invalid",
                value=self.max_score,
                template=N_("expected a scale of at least 1, got {value}"),
            )
        if self.min_score is not None and self.min_score > self.max_score:
            yield ErrorDetail(
                path="$.min_score",
                code="score.min_above_max",
                value=self.min_score,
                template=N_("expected a minimum of at most the scale's top {limit}, got {value}"),
                params={"limit": self.max_score},
            )

    def __repr__(self) -> str:
        from ekosysteemi._display import compact, display_language

        return compact("Criterion", self.id, self.name.get(display_language()))
