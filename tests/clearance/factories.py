"""Documents that agree with each other by default, built from XML field names; keywords change one field."""

from collections.abc import Sequence
from dataclasses import replace

from single_window.clearance.facts import (
    Fields,
    InventoryFacts,
    LineFacts,
    OrderFacts,
    PaymentFacts,
    RefundFacts,
    WaybillFacts,
)
from single_window.clearance.matching import Documents
from single_window.clearance.summary import ClosedInventory, ClosedLine

BUYER = {
    "buyerIdType": "1",
    "buyerIdNumber": "330106199001011234",
    "buyerName": "张三",
    "buyerTelephone": "13800000000",
}
CONSIGNEE = {
    "consignee": "张三",
    "consigneeTelephone": "13800000000",
    "consigneeAddress": "浙江省杭州市西湖区文三路1号",
}


def order_line(gnum: int = 1, **overrides: str) -> dict[str, str]:
    line = {"gnum": str(gnum), "itemNo": f"SKU-{gnum}", "itemName": "婴儿纸尿裤", "unit": "011"}
    return {**line, "qty": "2", "price": "100.00", "totalPrice": "200.00", "currency": "142", **overrides}


def inventory_line(gnum: int = 1, **overrides: str) -> dict[str, str]:
    ordered = order_line(gnum)
    line = {**ordered, "gname": ordered["itemName"], "gcode": "9619001000", "qty1": "1.2", "unit1": "035"}
    return {**line, **overrides}


def line(gnum: int = 1, **overrides: str) -> LineFacts:
    return LineFacts.from_fields(inventory_line(gnum, **overrides))


def import_order(lines: Sequence[Fields] | None = None, /, **overrides: str) -> OrderFacts:
    head = {
        "guid": "ORDER-GUID-0001",
        "orderNo": "ORD0001",
        "ebpCode": "3301960001",
        "ebcCode": "3301960002",
        "goodsValue": "200.00",
        "freight": "10.00",
        "discount": "0",
        "taxTotal": "0",
        "acturalPaid": "210.00",
        "currency": "142",
        "payCode": "3301960003",
        "payTransactionId": "PAY0001",
        **BUYER,
        **CONSIGNEE,
    }
    return OrderFacts.from_fields({**head, **overrides}, lines or [order_line()])


def import_payment(**overrides: str) -> PaymentFacts:
    head = {
        "guid": "PAYMENT-GUID-0001",
        "payCode": "3301960003",
        "payTransactionId": "PAY0001",
        "orderNo": "ORD0001",
        "ebpCode": "3301960001",
        "payerIdType": "1",
        "payerIdNumber": BUYER["buyerIdNumber"],
        "payerName": BUYER["buyerName"],
        "amountPaid": "210.00",
        "currency": "142",
    }
    return PaymentFacts.from_fields({**head, **overrides})


def import_waybill(**overrides: str) -> WaybillFacts:
    head = {
        "guid": "WAYBILL-GUID-0001",
        "logisticsCode": "3301960004",
        "logisticsNo": "YT0001",
        "orderNo": "ORD0001",
        "freight": "10.00",
        "weight": "1.5",
        **CONSIGNEE,
    }
    return WaybillFacts.from_fields({**head, **overrides})


def import_inventory(lines: Sequence[Fields] | None = None, /, **overrides: str) -> InventoryFacts:
    head = {
        "guid": "INVENTORY-GUID-0001",
        "orderNo": "ORD0001",
        "ebpCode": "3301960001",
        "ebcCode": "3301960002",
        "logisticsCode": "3301960004",
        "logisticsNo": "YT0001",
        "ieFlag": "I",
        "tradeMode": "9610",
        "freight": "10.00",
        "insuredFee": "0",
        "invtNo": "29242025I000000001",
        **BUYER,
    }
    return InventoryFacts.from_fields({**head, **overrides}, lines or [inventory_line()])


