"""The object model: frozen, slotted, keyword-only attrs classes that refuse invalid data."""

from ekosysteemi._model._agreements import Agreement
from ekosysteemi._model._assessments import Assessment, Score
from ekosysteemi._model._calls import Call
from ekosysteemi._model._cities import Municipality, PartnerCity
from ekosysteemi._model._criteria import Criterion
from ekosysteemi._model._enums import (
    CallStatus,
    CostCategory,
    CostModel,
    CriterionKind,
    FundingSource,
    OrganisationKind,
    ProjectType,
    SelectionStatus,
    Severity,
    StateAidBasis,
    ThemeKind,
)
from ekosysteemi._model._organisations import Organisation
from ekosysteemi._model._proposals import AidGrant, CostLine, FinancingLine, Proposal
from ekosysteemi._model._themes import Theme
from ekosysteemi._model._values import Deadline, LocalizedText, Period

__all__ = [
    "Agreement",
    "AidGrant",
    "Assessment",
    "Call",
    "CallStatus",
    "CostCategory",
    "CostLine",
    "CostModel",
    "Criterion",
    "CriterionKind",
    "Deadline",
    "FinancingLine",
    "FundingSource",
    "LocalizedText",
    "Municipality",
    "Organisation",
    "OrganisationKind",
    "PartnerCity",
    "Period",
    "ProjectType",
    "Proposal",
    "Score",
    "SelectionStatus",
    "Severity",
    "StateAidBasis",
    "Theme",
    "ThemeKind",
]
