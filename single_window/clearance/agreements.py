"""Which facts of the three documents and the inventory must be equal (rules.md §2): one row per equality.

Each row names the code, the field at fault (``message/field``), the two facts as attribute paths on a ``Documents``
bundle, and the reason with both values as customs words it in returnInfo. Arithmetic inside one document
(acturalPaid = goodsValue + freight + taxTotal − discount, totalPrice = price × qty) is intake's, checked when the
document arrives (messages/checks/arithmetic.py); these rows only compare documents with each other.
"""

from dataclasses import dataclass

from single_window.ceb import codes
from single_window.ceb.codes import Code


@dataclass(frozen=True, slots=True)
class Agreement:
    code: Code
    field: str
    left: str
    right: str
    reason: str
    # Optional fields (the order's payCode, the export waybill's ebcCode) are compared only when the left one is stated.
    when_stated: bool = False


@dataclass(frozen=True, slots=True)
class LineAgreement:
    """A fact of an inventory line that must equal the same-numbered order line's; the reason gets the gnum first."""

    code: Code
    field: str
    inventory: str
    order: str
    reason: str


def _order(field: str, attribute: str, label: str, message: str = "CEB621") -> Agreement:
    reason = f"清单{label}[{{0}}]与电子订单{label}[{{1}}]不一致"
    return Agreement(
        codes.INVENTORY_ORDER_MISMATCH, f"{message}/{field}", f"inventory.{attribute}", f"order.{attribute}", reason
    )


def _buyer(field: str, attribute: str, label: str) -> Agreement:
    reason = f"清单订购人{label}[{{0}}]与电子订单订购人{label}[{{1}}]不一致"
    left, right = f"inventory.buyer.{attribute}", f"order.buyer.{attribute}"
    return Agreement(codes.INVENTORY_BUYER_MISMATCH, f"CEB621/{field}", left, right, reason)


def _consignee(field: str, attribute: str, label: str) -> Agreement:
    reason = f"电子订单{label}[{{0}}]与物流运单{label}[{{1}}]不一致"
    left, right = f"order.consignee.{attribute}", f"waybill.consignee.{attribute}"
    return Agreement(codes.WAYBILL_CONSIGNEE_MISMATCH, f"CEB511/{field}", left, right, reason)


def _waybill(field: str, attribute: str, label: str, message: str) -> Agreement:
    reason = f"物流运单{label}[{{0}}]与清单{label}[{{1}}]不一致"
    left, right = f"waybill.{attribute}", f"inventory.{attribute}"
    return Agreement(codes.WAYBILL_INVENTORY_MISMATCH, f"{message}/{field}", left, right, reason)


