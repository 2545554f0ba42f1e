"""The 42 CEB message types of the 2022-05 edition: shape, receipt and business keys of each.

Who may send a declaration and which enterprises it names are checks: messages/checks/registry.py holds them.
"""

from dataclasses import dataclass
from typing import Literal

from single_window.messages.namespaces import ceb

Direction = Literal["import", "export"]
# What joins the fields of a business key into one stored key (messages/keys.py); no key field may hold it.
KEY_SEPARATOR = "|"
Kind = Literal["declaration", "receipt", "notice"]


@dataclass(frozen=True)
class MessageType:
    code: str
    root: str
    direction: Direction
    kind: Kind
    title_zh: str
    title_en: str
    business_element: str
    head_element: str | None = None
    list_element: str | None = None
    max_documents: int | None = 100
    receipt_code: str | None = None
    signature_required: bool = False
    business_keys: tuple[str, ...] = ()

    @property
    def tag(self) -> str:
        return ceb(self.root)

    @property
    def fields_element(self) -> str:
        """The element whose children are the head fields: the head, or the business element when it is flat."""
        return self.head_element or self.business_element


def _declaration(
    number: int,
    direction: Direction,
    title_zh: str,
    title_en: str,
    business: str,
    *,
    keys: tuple[str, ...],
    head: str | None = None,
    items: str | None = None,
    max_documents: int | None = 100,
    signed: bool = False,
) -> MessageType:
    return MessageType(
        code=f"CEB{number}",
        root=f"CEB{number}Message",
        direction=direction,
        kind="declaration",
        title_zh=title_zh,
        title_en=title_en,
        business_element=business,
        head_element=head,
        list_element=items,
        max_documents=max_documents,
        receipt_code=f"CEB{number + 1}",  # every declaration's receipt is the next number (311 -> 312, 701 -> 702)
        signature_required=signed,
        business_keys=keys,
    )


def _answer(
    number: int,
    direction: Direction,
    kind: Kind,
    title_zh: str,
    title_en: str,
    business: str,
    *,
    head: str | None = None,
    items: str | None = None,
    max_documents: int | None = 100,
) -> MessageType:
    """A receipt or a notice: issued by customs or the platform, never filed by an enterprise."""
    return MessageType(
        code=f"CEB{number}",
        root=f"CEB{number}Message",
        direction=direction,
        kind=kind,
        title_zh=title_zh,
        title_en=title_en,
        business_element=business,
        head_element=head,
        list_element=items,
        max_documents=max_documents,
    )


# Business keys identify one business document for duplicate detection (rules.md §2 linking keys, §9 duplicates):
# orders by platform order number (export adds ebcCode because an overseas ebpCode may be the shared "无"); payments
# by payment serial; waybills by logistics number; inventories by (ebcCode, orderNo) like −621004 and com.kzkj;
# cancellations and returns by the original invtNo (one per inventory, a second is appType 2); split export
# messages (507/509/607/701) by the filer's copNo and msgSeqNo; the 711 entry by site and master bill.
# One row per message type reads better than the formatter's one argument per line.
# fmt: off
IMPORT = (
    _declaration(
        311, "import", "进口订单", "import order", "Order", head="OrderHead", items="OrderList",
        keys=("ebpCode", "orderNo"),
    ),
    _answer(312, "import", "receipt", "进口订单回执", "import order receipt", "OrderReturn"),
    _declaration(
        411, "import", "进口支付单", "payment voucher", "Payment", head="PaymentHead",
        keys=("payCode", "payTransactionId"),
    ),
    _answer(412, "import", "receipt", "进口支付单回执", "payment voucher receipt", "PaymentReturn"),
    _declaration(
        511, "import", "进口运单", "import waybill", "Logistics", head="LogisticsHead",
        keys=("logisticsCode", "logisticsNo"),
    ),
    _answer(512, "import", "receipt", "进口运单回执", "import waybill receipt", "LogisticsReturn"),
    _declaration(
        513, "import", "进口运单状态", "waybill status", "LogisticsStatus",
        keys=("logisticsCode", "logisticsNo", "logisticsStatus"),
    ),
    _answer(514, "import", "receipt", "进口运单状态回执", "waybill status receipt", "LogisticsStatusReturn"),
    _declaration(
        621, "import", "进口清单", "import inventory", "Inventory", head="InventoryHead", items="InventoryList",
        keys=("ebcCode", "orderNo"), signed=True,
    ),
    _answer(622, "import", "receipt", "进口清单回执", "import inventory receipt", "InventoryReturn"),
    _declaration(
        623, "import", "进口撤销申请单", "inventory cancellation", "InvtCancel",
        keys=("invtNo",), signed=True,
    ),
    _answer(624, "import", "receipt", "进口撤销申请单回执", "inventory cancellation receipt", "InvtCancelReturn"),
    _declaration(
        625, "import", "进口退货申请单", "import return", "InvtRefund", head="InvtRefundHead", items="InvtRefundList",
        keys=("invtNo",), signed=True,
    ),
    _answer(626, "import", "receipt", "进口退货申请单回执", "import return receipt", "InvtRefundReturn"),
    _declaration(
        711, "import", "进口入库明细单", "warehouse entry detail", "Delivery", head="DeliveryHead",
        items="DeliveryList", max_documents=1, keys=("operatorCode", "billNo"), signed=True,
    ),
    _answer(712, "import", "receipt", "进口入库明细单回执", "warehouse entry receipt", "DeliveryReturn"),
    _answer(
        816, "import", "notice", "电子税单", "e-tax bill", "Tax", head="TaxHeadRd", items="TaxListRd",
        max_documents=None,
    ),
    _answer(
        818, "import", "notice", "电子税单状态", "e-tax bill status", "Tax", head="TaxHeadStatus", max_documents=None,
    ),
    _answer(900, "import", "notice", "报文格式校验回执", "format-check receipt", "MessageReturn", max_documents=1),
)

