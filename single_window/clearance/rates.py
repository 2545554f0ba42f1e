"""Import VAT, consumption tax and MFN tariff rates by tariff-code prefix, each version with its dates (tax_rates.csv).

The longest prefix of the 10-digit gcode that has rows wins (``*`` is the default); the date then picks the version in
force. A prefix with no version on that date is an error, not a fall-back to a shorter prefix: the specific rows hold
from 2019-04-01, and the default's history (17 %, 16 %, 13 %) would be wrong for the 9 % goods before then.
A consumption tax that depends on the price (cosmetics per gram or piece, watches per piece) is a row with a minimum
unit price and the basis it is measured on; such a prefix has one row per basis.
"""

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Literal

from single_window.refdata.tables import rows

DEFAULT_PREFIX = "*"
Basis = Literal["", "g_ml", "piece"]
# What one unit of a customs unit code is in grams or millilitres (rules.md §4: "10 CNY/ml(g)"), or in pieces.
UNIT_MEASURES: dict[str, tuple[Basis, Decimal]] = {
    "035": ("g_ml", Decimal(1000)),  # 千克
    "036": ("g_ml", Decimal(1)),  # 克
    "095": ("g_ml", Decimal(1000)),  # 升
    "096": ("g_ml", Decimal(1)),  # 毫升
    **{code: ("piece", Decimal(1)) for code in ("001", "006", "007", "008", "010", "011", "012", "015", "017", "020")},
}
BASES: dict[str, Basis] = {"": "", "g_ml": "g_ml", "piece": "piece"}


@dataclass(frozen=True, slots=True)
class TaxRate:
    prefix: str
    vat_rate: Decimal
    consumption_tax_rate: Decimal
    # The consumption tax is due only at or above this dutiable price per unit of the basis (None: always due).
    ct_min_unit_price: Decimal | None
    ct_price_basis: Basis
    # Full tax (outside the limits) levies the MFN tariff; None when the table does not know it.
    mfn_tariff_rate: Decimal | None
    valid_from: date | None
    valid_to: date | None
    note: str

    def in_force(self, on: date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on <= self.valid_to)


RateTable = Mapping[str, tuple[TaxRate, ...]]


def rates_for(gcode: str, on: date, table: RateTable) -> tuple[TaxRate, ...]:
    """The versions in force on the date of the longest prefix of ``gcode`` in the table (one per price basis)."""
    prefix = next((gcode[:size] for size in range(len(gcode), 0, -1) if gcode[:size] in table), DEFAULT_PREFIX)
    in_force = tuple(rate for rate in table.get(prefix, ()) if rate.in_force(on))
    if not in_force:
        raise LookupError(f"no tax rate of prefix {prefix} (for {gcode}) is in force on {on.isoformat()}")
    return in_force


def default_tax_rates() -> RateTable:
    """The shipped table (single_window/refdata/data/tax_rates.csv), read once."""
    return _shipped()


@cache
def _shipped() -> RateTable:
    return rate_table(rows("tax_rates"))


def load_tax_rates(text: str) -> RateTable:
    """A table of the same columns from CSV text: an officer's replacement for the shipped one."""
    return rate_table(csv.DictReader(io.StringIO(text, newline="")))


def rate_table(records: Iterable[Mapping[str, str]]) -> RateTable:
    table: dict[str, list[TaxRate]] = {}
    for record in records:
        rate = _rate(record)
        table.setdefault(rate.prefix, []).append(rate)
    return {prefix: tuple(versions) for prefix, versions in table.items()}


def _rate(record: Mapping[str, str]) -> TaxRate:
    basis = BASES.get(record.get("ct_price_basis", ""))
    if basis is None:
        raise ValueError(f"tax rate {record['tariff_prefix']}: unknown ct_price_basis {record['ct_price_basis']!r}")
    minimum = _decimal(record.get("ct_min_unit_price", ""))
    if (minimum is None) != (basis == ""):
        raise ValueError(f"tax rate {record['tariff_prefix']}: a minimum unit price needs its basis, and only it")
    return TaxRate(
        prefix=record["tariff_prefix"],
        vat_rate=Decimal(record["vat_rate"]),
        consumption_tax_rate=Decimal(record["consumption_tax_rate"]),
        ct_min_unit_price=minimum,
        ct_price_basis=basis,
        mfn_tariff_rate=_decimal(record.get("mfn_tariff_rate", "")),
        valid_from=_date(record.get("valid_from", "")),
        valid_to=_date(record.get("valid_to", "")),
        note=record.get("note", ""),
    )


def _decimal(text: str) -> Decimal | None:
    return Decimal(text) if text else None


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None
