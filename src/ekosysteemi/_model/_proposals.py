"""Proposals (hakemukset) and their parts: cost and financing lines, earlier aid."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal

import attrs

from ekosysteemi._errors import ErrorDetail
from ekosysteemi._i18n import N_
from ekosysteemi._model import _checks as c
from ekosysteemi._model._base import Model, checks
from ekosysteemi._model._enums import (
    CostCategory,
    CostModel,
    FundingSource,
    FundingSourceValue,
    ProjectType,
    StateAidBasis,
    member_of,
)
from ekosysteemi._model._organisations import Organisation
from ekosysteemi._model._themes import slug
from ekosysteemi._model._values import Period

__all__ = ["AidGrant", "CostLine", "FinancingLine", "Proposal"]


@attrs.frozen(kw_only=True)
class CostLine(Model):
    """One line of the cost estimate.

    Attributes:
        category: the EURA cost category.
        amount: the amount in euros (exact, at most two decimals, never negative).
        description: what the line is for.
    """

    category: CostCategory = attrs.field(metadata=checks(c.enum_member(CostCategory)))
    amount: Decimal = attrs.field(metadata=checks(c.amount))
    description: str = attrs.field(default="", metadata=checks(c.string))

    def __repr__(self) -> str:
        from ekosysteemi._display import compact, display_language

        lang = display_language()
        return compact("CostLine", self.category.label(lang), str(self.amount))


@attrs.frozen(kw_only=True)
class FinancingLine(Model):
    """One line of the financing plan.

    Attributes:
        source: where the money comes from.
        amount: the amount in euros.
    """

    source: FundingSource = attrs.field(metadata=checks(c.enum_member(FundingSource)))
    amount: Decimal = attrs.field(metadata=checks(c.amount))


@attrs.frozen(kw_only=True)
class AidGrant(Model):
    """A de minimis aid the applicant has already received.

    Attributes:
        granted_on: the day the legal right to the aid was conferred.
        amount: the aid in euros.
        granter: who granted it.
    """

    granted_on: date = attrs.field(metadata=checks(c.calendar_date))
    amount: Decimal = attrs.field(metadata=checks(c.amount))
    granter: str = attrs.field(metadata=checks(c.text))

    def __repr__(self) -> str:
        from ekosysteemi._display import compact

        return compact("AidGrant", self.granted_on.isoformat(), f"{self.amount} {self.granter}")


@attrs.frozen(kw_only=True)
class Proposal(Model):
    """An application to a call.

    Attributes:
        id: the proposal's own id (``SJK-2022-014``).
        title: its title.
        call_id: the call it applies to.
        applicant: the main implementer (päätoteuttaja).
        co_implementers: the co-implementers (osatoteuttajat).
        focus_areas: the ids of the focus areas it targets.
        project_type: development or investment.
        period: when the project runs.
        submitted_at: when it was submitted, or ``None`` for a draft.
        cost_model: how its costs are reckoned.
        costs: the cost estimate.
        revenues: revenues, which reduce eligible costs.
        financing: the financing plan.
        state_aid: the basis of any state aid.
        de_minimis: the applicant's earlier de minimis aid.
        description: a free description.
        fiscal_year_end: the day the applicant's fiscal year ends, ``"MM-DD"``
            (``"12-31"`` by default); the de minimis window counts fiscal years
            until 31.12.2023. ``"02-29"`` is refused.
    """

    id: str = attrs.field(metadata=checks(c.text))
    title: str = attrs.field(metadata=checks(c.text))
    call_id: str = attrs.field(metadata=checks(c.text))
    applicant: Organisation = attrs.field(metadata=checks(c.instance_of(Organisation)))
    focus_areas: tuple[str, ...] = attrs.field(
        metadata=checks(c.tuple_of(slug, min_items=1, unique=True))
    )
    project_type: ProjectType = attrs.field(metadata=checks(c.enum_member(ProjectType)))
    period: Period = attrs.field(metadata=checks(c.instance_of(Period)))
    cost_model: CostModel = attrs.field(metadata=checks(c.enum_member(CostModel)))
    costs: tuple[CostLine, ...] = attrs.field(
        metadata=checks(c.tuple_of(c.instance_of(CostLine), min_items=1))
    )
    financing: tuple[FinancingLine, ...] = attrs.field(
        metadata=checks(c.tuple_of(c.instance_of(FinancingLine), min_items=1))
    )
    co_implementers: tuple[Organisation, ...] = attrs.field(
        default=(), metadata=checks(c.tuple_of(c.instance_of(Organisation)))
    )
    submitted_at: datetime | None = attrs.field(
        default=None, metadata=checks(c.optional(c.aware_datetime))
    )
    revenues: Decimal = attrs.field(default=Decimal("0.00"), metadata=checks(c.amount))
    state_aid: StateAidBasis = attrs.field(
        default=StateAidBasis.NONE, metadata=checks(c.enum_member(StateAidBasis))
    )
    de_minimis: tuple[AidGrant, ...] = attrs.field(
        default=(), metadata=checks(c.tuple_of(c.instance_of(AidGrant)))
    )
    description: str = attrs.field(default="", metadata=checks(c.string))
    fiscal_year_end: str = attrs.field(default="12-31", metadata=checks(c.month_day))

    def _check(self) -> Iterator[ErrorDetail]:
        seen: set[str] = set()
        for index, partner in enumerate(self.co_implementers):
            if partner.business_id == self.applicant.business_id:
                yield ErrorDetail(
                    path=f"$.co_implementers[{index}].business_id",
                    code="organisation.duplicate",
                    value=partner.business_id,
                    template=N_("the applicant {value} cannot also be a co-implementer"),
                )
            elif partner.business_id in seen:
                yield ErrorDetail(
                    path=f"$.co_implementers[{index}].business_id",
                    code="organisation.duplicate",
                    value=partner.business_id,
                    template=N_("the co-implementer {value} is listed twice"),
                )
            seen.add(partner.business_id)

    @property
    def total_costs(self) -> Decimal:
        """The sum of the cost lines."""
        return sum((line.amount for line in self.costs), Decimal("0.00"))

    @property
    def net_costs(self) -> Decimal:
        """Total costs less revenues: what the financing plan must cover."""
        return self.total_costs - self.revenues

    def funding(self, source: FundingSourceValue) -> Decimal:
        """The sum of the financing lines from ``source`` (a member or its wire value).

        An unknown source raises ``ValidationError``; it is never read as no funding.
        """
        wanted = member_of(FundingSource, source, "$.source")
        return sum(
            (line.amount for line in self.financing if line.source is wanted), Decimal("0.00")
        )

    @property
    def organisations(self) -> tuple[Organisation, ...]:
        """The applicant, then the co-implementers."""
        return (self.applicant, *self.co_implementers)

    def __repr__(self) -> str:
        from ekosysteemi._display import compact

        return compact("Proposal", self.id, self.title)

    def _repr_html_(self) -> str:
        """The proposal for a notebook, in the language of ``eko.set_language``."""
        from ekosysteemi._display import call_title, display_language, escape, facts, table
        from ekosysteemi._rules._messages import plain
        from ekosysteemi.fi._money import format_euros

        lang = display_language()
        period = f"{plain(self.period, lang)} ({plain(self.period.months, lang)})"
        rows: list[tuple[str, object]] = [
            (N_("proposal"), self.id),
            (N_("call"), call_title(self.call_id, lang)),
            (N_("applicant"), f"{self.applicant.name} ({self.applicant.business_id})"),
            (N_("co-implementers"), ", ".join(o.name for o in self.co_implementers) or "–"),
            (N_("period"), period),
            (N_("project type"), self.project_type.label(lang)),
            (N_("cost model"), self.cost_model.label(lang)),
            (N_("costs"), format_euros(self.total_costs, lang)),
            (
                N_("EU and state funding"),
                format_euros(self.funding(FundingSource.EU_AND_STATE), lang),
            ),
            (N_("submitted"), plain(self.submitted_at, lang)),
        ]
        lines = table(
            ((line.category.label(lang), format_euros(line.amount, lang)) for line in self.costs),
            (N_("cost category"), N_("amount")),
            lang,
        )
        return f"<h4>{escape(self.title)}</h4>" + facts(rows, lang) + lines
