"""Which inventories customs inspects (查验), and which goods may not come in at all, as a person can read it.

Selection has two grounds, each recorded as a reason: goods of a key category (the municipal regulation's Art. 26:
medicines, food, cosmetics, by HS chapter) and the "double random" sample (双随机), whose rate depends on the
enterprise's credit rating. The draw is a hash of (seed, document guid), so the same inventory under the same seed is
always drawn the same way. Prohibited goods (Art. 33: arms, explosives, narcotics) are not selected for inspection: they
may not use the channel at all, so they are a rejection (-901201) that a stage applies before selecting.
"""

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Literal

from single_window.ceb import codes
from single_window.clearance.facts import InventoryFacts, LineFacts
from single_window.clearance.mismatch import Mismatch, mismatch
from single_window.filings.schemas import CreditRating
from single_window.refdata.tables import rows

Kind = Literal["key_category", "prohibited"]
KINDS: dict[str, Kind] = {"key_category": "key_category", "prohibited": "prohibited"}
# [U] no published rates: a trusted enterprise is rarely inspected, an untrustworthy one often. Officers set them.
DEFAULT_SAMPLE_RATES: Mapping[CreditRating, Decimal] = {
    CreditRating.ADVANCED_CERTIFIED: Decimal("0.005"),
    CreditRating.GENERAL: Decimal("0.03"),
    CreditRating.UNTRUSTWORTHY: Decimal("0.30"),
}
_DRAW_SPACE = 2**64


@dataclass(frozen=True, slots=True)
class RiskGoods:
    """Goods of a tariff-code prefix that are a key category or prohibited, with the label a reason shows."""

    prefix: str
    kind: Kind
    label_zh: str
    label_en: str
    basis: str


RiskTable = tuple[RiskGoods, ...]


@dataclass(frozen=True, slots=True)
class InspectionPolicy:
    sample_rates: Mapping[CreditRating, Decimal] = field(default_factory=lambda: dict(DEFAULT_SAMPLE_RATES))
    # Art. 26 key categories are always inspected unless an officer turns it off (then only the sample applies).
    inspect_key_categories: bool = True


@dataclass(frozen=True, slots=True)
class Selection:
    selected: bool
    reasons: tuple[str, ...]


def select_for_inspection(
    inventory: InventoryFacts,
    rating: CreditRating,
    *,
    seed: str,
    table: RiskTable | None = None,
    policy: InspectionPolicy = InspectionPolicy(),
) -> Selection:
    """Whether the inventory is inspected, and every reason it is: its key categories and the random sample."""
    goods = default_risk_goods() if table is None else table
    categories = _key_categories(inventory, goods) if policy.inspect_key_categories else ()
    sample = _sample(inventory.guid, rating, seed, policy.sample_rates[rating])
    reasons = (*categories, *sample)
    return Selection(bool(reasons), reasons)


def _key_categories(inventory: InventoryFacts, table: RiskTable) -> tuple[str, ...]:
    found = (_match(line, table, "key_category") for line in inventory.lines)
    # One reason per category, however many lines fall in it, in the order of the lines.
    return tuple(dict.fromkeys(f"key category: {row.label_en} (HS {row.prefix})" for row in found if row))


def _sample(guid: str, rating: CreditRating, seed: str, rate: Decimal) -> tuple[str, ...]:
    drawn = draw(seed, guid)
    if drawn >= rate:
        return ()
    return (f"random sample {rate * 100:.1f} % for credit rating {rating.value}: drew {drawn:.4f}",)


def draw(seed: str, guid: str) -> Decimal:
    """A uniform number in [0, 1) fixed by the seed and the document: the same inputs always draw the same."""
    digest = hashlib.sha256(f"{seed}\x00{guid}".encode()).digest()
    return Decimal(int.from_bytes(digest[:8], "big")) / Decimal(_DRAW_SPACE)


def prohibited_goods(inventory: InventoryFacts, table: RiskTable | None = None) -> tuple[Mismatch, ...]:
    """Each line whose goods may not enter (Art. 33): a rejection, not an inspection."""
    goods = default_risk_goods() if table is None else table
    return tuple(_prohibited(inventory, goods))


def _prohibited(inventory: InventoryFacts, table: RiskTable) -> Iterator[Mismatch]:
    for line in inventory.lines:
        if (row := _match(line, table, "prohibited")) is not None:
            reason = f"清单第{line.gnum}项商品编码[{line.gcode}]属于禁止进境物品：{row.label_zh}"
            yield mismatch(codes.PROHIBITED_GOODS, f"CEB621/InventoryList[{line.gnum}]/gcode", reason)


def _match(line: LineFacts, table: RiskTable, kind: Kind) -> RiskGoods | None:
    """The row of the longest prefix of the line's gcode among rows of that kind."""
    matching = [row for row in table if row.kind == kind and line.gcode.startswith(row.prefix)]
    return max(matching, key=lambda row: len(row.prefix), default=None)


def default_risk_goods() -> RiskTable:
    """The shipped table (single_window/refdata/data/risk_goods.csv), read once."""
    return _shipped()


@cache
def _shipped() -> RiskTable:
    return risk_goods_from_rows(rows("risk_goods"))


def risk_goods_from_rows(records: Iterable[Mapping[str, str]]) -> RiskTable:
    return tuple(_risk_goods(record) for record in records)


def _risk_goods(record: Mapping[str, str]) -> RiskGoods:
    kind = KINDS.get(record["kind"])
    if kind is None:
        raise ValueError(f"risk goods {record['tariff_prefix']}: kind {record['kind']!r} is not one of {sorted(KINDS)}")
    return RiskGoods(record["tariff_prefix"], kind, record["label_zh"], record["label_en"], record["basis"])
