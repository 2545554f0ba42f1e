"""The 23 export rows of the message-type table (ceb/catalogue.py joins them with the import rows)."""

from single_window.ceb import codes
from single_window.ceb.checks.arithmetic import qty_is_positive
from single_window.ceb.checks.code_lists import (
    countries_are_known,
    districts_are_known,
    trade_mode_is_export_retail,
    transport_modes_are_known,
    units_are_known,
)
from single_window.ceb.checks.enumerations import (
    charge_flags_are_known,
    ie_flag_is_export,
    ie_flag_is_import,
    order_type_is_export,
    statistics_flag_is_known,
)
from single_window.ceb.checks.lines import gnum_is_unique, second_quantity_matches_unit
from single_window.ceb.checks.registry import (
    AGENT,
    CUSTOMS,
    EBC,
    EXPORT_HEAD,
    EXPORT_SITE,
    HEAD,
    LOGISTICS,
    NUMBERED,
    OPTIONAL_EBC,
    OPTIONAL_PAYMENT,
    OVERSEAS_EBP,
    OWNER,
    PRICED,
)
from single_window.ceb.model import MessageType
from single_window.ceb.rows import ANY_DOCUMENT, declaration, notice, receipt

# Business keys (rules.md §2, §9): the export order adds ebcCode because an overseas ebpCode may be the shared "无";
# split messages (507/509/607/701) go by the filer's copNo and msgSeqNo; cancellations and returns by the original
# invtNo. Declared by "电子商务企业或其代理人" (603, 605, 213): the e-commerce enterprise, or the agent it names.
# No export type has a duplicate code of the spec's own: each answers with the project's -900801 and -900802.
# fmt: off
EXPORT: tuple[MessageType, ...] = (
    declaration(
        303, "export", ("出口订单", "export order"), "Order", head="OrderHead", items="OrderList",
        keys=("ebpCode", "ebcCode", "orderNo"),
        declarants=("ebpCode", "ebcCode"),
        parties={"ebpCode": OVERSEAS_EBP, "ebcCode": EBC},
        rules=(*EXPORT_HEAD, order_type_is_export, units_are_known, *PRICED, *NUMBERED),
        key_codes=ANY_DOCUMENT,
        duplicate_gnum=codes.DUPLICATE_GNUM,
        schema_values={"OrderHead": {"appStatus": "1", "freight": "0"}},
    ),
    receipt(304, "export", ("出口订单回执", "export order receipt"), "OrderReturn"),
    declaration(
        403, "export", ("出口收款单", "receipt of payment"), "Receipts",
        keys=("ebcCode", "orderNo"),
        declarants=("ebcCode", "payCode"),
        parties={"ebpCode": OVERSEAS_EBP, "ebcCode": EBC, "payCode": OPTIONAL_PAYMENT},
        rules=EXPORT_HEAD,
        key_codes=ANY_DOCUMENT,
        schema_values={"Receipts": {"appStatus": "1"}},
    ),
    receipt(404, "export", ("出口收款单回执", "receipt of payment receipt"), "ReceiptsReturn"),
    declaration(
        505, "export", ("出口运单", "export waybill"), "Logistics",
        keys=("logisticsCode", "logisticsNo"),
        declarants=("logisticsCode",),
        parties={"logisticsCode": LOGISTICS, "ebcCode": OPTIONAL_EBC},
        rules=EXPORT_HEAD,
        key_codes=ANY_DOCUMENT,
        schema_values={"Logistics": {"appStatus": "2"}},
    ),
    receipt(506, "export", ("出口运单回执", "export waybill receipt"), "LogisticsReturn"),
    declaration(
        507, "export", ("出口运抵单", "arrival at supervised site"), "Arrival", head="ArrivalHead", items="ArrivalList",
        keys=("logisticsCode", "copNo", "msgSeqNo"),
        declarants=("logisticsCode",),
        parties={"operatorCode": EXPORT_SITE, "logisticsCode": LOGISTICS},
        rules=(*HEAD, *CUSTOMS, ie_flag_is_export, *NUMBERED),
        key_codes=ANY_DOCUMENT,
        duplicate_gnum=codes.DUPLICATE_GNUM,
        schema_values={"ArrivalHead": {"appStatus": "1"}},
    ),
    receipt(508, "export", ("出口运抵单回执", "arrival receipt"), "ArrivalReturn"),
    declaration(
        509, "export", ("出口离境单", "departure"), "Departure", head="DepartureHead", items="DepartureList",
        keys=("logisticsCode", "copNo", "msgSeqNo"),
        declarants=("logisticsCode",),
        parties={"logisticsCode": LOGISTICS},
        rules=(*HEAD, *CUSTOMS, *NUMBERED),
        key_codes=ANY_DOCUMENT,
        duplicate_gnum=codes.DUPLICATE_GNUM,
    ),
    receipt(510, "export", ("出口离境单回执", "departure receipt"), "DepartureReturn"),
    declaration(
        603, "export", ("出口清单", "export inventory"), "Inventory", head="InventoryHead", items="InventoryList",
        keys=("ebcCode", "orderNo"),
        declarants=("agentCode", "ebcCode"),
        parties={
            "ebpCode": OVERSEAS_EBP, "ebcCode": EBC, "logisticsCode": LOGISTICS, "agentCode": AGENT, "ownerCode": OWNER,
        },
        rules=(
            *EXPORT_HEAD, *CUSTOMS, ie_flag_is_export, trade_mode_is_export_retail, statistics_flag_is_known,
            charge_flags_are_known, countries_are_known, units_are_known, *PRICED, *NUMBERED,
            second_quantity_matches_unit,
        ),
        key_codes=ANY_DOCUMENT,
        duplicate_gnum=codes.DUPLICATE_GNUM,
        second_quantity=codes.SECOND_QUANTITY_MISMATCH,
        schema_values={"InventoryHead": {"fFlag": "3", "iFlag": "3"}},
        inventory=True,
    ),
    receipt(604, "export", ("出口清单回执", "export inventory receipt"), "InventoryReturn"),
    declaration(
        605, "export", ("出口撤销申请单", "export cancellation"), "InvtCancel",
        keys=("invtNo",),
        declarants=("agentCode", "ebcCode"),
        parties={"agentCode": AGENT, "ebcCode": EBC},
        rules=(*HEAD, districts_are_known),
        key_codes=ANY_DOCUMENT,
    ),
    receipt(606, "export", ("出口撤销申请单回执", "export cancellation receipt"), "InvtCancelReturn"),
    declaration(
        607, "export", ("出口清单总分单", "master/house bill link"), "WayBill", head="WayBillHead", items="WayBillList",
        keys=("agentCode", "copNo", "msgSeqNo"),
        declarants=("agentCode", "logisticsCode"),
        parties={"agentCode": AGENT, "logisticsCode": LOGISTICS},
        rules=(*HEAD, districts_are_known, transport_modes_are_known, *NUMBERED),
        key_codes=ANY_DOCUMENT,
        duplicate_gnum=codes.DUPLICATE_GNUM,
    ),
    receipt(608, "export", ("出口清单总分单回执", "master/house bill receipt"), "WayBillReturn"),
    declaration(
        213, "export", ("零售出口退货申请单", "export return request"), "InvtRefund", head="InvtRefundHead",
        items="InvtRefundList",
        keys=("invtNo",),
        declarants=("agentCode", "ebcCode"),
        parties={"ebpCode": OVERSEAS_EBP, "ebcCode": EBC, "logisticsCode": LOGISTICS, "agentCode": AGENT},
        # No trade-mode check: the PDF (表2-59) says 9661/1261, the XSD says 9610/1210/1239, and the field is
        # optional in the XSD. The gnum is the original inventory's item number, so only uniqueness applies.
        rules=(
            *HEAD, *CUSTOMS, ie_flag_is_import, countries_are_known, units_are_known, qty_is_positive, gnum_is_unique,
            second_quantity_matches_unit,
        ),
        key_codes=ANY_DOCUMENT,
        duplicate_gnum=codes.DUPLICATE_GNUM,
        second_quantity=codes.SECOND_QUANTITY_MISMATCH,
    ),
    receipt(214, "export", ("零售出口退货申请单回执", "export return receipt"), "RefundReturn"),
    declaration(
        215, "export", ("出口退运理货明细单", "export return tally"), "InvtRefundDetail",
        keys=("logisticsCode", "logisticsNo"),
        declarants=("operatorCode", "logisticsCode"),
        # The site operator sends the tally; on postal routes that is the postal logistics enterprise (表2-66).
        parties={"operatorCode": EXPORT_SITE, "logisticsCode": LOGISTICS},
        rules=(*HEAD, districts_are_known, transport_modes_are_known, ie_flag_is_import),
        key_codes=ANY_DOCUMENT,
    ),
    receipt(216, "export", ("出口退运理货明细单回执", "export return tally receipt"), "InvtRefundDetailReturn"),
    declaration(
        701, "export", ("出口汇总申请单", "summary application"), "SummaryApply", head="SummaryApplyHead",
        items="SummaryApplyList",
        keys=("agentCode", "copNo", "msgSeqNo"),
        declarants=("agentCode",),
        parties={"agentCode": AGENT, "ebcCode": EBC, "declAgentCode": AGENT},
        rules=(*HEAD, districts_are_known),
        key_codes=ANY_DOCUMENT,
        schema_values={"SummaryApplyHead": {"appStatus": "2"}},
    ),
    receipt(702, "export", ("出口汇总申请单回执", "summary application receipt"), "SummaryReturn"),
    notice(
        792, "export", ("出口汇总结果单", "summary result"), "SummaryResult", head="SummaryResultHead",
        items="SummaryResultList",
    ),
)
# fmt: on
