"""ekosysteemi: Finland's innovation ecosystem agreements, their calls and proposals.

A typed model of the agreements between the state and the Innokaupungit
cities, the ERDF (EAKR) calls the cities open under them, the proposals that
apply, and the rules that decide whether a proposal is eligible.

>>> import ekosysteemi as eko
>>> eko.agreement("seinajoki").theme.name.fi
'Älykäs vihreä kasvu'
"""

import typing as _typing

from ekosysteemi import fi
from ekosysteemi._display import set_language
from ekosysteemi._errors import (
    EkosysteemiError,
    ErrorDetail,
    FileReadError,
    UnknownReferenceError,
    ValidationError,
)
from ekosysteemi._model import (
    Agreement,
    AidGrant,
    Assessment,
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
    Score,
    SelectionStatus,
    Severity,
    StateAidBasis,
    Theme,
    ThemeKind,
)
from ekosysteemi._version import __version__

if _typing.TYPE_CHECKING:
    from ekosysteemi import rules
    from ekosysteemi._catalogue import Catalogue
    from ekosysteemi._io import FORMAT_VERSION, dumps, from_dict, load, loads, to_dict
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
    from ekosysteemi._rules._selection import (
        CriterionScore,
        Selection,
        SelectionRow,
        load_assessments,
        select,
    )
    from ekosysteemi._schema import json_schema
    from ekosysteemi._tables import reports_to_dataframe, reports_to_records

#: What ``import ekosysteemi`` leaves for first use (PEP 562): the reading and
#: writing, the reference data, the rules and the schema builder load when a
#: program first asks for them, so that importing the model stays light.
_LAZY: dict[str, str] = {
    **dict.fromkeys(
        ("FORMAT_VERSION", "dumps", "from_dict", "load", "loads", "to_dict"), "ekosysteemi._io"
    ),
    **dict.fromkeys(
        (
            "agreement",
            "agreements",
            "call",
            "calls",
            "cities",
            "city",
            "criteria",
            "criterion",
            "municipality",
            "source_of",
            "theme",
            "themes",
        ),
        "ekosysteemi._reference",
    ),
    "Catalogue": "ekosysteemi._catalogue",
    "check": "ekosysteemi._rules._engine",
    "check_many": "ekosysteemi._rules._batch",
    "DatedValue": "ekosysteemi._rules._parameters",
    "Parameters": "ekosysteemi._rules._parameters",
    "Finding": "ekosysteemi._rules._report",
    "Report": "ekosysteemi._rules._report",
    "json_schema": "ekosysteemi._schema",
    **dict.fromkeys(
        ("CriterionScore", "Selection", "SelectionRow", "load_assessments", "select"),
        "ekosysteemi._rules._selection",
    ),
    "reports_to_dataframe": "ekosysteemi._tables",
    "reports_to_records": "ekosysteemi._tables",
}


def __getattr__(name: str) -> _typing.Any:
    import importlib

    if name == "rules":
        return importlib.import_module("ekosysteemi.rules")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ekosysteemi' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "Agreement",
    "AidGrant",
    "Assessment",
    "Call",
    "CallStatus",
    "Catalogue",
    "CostCategory",
    "CostLine",
    "CostModel",
    "Criterion",
    "CriterionKind",
    "CriterionScore",
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
    "Score",
    "Selection",
    "SelectionRow",
    "SelectionStatus",
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
    "load_assessments",
    "loads",
    "municipality",
    "reports_to_dataframe",
    "reports_to_records",
    "rules",
    "select",
    "set_language",
    "source_of",
    "theme",
    "themes",
    "to_dict",
]
