"""The 19 import rows of the message-type table (ceb/catalogue.py joins them with the export rows)."""

from single_window.ceb import codes
from single_window.ceb.checks.arithmetic import actural_paid_adds_up, qty_is_positive
from single_window.ceb.checks.code_lists import (
    countries_are_known,
    districts_are_known,
    trade_mode_is_import_retail,
    units_are_known,
)
from single_window.ceb.checks.enumerations import ie_flag_is_import, logistics_status_is_signed, order_type_is_import
from single_window.ceb.checks.import_limits import pack_no_is_one
from single_window.ceb.checks.lines import gnum_is_unique, second_quantity_matches_unit
from single_window.ceb.checks.registry import (
    AGENT,
    CANCEL,
    CUSTOMS,
    EBC,
    EBP,
    GUARANTOR,
    HEAD,
    IMPORT_HEAD,
    LOGISTICS,
    NUMBERED,
    OPTIONAL_PAYMENT,
    PAYMENT,
    PRICED,
    SITE,
)
from single_window.ceb.model import KeyCodes, MessageType
from single_window.ceb.rows import ANY_DOCUMENT, CNY, declaration, notice, receipt

# Business keys identify one business document for duplicate detection (rules.md §2 linking keys, §9 duplicates):
# orders by platform order number; payments by payment serial; waybills by logistics number; inventories by (ebcCode,
# orderNo) like −621004 and com.kzkj; cancellations and returns by the original invtNo (one per inventory, a second
# is appType 2); the 711 entry by site and master bill.
# Declared by "电子商务企业或其代理人" (621, 623, 625): the e-commerce enterprise, or the customs agent it names.
# One row per message type reads better than the formatter's one argument per line.
# fmt: off
IMPORT: tuple[MessageType, ...] = (
    declaration(
        311, "import", ("进口订单", "import order"), "Order", head="OrderHead", items="OrderList",
        keys=("ebpCode", "orderNo"),
        # XSD title: 电商企业或电商平台或受委托的快件运营人、邮政企业. The express and postal operators may send only
        # when "entrusted" (受委托), a relation no filing records: here they may not, or any could take an order number.
        declarants=("ebpCode", "ebcCode"),
        parties={"ebpCode": EBP, "ebcCode": EBC, "payCode": OPTIONAL_PAYMENT},
        rules=(
            *IMPORT_HEAD, order_type_is_import, actural_paid_adds_up, units_are_known, countries_are_known, *PRICED,
            *NUMBERED,
        ),
        key_codes=KeyCodes(codes.ORDER_EXISTS, codes.ORDER_NOT_FOUND),
        duplicate_gnum=codes.ORDER_DUPLICATE_GNUM,
        schema_values={"OrderHead": CNY, "OrderList": CNY},
    ),
    receipt(312, "import", ("进口订单回执", "import order receipt"), "OrderReturn", stored=False),
    declaration(
        411, "import", ("进口支付单", "payment voucher"), "Payment", head="PaymentHead",
        keys=("payCode", "payTransactionId"),
        # XSD title: 支付企业或受委托的快件运营人、邮政企业; the entrusted operators as for CEB311.
        declarants=("payCode",),
        parties={"payCode": PAYMENT, "ebpCode": EBP},
        rules=IMPORT_HEAD,
        key_codes=KeyCodes(codes.PAYMENT_EXISTS, codes.PAYMENT_NOT_FOUND),
        schema_values={"PaymentHead": CNY},
    ),
    receipt(412, "import", ("进口支付单回执", "payment voucher receipt"), "PaymentReturn", stored=False),
    declaration(
        511, "import", ("进口运单", "import waybill"), "Logistics", head="LogisticsHead",
        keys=("logisticsCode", "logisticsNo"),
        declarants=("logisticsCode",),
        parties={"logisticsCode": LOGISTICS},
        rules=(*IMPORT_HEAD, pack_no_is_one),
        key_codes=KeyCodes(codes.WAYBILL_EXISTS, codes.WAYBILL_NOT_FOUND),
        schema_values={"LogisticsHead": CNY},
    ),
    receipt(512, "import", ("进口运单回执", "import waybill receipt"), "LogisticsReturn", stored=False),
    declaration(
        513, "import", ("进口运单状态", "waybill status"), "LogisticsStatus",
        keys=("logisticsCode", "logisticsNo", "logisticsStatus"),
        declarants=("logisticsCode",),
        parties={"logisticsCode": LOGISTICS},
        rules=(*HEAD, logistics_status_is_signed),
        key_codes=KeyCodes(codes.WAYBILL_STATUS_EXISTS, codes.WAYBILL_STATUS_NOT_FOUND),
    ),
    receipt(514, "import", ("进口运单状态回执", "waybill status receipt"), "LogisticsStatusReturn", stored=False),
    declaration(
        621, "import", ("进口清单", "import inventory"), "Inventory", head="InventoryHead", items="InventoryList",
        signed=True,
        keys=("ebcCode", "orderNo"),
        declarants=("agentCode", "ebcCode"),
        parties={
            "ebpCode": EBP, "ebcCode": EBC, "logisticsCode": LOGISTICS, "agentCode": AGENT, "assureCode": GUARANTOR,
        },
        rules=(
            *IMPORT_HEAD, *CUSTOMS, ie_flag_is_import, trade_mode_is_import_retail, pack_no_is_one,
            countries_are_known, units_are_known, *PRICED, *NUMBERED, second_quantity_matches_unit,
        ),
        key_codes=KeyCodes(codes.INVENTORY_EXISTS, codes.INVENTORY_NOT_FOUND),
        duplicate_gnum=codes.INVENTORY_DUPLICATE_GNUM,
        second_quantity=codes.SECOND_QUANTITY_MISMATCH,
        schema_values={"InventoryHead": CNY, "InventoryList": CNY},
        inventory=True,
    ),
    receipt(622, "import", ("进口清单回执", "import inventory receipt"), "InventoryReturn"),
    declaration(
        623, "import", ("进口撤销申请单", "inventory cancellation"), "InvtCancel", signed=True,
        keys=("invtNo",),
        declarants=("agentCode", "ebcCode"),
        parties={"ebpCode": EBP, "ebcCode": EBC, "logisticsCode": LOGISTICS, "agentCode": AGENT},
        rules=(*CANCEL, districts_are_known),
        key_codes=KeyCodes(codes.CANCELLATION_EXISTS, codes.DOCUMENT_NOT_FOUND),
    ),
    receipt(624, "import", ("进口撤销申请单回执", "inventory cancellation receipt"), "InvtCancelReturn"),
    declaration(
        625, "import", ("进口退货申请单", "import return"), "InvtRefund", head="InvtRefundHead", items="InvtRefundList",
        signed=True,
        keys=("invtNo",),
        declarants=("agentCode", "ebcCode"),
        parties={"ebpCode": EBP, "ebcCode": EBC, "logisticsCode": LOGISTICS, "agentCode": AGENT},
        # The gnum of a return is the original inventory's item number, so it need not run 1..n.
        rules=(
            *IMPORT_HEAD, districts_are_known, units_are_known, qty_is_positive, gnum_is_unique,
            second_quantity_matches_unit,
        ),
        key_codes=KeyCodes(codes.REFUND_EXISTS, codes.DOCUMENT_NOT_FOUND),
        duplicate_gnum=codes.DUPLICATE_GNUM,
        # -625009 is the spec's code for this rule on returns.
        second_quantity=codes.REFUND_SECOND_QUANTITY,
    ),
    receipt(626, "import", ("进口退货申请单回执", "import return receipt"), "InvtRefundReturn"),
    declaration(
        711, "import", ("进口入库明细单", "warehouse entry detail"), "Delivery", head="DeliveryHead",
        items="DeliveryList", max_documents=1, signed=True,
        keys=("operatorCode", "billNo"),
        declarants=("operatorCode",),
        parties={"operatorCode": SITE, "logisticsCode": LOGISTICS},
        rules=(*HEAD, *CUSTOMS, ie_flag_is_import, *NUMBERED),
        key_codes=ANY_DOCUMENT,
        duplicate_gnum=codes.DUPLICATE_GNUM,
    ),
    receipt(712, "import", ("进口入库明细单回执", "warehouse entry receipt"), "DeliveryReturn"),
    notice(
        816, "import", ("电子税单", "e-tax bill"), "Tax", head="TaxHeadRd", items="TaxListRd", max_documents=None,
    ),
    notice(818, "import", ("电子税单状态", "e-tax bill status"), "Tax", head="TaxHeadStatus", max_documents=None),
    notice(900, "import", ("报文格式校验回执", "format-check receipt"), "MessageReturn", max_documents=1),
)
# fmt: on
