"""Read the shipped code tables once; unknown codes are business rejections, never crashes."""

import csv
import io
from functools import lru_cache
from importlib import resources
from typing import Literal

TableName = Literal[
    "customs_countries",
    "customs_currencies",
    "customs_districts",
    "customs_units",
    "supervision_modes",
    "transport_modes",
]


@lru_cache
def rows(table: str) -> tuple[dict[str, str], ...]:
    source = resources.files("single_window.refdata").joinpath("data", f"{table}.csv")
    return tuple(csv.DictReader(io.StringIO(source.read_text(encoding="utf-8"), newline="")))


@lru_cache
def names_by_code(table: TableName) -> dict[str, str]:
    return {row["code"]: row["name_zh"] for row in rows(table)}


def is_known(table: TableName, code: str) -> bool:
    return code in names_by_code(table)