IMPORT_INVENTORY_ORDER = (
    _order("orderNo", "order_no", "订单编号"),
    _order("ebpCode", "ebp_code", "电商平台代码"),
    _order("ebcCode", "ebc_code", "电商企业代码"),
    _buyer("buyerIdType", "id_type", "证件类型"),
    _buyer("buyerIdNumber", "id_number", "证件号码"),
    _buyer("buyerName", "name", "姓名"),
    _buyer("buyerTelephone", "telephone", "电话"),
)
IMPORT_PAYMENT_ORDER = (
    Agreement(
        codes.PAID_NOT_PAYMENT,
        "CEB411/amountPaid",
        "order.actural_paid",
        "payment.amount",
        "订单实际支付金额[{0}]与支付单支付金额[{1}]不一致",
    ),
    Agreement(
        codes.PAYMENT_ORDER_MISMATCH,
        "CEB411/orderNo",
        "payment.order_no",
        "order.order_no",
        "支付单订单编号[{0}]与电子订单编号[{1}]不一致",
    ),
    Agreement(
        codes.PAYMENT_ORDER_MISMATCH,
        "CEB411/ebpCode",
        "payment.ebp_code",
        "order.ebp_code",
        "支付单电商平台代码[{0}]与电子订单电商平台代码[{1}]不一致",
    ),
    Agreement(
        codes.PAYMENT_ORDER_MISMATCH,
        "CEB311/payCode",
        "order.pay_code",
        "payment.pay_code",
        "电子订单支付企业代码[{0}]与支付单支付企业代码[{1}]不一致",
        when_stated=True,
    ),
    Agreement(
        codes.PAYMENT_ORDER_MISMATCH,
        "CEB311/payTransactionId",
        "order.pay_transaction_id",
        "payment.pay_transaction_id",
        "电子订单支付交易编号[{0}]与支付单支付交易编号[{1}]不一致",
        when_stated=True,
    ),
)
# rules.md §2 [U]: customs practice wants the payer to be the buyer; MatchingOptions can leave these rows out.
PAYER_IS_BUYER = (
    Agreement(
        codes.PAYER_NOT_BUYER,
        "CEB411/payerIdNumber",
        "payment.payer.id_number",
        "order.buyer.id_number",
        "支付人证件号码[{0}]与订购人证件号码[{1}]不一致",
    ),
    Agreement(
        codes.PAYER_NOT_BUYER,
        "CEB411/payerName",
        "payment.payer.name",
        "order.buyer.name",
        "支付人姓名[{0}]与订购人姓名[{1}]不一致",
    ),
)
IMPORT_WAYBILL = (
    _waybill("logisticsCode", "logistics_code", "物流企业代码", "CEB511"),
    _waybill("logisticsNo", "logistics_no", "物流运单编号", "CEB511"),
    Agreement(
        codes.WAYBILL_ORDER_MISMATCH,
        "CEB511/orderNo",
        "waybill.order_no",
        "order.order_no",
        "物流运单订单编号[{0}]与电子订单编号[{1}]不一致",
    ),
    _consignee("consignee", "name", "收货人姓名"),
    _consignee("consigneeTelephone", "telephone", "收货人电话"),
    _consignee("consigneeAddress", "address", "收货地址"),
)
IMPORT_LINES = (
    LineAgreement(
        codes.INVENTORY_LINE_MISMATCH, "gname", "gname", "item_name", "清单第{0}项商品名称[{1}]与电子订单[{2}]不一致"
    ),
    LineAgreement(
        codes.INVENTORY_LINE_MISMATCH, "qty", "qty", "qty", "清单第{0}项成交数量[{1}]与电子订单数量[{2}]不一致"
    ),
    LineAgreement(
        codes.INVENTORY_LINE_MISMATCH, "price", "price", "price", "清单第{0}项成交单价[{1}]与电子订单单价[{2}]不一致"
    ),
    LineAgreement(
        codes.INVENTORY_LINE_MISMATCH,
        "totalPrice",
        "total_price",
        "total_price",
        "清单第{0}项成交总价[{1}]与电子订单商品总价[{2}]不一致",
    ),
)

EXPORT_INVENTORY_ORDER = (
    _order("orderNo", "order_no", "订单编号", "CEB603"),
    _order("ebpCode", "ebp_code", "电商平台代码", "CEB603"),
    _order("ebcCode", "ebc_code", "电商企业代码", "CEB603"),
)
EXPORT_RECEIPT_ORDER = (
    Agreement(
        codes.RECEIPT_ORDER_MISMATCH,
        "CEB403/orderNo",
        "payment.order_no",
        "order.order_no",
        "收款单订单编号[{0}]与电子订单编号[{1}]不一致",
    ),
    Agreement(
        codes.RECEIPT_ORDER_MISMATCH,
        "CEB403/ebcCode",
        "payment.ebc_code",
        "order.ebc_code",
        "收款单电商企业代码[{0}]与电子订单电商企业代码[{1}]不一致",
    ),
)
# [U] 表2-5 calls charge "支付企业的订单交易金额"; the order's transaction is its goods (FOB) plus freight.
CHARGE_IS_ORDER_AMOUNT = (
    Agreement(
        codes.CHARGE_NOT_ORDER_AMOUNT,
        "CEB403/charge",
        "payment.amount",
        "order.goods_and_freight",
        "收款单收款金额[{0}]与电子订单商品金额加运杂费[{1}]不一致",
    ),
)
EXPORT_WAYBILL = (
    _waybill("logisticsCode", "logistics_code", "物流企业代码", "CEB505"),
    _waybill("logisticsNo", "logistics_no", "物流运单编号", "CEB505"),
    Agreement(
        codes.WAYBILL_INVENTORY_MISMATCH,
        "CEB505/ebcCode",
        "waybill.ebc_code",
        "inventory.ebc_code",
        "物流运单收发货人代码[{0}]与清单电商企业代码[{1}]不一致",
        when_stated=True,
    ),
)
EXPORT_LINES = (
    LineAgreement(
        codes.INVENTORY_LINE_MISMATCH,
        "itemNo",
        "item_no",
        "item_no",
        "清单第{0}项企业商品编号[{1}]与电子订单[{2}]不一致",
    ),
    *IMPORT_LINES[1:],
)
