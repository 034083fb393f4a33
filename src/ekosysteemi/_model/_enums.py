"""The enumerations of the model, with their wire values."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal, TypeAlias, TypeVar

from ekosysteemi._i18n import N_, Msg

__all__ = [
    "LABELS",
    "Labelled",
    "as_severity",
    "CallStatusValue",
    "CostCategoryValue",
    "CostModelValue",
    "CriterionKindValue",
    "FundingSourceValue",
    "OrganisationKindValue",
    "ProjectTypeValue",
    "SelectionStatusValue",
    "SeverityValue",
    "StateAidBasisValue",
    "ThemeKindValue",
    "member_of",
    "CallStatus",
    "CostCategory",
    "CostModel",
    "CriterionKind",
    "FundingSource",
    "OrganisationKind",
    "ProjectType",
    "SelectionStatus",
    "Severity",
    "StateAidBasis",
    "ThemeKind",
]


class Labelled(StrEnum):
    """An enumeration whose members have names for people: ``.label(lang)``."""

    def label(self, lang: str = "fi") -> str:
        """The member's name for people in ``lang`` (``"fi"``, ``"sv"`` or ``"en"``).

        >>> ProjectType.DEVELOPMENT.label("fi"), ProjectType.DEVELOPMENT.label("sv")
        ('kehittämishanke', 'utvecklingsprojekt')
        """
        from ekosysteemi._i18n import translate

        return translate(_LABELS[type(self)][self._value_], lang)


class ThemeKind(Labelled):
    """What a theme is: a national theme, an agreement's theme or a focus area."""

    NATIONAL = "national"
    AGREEMENT = "agreement"
    FOCUS_AREA = "focus_area"


class OrganisationKind(Labelled):
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


class ProjectType(Labelled):
    """A development project (kehittämishanke) or an investment (investointi)."""

    DEVELOPMENT = "development"
    INVESTMENT = "investment"


class CostModel(Labelled):
    """How a project's costs are reckoned (Decree 866/2021 §2)."""

    ACTUAL_COSTS = "actual_costs"
    FLAT_RATE_40 = "flat_rate_40"
    FLAT_RATE_15 = "flat_rate_15"
    FLAT_RATE_7 = "flat_rate_7"
    FLAT_RATE_1_5 = "flat_rate_1_5"
    LUMP_SUM = "lump_sum"


class CostCategory(Labelled):
    """A cost category of the EURA cost estimate."""

    STAFF = "staff"
    PURCHASED_SERVICES = "purchased_services"
    TRAVEL = "travel"
    EQUIPMENT = "equipment"
    INVESTMENT = "investment"
    OTHER = "other"
    FLAT_RATE = "flat_rate"


class FundingSource(Labelled):
    """A source of the financing plan."""

    EU_AND_STATE = "eu_and_state"
    MUNICIPAL = "municipal"
    OTHER_PUBLIC = "other_public"
    PRIVATE = "private"
    OWN = "own"


class StateAidBasis(Labelled):
    """The basis on which aid is granted."""

    NONE = "none"
    DE_MINIMIS = "de_minimis"
    BLOCK_EXEMPTION = "block_exemption"


class CallStatus(Labelled):
    """Where a call's application window stands at a moment."""

    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"


class CriterionKind(Labelled):
    """The programme's three kinds of specific selection criteria."""

    CONTENT = "content"
    HORIZONTAL = "horizontal"
    SPECIFYING = "specifying"


class SelectionStatus(Labelled):
    """A proposal's place after selection."""

    FUNDED = "funded"
    RESERVE = "reserve"
    BELOW_MINIMUM = "below_minimum"
    INELIGIBLE = "ineligible"


