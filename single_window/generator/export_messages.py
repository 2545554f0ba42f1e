"""The four export messages of a batch of orders: CEB303 order, CEB403 receipt of payment, CEB505, CEB603."""

from collections.abc import Sequence

from single_window.generator.model import ExportSet, Line
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

KILOGRAM = "035"
CARTON = "2"  # wrapType 纸箱
TOTAL_PRICE_FLAG = "3"  # fFlag/iFlag: freight and insurance given as totals (表2-38)
# 表2-38: B 汇总申报, the usual choice; A (简化申报) also demands goods free of licences, export duty and rebates.
SUMMARY_DECLARATION = "B"


def ceb303_message(sets: Sequence[ExportSet]) -> bytes:
    """The platform's export orders."""
    documents = [
        BusinessDocument("Order", _order_head(o), "OrderHead", "OrderList", [_order_line(o, ln) for ln in o.lines])
        for o in sets
    ]
    return declaration("CEB303", [s.guids.order for s in sets], documents, parties_of(sets).platform)


def ceb403_message(sets: Sequence[ExportSet]) -> bytes:
    """The payment enterprise's receipts of payment (收款单)."""
    documents = [BusinessDocument("Receipts", _receipt(o)) for o in sets]
    return declaration("CEB403", [s.guids.payment for s in sets], documents, parties_of(sets).payment)


def ceb505_message(sets: Sequence[ExportSet]) -> bytes:
    """The logistics enterprise's export waybills."""
    documents = [BusinessDocument("Logistics", _waybill(o)) for o in sets]
    return declaration("CEB505", [s.guids.waybill for s in sets], documents, parties_of(sets).logistics)


def ceb603_message(sets: Sequence[ExportSet]) -> bytes:
    """The declaring agent's export inventories; signed, since a 申报清单 is signed by the declarant's card."""
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
    return declaration("CEB603", [s.guids.inventory for s in sets], documents, parties_of(sets).agent, signed=True)


def _order_head(order: ExportSet) -> Fields:
    p = order.parties
    return (
        *app_fields(order.guids.order, order.times.ordered),
        ("orderType", order.order_type),
        ("orderNo", order.order_no),
        ("ebpCode", p.platform.code),
        ("ebpName", p.platform.name),
        ("ebcCode", p.ecommerce.code),
        ("ebcName", p.ecommerce.name),
        ("goodsValue", money(order.goods_value)),  # FOB, without the freight (表2-3)
        ("freight", money(order.freight)),
        ("currency", order.currency),
    )


def _order_line(order: ExportSet, line: Line) -> Fields:
    goods = line.goods
    return (
        ("gnum", str(line.gnum)),
        ("itemNo", goods.item_no),
        ("itemName", goods.name),
        ("barCode", goods.bar_code),
        ("unit", goods.unit),
        ("currency", order.currency),
        ("qty", str(line.qty)),
        ("price", money(line.price)),
        ("totalPrice", money(line.total)),
    )


def _receipt(order: ExportSet) -> Fields:
    p = order.parties
    return (
        *app_fields(order.guids.payment, order.times.payment_sent),
        ("ebpCode", p.platform.code),
        ("ebpName", p.platform.name),
        ("ebcCode", p.ecommerce.code),
        ("ebcName", p.ecommerce.name),
        ("orderNo", order.order_no),
        ("payCode", p.payment.code),
        ("payName", p.payment.name),
        ("payNo", order.payment_no),
        ("charge", money(order.charge)),
        ("currency", order.currency),
        ("accountingDate", compact(order.times.paid)),
    )


def _waybill(order: ExportSet) -> Fields:
    p = order.parties
    return (
        *app_fields(order.guids.waybill, order.times.waybill_sent),
        ("logisticsCode", p.logistics.code),
        ("logisticsName", p.logistics.name),
        ("logisticsNo", order.logistics_no),
        ("freight", money(order.freight)),
        ("insuredFee", "0"),
        ("currency", order.currency),
        ("grossWeight", str(order.gross_weight)),
        ("packNo", str(order.pack_no)),
        ("goodsInfo", goods_info(order)),
        ("ebcCode", p.ecommerce.code),
        ("ebcName", p.ecommerce.name),
        ("ebcTelephone", f"0571-8688{p.ecommerce.code[-4:]}"),
    )


def _inventory_head(order: ExportSet) -> Fields:
    p, transport = order.parties, order.transport
    return (
        *app_fields(order.guids.inventory, order.times.inventory_sent),
        ("customsCode", p.district),
        ("ebpCode", p.platform.code),
        ("ebpName", p.platform.name),
        ("orderNo", order.order_no),
        ("logisticsCode", p.logistics.code),
        ("logisticsName", p.logistics.name),
        ("logisticsNo", order.logistics_no),
        ("copNo", order.cop_no),
        ("ieFlag", "E"),
        ("portCode", p.port),
        ("ieDate", f"{order.times.border_crossed:%Y%m%d}"),
        ("statisticsFlag", SUMMARY_DECLARATION),
        ("agentCode", p.agent.code),
        ("agentName", p.agent.name),
        ("ebcCode", p.ecommerce.code),  # the consignor (收发货人)
        ("ebcName", p.ecommerce.name),
        ("ownerCode", p.ecommerce.code),  # the producer/seller ships its own goods
        ("ownerName", p.ecommerce.name),
        ("tradeMode", order.trade_mode),
        ("trafMode", transport.traf_mode),
        ("trafName", transport.traf_no),
        ("voyageNo", transport.voyage_no),
        ("billNo", transport.bill_no),
        ("country", order.destination),
        ("POD", order.destination),  # the samples give the destination country as the port of discharge
        ("freight", money(order.freight)),
        ("fCurrency", order.currency),
        ("fFlag", TOTAL_PRICE_FLAG),
        ("insuredFee", "0"),
        ("iCurrency", order.currency),
        ("iFlag", TOTAL_PRICE_FLAG),
        ("wrapType", CARTON),
        ("packNo", str(order.pack_no)),
        ("grossWeight", str(order.gross_weight)),
        ("netWeight", str(order.net_weight)),
    )


def _inventory_line(order: ExportSet, line: Line) -> Fields:
    goods = line.goods
    return (
        ("gnum", str(line.gnum)),
        ("itemNo", goods.item_no),
        ("itemName", goods.name),
        ("gcode", goods.hs_code),
        ("gname", goods.name),
        ("gmodel", goods.gmodel),
        ("barCode", goods.bar_code),
        ("country", order.destination),  # 最终目的国
        ("currency", order.currency),
        ("qty", str(line.qty)),
        ("qty1", str(order.net_weight_of(line))),
        ("unit", goods.unit),
        ("unit1", KILOGRAM),
        ("price", money(line.price)),
        ("totalPrice", money(line.total)),
    )
