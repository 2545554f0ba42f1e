"""Three-document comparison (三单对碰): the inventory against its order, payment and waybill (rules.md §2).

Import: order CEB311, payment voucher CEB411 and waybill CEB511 against the inventory CEB621. Export: order CEB303,
receipt of payment CEB403 and waybill CEB505 against the inventory CEB603. The equalities are in agreements.py; amounts
are compared as exact decimals, as the spec states equalities and no tolerance (a configured one is allowed).
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from typing import Literal

from single_window.ceb import codes
from single_window.ceb.codes import Code
from single_window.ceb.model import Direction
from single_window.clearance import agreements
from single_window.clearance.agreements import Agreement, LineAgreement
from single_window.clearance.facts import (
    InventoryFacts,
    LineFacts,
    OrderFacts,
    PaymentFacts,
    RefundFacts,
    RefundLineFacts,
    WaybillFacts,
)
from single_window.clearance.mismatch import Mismatch, mismatch

Partner = Literal["order", "payment", "waybill"]
PARTNERS: tuple[Partner, ...] = ("order", "payment", "waybill")


@dataclass(frozen=True, slots=True)
class Link:
    """How an inventory finds a partner document: its message type and the fields both carry with equal values."""

    message_code: str
    fields: tuple[str, ...]


# rules.md §2: orders by platform and order number (export adds ebcCode, the catalogue's key), payments by the order
# they pay (the voucher has no ebcCode), receipts of payment by (ebcCode, orderNo), waybills by logistics number.
LINKS: dict[Direction, dict[Partner, Link]] = {
    "import": {
        "order": Link("CEB311", ("ebpCode", "orderNo")),
        "payment": Link("CEB411", ("ebpCode", "orderNo")),
        "waybill": Link("CEB511", ("logisticsCode", "logisticsNo")),
    },
    "export": {
        "order": Link("CEB303", ("ebpCode", "ebcCode", "orderNo")),
        "payment": Link("CEB403", ("ebcCode", "orderNo")),
        "waybill": Link("CEB505", ("logisticsCode", "logisticsNo")),
    },
}
_ATTRIBUTES = {
    "ebpCode": "ebp_code",
    "ebcCode": "ebc_code",
    "orderNo": "order_no",
    "logisticsCode": "logistics_code",
    "logisticsNo": "logistics_no",
}
# What an inventory is rejected with when a partner never came, the spec's wording: "[*]订单信息查询不存在".
MISSING: dict[Direction, dict[Partner, tuple[Code, str]]] = {
    "import": {
        "order": (codes.ORDER_MISSING, "[{0}]订单信息查询不存在"),
        "payment": (codes.PAYMENT_MISSING, "[{0}]对应支付凭证查询不存在"),
        "waybill": (codes.WAYBILL_MISSING, "[{0}]物流运单信息查询不存在"),
    },
    "export": {
        "order": (codes.ORDER_MISSING, "[{0}]订单信息查询不存在"),
        "payment": (codes.RECEIPT_MISSING, "[{0}]收款单信息查询不存在"),
        "waybill": (codes.WAYBILL_MISSING, "[{0}]物流运单信息查询不存在"),
    },
}
INVENTORY_CODES: dict[Direction, str] = {"import": "CEB621", "export": "CEB603"}


@dataclass(frozen=True, slots=True)
class MatchingOptions:
    # rules.md §2: no public tolerance was found; amounts must be equal unless an officer configures one.
    tolerance: Decimal = Decimal(0)
    # [U] customs practice requires the payer to be the buyer (订购人 = 支付人); not found in a retrieved source.
    payer_must_be_buyer: bool = True
    # [U] an export receipt of payment's charge is the order's goods plus freight.
    charge_must_be_order_amount: bool = True


@dataclass(frozen=True, slots=True)
class Documents:
    """An inventory and the three documents it was declared on."""

    inventory: InventoryFacts
    order: OrderFacts
    payment: PaymentFacts
    waybill: WaybillFacts


def partner_key(inventory: InventoryFacts, partner: Partner) -> tuple[str, ...]:
    """The inventory's values of the link's fields: the partner document must carry the same ones."""
    return tuple(getattr(inventory, _ATTRIBUTES[name]) for name in LINKS[inventory.direction][partner].fields)


def awaited_partners(
    inventory: InventoryFacts,
    *,
    order: OrderFacts | None,
    payment: PaymentFacts | None,
    waybill: WaybillFacts | None,
) -> tuple[Partner, ...]:
    """The partner documents the inventory still waits for: not found, or found under another key."""
    found = {"order": order, "payment": payment, "waybill": waybill}
    return tuple(partner for partner in PARTNERS if not _links(inventory, partner, found[partner]))


def _links(inventory: InventoryFacts, partner: Partner, document: object) -> bool:
    if document is None:
        return False
    fields = LINKS[inventory.direction][partner].fields
    return tuple(getattr(document, _ATTRIBUTES[name]) for name in fields) == partner_key(inventory, partner)


def missing_mismatches(inventory: InventoryFacts, partners: Sequence[Partner]) -> tuple[Mismatch, ...]:
    """What to reject an inventory with when the partners it waited for never came."""
    return tuple(_missing(inventory, partner) for partner in partners)


def _missing(inventory: InventoryFacts, partner: Partner) -> Mismatch:
    code, reason = MISSING[inventory.direction][partner]
    link = LINKS[inventory.direction][partner]
    key = "|".join(partner_key(inventory, partner))
    return mismatch(code, f"{link.message_code}/{'+'.join(link.fields)}", reason.format(key))


def match_documents(documents: Documents, options: MatchingOptions = MatchingOptions()) -> tuple[Mismatch, ...]:
    """Every disagreement of the inventory with its order, payment and waybill, head fields first, then lines."""
    direction = documents.inventory.direction
    heads = (_compare(row, documents, options.tolerance) for row in _agreements(direction, options))
    lines = _line_mismatches(documents.inventory, documents.order, options.tolerance)
    return (*(found for found in heads if found is not None), *lines)


def _agreements(direction: Direction, options: MatchingOptions) -> tuple[Agreement, ...]:
    if direction == "import":
        payer = agreements.PAYER_IS_BUYER if options.payer_must_be_buyer else ()
        return (
            *agreements.IMPORT_INVENTORY_ORDER,
            *agreements.IMPORT_PAYMENT_ORDER,
            *payer,
            *agreements.IMPORT_WAYBILL,
        )
    charge = agreements.CHARGE_IS_ORDER_AMOUNT if options.charge_must_be_order_amount else ()
    return (*agreements.EXPORT_INVENTORY_ORDER, *agreements.EXPORT_RECEIPT_ORDER, *charge, *agreements.EXPORT_WAYBILL)


def _compare(row: Agreement, documents: Documents, tolerance: Decimal) -> Mismatch | None:
    left, right = attrgetter(row.left)(documents), attrgetter(row.right)(documents)
    if (row.when_stated and left in ("", None)) or _equal(left, right, tolerance):
        return None
    return mismatch(row.code, row.field, row.reason.format(_shown(left), _shown(right)))


def _equal(left: object, right: object, tolerance: Decimal) -> bool:
    if isinstance(left, Decimal) and isinstance(right, Decimal):
        return abs(left - right) <= tolerance
    return left == right


def _shown(value: object) -> str:
    return "" if value is None else str(value)


def _line_mismatches(inventory: InventoryFacts, order: OrderFacts, tolerance: Decimal) -> Iterator[Mismatch]:
    message = INVENTORY_CODES[inventory.direction]
    yield from _unpaired(inventory, order, message)
    rows = agreements.IMPORT_LINES if inventory.direction == "import" else agreements.EXPORT_LINES
    order_lines = {line.gnum: line for line in order.lines}
    for line in inventory.lines:
        if (ordered := order_lines.get(line.gnum)) is not None:
            yield from _line_compare(rows, line, ordered, message, tolerance)


def _unpaired(inventory: InventoryFacts, order: OrderFacts, message: str) -> Iterator[Mismatch]:
    """表3-31: the inventory's gnum is "与关联的电子订单表体序号一一对应"."""
    listed, ordered = {line.gnum for line in inventory.lines}, {line.gnum for line in order.lines}
    code, field = codes.INVENTORY_LINES_NOT_ORDER_LINES, f"{message}/gnum"
    for gnum in sorted(listed - ordered):
        yield mismatch(code, field, f"清单表体序号[{gnum}]在电子订单中不存在")
    for gnum in sorted(ordered - listed):
        yield mismatch(code, field, f"电子订单表体序号[{gnum}]在清单中不存在")


