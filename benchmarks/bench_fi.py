"""Benchmark: ekosysteemi.fi against dateutil and Babel, side by side in one run.

    python benchmarks/bench_fi.py [--quick]

Parsing reads real-world strings (dates from the structural funds' project
list in ../shared/data when it is there, else a built-in sample); formatting
writes amounts. Each pair runs interleaved in the same process, and the
report gives the ratio baseline / ours (above 1: ours is faster).
"""

from __future__ import annotations

import csv
import sys
import timeit
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel.numbers import format_currency
from dateutil import parser as dateutil_parser

from ekosysteemi import fi

DATA = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "rakennerahastot-hankkeet-2014-2020.csv"
)
SAMPLE_DATES = ["1.1.2015", "31.12.2018", "02.12.2022", "2022-12-02", "15.6.2016", "1.10.2017"]
DATETIMES = [
    "2.12.2022 16:15",
    "02.12.2022 09:05",
    "2022-12-02T16:15:00+02:00",
    "2023-06-16T16:15",
    "16.6.2023 16:15:30",
]
AMOUNTS = [
    Decimal(x) for x in ("1234567.89", "375000", "0.05", "443909", "66166.42", "999999999.99")
]


def real_dates(limit: int = 2000) -> list[str]:
    if not DATA.exists():
        return SAMPLE_DATES
    found: list[str] = []
    with DATA.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for key in ("Aloituspvm", "Päättymispvm"):
                value = (row.get(key) or "").strip()
                if value.count(".") == 2:
                    found.append(value)
            if len(found) >= limit:
                break
    return found or SAMPLE_DATES


def _agrees(text: str) -> bool:
    """Whether dateutil reads ``text`` as we do (ours is checked by the test suite)."""
    ours = fi.parse_datetime(text) if ":" in text else fi.parse_date(text)
    theirs = dateutil_parser.parse(text, dayfirst=True)
    if ":" not in text:
        return ours == theirs.date()
    if theirs.tzinfo is None:
        return ours.replace(tzinfo=None) == theirs
    return ours == theirs


def best(fn: Callable[[], object], number: int, repeat: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def compare(
    name: str,
    ours: Callable[[], object],
    baseline: Callable[[], object],
    label: str,
    number: int,
    repeat: int,
    per: int,
) -> float:
    """Time both, interleaved; print microseconds per item (``per`` items a call)."""
    ours(), baseline()  # warm caches (Babel's locale data, regexes)
    ours_t = baseline_t = float("inf")
    for _ in range(repeat):  # interleave so both see the same machine state
        ours_t = min(ours_t, best(ours, number, 1))
        baseline_t = min(baseline_t, best(baseline, number, 1))
    ratio = baseline_t / ours_t
    print(
        f"{name:<24} ours {ours_t / per * 1e6:8.2f} µs   {label:<22} "
        f"{baseline_t / per * 1e6:8.2f} µs"
        f"   ratio {ratio:6.2f}x"
    )
    return ratio


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    number, repeat = (20, 3) if quick else (200, 7)
    dates = real_dates()
    misread = [t for t in dates + DATETIMES if not _agrees(t)]
    locale = Locale.parse("fi_FI")
    for amount in AMOUNTS:
        assert fi.format_euros(amount) == format_currency(amount, "EUR", locale=locale)

    print(f"{len(dates)} real date strings, {len(DATETIMES)} datetimes, {len(AMOUNTS)} amounts")
    if misread:
        print(f"dateutil (dayfirst=True) misreads {len(misread)}: {sorted(set(misread))[:5]}")
    print()
    ratios = {
        "parse_date": compare(
            "parse_date",
            lambda: [fi.parse_date(t) for t in dates],
            lambda: [dateutil_parser.parse(t, dayfirst=True) for t in dates],
            "dateutil dayfirst",
            max(1, number // 20),
            repeat,
            len(dates),
        ),
        "parse_datetime": compare(
            "parse_datetime",
            lambda: [fi.parse_datetime(t) for t in DATETIMES],
            lambda: [dateutil_parser.parse(t, dayfirst=True) for t in DATETIMES],
            "dateutil dayfirst",
            number,
            repeat,
            len(DATETIMES),
        ),
        "format_euros_vs_string": compare(
            "format_euros",
            lambda: [fi.format_euros(a) for a in AMOUNTS],
            lambda: [format_currency(a, "EUR", locale="fi_FI") for a in AMOUNTS],
            "Babel, locale string",
            number,
            repeat,
            len(AMOUNTS),
        ),
        "format_euros_vs_cached": compare(
            "format_euros",
            lambda: [fi.format_euros(a) for a in AMOUNTS],
            lambda: [format_currency(a, "EUR", locale=locale) for a in AMOUNTS],
            "Babel, cached Locale",
            number,
            repeat,
            len(AMOUNTS),
        ),
    }
    print()
    print(f"parse_date     {ratios['parse_date']:.1f}x dateutil (aim: at least 5x)")
    print(f"parse_datetime {ratios['parse_datetime']:.1f}x dateutil (aim: at least 5x)")
    print(
        f"format_euros   {ratios['format_euros_vs_string']:.2f}x Babel with a locale string "
        f"(aim: above 1), {1 / ratios['format_euros_vs_cached']:.2f}x the time of Babel with a "
        "cached Locale (aim: at most 1.5)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
