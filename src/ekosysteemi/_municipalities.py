"""Finland's municipality codes, bundled from Statistics Finland's classification.

Read on first use from ``ekosysteemi/data/municipalities.csv`` (its comment
lines name the source and what is not covered).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from functools import cache
from importlib.resources import files

from ekosysteemi._model._cities import Municipality

__all__ = ["municipalities"]


@cache
def municipalities() -> Mapping[str, Municipality]:
    """Every municipality of the classification, by code, in code order."""
    text = files("ekosysteemi").joinpath("data", "municipalities.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {
        row["code"]: Municipality(code=row["code"], name=row["name_fi"], region=row["region_fi"])
        for row in rows
    }
