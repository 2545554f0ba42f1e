"""Every code a business check can report, in one table: the spec's negative codes and the project's own.

The spec (§7 of the 2022-05 interface specification) names a code for only a few rule breaches. Its generic
per-message codes ("参数校验不通过" -301008, -401009, -504011, -505011; "报文校验失败" -621001, -623001,
-625001; "校验不通过" -800001) say nothing about which rule failed, so a breach the spec does not name gets a
stable project code of the form -9GGNNN, grouped by concern:

    -9001xx code lists backed by the customs reference tables
    -9002xx fixed enumerations
    -9003xx import-only limits ("限定为…")
    -9004xx dates and times
    -9005xx amounts and quantities
    -9006xx list lines (gnum, second quantity)
    -9007xx the transfer block (BaseTransfer)
    -9008xx documents already declared, or missing when appType asks to change them
    -9009xx values a reader would misread: invisible characters, blank values, business keys not stated exactly
    -9010xx clearance: the three documents and the return against the inventory (clearance/matching.py)
    -9011xx clearance: the positive list of goods (clearance/positive_list.py)
    -9012xx clearance: goods that may not enter at all (clearance/risk.py)
    -9013xx clearance: the export summary's inventories (clearance/summary.py)
"""

from dataclasses import dataclass
from typing import Literal

Source = Literal["spec §7", "project"]

SPEC: Source = "spec §7"
PROJECT: Source = "project"


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    zh: str
    en: str
    source: Source


TABLE: dict[str, Code] = {}


def _row(code: str, name: str, zh: str, en: str, source: Source = PROJECT) -> Code:
    if code in TABLE:
        raise ValueError(f"business code {code} is defined twice")
    TABLE[code] = entry = Code(code, name, zh, en, source)
    return entry


# Spec §7 表 7-2, texts as published (placeholders dropped).
INVALID_ENTERPRISE_TYPE = _row("-10101", "invalid_enterprise_type", "无效企业类型", "invalid enterprise type", SPEC)
INVALID_ENTERPRISE_CODE = _row("-10102", "invalid_enterprise_code", "无效企业代码", "invalid enterprise code", SPEC)
ORDER_DUPLICATE_GNUM = _row(
    "-301002", "order_duplicate_gnum", "订单商品信息内有重复商品序号", "order lines repeat a line number", SPEC
)
INVENTORY_DUPLICATE_GNUM = _row(
    "-621027", "inventory_duplicate_gnum", "请确认表体 gnum 无重复！", "inventory lines repeat a gnum", SPEC
)
REFUND_SECOND_QUANTITY = _row(
    "-625009",
    "refund_second_quantity",
    "退货申请单表体的第二数量与第二单位不符合规则（当第二单位为空时，第二数量应为空；当第二单位有值时，第二数量应为正数）",
    "return line: second quantity must be empty without a second unit and positive with one",
    SPEC,
)

# Spec §7: a document already declared, or missing when appType 2/3 asks to change or delete it.
ORDER_EXISTS = _row("-301010", "order_exists", "已存在相同编号的订单", "an order with this number exists", SPEC)
ORDER_NOT_FOUND = _row(
    "-301009",
    "order_not_found",
    "订单标识(appType)不正确,未找到操作的订单",
    "appType wrong: no such order to change or delete",
    SPEC,
)
PAYMENT_EXISTS = _row("-401007", "payment_exists", "已存在相同编号的支付单", "a payment with this number exists", SPEC)
PAYMENT_NOT_FOUND = _row(
    "-401006",
    "payment_not_found",
    "支付单标识(appType)不正确,未找到对应操作的支付单",
    "appType wrong: no such payment to change or delete",
    SPEC,
)
WAYBILL_EXISTS = _row("-504015", "waybill_exists", "已存在相同编号的运单", "a waybill with this number exists", SPEC)
WAYBILL_NOT_FOUND = _row(
    "-504014",
    "waybill_not_found",
    "运单标识(appType)不正确,未找到操作的运单",
    "appType wrong: no such waybill to change or delete",
    SPEC,
)
WAYBILL_STATUS_EXISTS = _row(
    "-505012", "waybill_status_exists", "物流运单状态已存在", "this waybill status exists", SPEC
)
WAYBILL_STATUS_NOT_FOUND = _row(
    "-505014",
    "waybill_status_not_found",
    "物流运单状态报文处理失败，未找到对应操作",
    "no such waybill status to change or delete",
    SPEC,
)
INVENTORY_EXISTS = _row(
    "-621004", "inventory_exists", "清单已经申报过，请勿重复申报", "this inventory is already declared", SPEC
)
INVENTORY_NOT_FOUND = _row(
    "-621011",
    "inventory_not_found",
    "不存在已申报的清单，无法进行改单操作",
    "no declared inventory to change",
    SPEC,
)
CANCELLATION_EXISTS = _row(
    "-623009", "cancellation_exists", "撤单清单已经申报过", "this cancellation is already declared", SPEC
)
# -625022 is printed twice in §7 with two meanings; -625033 says the same as -625022's first text, once.
REFUND_EXISTS = _row(
    "-625033", "refund_exists", "退货申请单已经申报过，请勿重复申报", "this return is already declared", SPEC
)

