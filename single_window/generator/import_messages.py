"""The four import messages of a batch of orders: CEB311 order, CEB411 payment, CEB511 waybill, CEB621 inventory."""

import uuid
from collections.abc import Sequence
from datetime import timedelta

from single_window.generator.model import ImportSet, Line
from single_window.generator.numbers import compact
from single_window.generator.xmlbuild import (
    BusinessDocument,
    Fields,
    app_fields,
    declaration,
    goods_info,
    money,
    parties_of,
)

CNY = "142"
KILOGRAM = "035"
CARTON = "2"  # wrapType 纸箱
BONDED_TRAFFIC = "4"  # 1210: the second-line exit from the bonded area goes by road (表3-31)
SIGNED_FOR = "S"  # the only logisticsStatus the spec allows (签收)
SIGNED_FOR_AFTER = timedelta(days=2)


def ceb311_message(sets: Sequence[ImportSet]) -> bytes:
    """The platform's orders."""
    documents = [
        BusinessDocument("Order", _order_head(o), "OrderHead", "OrderList", [_order_line(line) for line in o.lines])
        for o in sets
    ]
    return declaration("CEB311", [s.guids.order for s in sets], documents, parties_of(sets).platform)


def ceb411_message(sets: Sequence[ImportSet]) -> bytes:
    """The payment enterprise's vouchers."""
    documents = [BusinessDocument("Payment", _payment_head(o), "PaymentHead") for o in sets]
    return declaration("CEB411", [s.guids.payment for s in sets], documents, parties_of(sets).payment)


def ceb511_message(sets: Sequence[ImportSet]) -> bytes:
    """The logistics enterprise's waybills."""
    documents = [BusinessDocument("Logistics", _waybill_head(o), "LogisticsHead") for o in sets]
    return declaration("CEB511", [s.guids.waybill for s in sets], documents, parties_of(sets).logistics)


def ceb513_message(sets: Sequence[ImportSet]) -> bytes:
    """The logistics enterprise's word that each waybill was signed for (status S), two days after its inventory."""
    documents = [BusinessDocument("LogisticsStatus", _signed_for(o)) for o in sets]
    return declaration("CEB513", [waybill_status_guid(s) for s in sets], documents, parties_of(sets).logistics)


def waybill_status_guid(order: ImportSet) -> str:
    # Derived from the waybill's guid: the same set always gets the same status message, as its other guids are.
    return str(uuid.uuid5(uuid.NAMESPACE_OID, order.guids.waybill)).upper()


def ceb621_message(sets: Sequence[ImportSet]) -> bytes:
    """The declaring agent's inventories, signed as the XSD requires of every CEB621."""
    documents = [
        BusinessDocument(
            "Inventory",
            _inventory_head(o),
            "InventoryHead",
            "InventoryList",
            [_inventory_line(o, ln) for ln in o.lines],
        )
        for o in sets
    ]
    return declaration("CEB621", [s.guids.inventory for s in sets], documents, parties_of(sets).agent, signed=True)


def _order_head(order: ImportSet) -> Fields:
    p, buyer = order.parties, order.buyer
    return (
        *app_fields(order.guids.order, order.times.ordered),
        ("orderType", "I"),
        ("orderNo", order.order_no),
        ("ebpCode", p.platform.code),
        ("ebpName", p.platform.name),
        ("ebcCode", p.ecommerce.code),
        ("ebcName", p.ecommerce.name),
        ("goodsValue", money(order.goods_value)),
        ("freight", money(order.freight)),
        ("discount", money(order.discount)),
        ("taxTotal", money(order.tax_total)),
        ("acturalPaid", money(order.actural_paid)),
        ("currency", CNY),
        ("buyerRegNo", buyer.reg_no),
        ("buyerName", buyer.name),
        ("buyerTelephone", buyer.telephone),
        ("buyerIdType", "1"),
        ("buyerIdNumber", buyer.id_number),
        ("payCode", p.payment.code),
        ("payName", p.payment.name),
        ("payTransactionId", order.payment_no),
        ("consignee", buyer.name),
        ("consigneeTelephone", buyer.telephone),
        ("consigneeAddress", buyer.address),
        ("consigneeDistrict", buyer.district),
        ("note", f"使用平台优惠券抵扣{order.discount:.0f}元" if order.discount else None),
    )


def _order_line(line: Line) -> Fields:
    goods = line.goods
    return (
        ("gnum", str(line.gnum)),
        ("itemNo", goods.item_no),
        ("itemName", goods.name),
        ("gmodel", goods.gmodel),
        ("barCode", goods.bar_code),
        ("unit", goods.unit),
        ("qty", str(line.qty)),
        ("price", money(line.price)),
        ("totalPrice", money(line.total)),
        ("currency", CNY),
        ("country", goods.origin),
    )


