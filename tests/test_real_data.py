"""ekosysteemi.fi against the real list of 2,881 projects funded in 2014-2020.

The file (../shared/data, beside the repository) keeps the defects of the
real export; every good value must be read, every bad one refused, none
guessed.
"""

import csv
import os
from decimal import Decimal
from pathlib import Path

import pytest

import ekosysteemi as eko
from ekosysteemi import fi

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
PROJECTS = DATA / "rakennerahastot-hankkeet-2014-2020.csv"
AMOUNTS = (
    "Myönnetty EU- ja valtion rahoitus",
    "Toteutunut EU- ja valtion rahoitus",
    "Suunniteltu julkinen rahoitus yhteensä",
    "Toteutunut julkinen rahoitus yhteensä",
)

# Under CI, shared/ is laid beside the clone: a missing file there is a failure.
if not PROJECTS.exists() and os.environ.get("CI") == "true":
    raise FileNotFoundError(f"{PROJECTS} is missing under CI")
pytestmark = pytest.mark.skipif(not PROJECTS.exists(), reason=f"{PROJECTS} is not here")


@pytest.fixture(scope="module")
def rows():
    with PROJECTS.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return [(reader.line_num, row) for row in reader]


def test_every_row_is_read(rows):
    assert 2881 == len(rows)


def test_every_date_is_read_and_the_one_number_in_a_date_column_refused(rows):
    refused = []
    read = 0
    for line, row in rows:
        for column in ("Aloituspvm", "Päättymispvm"):
            text = row[column].strip()
            if not text:
                continue
            try:
                fi.parse_date(text)
            except eko.ValidationError as error:
                refused.append((line, text, error.errors[0].code))
            else:
                read += 1
    assert [(148, "7560", "date.invalid")] == refused
    assert 2881 * 2 - 13 - 1 == read  # 13 cells are empty


def test_every_amount_is_read_exactly(rows):
    read = {column: [] for column in AMOUNTS}
    for _, row in rows:
        for column in AMOUNTS:
            text = row[column].strip()
            if text:
                read[column].append(fi.parse_euros(text))
    assert 2881 * 4 - 3 == sum(map(len, read.values()))  # three cells are empty
    granted, realised, planned, realised_public = read.values()
    assert all(amount >= 0 for amount in granted + planned)
    # Realised public funding can be negative (money recovered): read as written.
    assert [Decimal(-744), Decimal(-5341), Decimal(-5913)] == [a for a in realised_public if a < 0]
    assert all(amount >= 0 for amount in realised)
    assert Decimal("66166.42") in realised  # a realised amount with cents, read to the cent


def test_periods_of_real_projects(rows):
    periods = []
    for _, row in rows:
        try:
            periods.append(
                eko.Period(
                    start=fi.parse_date(row["Aloituspvm"]), end=fi.parse_date(row["Päättymispvm"])
                )
            )
        except eko.ValidationError:
            continue
    assert 2881 - 14 == len(periods)
    assert all(p.months >= 1 for p in periods)
    assert min(p.start for p in periods).year >= 2014