# -9001xx code lists
CURRENCY_UNKNOWN = _row("-900101", "currency_unknown", "币制代码不存在", "unknown currency code")
COUNTRY_UNKNOWN = _row("-900102", "country_unknown", "国家（地区）代码不存在", "unknown country code")
UNIT_UNKNOWN = _row("-900103", "unit_unknown", "计量单位代码不存在", "unknown unit of measure code")
DISTRICT_UNKNOWN = _row("-900104", "district_unknown", "关区代码不存在", "unknown customs district code")
TRANSPORT_MODE_UNKNOWN = _row("-900105", "transport_mode_unknown", "运输方式代码不存在", "unknown transport mode code")
TRADE_MODE_UNKNOWN = _row("-900106", "trade_mode_unknown", "贸易方式（监管方式）代码不存在", "unknown trade mode code")
TRADE_MODE_NOT_ALLOWED = _row(
    "-900107", "trade_mode_not_allowed", "贸易方式不适用于跨境电商零售", "trade mode not allowed for this message"
)

# -9002xx fixed enumerations
APP_TYPE_INVALID = _row("-900201", "app_type_invalid", "企业报送类型不正确", "appType not allowed")
APP_STATUS_INVALID = _row("-900202", "app_status_invalid", "业务状态不正确", "appStatus not allowed")
ORDER_TYPE_INVALID = _row("-900203", "order_type_invalid", "订单类型不正确", "orderType not allowed")
IE_FLAG_INVALID = _row("-900204", "ie_flag_invalid", "进出口标记不正确", "ieFlag not allowed")
LOGISTICS_STATUS_INVALID = _row(
    "-900205", "logistics_status_invalid", "物流签收状态限定为S", "logisticsStatus must be S"
)
STATISTICS_FLAG_INVALID = _row(
    "-900206",
    "statistics_flag_invalid",
    "申报业务类型不正确（A-简化申报，B-汇总申报）",
    "statisticsFlag must be A or B",
)
CHARGE_FLAG_INVALID = _row(
    "-900207", "charge_flag_invalid", "运费/保费标志不正确（1-率，2-单价，3-总价）", "fFlag/iFlag must be 1, 2 or 3"
)

# -9003xx import-only limits
CURRENCY_NOT_CNY = _row("-900301", "currency_not_cny", "币制限定为人民币，填写142", "import currency must be 142 (CNY)")
ID_TYPE_NOT_ID_CARD = _row(
    "-900302", "id_type_not_id_card", "证件类型限定为身份证，填写1", "id type must be 1 (ID card)"
)
PACK_NO_NOT_ONE = _row("-900303", "pack_no_not_one", "件数限定为1", "import packNo must be 1")

# -9004xx dates and times
TIME_INVALID = _row("-900401", "time_invalid", "时间格式不正确，应为YYYYMMDDhhmmss", "not a real YYYYMMDDhhmmss time")
DATE_INVALID = _row("-900402", "date_invalid", "日期格式不正确，应为YYYYMMDD", "not a real YYYYMMDD date")

# -9005xx amounts and quantities
ACTURAL_PAID_MISMATCH = _row(
    "-900501",
    "actural_paid_mismatch",
    "实际支付金额不等于商品价格+运杂费+代扣税款-非现金抵扣金额",
    "acturalPaid != goodsValue + freight + taxTotal - discount",
)
TOTAL_PRICE_MISMATCH = _row(
    "-900502", "total_price_mismatch", "商品总价不等于单价乘以数量", "totalPrice != price x qty"
)
QTY_NOT_POSITIVE = _row("-900503", "qty_not_positive", "数量应大于0", "qty must be greater than 0")
PRICE_NEGATIVE = _row("-900504", "price_negative", "单价不能为负数（赠品单价填0）", "price must not be negative")

