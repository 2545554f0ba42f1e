"""A run of orders placed a few seconds apart: what import and export generation share."""

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from single_window.generator.goods import GoodsPool
from single_window.generator.numbers import run_serials
from single_window.generator.parties import Enterprises, demo_enterprises

MAX_LINES = 99  # OrderList and InventoryList: 1..99 (XSD)

OrderSet = TypeVar("OrderSet")
MakeSet = Callable[[random.Random, str, datetime, int, Enterprises, GoodsPool], OrderSet]


def sets_over_time(
    rng: random.Random,
    orders: int,
    *,
    lines: int | None,
    start: datetime,
    parties: Enterprises | None,
    pool: GoodsPool,
    make: MakeSet[OrderSet],
) -> list[OrderSet]:
    """`orders` sets, one every few seconds from `start`; `lines` goods lines each, or 1-5 at random."""
    if lines is not None and not 1 <= lines <= MAX_LINES:
        raise ValueError(f"an order has 1 to {MAX_LINES} lines, not {lines}")
    parties = parties or demo_enterprises()
    moment = start
    sets = []
    for serial in run_serials(rng, orders):
        sets.append(make(rng, serial, moment, lines or rng.randint(1, 5), parties, pool))
        moment += timedelta(seconds=rng.randint(1, 30))
    return sets
