"""The dutiable price (完税价格) of an inventory: goods, freight and insurance, each line with its share.

财关税〔2016〕18号 (rules.md §4): the dutiable price is the actual transaction price including the goods' retail price,
freight and insurance. The head's freight and insuredFee are shared out over the lines by value; the last line takes
what is left, so the lines add up to the head exactly.
"""

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from decimal import Context as DecimalContext

from single_window.clearance.facts import InventoryFacts

# N19,5 times N19,5 needs 38 digits; the default context (28) would round before the quantize does.
EXACT = DecimalContext(prec=60, rounding=ROUND_HALF_UP)
# Every amount of the messages, taxPrice included, carries five decimals (N19,5).
PLACES = Decimal("0.00001")
ZERO = Decimal(0)


def dutiable_prices(inventory: InventoryFacts) -> tuple[Decimal, ...]:
    """Each line's taxPrice: its totalPrice plus its share, by value, of the head's freight and insuredFee."""
    values = [line.total_price for line in inventory.lines]
    shares = apportion(EXACT.add(inventory.freight, inventory.insured_fee), values)
    return tuple(EXACT.add(value, share) for value, share in zip(values, shares, strict=True))


def dutiable_total(inventory: InventoryFacts) -> Decimal:
    """What the purchase limits count: the goods plus freight and insurance."""
    return sum(dutiable_prices(inventory), ZERO)


def apportion(amount: Decimal, weights: Sequence[Decimal]) -> tuple[Decimal, ...]:
    """``amount`` split in proportion to ``weights`` at five decimals, half up; the last share is the remainder."""
    if not weights:
        return ()
    total = sum(weights, ZERO)
    # Lines of nothing but gifts (price 0) give no proportion: the last line carries it all.
    shares = [_share(amount, weight, total) for weight in weights[:-1]] if total else [ZERO] * (len(weights) - 1)
    return (*shares, EXACT.subtract(amount, sum(shares, ZERO)))


def _share(amount: Decimal, weight: Decimal, total: Decimal) -> Decimal:
    return EXACT.quantize(EXACT.divide(EXACT.multiply(amount, weight), total), PLACES)
