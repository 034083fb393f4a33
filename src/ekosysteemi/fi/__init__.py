"""Finnish conventions: dates, times, deadlines, euros and business IDs.

The one place where the library reads and writes what Finnish documents
say, as a Finnish official would write it (CLDR through Babel, Finland's
holidays through ``holidays``, check digits through ``python-stdnum``).

>>> from datetime import date
>>> from decimal import Decimal
>>> from ekosysteemi import fi
>>> fi.format_date(fi.parse_date("02.12.2022"), style="long")
'2. joulukuuta 2022'
>>> fi.format_euros(fi.parse_euros("443909"))
'443\\xa0909,00\\xa0€'
>>> fi.statutory_deadline(date(2023, 6, 23))  # Midsummer Eve
datetime.date(2023, 6, 26)
"""

from ekosysteemi.fi._business_id import is_valid_business_id, org_id, validate_business_id
from ekosysteemi.fi._calendar import (
    add_months,
    calendar_range,
    holiday_name,
    is_working_day,
    statutory_deadline,
    working_days_between,
)
from ekosysteemi.fi._dates import (
    HELSINKI,
    format_date,
    format_datetime,
    format_period,
    format_time,
    parse_date,
    parse_datetime,
    parse_time,
    to_helsinki,
)
from ekosysteemi.fi._money import (
    MAX_AMOUNT,
    format_euros,
    format_number,
    format_percent,
    parse_euros,
)

__all__ = [
    "HELSINKI",
    "MAX_AMOUNT",
    "add_months",
    "calendar_range",
    "format_date",
    "format_datetime",
    "format_euros",
    "format_number",
    "format_percent",
    "format_period",
    "format_time",
    "holiday_name",
    "is_valid_business_id",
    "is_working_day",
    "org_id",
    "parse_date",
    "parse_datetime",
    "parse_euros",
    "parse_time",
    "statutory_deadline",
    "to_helsinki",
    "validate_business_id",
    "working_days_between",
]
