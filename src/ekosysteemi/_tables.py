"""Reports as table rows: plain records, or a pandas DataFrame (the ``pandas`` extra).

>>> import ekosysteemi as eko
>>> proposals = [eko.load(eko.Proposal, f"examples/proposals/{name}.json")
...              for name in ("sjk-2022-014", "sjk-2022-015-late")]
>>> rows = eko.reports_to_records(eko.check_many(proposals))
>>> [(row["proposal_id"], row["eligible"], row["failed"]) for row in rows]
[('SJK-2022-014', True, ()), ('SJK-2022-015', False, ('call.open',))]
>>> rows[1]["failed_titles"]
('jätetty hakuaikana',)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from ekosysteemi._errors import invalid
from ekosysteemi._i18n import N_, Lang, check_lang
from ekosysteemi._model._enums import Severity
from ekosysteemi._rules._report import Report

__all__ = ["reports_to_dataframe", "reports_to_records"]

Per = Literal["proposal", "finding"]


def reports_to_records(
    reports: Iterable[Report], *, per: Per = "proposal", lang: Lang | str = "fi"
) -> list[dict[str, Any]]:
    """One plain dict per proposal (``per="proposal"``) or per finding
    (``per="finding"``), texts in ``lang``; amounts stay ``Decimal``.

    Per proposal: ``proposal_id``, ``call_id``, ``call_title``, ``at``, ``eligible``,
    ``failed`` and ``failed_titles`` (the failed conditions' codes and titles),
    ``warnings`` and ``warning_titles`` (the failed warnings'). Per finding:
    ``proposal_id``, ``call_id``, ``code``, ``title``, ``severity``, ``passed``,
    ``path``, ``message``, ``hint``, ``expected`` and ``actual``.
    """
    language = check_lang(lang)
    if per not in ("proposal", "finding"):
        raise invalid(
            "enum.invalid", N_("expected one of {choices}, got {value}"), per, "$.per",
            choices="proposal, finding",
        )  # fmt: skip
    rows: list[dict[str, Any]] = []
    for index, report in enumerate(reports):
        if not isinstance(report, Report):
            raise invalid(
                "type", N_("expected a report, got {value}"), report, f"$.reports[{index}]"
            )
        if per == "finding":
            rows.extend(
                {
                    "proposal_id": report.proposal_id,
                    "call_id": report.call_id,
                    "code": f.code,
                    "title": f.title_in(language),
                    "severity": f.severity.label(language),
                    "passed": f.passed,
                    "path": f.path,
                    "message": f.message(language),
                    "hint": f.hint(language),
                    "expected": f.expected,
                    "actual": f.actual,
                }
                for f in report.findings
            )
            continue
        errors = [f for f in report.failures if f.severity is Severity.ERROR]
        notes = [f for f in report.failures if f.severity is not Severity.ERROR]
        rows.append(
            {
                "proposal_id": report.proposal_id,
                "call_id": report.call_id,
                "call_title": (
                    report.call_title.get(language) if report.call_title is not None else None
                ),
                "at": report.at,
                "eligible": report.eligible,
                "failed": tuple(f.code for f in errors),
                "failed_titles": tuple(f.title_in(language) for f in errors),
                "warnings": tuple(f.code for f in notes),
                "warning_titles": tuple(f.title_in(language) for f in notes),
            }
        )
    return rows


def reports_to_dataframe(
    reports: Iterable[Report], *, per: Per = "proposal", lang: Lang | str = "fi"
) -> Any:
    """:func:`reports_to_records` as a pandas DataFrame (needs the ``pandas`` extra);
    amounts stay ``Decimal`` in object columns."""
    try:
        import pandas as pd
    except ImportError as error:
        raise ImportError(
            "reports_to_dataframe() needs pandas: pip install 'ekosysteemi[pandas]'"
        ) from error
    return pd.DataFrame(reports_to_records(reports, per=per, lang=lang))
