"""Export orders: B2C parcels (9610), B2B direct exports (9710) and stock for overseas warehouses (9810)."""

import random
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from single_window.generator.goods import CENT, Goods, GoodsPool, export_pool
from single_window.generator.model import ExportSet, Guids, Line, Timeline
from single_window.generator.numbers import guid, outbound_flight, outbound_vessel
from single_window.generator.parties import Enterprises
from single_window.generator.runs import sets_over_time

USD, CNY = "502", "142"
# A round 2024 rate to price goods filed in CNY in US dollars; nothing checks export prices against a rate.
CNY_PER_USD = Decimal("7.10")
# tradeMode -> orderType (表2-3): a B2C order, a B2B order, an overseas-warehouse booking.
ORDER_TYPES = {"9610": "E", "9710": "B", "9810": "W"}
TRADE_MODE_WEIGHTS = {"9610": 6, "9710": 2.5, "9810": 1.5}
# Destinations (运抵国) by share of China's cross-border e-commerce exports, all in customs_countries.csv.
DESTINATIONS = {
    "502": 30, "303": 8, "304": 7, "305": 5, "116": 6, "133": 5, "601": 5, "501": 4, "132": 3, "122": 3,
    "344": 4, "312": 3, "307": 3, "309": 2, "136": 2, "141": 2, "110": 3, "129": 2, "112": 2, "609": 1,
}  # fmt: skip


def generate_export_sets(
    rng: random.Random,
    orders: int,
    *,
    lines: int | None = None,
    start: datetime,
    parties: Enterprises | None = None,
) -> list[ExportSet]:
    """`orders` export sets, one every few seconds from `start`; `lines` goods lines each, or 1-5 at random."""
    return sets_over_time(rng, orders, lines=lines, start=start, parties=parties, pool=export_pool(), make=_export_set)


def _export_set(
    rng: random.Random, serial: str, ordered: datetime, line_count: int, parties: Enterprises, pool: GoodsPool
) -> ExportSet:
    trade_mode = rng.choices(list(TRADE_MODE_WEIGHTS), weights=list(TRADE_MODE_WEIGHTS.values()))[0]
    currency = USD if rng.random() < 0.6 else CNY
    retail = trade_mode == "9610"
    order_lines = _lines(rng, pool, line_count, currency, retail)
    times = _timeline(rng, ordered, retail)
    freight_cny = Decimal(rng.randrange(30, 150) if retail else rng.randrange(300, 3000))
    return ExportSet(
        parties=parties,
        order_no=f"YCE{ordered:%Y%m%d}{serial}",
        guids=Guids(guid(rng), guid(rng), guid(rng), guid(rng)),
        lines=order_lines,
        freight=in_currency(freight_cny, currency),
        times=times,
        trade_mode=trade_mode,
        currency=currency,
        payment_no=f"YFE{times.paid:%Y%m%d%H%M%S}{serial}",
        logistics_no=f"JYE{ordered:%y%m%d}{serial}",
        cop_no=f"TGE{ordered:%y%m%d}{serial}",
        order_type=ORDER_TYPES[trade_mode],
        destination=rng.choices(list(DESTINATIONS), weights=list(DESTINATIONS.values()))[0],
        # A parcel is one package; B2B and warehouse stock travel in cartons, a few per line.
        pack_no=1 if retail else sum(rng.randint(1, 5) for _ in order_lines),
        transport=outbound_vessel(rng) if trade_mode == "9810" else outbound_flight(rng, times.border_crossed),
    )


def in_currency(amount_cny: Decimal, currency: str) -> Decimal:
    """The amount in the order's currency, two decimals, at least a cent."""
    converted = amount_cny / CNY_PER_USD if currency == USD else amount_cny
    return max(converted.quantize(CENT, ROUND_HALF_UP), CENT)


def _lines(rng: random.Random, pool: GoodsPool, count: int, currency: str, retail: bool) -> tuple[Line, ...]:
    drawn: list[Line] = []
    for gnum in range(1, count + 1):
        goods: Goods = pool.draw_new(rng, {line.goods.row for line in drawn})
        qty = rng.randint(1, 3) if retail else rng.randint(10, 200)
        drawn.append(Line(gnum, goods, qty, in_currency(goods.price, currency)))
    return tuple(drawn)


def _timeline(rng: random.Random, ordered: datetime, retail: bool) -> Timeline:
    """Paid, then the platform declares the order; the inventory follows the waybill; the goods leave in days."""
    waybill_sent = ordered + timedelta(seconds=rng.randint(600, 7200))
    inventory_sent = waybill_sent + timedelta(seconds=rng.randint(300, 3600))
    departure = inventory_sent.date() + timedelta(days=rng.randint(0, 2) if retail else rng.randint(2, 10))
    return Timeline(
        paid=ordered + timedelta(seconds=rng.randint(60, 1800)),
        ordered=ordered,
        payment_sent=ordered + timedelta(seconds=rng.randint(1800, 3600)),
        waybill_sent=waybill_sent,
        inventory_sent=inventory_sent,
        border_crossed=departure,
    )