def import_documents(
    *,
    inventory: InventoryFacts | None = None,
    order: OrderFacts | None = None,
    payment: PaymentFacts | None = None,
    waybill: WaybillFacts | None = None,
) -> Documents:
    return Documents(
        inventory=inventory or import_inventory(),
        order=order or import_order(),
        payment=payment or import_payment(),
        waybill=waybill or import_waybill(),
    )


def export_order(lines: Sequence[Fields] | None = None, /, **overrides: str) -> OrderFacts:
    head = {
        "guid": "EXPORT-ORDER-GUID-0001",
        "orderType": "E",
        "orderNo": "EXP0001",
        "ebpCode": "3301960011",
        "ebcCode": "3301960012",
        "goodsValue": "200.00",
        "freight": "30.00",
        "currency": "502",
    }
    return OrderFacts.from_fields({**head, **overrides}, lines or [order_line()])


def export_receipt(**overrides: str) -> PaymentFacts:
    head = {
        "guid": "EXPORT-RECEIPT-GUID-0001",
        "ebpCode": "3301960011",
        "ebcCode": "3301960012",
        "orderNo": "EXP0001",
        "payCode": "3301960013",
        "payNo": "PAYNO0001",
        "charge": "230.00",
        "currency": "502",
    }
    return PaymentFacts.from_fields({**head, **overrides})


def export_waybill(**overrides: str) -> WaybillFacts:
    head = {
        "guid": "EXPORT-WAYBILL-GUID-0001",
        "logisticsCode": "3301960014",
        "logisticsNo": "EX0001",
        "freight": "30.00",
        "insuredFee": "0",
        "grossWeight": "1.5",
        "ebcCode": "3301960012",
    }
    return WaybillFacts.from_fields({**head, **overrides})


def export_inventory(lines: Sequence[Fields] | None = None, /, **overrides: str) -> InventoryFacts:
    head = {
        "guid": "EXPORT-INVENTORY-GUID-0001",
        "orderNo": "EXP0001",
        "ebpCode": "3301960011",
        "ebcCode": "3301960012",
        "logisticsCode": "3301960014",
        "logisticsNo": "EX0001",
        "ieFlag": "E",
        "tradeMode": "9610",
        "freight": "30.00",
        "insuredFee": "0",
    }
    return InventoryFacts.from_fields({**head, **overrides}, lines or [inventory_line()])


def export_documents(
    *,
    inventory: InventoryFacts | None = None,
    order: OrderFacts | None = None,
    payment: PaymentFacts | None = None,
    waybill: WaybillFacts | None = None,
) -> Documents:
    return Documents(
        inventory=inventory or export_inventory(),
        order=order or export_order(),
        payment=payment or export_receipt(),
        waybill=waybill or export_waybill(),
    )


def refund(lines: Sequence[tuple[int, str, str]] = ((1, "9619001000", "2"),), **overrides: str) -> RefundFacts:
    head = {"guid": "REFUND-GUID-0001", "invtNo": "29242025I000000001", **overrides}
    return RefundFacts.from_fields(head, [{"gnum": str(g), "gcode": code, "qty": qty} for g, code, qty in lines])


def closed_line(gnum: int = 1, **overrides: str) -> ClosedLine:
    return ClosedLine.from_fields({**inventory_line(gnum), "country": "502", "currency": "502", **overrides})


def closed_inventory(invt_no: str, lines: Sequence[ClosedLine] = (), /, **overrides: str) -> ClosedInventory:
    """A closed export inventory as the summary reads it; lines default to one."""
    head = {
        "invtNo": invt_no,
        "logisticsNo": f"JY{invt_no[-6:]}",
        "ebcCode": "3301960012",
        "ownerCode": "3301960012",
        "trafMode": "5",
        "country": "502",
        "portCode": "2991",
        "grossWeight": "1.5",
        "netWeight": "1.2",
        **overrides,
    }
    inventory = ClosedInventory.from_fields(head, [])
    return replace(inventory, lines=tuple(lines) or (closed_line(),))