def _line_compare(
    rows: Sequence[LineAgreement], line: LineFacts, ordered: LineFacts, message: str, tolerance: Decimal
) -> Iterator[Mismatch]:
    for row in rows:
        mine, theirs = getattr(line, row.inventory), getattr(ordered, row.order)
        if not _equal(mine, theirs, tolerance):
            reason = row.reason.format(line.gnum, _shown(mine), _shown(theirs))
            yield mismatch(row.code, f"{message}/InventoryList[{line.gnum}]/{row.field}", reason)


def refund_mismatches(refund: RefundFacts, inventory: InventoryFacts) -> tuple[Mismatch, ...]:
    """rules.md §2: each return line must be on the original inventory, same gnum and gcode, at most its qty."""
    lines = {line.gnum: line for line in inventory.lines}
    return tuple(
        found for line in refund.lines if (found := _refund_line(refund.guid, line, lines.get(line.gnum))) is not None
    )


def _refund_line(guid: str, line: RefundLineFacts, original: LineFacts | None) -> Mismatch | None:
    field = f"CEB625/InvtRefundList[{line.gnum}]"
    if original is None or original.gcode != line.gcode:
        reason = f"退货申请单[{guid}],在关联的清单中未找到表体序号为[{line.gnum}],商品编号为[{line.gcode}]的数据"
        return mismatch(codes.REFUND_LINE_NOT_IN_INVENTORY, f"{field}/gcode", reason)
    if line.qty > original.qty:
        reason = f"退货申请单[{guid}]第{line.gnum}项退货数量[{line.qty}]超过原清单成交数量[{original.qty}]"
        return mismatch(codes.REFUND_QTY_OVER_INVENTORY, f"{field}/qty", reason)
    return None