# -9006xx list lines
DUPLICATE_GNUM = _row("-900601", "duplicate_gnum", "表体序号重复", "lines repeat a gnum")
GNUM_NOT_CONTINUOUS = _row(
    "-900602", "gnum_not_continuous", "表体序号应从1开始连续编号", "gnum must run 1, 2, 3... without gaps"
)
SECOND_QUANTITY_MISMATCH = _row(
    "-900603",
    "second_quantity_mismatch",
    "第二数量与第二单位不符合规则（当第二单位为空时，第二数量应为空；当第二单位有值时，第二数量应为正数）",
    "second quantity must be empty without a second unit and positive with one",
)

# -9007xx transfer block
TRANSFER_NOT_SENDER = _row(
    "-900701",
    "transfer_not_sender",
    "报文传输企业代码与接入客户端的企业身份不一致",
    "BaseTransfer/copCode is not the connected enterprise",
)
TRANSFER_DXP_ID_NOT_SENDER = _row(
    "-900702",
    "transfer_dxp_id_not_sender",
    "报文传输企业的交换节点代码与接入客户端企业的备案不一致",
    "BaseTransfer/dxpId is not the DXP id the connected enterprise filed",
)

# -9008xx declared documents, for the types whose duplicates the spec does not name
DOCUMENT_EXISTS = _row("-900801", "document_exists", "已存在相同编号的单证", "a document with this key exists")
DOCUMENT_NOT_FOUND = _row(
    "-900802", "document_not_found", "未找到操作的单证", "appType wrong: no such document to change or delete"
)

# -9009xx values a reader would misread
INVISIBLE_CHARACTER = _row(
    "-900901",
    "invisible_character",
    "字段含有不可见字符（控制字符、格式字符或双向文字控制符）",
    "the value holds a character a reader does not see (control, format or bidirectional)",
)
BLANK_VALUE = _row("-900902", "blank_value", "字段内容不能只有空白字符", "the value is nothing but white space")
KEY_NOT_EXACT = _row(
    "-900903",
    "key_not_exact",
    "业务编号只能由可打印ASCII字符（U+0020-U+007E）组成，不能为空，不能含有首尾空格或分隔符“|”",
    "a business key field must be non-empty printable ASCII (U+0020-U+007E), without spaces around it or '|'",
)

# Spec §7 codes that clearance reports (clearance/): documents an inventory needs, purchase limits, returns.
ORDER_MISSING = _row("-301005", "order_missing", "订单信息查询不存在", "the inventory's order is not declared", SPEC)
PAYMENT_MISSING = _row(
    "-401004", "payment_missing", "对应支付凭证查询不存在", "the inventory's payment voucher is not declared", SPEC
)
OVER_SINGLE_LIMIT = _row(
    "-621005",
    "over_single_limit",
    "清单的购买金额超过单笔限额",
    "the purchase exceeds the single-transaction limit",
    SPEC,
)
OVER_ANNUAL_LIMIT = _row(
    "-621018",
    "over_annual_limit",
    "清单中购买人已用购买额度为，本次购买将超过年度限额",
    "the buyer's used amount plus this purchase exceeds the annual limit",
    SPEC,
)
REFUND_LINE_NOT_IN_INVENTORY = _row(
    "-625209",
    "refund_line_not_in_inventory",
    "退货申请单,在关联的清单中未找到表体序号为,商品编号为的数据",
    "a return line's gnum and gcode are not on the original inventory",
    SPEC,
)

