"""The positive list (跨境电子商务零售进口商品清单, rules.md §8): which 8-digit tariff lines may come in, and how.

Only goods on the list may be imported through the CBEC retail channel; a line's remarks may limit it to one trade mode
(some goods only 1210 网购保税) or cap the weight a person may buy a year. The table is passed in: the shipped one is a
stand-in (refdata/data/SOURCES.md), and the stages load the one an officer replaces it with.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from single_window.ceb import codes
from single_window.clearance.facts import InventoryFacts
from single_window.clearance.mismatch import Mismatch, mismatch
from single_window.refdata.tables import rows


@dataclass(frozen=True, slots=True)
class ListedLine:
    tariff_code_8: str
    name_zh: str
    allowed_trade_modes: frozenset[str]
    annual_weight_cap_kg: Decimal | None
    remark: str
    source: str


PositiveList = Mapping[str, ListedLine]


def positive_list_problem(gcode: str, trade_mode: str, table: PositiveList) -> Mismatch | None:
    """Why goods of this 10-digit code may not come in by this trade mode; None when they may."""
    listed = table.get(gcode[:8])
    if listed is None:
        return mismatch(codes.NOT_ON_POSITIVE_LIST, "gcode", f"商品编码[{gcode}]不在跨境电子商务零售进口商品清单内")
    if trade_mode not in listed.allowed_trade_modes:
        modes = " ".join(sorted(listed.allowed_trade_modes))
        reason = f"商品编码[{gcode}]在跨境电子商务零售进口商品清单中限于贸易方式[{modes}]，不适用贸易方式[{trade_mode}]"
        return mismatch(codes.TRADE_MODE_NOT_ON_POSITIVE_LIST, "tradeMode", reason)
    return None


def inventory_positive_list_problems(inventory: InventoryFacts, table: PositiveList) -> tuple[Mismatch, ...]:
    """The problem of each line of an import inventory, its field named by its gnum."""
    found = ((line.gnum, positive_list_problem(line.gcode, inventory.trade_mode, table)) for line in inventory.lines)
    return tuple(
        Mismatch(problem.code, f"CEB621/InventoryList[{gnum}]/{problem.field}", problem.reason)
        for gnum, problem in found
        if problem is not None
    )


def default_positive_list() -> PositiveList:
    """The shipped stand-in (single_window/refdata/data/positive_list.csv), read once."""
    return _shipped()


@cache
def _shipped() -> PositiveList:
    return positive_list_from_rows(rows("positive_list"))


def positive_list_from_rows(records: Iterable[Mapping[str, str]]) -> PositiveList:
    """A table from rows of positive_list.csv's columns, e.g. an officer's replacement."""
    lines = (_listed(record) for record in records)
    return {line.tariff_code_8: line for line in lines}


def _listed(record: Mapping[str, str]) -> ListedLine:
    code = record["tariff_code_8"]
    if len(code) != 8 or not code.isdigit():
        raise ValueError(f"positive list: {code!r} is not an 8-digit tariff line")
    cap = record.get("annual_weight_cap_kg", "")
    return ListedLine(
        tariff_code_8=code,
        name_zh=record["name_zh"],
        allowed_trade_modes=frozenset(record["allowed_trade_modes"].split()),
        annual_weight_cap_kg=Decimal(cap) if cap else None,
        remark=record.get("remark", ""),
        source=record.get("source", ""),
    )
