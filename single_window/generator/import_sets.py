"""Retail import orders: goods under the single-transaction limit, a buyer, a timeline, 9610 or 1210."""

import random
from datetime import datetime, timedelta
from decimal import Decimal

from single_window.generator.goods import CENT, GoodsPool, import_pool
from single_window.generator.model import Guids, ImportSet, Line, Timeline
from single_window.generator.numbers import guid, inbound_flight
from single_window.generator.parties import Enterprises
from single_window.generator.people import make_buyer
from single_window.generator.runs import sets_over_time

# rules.md §3: 5,000 CNY per transaction. Goods and freight stay under 4,500, so with 9.1 % tax the order is paid
# at most 4,910 CNY and any future limit check (-621005) accepts it.
GOODS_AND_FREIGHT_BUDGET = Decimal(4500)
COUPONS = (Decimal(5), Decimal(10), Decimal(20), Decimal(50))


def generate_import_sets(
    rng: random.Random,
    orders: int,
    *,
    lines: int | None = None,
    start: datetime,
    parties: Enterprises | None = None,
) -> list[ImportSet]:
    """`orders` import sets, one every few seconds from `start`; `lines` goods lines each, or 1-5 at random."""
    return sets_over_time(rng, orders, lines=lines, start=start, parties=parties, pool=import_pool(), make=_import_set)


def _import_set(
    rng: random.Random, serial: str, ordered: datetime, line_count: int, parties: Enterprises, pool: GoodsPool
) -> ImportSet:
    bonded = rng.random() < 0.6  # most retail imports ship from a bonded warehouse (1210)
    freight = Decimal(0) if bonded and rng.random() < 0.5 else Decimal(rng.randrange(8, 46))
    order_lines = _lines(rng, pool, line_count, GOODS_AND_FREIGHT_BUDGET - freight)
    times = _timeline(rng, ordered, bonded)
    goods_value = sum((line.total for line in order_lines), Decimal(0))
    return ImportSet(
        parties=parties,
        order_no=f"YC{ordered:%Y%m%d}{serial}",
        guids=Guids(guid(rng), guid(rng), guid(rng), guid(rng)),
        lines=order_lines,
        freight=freight,
        times=times,
        trade_mode="1210" if bonded else "9610",
        currency="142",
        payment_no=f"YF{times.paid:%Y%m%d%H%M%S}{serial}",
        logistics_no=f"JY{parties.port}{ordered:%y%m%d}{serial}",
        cop_no=f"TG{ordered:%y%m%d}{serial}",
        buyer=make_buyer(rng, ordered.date()),
        discount=_discount(rng, goods_value),
        transport=None if bonded else inbound_flight(rng, order_lines[0].goods.origin, times.border_crossed),
        ems_no=f"T{parties.port}W{rng.randrange(1, 1000):06d}" if bonded else None,
    )


def _lines(rng: random.Random, pool: GoodsPool, count: int, budget: Decimal) -> tuple[Line, ...]:
    """Each line costs at most its share of the budget: with 99 lines that is still 3,000 goods to pick from."""
    share = (budget / count).quantize(CENT)
    drawn: list[Line] = []
    for gnum in range(1, count + 1):
        goods = pool.draw_new(rng, {line.goods.row for line in drawn}, share)
        most = max(1, min(3, int(share // goods.price)))
        drawn.append(Line(gnum, goods, rng.randint(1, most), goods.price))
    return tuple(drawn)


def _discount(rng: random.Random, goods_value: Decimal) -> Decimal:
    """A platform coupon on one order in four, never more than half the goods (goodsValue includes it, 表3-3)."""
    usable = [coupon for coupon in COUPONS if coupon * 2 <= goods_value]
    return rng.choice(usable) if usable and rng.random() < 0.25 else Decimal(0)


def _timeline(rng: random.Random, ordered: datetime, bonded: bool) -> Timeline:
    """Paid a few minutes before the platform declares the order, then payment, waybill and inventory follow."""
    waybill_sent = ordered + timedelta(seconds=rng.randint(120, 1200))
    inventory_sent = waybill_sent + timedelta(seconds=rng.randint(60, 900))
    # A direct purchase flies in the day before or the day it is declared; bonded goods entered long ago.
    arrival = inventory_sent.date() - timedelta(days=0 if bonded else rng.randint(0, 1))
    return Timeline(
        paid=ordered - timedelta(seconds=rng.randint(30, 600)),
        ordered=ordered,
        payment_sent=ordered + timedelta(seconds=rng.randint(5, 120)),
        waybill_sent=waybill_sent,
        inventory_sent=inventory_sent,
        border_crossed=arrival,
    )