class Severity(Labelled):
    """How much a finding of the eligibility check weighs."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


# What a public function takes where it names a member: the member itself or its exact
# wire value (the contract's "Arguments that name a value of an enumeration").
ThemeKindValue: TypeAlias = ThemeKind | Literal["national", "agreement", "focus_area"]
OrganisationKindValue: TypeAlias = (
    OrganisationKind
    | Literal[
        "municipality",
        "university",
        "university_of_applied_sciences",
        "research_institute",
        "educational_institution",
        "development_company",
        "company",
        "association",
        "foundation",
        "regional_council",
        "state_agency",
        "other",
    ]
)
ProjectTypeValue: TypeAlias = ProjectType | Literal["development", "investment"]
CostModelValue: TypeAlias = (
    CostModel
    | Literal[
        "actual_costs", "flat_rate_40", "flat_rate_15", "flat_rate_7", "flat_rate_1_5", "lump_sum"
    ]
)
CostCategoryValue: TypeAlias = (
    CostCategory
    | Literal[
        "staff", "purchased_services", "travel", "equipment", "investment", "other", "flat_rate"
    ]
)
FundingSourceValue: TypeAlias = (
    FundingSource | Literal["eu_and_state", "municipal", "other_public", "private", "own"]
)
StateAidBasisValue: TypeAlias = StateAidBasis | Literal["none", "de_minimis", "block_exemption"]
CallStatusValue: TypeAlias = CallStatus | Literal["upcoming", "open", "closed"]
CriterionKindValue: TypeAlias = CriterionKind | Literal["content", "horizontal", "specifying"]
SeverityValue: TypeAlias = Severity | Literal["error", "warning", "info"]
SelectionStatusValue: TypeAlias = (
    SelectionStatus | Literal["funded", "reserve", "below_minimum", "ineligible"]
)

E = TypeVar("E", bound=StrEnum)
_BY_VALUE: dict[type[StrEnum], dict[str, StrEnum]] = {}


def member_of(kind: type[E], value: Any, path: str = "$") -> E:
    """The member of ``kind`` that ``value`` names: the member itself or its exact wire
    value. Member names, other letter case and members of another enumeration with the
    same value are refused with ``ValidationError`` ``enum.invalid``."""
    if type(value) is kind:
        return value
    table = _BY_VALUE.get(kind)
    if table is None:
        table = _BY_VALUE.setdefault(kind, {member.value: member for member in kind})
    if type(value) is str:  # a plain string: never another enumeration's member
        member = table.get(value)
        if member is not None:
            return member  # type: ignore[return-value]
    from ekosysteemi._errors import invalid
    from ekosysteemi._i18n import N_

    raise invalid(
        "enum.invalid",
        N_("expected one of {choices}, got {value}"),
        value,
        path,
        choices=", ".join(table),
    )


def as_severity(value: SeverityValue) -> Severity:
    """A converter for fields holding a :class:`Severity`: the member or its wire value."""
    return member_of(Severity, value, "$.severity")


#: The English name of every member, a message id the catalogues translate. (A list of
#: pairs: a StrEnum member equals its value, so members of two enumerations with one
#: value, such as ``CostCategory.INVESTMENT`` and ``ProjectType.INVESTMENT``, would be
#: one key of a dict.)
LABELS: list[tuple[StrEnum, Msg]] = [
    (ThemeKind.NATIONAL, N_("national theme")),
    (ThemeKind.AGREEMENT, N_("agreement theme")),
    (ThemeKind.FOCUS_AREA, N_("focus area")),
    (OrganisationKind.MUNICIPALITY, N_("municipality")),
    (OrganisationKind.UNIVERSITY, N_("university")),
    (OrganisationKind.UNIVERSITY_OF_APPLIED_SCIENCES, N_("university of applied sciences")),
    (OrganisationKind.RESEARCH_INSTITUTE, N_("research institute")),
    (OrganisationKind.EDUCATIONAL_INSTITUTION, N_("educational institution")),
    (OrganisationKind.DEVELOPMENT_COMPANY, N_("development company")),
    (OrganisationKind.COMPANY, N_("company")),
    (OrganisationKind.ASSOCIATION, N_("association")),
    (OrganisationKind.FOUNDATION, N_("foundation")),
    (OrganisationKind.REGIONAL_COUNCIL, N_("regional council")),
    (OrganisationKind.STATE_AGENCY, N_("state agency")),
    (OrganisationKind.OTHER, N_("other organisation")),
    (ProjectType.DEVELOPMENT, N_("development project")),
    (ProjectType.INVESTMENT, N_("investment project")),
    (CostModel.ACTUAL_COSTS, N_("actual costs")),
    (CostModel.FLAT_RATE_40, N_("flat rate 40 %")),
    (CostModel.FLAT_RATE_15, N_("flat rate 15 %")),
    (CostModel.FLAT_RATE_7, N_("flat rate 7 %")),
    (CostModel.FLAT_RATE_1_5, N_("flat rate 1.5 %")),
    (CostModel.LUMP_SUM, N_("lump sum")),
    (CostCategory.STAFF, N_("staff costs")),
    (CostCategory.PURCHASED_SERVICES, N_("purchased services")),
    (CostCategory.TRAVEL, N_("travel costs")),
    (CostCategory.EQUIPMENT, N_("equipment")),
    (CostCategory.INVESTMENT, N_("investment costs")),
    (CostCategory.OTHER, N_("other costs")),
    (CostCategory.FLAT_RATE, N_("flat rate share")),
    (FundingSource.EU_AND_STATE, N_("EU and state funding")),
    (FundingSource.MUNICIPAL, N_("municipal funding")),
    (FundingSource.OTHER_PUBLIC, N_("other public funding")),
    (FundingSource.PRIVATE, N_("private funding")),
    (FundingSource.OWN, N_("own funding")),
    (StateAidBasis.NONE, N_("no state aid")),
    (StateAidBasis.DE_MINIMIS, N_("de minimis aid")),
    (StateAidBasis.BLOCK_EXEMPTION, N_("aid under the block exemption")),
    (CallStatus.UPCOMING, N_("upcoming")),
    (CallStatus.OPEN, N_("open")),
    (CallStatus.CLOSED, N_("closed")),
    (CriterionKind.CONTENT, N_("content criterion")),
    (CriterionKind.HORIZONTAL, N_("horizontal criterion")),
    (CriterionKind.SPECIFYING, N_("specifying criterion")),
    (Severity.ERROR, N_("error")),
    (Severity.WARNING, N_("warning")),
    (Severity.INFO, N_("for information")),
    (SelectionStatus.FUNDED, N_("funded")),
    (SelectionStatus.RESERVE, N_("reserve")),
    (SelectionStatus.BELOW_MINIMUM, N_("below a minimum score")),
    (SelectionStatus.INELIGIBLE, N_("not eligible")),
]
_LABELS: dict[type, dict[str, Msg]] = {}
for _member, _label in LABELS:
    _LABELS.setdefault(type(_member), {})[_member.value] = _label
