"""Purchase limits of CBEC retail import (财关税〔2018〕49号, rules.md §3) and the quota a return gives back (§6).

Within 5,000 CNY a transaction and 26,000 CNY a buyer a calendar year: tariff 0 and VAT and consumption tax at 70 %.
A transaction over 5,000 of one indivisible item (one line, quantity 1) still within the year: full tax, and it counts
towards the year. Anything else over a limit is general trade, not this channel: rejected with the spec's code.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from single_window.ceb import codes
from single_window.clearance.dutiable import EXACT, PLACES, ZERO, dutiable_prices, dutiable_total
from single_window.clearance.facts import InventoryFacts, RefundFacts
from single_window.clearance.matching import refund_mismatches
from single_window.clearance.mismatch import Mismatch, mismatch

ONE = Decimal(1)


class Treatment(StrEnum):
    WITHIN_LIMITS = "within_limits"  # tariff 0, VAT and consumption tax at 70 %
    FULL_TAX = "full_tax"  # the single indivisible item over the single limit: full tariff, VAT and consumption tax
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class PurchaseLimits:
    """The limits in CNY, by default those in force since 2019-01-01 (2,000 and 20,000 before)."""

    per_transaction: Decimal = Decimal(5000)
    per_year: Decimal = Decimal(26000)


@dataclass(frozen=True, slots=True)
class PurchaseDecision:
    treatment: Treatment
    # What the purchase adds to the buyer's year: its dutiable total, nothing when it is rejected.
    counted: Decimal
    rejection: Mismatch | None = None


def purchase_decision(
    inventory: InventoryFacts, used_this_year: Decimal, limits: PurchaseLimits = PurchaseLimits()
) -> PurchaseDecision:
    """Whether an import inventory is within the limits, taxed in full, or rejected, given the buyer's year so far."""
    if inventory.buyer is None:
        raise ValueError("purchase limits apply to import inventories, which name a buyer")
    total = dutiable_total(inventory)
    within_year = used_this_year + total <= limits.per_year
    if total > limits.per_transaction and not is_single_item(inventory):
        return _rejected(_over_single_limit(inventory, limits))
    if not within_year:
        return _rejected(_over_annual_limit(inventory, used_this_year, limits))
    treatment = Treatment.WITHIN_LIMITS if total <= limits.per_transaction else Treatment.FULL_TAX
    return PurchaseDecision(treatment, total)


def is_single_item(inventory: InventoryFacts) -> bool:
    """49号's "单件不可分割": one line of quantity one."""
    return len(inventory.lines) == 1 and inventory.lines[0].qty == ONE


def _rejected(reason: Mismatch) -> PurchaseDecision:
    return PurchaseDecision(Treatment.REJECTED, ZERO, reason)


def _over_single_limit(inventory: InventoryFacts, limits: PurchaseLimits) -> Mismatch:
    reason = f"清单[{inventory.guid}]的购买金额超过单笔限额[{limits.per_transaction}]"
    return mismatch(codes.OVER_SINGLE_LIMIT, "CEB621/InventoryList/totalPrice", reason)


def _over_annual_limit(inventory: InventoryFacts, used: Decimal, limits: PurchaseLimits) -> Mismatch:
    buyer = inventory.buyer.name if inventory.buyer else ""
    reason = f"清单[{inventory.guid}]中购买人[{buyer}]已用购买额度为[{used}]，本次购买将超过年度限额[{limits.per_year}]"
    return mismatch(codes.OVER_ANNUAL_LIMIT, "CEB621/buyerIdNumber", reason)


def returned_amount(refund: RefundFacts, inventory: InventoryFacts) -> Decimal:
    """What a return (CEB625) gives back to the buyer's year: each line's dutiable price in proportion to the qty."""
    if problems := refund_mismatches(refund, inventory):
        raise ValueError(f"the return does not fit its inventory: {problems[0].reason}")
    prices = {
        line.gnum: (price, line.qty) for line, price in zip(inventory.lines, dutiable_prices(inventory), strict=True)
    }
    return sum((_returned(*prices[line.gnum], line.qty) for line in refund.lines), ZERO)


def _returned(price: Decimal, qty: Decimal, returned_qty: Decimal) -> Decimal:
    # Dutiable prices have five decimals, so a whole line gives back its price exactly, freight share included.
    return EXACT.quantize(EXACT.divide(EXACT.multiply(price, returned_qty), qty), PLACES)
