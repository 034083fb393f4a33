"""Finnish business ID (Y-tunnus): check digits by python-stdnum.

Policy: the forms ``0204819-8``, ``0204819 8``, ``02048198`` and the EU VAT
form ``FI02048198`` are all read as ``0204819-8``, as the contract says; a
VAT number names the same undertaking, so refusing it would only make users
strip two letters by hand.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from ekosysteemi._errors import ValidationError, invalid
from ekosysteemi._i18n import N_

__all__ = ["is_valid_business_id", "org_id", "validate_business_id"]

_MAX_TEXT: Final = 40


def validate_business_id(text: object) -> str:
    """The business ID ``text`` normalised to ``NNNNNNN-T``, or ``ValidationError``.

    >>> validate_business_id("FI02048198")
    '0204819-8'
    """
    if isinstance(text, str) and len(text) <= _MAX_TEXT:
        return _validate_text(text)
    return _validate(text)


@lru_cache(maxsize=4096)
def _validate_text(text: str) -> str:
    """Cached: a batch of proposals names the same organisations again and again."""
    return _validate(text)


def _validate(text: object) -> str:
    from stdnum.exceptions import InvalidChecksum
    from stdnum.exceptions import ValidationError as StdnumError
    from stdnum.fi import ytunnus

    if not isinstance(text, str) or len(text) > _MAX_TEXT:
        raise invalid(
            "business_id.invalid",
            N_("expected a business ID (Y-tunnus) such as 0204819-8, got {value}"),
            text,
        )
    try:
        return str(ytunnus.format(ytunnus.validate(text)))
    except StdnumError as error:
        if isinstance(error, InvalidChecksum):
            raise invalid(
                "business_id.checksum",
                N_("the check digit of the business ID {value} is wrong"),
                text,
            ) from None
        raise invalid(
            "business_id.invalid",
            N_("expected a business ID (Y-tunnus) such as 0204819-8, got {value}"),
            text,
        ) from None


def is_valid_business_id(text: object) -> bool:
    """Whether ``text`` is a valid business ID; never raises."""
    try:
        validate_business_id(text)
    except ValidationError:
        return False
    return True


def org_id(business_id: str) -> str:
    """The 360Giving org-id of a Finnish business ID: ``FI-PRO-0204819-8``."""
    return f"FI-PRO-{validate_business_id(business_id)}"
