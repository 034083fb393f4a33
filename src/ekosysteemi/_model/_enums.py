"""The enumerations of the model, with their wire values."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "CallStatus",
    "CostCategory",
    "CostModel",
    "FundingSource",
    "OrganisationKind",
    "ProjectType",
    "Severity",
    "StateAidBasis",
    "ThemeKind",
]


class ThemeKind(StrEnum):
    """What a theme is: a national theme, an agreement's theme or a focus area."""

    NATIONAL = "national"
    AGREEMENT = "agreement"
    FOCUS_AREA = "focus_area"


class OrganisationKind(StrEnum):
    """The legal kind of an applicant or co-implementer."""

    MUNICIPALITY = "municipality"
    UNIVERSITY = "university"
    UNIVERSITY_OF_APPLIED_SCIENCES = "university_of_applied_sciences"
    RESEARCH_INSTITUTE = "research_institute"
    EDUCATIONAL_INSTITUTION = "educational_institution"
    DEVELOPMENT_COMPANY = "development_company"
    COMPANY = "company"
    ASSOCIATION = "association"
    FOUNDATION = "foundation"
    REGIONAL_COUNCIL = "regional_council"
    STATE_AGENCY = "state_agency"
    OTHER = "other"


class ProjectType(StrEnum):
    """A development project (kehittämishanke) or an investment (investointi)."""

    DEVELOPMENT = "development"
    INVESTMENT = "investment"


class CostModel(StrEnum):
    """How a project's costs are reckoned (Decree 866/2021 §2)."""

    ACTUAL_COSTS = "actual_costs"
    FLAT_RATE_40 = "flat_rate_40"
    FLAT_RATE_15 = "flat_rate_15"
    FLAT_RATE_7 = "flat_rate_7"
    LUMP_SUM = "lump_sum"


class CostCategory(StrEnum):
    """A cost category of the EURA cost estimate."""

    STAFF = "staff"
    PURCHASED_SERVICES = "purchased_services"
    TRAVEL = "travel"
    EQUIPMENT = "equipment"
    INVESTMENT = "investment"
    OTHER = "other"
    FLAT_RATE = "flat_rate"


class FundingSource(StrEnum):
    """A source of the financing plan."""

    EU_AND_STATE = "eu_and_state"
    MUNICIPAL = "municipal"
    OTHER_PUBLIC = "other_public"
    PRIVATE = "private"
    OWN = "own"


class StateAidBasis(StrEnum):
    """The basis on which aid is granted."""

    NONE = "none"
    DE_MINIMIS = "de_minimis"
    BLOCK_EXEMPTION = "block_exemption"


class CallStatus(StrEnum):
    """Where a call's application window stands at a moment."""

    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"


class Severity(StrEnum):
    """How much a finding of the eligibility check weighs."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
