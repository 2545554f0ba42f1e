"""Amounts that must add up exactly, and quantities and prices that must make sense."""

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from decimal import Context as DecimalContext

from single_window.ceb import codes
from single_window.ceb.model import BusinessIssue, Context, Document, Record, issue

# N19,5 times N19,5 needs 38 digits; the default context (28) would round before we compare.
_EXACT = DecimalContext(prec=60, rounding=ROUND_HALF_UP)
# Amounts carry at most 5 decimals (N19,5), so a product is compared at that precision, half up.
_AMOUNT_PLACES = Decimal("0.00001")
_ZERO = Decimal(0)


def actural_paid_adds_up(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """表3-3: acturalPaid = goodsValue + freight + taxTotal - discount (the XSD's spelling)."""
    head = document.head
    paid, goods, freight = amount(head, "acturalPaid"), amount(head, "goodsValue"), amount(head, "freight")
    tax, discount = amount(head, "taxTotal"), amount(head, "discount")
    if paid is None or goods is None or freight is None or tax is None or discount is None:
        return
    expected = _EXACT.subtract(_EXACT.add(_EXACT.add(goods, freight), tax), discount)
    if paid != expected:
        detail = f"acturalPaid {paid} != goodsValue {goods} + freight {freight} + taxTotal {tax} - discount {discount}"
        yield issue(codes.ACTURAL_PAID_MISMATCH, head, "acturalPaid", detail)


def total_price_is_price_times_qty(document: Document, context: Context) -> Iterator[BusinessIssue]:
    for line in document.lines:
        total, price, qty = amount(line, "totalPrice"), amount(line, "price"), amount(line, "qty")
        if total is None or price is None or qty is None:
            continue
        # The context's quantize, not the Decimal method with context=: the keyword call costs twice as much.
        if total != _EXACT.quantize(_EXACT.multiply(price, qty), _AMOUNT_PLACES):
            detail = f"totalPrice {total} != price {price} x qty {qty}"
            yield issue(codes.TOTAL_PRICE_MISMATCH, line, "totalPrice", detail)


def qty_is_positive(document: Document, context: Context) -> Iterator[BusinessIssue]:
    for line in document.lines:
        qty = amount(line, "qty")
        if qty is not None and qty <= _ZERO:
            yield issue(codes.QTY_NOT_POSITIVE, line, "qty", f"qty {qty}")


def price_is_not_negative(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """Gifts are declared at price 0 (表3-3), so only a negative price is wrong."""
    for line in document.lines:
        price = amount(line, "price")
        if price is not None and price < _ZERO:
            yield issue(codes.PRICE_NEGATIVE, line, "price", f"price {price}")


def amount(record: Record, name: str) -> Decimal | None:
    """The field as a Decimal; None when absent or not a number (the schema reports those)."""
    text = record.texts.get(name)
    if text is None:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