def _payment_head(order: ImportSet) -> Fields:
    p, buyer = order.parties, order.buyer
    return (
        *app_fields(order.guids.payment, order.times.payment_sent),
        ("payCode", p.payment.code),
        ("payName", p.payment.name),
        ("payTransactionId", order.payment_no),
        ("orderNo", order.order_no),
        ("ebpCode", p.platform.code),
        ("ebpName", p.platform.name),
        ("payerIdType", "1"),
        ("payerIdNumber", buyer.id_number),
        ("payerName", buyer.name),
        ("telephone", buyer.telephone),
        ("amountPaid", money(order.actural_paid)),
        ("currency", CNY),
        ("payTime", compact(order.times.paid)),
    )


def _waybill_head(order: ImportSet) -> Fields:
    p, buyer = order.parties, order.buyer
    return (
        *app_fields(order.guids.waybill, order.times.waybill_sent),
        ("logisticsCode", p.logistics.code),
        ("logisticsName", p.logistics.name),
        ("logisticsNo", order.logistics_no),
        ("billNo", order.transport.bill_no if order.transport else None),
        ("orderNo", order.order_no),
        ("freight", money(order.freight)),
        ("insuredFee", "0"),
        ("currency", CNY),
        ("weight", str(order.gross_weight)),
        ("packNo", "1"),
        ("goodsInfo", goods_info(order)),
        ("consignee", buyer.name),
        ("consigneeAddress", buyer.address),
        ("consigneeTelephone", buyer.telephone),
    )


def _signed_for(order: ImportSet) -> Fields:
    signed = order.times.inventory_sent + SIGNED_FOR_AFTER
    return (
        *app_fields(waybill_status_guid(order), signed),
        ("logisticsCode", order.parties.logistics.code),
        ("logisticsName", order.parties.logistics.name),
        ("logisticsNo", order.logistics_no),
        ("logisticsStatus", SIGNED_FOR),
        ("logisticsTime", compact(signed)),
    )


def _inventory_head(order: ImportSet) -> Fields:
    p, buyer, transport = order.parties, order.buyer, order.transport
    bonded = order.ems_no is not None
    return (
        *app_fields(order.guids.inventory, order.times.inventory_sent),
        ("orderNo", order.order_no),
        ("ebpCode", p.platform.code),
        ("ebpName", p.platform.name),
        ("ebcCode", p.ecommerce.code),
        ("ebcName", p.ecommerce.name),
        ("logisticsNo", order.logistics_no),
        ("logisticsCode", p.logistics.code),
        ("logisticsName", p.logistics.name),
        ("copNo", order.cop_no),
        ("assureCode", p.ecommerce.code),  # the e-commerce enterprise withholds the tax (rules.md §4)
        ("emsNo", order.ems_no),
        ("ieFlag", "I"),
        ("declTime", f"{order.times.inventory_sent:%Y%m%d}"),
        ("customsCode", p.district),
        ("portCode", p.port),
        ("ieDate", None if bonded else f"{order.times.border_crossed:%Y%m%d}"),
        ("buyerIdType", "1"),
        ("buyerIdNumber", buyer.id_number),
        ("buyerName", buyer.name),
        ("buyerTelephone", buyer.telephone),
        ("consigneeAddress", buyer.address),
        ("agentCode", p.agent.code),
        ("agentName", p.agent.name),
        ("areaCode", p.site.code if bonded else None),  # the bonded warehouse operator
        ("areaName", p.site.name if bonded else None),
        ("tradeMode", order.trade_mode),
        ("trafMode", transport.traf_mode if transport else BONDED_TRAFFIC),
        ("trafNo", transport.traf_no if transport else None),
        ("voyageNo", transport.voyage_no if transport else None),
        ("billNo", transport.bill_no if transport else None),
        ("country", order.shipped_from),
        ("freight", money(order.freight)),
        ("insuredFee", "0"),
        ("currency", CNY),
        ("wrapType", CARTON),
        ("packNo", "1"),
        ("grossWeight", str(order.gross_weight)),
        ("netWeight", str(order.net_weight)),
    )


def _inventory_line(order: ImportSet, line: Line) -> Fields:
    goods = line.goods
    return (
        ("gnum", str(line.gnum)),
        ("itemRecordNo", f"{order.ems_no}-{goods.row:05d}" if order.ems_no else None),  # the account-book part no.
        ("itemNo", goods.item_no),
        ("itemName", goods.name),
        ("gcode", goods.hs_code),
        ("gname", goods.name),  # 与电子订单一致: the order's itemName
        ("gmodel", goods.gmodel),
        ("barCode", goods.bar_code),
        ("country", goods.origin),
        ("currency", CNY),
        ("qty", str(line.qty)),
        ("unit", goods.unit),
        ("qty1", str(order.net_weight_of(line))),
        ("unit1", KILOGRAM),
        ("price", money(line.price)),
        ("totalPrice", money(line.total)),
    )