EXPORT = (
    _declaration(
        303, "export", "出口订单", "export order", "Order", head="OrderHead", items="OrderList",
        keys=("ebpCode", "ebcCode", "orderNo"),
    ),
    _answer(304, "export", "receipt", "出口订单回执", "export order receipt", "OrderReturn"),
    _declaration(
        403, "export", "出口收款单", "receipt of payment", "Receipts",
        keys=("ebcCode", "orderNo"),
    ),
    _answer(404, "export", "receipt", "出口收款单回执", "receipt of payment receipt", "ReceiptsReturn"),
    _declaration(
        505, "export", "出口运单", "export waybill", "Logistics",
        keys=("logisticsCode", "logisticsNo"),
    ),
    _answer(506, "export", "receipt", "出口运单回执", "export waybill receipt", "LogisticsReturn"),
    _declaration(
        507, "export", "出口运抵单", "arrival at supervised site", "Arrival", head="ArrivalHead", items="ArrivalList",
        keys=("logisticsCode", "copNo", "msgSeqNo"),
    ),
    _answer(508, "export", "receipt", "出口运抵单回执", "arrival receipt", "ArrivalReturn"),
    _declaration(
        509, "export", "出口离境单", "departure", "Departure", head="DepartureHead", items="DepartureList",
        keys=("logisticsCode", "copNo", "msgSeqNo"),
    ),
    _answer(510, "export", "receipt", "出口离境单回执", "departure receipt", "DepartureReturn"),
    _declaration(
        603, "export", "出口清单", "export inventory", "Inventory", head="InventoryHead", items="InventoryList",
        keys=("ebcCode", "orderNo"),
    ),
    _answer(604, "export", "receipt", "出口清单回执", "export inventory receipt", "InventoryReturn"),
    _declaration(
        605, "export", "出口撤销申请单", "export cancellation", "InvtCancel",
        keys=("invtNo",),
    ),
    _answer(606, "export", "receipt", "出口撤销申请单回执", "export cancellation receipt", "InvtCancelReturn"),
    _declaration(
        607, "export", "出口清单总分单", "master/house bill link", "WayBill", head="WayBillHead", items="WayBillList",
        keys=("agentCode", "copNo", "msgSeqNo"),
    ),
    _answer(608, "export", "receipt", "出口清单总分单回执", "master/house bill receipt", "WayBillReturn"),
    _declaration(
        213, "export", "零售出口退货申请单", "export return request", "InvtRefund", head="InvtRefundHead",
        items="InvtRefundList", keys=("invtNo",),
    ),
    _answer(214, "export", "receipt", "零售出口退货申请单回执", "export return receipt", "RefundReturn"),
    _declaration(
        215, "export", "出口退运理货明细单", "export return tally", "InvtRefundDetail",
        keys=("logisticsCode", "logisticsNo"),
    ),
    _answer(
        216, "export", "receipt", "出口退运理货明细单回执", "export return tally receipt", "InvtRefundDetailReturn",
    ),
    _declaration(
        701, "export", "出口汇总申请单", "summary application", "SummaryApply", head="SummaryApplyHead",
        items="SummaryApplyList", keys=("agentCode", "copNo", "msgSeqNo"),
    ),
    _answer(702, "export", "receipt", "出口汇总申请单回执", "summary application receipt", "SummaryReturn"),
    _answer(
        792, "export", "notice", "出口汇总结果单", "summary result", "SummaryResult", head="SummaryResultHead",
        items="SummaryResultList",
    ),
)
# fmt: on

ALL: tuple[MessageType, ...] = (*IMPORT, *EXPORT)
_BY_ROOT = {message_type.root: message_type for message_type in ALL}
_BY_CODE = {message_type.code: message_type for message_type in ALL}


def by_root(localname: str) -> MessageType | None:
    return _BY_ROOT.get(localname)


def by_code(code: str) -> MessageType | None:
    return _BY_CODE.get(code)