# -9010xx the three documents (三单对碰) and the return against the inventory
INVENTORY_ORDER_MISMATCH = _row(
    "-901001", "inventory_order_mismatch", "清单与电子订单不一致", "the inventory does not agree with its order"
)
INVENTORY_BUYER_MISMATCH = _row(
    "-901002", "inventory_buyer_mismatch", "清单订购人信息与电子订单不一致", "the inventory's buyer is not the order's"
)
INVENTORY_LINES_NOT_ORDER_LINES = _row(
    "-901003",
    "inventory_lines_not_order_lines",
    "清单表体序号与电子订单表体序号不一一对应",
    "the inventory's gnums are not the order's gnums one to one",
)
INVENTORY_LINE_MISMATCH = _row(
    "-901004",
    "inventory_line_mismatch",
    "清单表体商品与电子订单不一致",
    "an inventory line does not agree with the order",
)
PAID_NOT_PAYMENT = _row(
    "-901005",
    "paid_not_payment",
    "订单实际支付金额与支付凭证的支付金额不一致",
    "the order's acturalPaid is not the payment's amountPaid",
)
PAYMENT_ORDER_MISMATCH = _row(
    "-901006", "payment_order_mismatch", "支付凭证与电子订单不一致", "the payment does not agree with its order"
)
PAYER_NOT_BUYER = _row("-901007", "payer_not_buyer", "支付人与订购人不一致", "the payer is not the buyer")
WAYBILL_INVENTORY_MISMATCH = _row(
    "-901008",
    "waybill_inventory_mismatch",
    "物流运单与清单的物流企业或运单编号不一致",
    "the waybill's logisticsCode or logisticsNo is not the inventory's",
)
WAYBILL_CONSIGNEE_MISMATCH = _row(
    "-901009",
    "waybill_consignee_mismatch",
    "电子订单收货人信息与物流运单不一致",
    "the order's consignee, telephone or address is not the waybill's",
)
WAYBILL_ORDER_MISMATCH = _row(
    "-901010", "waybill_order_mismatch", "物流运单的订单编号与电子订单不一致", "the waybill names another order"
)
CHARGE_NOT_ORDER_AMOUNT = _row(
    "-901011",
    "charge_not_order_amount",
    "收款单收款金额与电子订单金额不一致",
    "the receipt of payment's charge is not the order's goodsValue + freight",
)
RECEIPT_ORDER_MISMATCH = _row(
    "-901012",
    "receipt_order_mismatch",
    "收款单与电子订单不一致",
    "the receipt of payment does not agree with its order",
)
WAYBILL_MISSING = _row(
    "-901013", "waybill_missing", "物流运单信息查询不存在", "the inventory's waybill is not declared"
)
RECEIPT_MISSING = _row(
    "-901014", "receipt_missing", "收款单信息查询不存在", "the inventory's receipt of payment is not declared"
)
REFUND_QTY_OVER_INVENTORY = _row(
    "-901015",
    "refund_qty_over_inventory",
    "退货数量超过原清单成交数量",
    "a return line asks back more than the original inventory line's qty",
)

# -9011xx the positive list (跨境电子商务零售进口商品清单)
NOT_ON_POSITIVE_LIST = _row(
    "-901101",
    "not_on_positive_list",
    "商品不在跨境电子商务零售进口商品清单内",
    "the tariff line is not on the positive list",
)
TRADE_MODE_NOT_ON_POSITIVE_LIST = _row(
    "-901102",
    "trade_mode_not_on_positive_list",
    "该商品在跨境电子商务零售进口商品清单中不适用此贸易方式",
    "the positive list does not allow this trade mode for the tariff line",
)

# -9012xx goods that may not enter at all
PROHIBITED_GOODS = _row("-901201", "prohibited_goods", "禁止进境物品", "prohibited goods")

# -9013xx the export summary (汇总申请, CEB701): which inventories an application may summarise
SUMMARY_INVENTORY_NOT_FOUND = _row(
    "-901301",
    "summary_inventory_not_found",
    "未找到该收发货人的出口清单",
    "no export inventory of this consignor (ebcCode) has this invtNo",
)
SUMMARY_INVENTORY_NOT_CLOSED = _row(
    "-901302",
    "summary_inventory_not_closed",
    "清单未结关，不能汇总",
    "the inventory is not closed (899) and cannot be summarised",
)
SUMMARY_INVENTORY_SUMMARISED = _row(
    "-901303",
    "summary_inventory_summarised",
    "清单已汇总，不能重复汇总",
    "the inventory is in a summary already",
)
NOTHING_TO_SUMMARISE = _row(
    "-901304",
    "nothing_to_summarise",
    "没有可汇总的清单",
    "no inventory to summarise: none named, or none of the consignor's closed in the time range",
)

# -623005 and -9014xx cancellations (CEB623) and returns (CEB625) of an import inventory
CANCELLATION_NOT_ALLOWED = _row(
    "-623005",
    "cancellation_not_allowed",
    "清单的状态不符合撤单申报要求",
    "the inventory's state does not allow its cancellation",
    SPEC,
)
WITHDRAWN_INVENTORY_NOT_FOUND = _row(
    "-901401",
    "withdrawn_inventory_not_found",
    "未找到申请单位申报的原始清单",
    "no inventory of this invtNo that the sender or its e-commerce enterprise declared",
)
RETURN_NOT_RELEASED = _row(
    "-901402",
    "return_not_released",
    "清单未放行，不能退货",
    "the inventory is not released (800 or 899): nothing to return",
)
RETURN_TOO_LATE = _row(
    "-901403",
    "return_too_late",
    "超过放行后30日的退货申请期限",
    "more than 30 days since the inventory's release (GACC 2020 No.45)",
)
EXPORT_RETURN_TOO_LATE = _row(
    "-901404",
    "export_return_too_late",
    "超过出口放行后一年的退货期限",
    "more than a year since the export inventory's release (GACC 2020 No.44)",
)
