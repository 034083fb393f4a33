"""ekosysteemi: Finland's innovation ecosystem agreements, their calls and proposals.

A typed model of the agreements between the state and the Innokaupungit
cities, the ERDF (EAKR) calls the cities open under them, the proposals that
apply, and the rules that decide whether a proposal is eligible.

>>> import ekosysteemi as eko
>>> eko.agreement("seinajoki").theme.name.fi
'Älykäs vihreä kasvu'
"""

from ekosysteemi import fi, rules
from ekosysteemi._catalogue import Catalogue
from ekosysteemi._errors import (
    EkosysteemiError,
    ErrorDetail,
    FileReadError,
    UnknownReferenceError,
    ValidationError,
)
from ekosysteemi._io import FORMAT_VERSION, dumps, from_dict, load, loads, to_dict
from ekosysteemi._model import (
    Agreement,
    AidGrant,
    Call,
    CallStatus,
    CostCategory,
    CostLine,
    CostModel,
    Criterion,
    CriterionKind,
    Deadline,
    FinancingLine,
    FundingSource,
    LocalizedText,
    Municipality,
    Organisation,
    OrganisationKind,
    PartnerCity,
    Period,
    ProjectType,
    Proposal,
    Severity,
    StateAidBasis,
    Theme,
    ThemeKind,
)
from ekosysteemi._reference import (
    agreement,
    agreements,
    call,
    calls,
    cities,
    city,
    criteria,
    criterion,
    municipality,
    source_of,
    theme,
    themes,
)
from ekosysteemi._rules._batch import check_many
from ekosysteemi._rules._engine import check
from ekosysteemi._rules._parameters import DatedValue, Parameters
from ekosysteemi._rules._report import Finding, Report
from ekosysteemi._schema import json_schema
from ekosysteemi._version import __version__

__all__ = [
    "Agreement",
    "AidGrant",
    "Call",
    "CallStatus",
    "Catalogue",
    "CostCategory",
    "CostLine",
    "CostModel",
    "Criterion",
    "CriterionKind",
    "DatedValue",
    "Deadline",
    "EkosysteemiError",
    "ErrorDetail",
    "FORMAT_VERSION",
    "FileReadError",
    "FinancingLine",
    "Finding",
    "FundingSource",
    "LocalizedText",
    "Municipality",
    "Organisation",
    "OrganisationKind",
    "Parameters",
    "PartnerCity",
    "Period",
    "ProjectType",
    "Proposal",
    "Report",
    "Severity",
    "StateAidBasis",
    "Theme",
    "ThemeKind",
    "UnknownReferenceError",
    "ValidationError",
    "__version__",
    "agreement",
    "agreements",
    "call",
    "calls",
    "check",
    "check_many",
    "cities",
    "city",
    "criteria",
    "criterion",
    "dumps",
    "fi",
    "from_dict",
    "json_schema",
    "load",
    "loads",
    "municipality",
    "rules",
    "source_of",
    "theme",
    "themes",
    "to_dict",
]
