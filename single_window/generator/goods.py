"""Goods drawn from the shipped import product filings (refdata/data/sample_goods.csv, 8,204 real rows)."""

import hashlib
import random
from bisect import bisect_right
from collections.abc import Iterable, Set
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from single_window.refdata.tables import names_by_code, rows

CENT = Decimal("0.01")
CHINA = "142"
# GS1 prefixes of the commonest origins, so a Japanese product carries a Japanese bar code (49…); others 69 (China).
GS1_PREFIXES = {
    "116": "49",
    "133": "880",
    "502": "0",
    "501": "06",
    "601": "93",
    "609": "94",
    "304": "40",
    "303": "50",
    "305": "30",
    "307": "80",
    "309": "87",
    "136": "885",
    "143": "471",
    "122": "955",
    "110": "489",
}


@dataclass(frozen=True)
class Goods:
    row: int
    hs_code: str
    name: str
    model: str
    unit: str
    price: Decimal
    gross_weight: Decimal
    net_weight: Decimal
    origin: str

    @property
    def item_no(self) -> str:
        """The seller's SKU: C0..20 in the inventory list, so short and stable per product."""
        return f"YC-{self.hs_code[:4]}-{self.row:05d}"

    @property
    def bar_code(self) -> str:
        return ean13(GS1_PREFIXES.get(self.origin, "69"), self.row)

    @property
    def gmodel(self) -> str:
        # The export inventory allows 250 characters; names and models of the filings fit together in 261.
        return f"{self.name} {self.model}"[:250]


@dataclass(frozen=True)
class GoodsPool:
    """Goods sorted by price, so a line can be drawn under a budget in one bisection."""

    goods: tuple[Goods, ...]
    prices: tuple[Decimal, ...]

    def draw(self, rng: random.Random, max_price: Decimal | None = None) -> Goods:
        affordable = len(self.goods) if max_price is None else bisect_right(self.prices, max_price)
        # Under the cheapest price the budget is overrun by the least possible.
        return self.goods[rng.randrange(max(affordable, 1))]

    def draw_new(self, rng: random.Random, taken: Set[int], max_price: Decimal | None = None) -> Goods:
        """A product not yet on the order, as a shop merges repeats into one line; a few tries, then any."""
        for _ in range(10):
            goods = self.draw(rng, max_price)
            if goods.row not in taken:
                break
        return goods


def ean13(prefix: str, serial: int) -> str:
    """A 13-digit bar code with a valid check digit, the same for the same serial."""
    digest = hashlib.blake2b(str(serial).encode(), digest_size=8).digest()
    body = (prefix + str(int.from_bytes(digest, "big")).zfill(20))[:12]
    weighted = sum(int(digit) * (3 if position % 2 else 1) for position, digit in enumerate(body))
    return body + str((10 - weighted % 10) % 10)


@cache
def all_goods() -> tuple[Goods, ...]:
    return tuple(_goods(index, row) for index, row in enumerate(rows("sample_goods"), start=1))


@cache
def import_pool() -> GoodsPool:
    """Priced goods of a known foreign origin: a direct-purchase parcel ships from the country of origin."""
    countries = names_by_code("customs_countries")
    return _pool(g for g in all_goods() if g.price > 0 and g.origin in countries and g.origin != CHINA)


@cache
def export_pool() -> GoodsPool:
    """Priced goods up to 5,000 CNY a piece (the filings hold a few machines worth far more)."""
    return _pool(g for g in all_goods() if 0 < g.price <= 5000)


def _pool(goods: Iterable[Goods]) -> GoodsPool:
    ordered = sorted(goods, key=lambda g: (g.price, g.row))
    return GoodsPool(tuple(ordered), tuple(g.price for g in ordered))


def _goods(index: int, row: dict[str, str]) -> Goods:
    return Goods(
        row=index,
        hs_code=row["hs_code"],
        name=row["name_zh"],
        model=row["model"],
        unit=row["unit_code"],
        price=Decimal(row["price_cny"]).quantize(CENT, ROUND_HALF_UP),
        gross_weight=Decimal(row["gross_weight_kg"]),
        net_weight=Decimal(row["net_weight_kg"]),
        origin=row["origin_country"],
    )
