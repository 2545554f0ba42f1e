"""Which declaration types get checked, who may send each, which enterprise fields it names, which rules apply.

Receipts and customs notices (CEB312, CEB816, CEB900…) are not declarations and have no entry.
"""

from collections.abc import Mapping

from single_window.filings.schemas import Role
from single_window.messages.checks.arithmetic import (
    actural_paid_adds_up,
    price_is_not_negative,
    qty_is_positive,
    total_price_is_price_times_qty,
)
from single_window.messages.checks.code_lists import (
    countries_are_known,
    currencies_are_known,
    districts_are_known,
    trade_mode_is_export_retail,
    trade_mode_is_import_retail,
    transport_modes_are_known,
    units_are_known,
)
from single_window.messages.checks.dates import dates_are_real, times_are_real
from single_window.messages.checks.enumerations import (
    app_status_is_known,
    app_type_is_known,
    app_type_is_new,
    charge_flags_are_known,
    ie_flag_is_export,
    ie_flag_is_import,
    logistics_status_is_signed,
    order_type_is_export,
    order_type_is_import,
    statistics_flag_is_known,
)
from single_window.messages.checks.import_limits import currency_is_cny, id_type_is_id_card, pack_no_is_one
from single_window.messages.checks.lines import gnum_is_continuous, gnum_is_unique, second_quantity_matches_unit
from single_window.messages.checks.model import DocumentRule, MessageRule, MessageSpec, Party
from single_window.messages.checks.parties import (
    enterprises_are_filed,
    sender_is_declarant,
    sender_may_send,
    transfer_is_sender,
)
from single_window.messages.checks.values import business_key_is_exact, envelope_values_are_plain, values_are_plain


def _roles(*roles: Role) -> frozenset[Role]:
    return frozenset(roles)


EBP = Party(_roles(Role.EBP))
EBC = Party(_roles(Role.EBC))
LOGISTICS = Party(_roles(Role.LOGISTICS))
PAYMENT = Party(_roles(Role.PAYMENT))
AGENT = Party(_roles(Role.AGENT))
SITE = Party(_roles(Role.SITE))
OPTIONAL_EBC = Party(_roles(Role.EBC), optional=True)
OPTIONAL_PAYMENT = Party(_roles(Role.PAYMENT), optional=True)
# 表3-31: 担保企业只限清单的电商平台企业、电商企业、物流企业.
GUARANTOR = Party(_roles(Role.EBP, Role.EBC, Role.LOGISTICS))
# 表2-3, 2-10, 2-38: "境外平台企业如无法提供电商平台代码可填“无”"; CEB213 (表2-59) repeats the original inventory's.
OVERSEAS_EBP = Party(_roles(Role.EBP), placeholders=frozenset({"无"}))
# 表2-38: 生产销售企业 "未在海关登记的填 NO".
OWNER = Party(_roles(Role.EBC), placeholders=frozenset({"NO"}))
# 表2-24, 2-66: the site operator; "邮路运输用邮政物流企业" lets a postal logistics enterprise stand in.
EXPORT_SITE = Party(_roles(Role.SITE, Role.LOGISTICS))


def _spec(declarants: tuple[str, ...], parties: Mapping[str, Party], rules: tuple[DocumentRule, ...]) -> MessageSpec:
    """Who may send a type follows from who may declare it: the roles of its declarant fields, and no others."""
    senders = frozenset(role for name in declarants for role in parties[name].roles)
    return MessageSpec(senders=senders, parties=parties, rules=rules, declarants=declarants)


# Run once per message, before the per-document rules.
MESSAGE_RULES: tuple[MessageRule, ...] = (envelope_values_are_plain, transfer_is_sender, sender_may_send)

# Every declaration runs these first: a value misread or a document in another's name makes the rest moot.
EVERY_DECLARATION: tuple[DocumentRule, ...] = (
    values_are_plain,
    enterprises_are_filed,
    sender_is_declarant,
    business_key_is_exact,
)
_HEAD: tuple[DocumentRule, ...] = (*EVERY_DECLARATION, app_type_is_known, app_status_is_known, times_are_real)
_IMPORT_HEAD = (*_HEAD, currency_is_cny, id_type_is_id_card)
_EXPORT_HEAD = (*_HEAD, currencies_are_known)
_NUMBERED = (gnum_is_unique, gnum_is_continuous)
_PRICED = (qty_is_positive, price_is_not_negative, total_price_is_price_times_qty)
_CUSTOMS = (districts_are_known, transport_modes_are_known, dates_are_real)
_CANCEL = (*EVERY_DECLARATION, app_type_is_new, app_status_is_known, times_are_real, id_type_is_id_card)

_IMPORT: Mapping[str, MessageSpec] = {
    "CEB311Message": _spec(
        # XSD title: 电商企业或电商平台或受委托的快件运营人、邮政企业. The express and postal operators may send only
        # when "entrusted" (受委托), a relation no filing records: here they may not, or any could take an order number.
        declarants=("ebpCode", "ebcCode"),
        parties={"ebpCode": EBP, "ebcCode": EBC, "payCode": OPTIONAL_PAYMENT},
        rules=(
            *_IMPORT_HEAD,
            order_type_is_import,
            actural_paid_adds_up,
            units_are_known,
            countries_are_known,
            *_PRICED,
            *_NUMBERED,
        ),
    ),
    "CEB411Message": _spec(
        # XSD title: 支付企业或受委托的快件运营人、邮政企业; the entrusted operators as for CEB311.
        declarants=("payCode",),
        parties={"payCode": PAYMENT, "ebpCode": EBP},
        rules=_IMPORT_HEAD,
    ),
    "CEB511Message": _spec(
        declarants=("logisticsCode",),
        parties={"logisticsCode": LOGISTICS},
        rules=(*_IMPORT_HEAD, pack_no_is_one),
    ),
    "CEB513Message": _spec(
        declarants=("logisticsCode",),
        parties={"logisticsCode": LOGISTICS},
        rules=(*_HEAD, logistics_status_is_signed),
    ),
    "CEB621Message": _spec(
        # Declared by "电子商务企业或其代理人": the e-commerce enterprise, or the customs agent it names.
        declarants=("agentCode", "ebcCode"),
        parties={
            "ebpCode": EBP,
            "ebcCode": EBC,
            "logisticsCode": LOGISTICS,
            "agentCode": AGENT,
            "assureCode": GUARANTOR,
        },
        rules=(
            *_IMPORT_HEAD,
            *_CUSTOMS,
            ie_flag_is_import,
            trade_mode_is_import_retail,
            pack_no_is_one,
            countries_are_known,
            units_are_known,
            *_PRICED,
            *_NUMBERED,
            second_quantity_matches_unit,
        ),
    ),
    "CEB623Message": _spec(
        # Declared by "电子商务企业或其代理人": the e-commerce enterprise, or the customs agent it names.
        declarants=("agentCode", "ebcCode"),
        parties={"ebpCode": EBP, "ebcCode": EBC, "logisticsCode": LOGISTICS, "agentCode": AGENT},
        rules=(*_CANCEL, districts_are_known),
    ),
    "CEB625Message": _spec(
        # Declared by "电子商务企业或其代理人": the e-commerce enterprise, or the customs agent it names.
        declarants=("agentCode", "ebcCode"),
        parties={"ebpCode": EBP, "ebcCode": EBC, "logisticsCode": LOGISTICS, "agentCode": AGENT},
        # The gnum of a return is the original inventory's item number, so it need not run 1..n.
        rules=(
            *_IMPORT_HEAD,
            districts_are_known,
            units_are_known,
            qty_is_positive,
            gnum_is_unique,
            second_quantity_matches_unit,
        ),
    ),
    "CEB711Message": _spec(
        declarants=("operatorCode",),
        parties={"operatorCode": SITE, "logisticsCode": LOGISTICS},
        rules=(*_HEAD, *_CUSTOMS, ie_flag_is_import, *_NUMBERED),
    ),
}

_EXPORT: Mapping[str, MessageSpec] = {
    "CEB303Message": _spec(
        declarants=("ebpCode", "ebcCode"),
        parties={"ebpCode": OVERSEAS_EBP, "ebcCode": EBC},
        rules=(*_EXPORT_HEAD, order_type_is_export, units_are_known, *_PRICED, *_NUMBERED),
    ),
    "CEB403Message": _spec(
        declarants=("ebcCode", "payCode"),
        parties={"ebpCode": OVERSEAS_EBP, "ebcCode": EBC, "payCode": OPTIONAL_PAYMENT},
        rules=_EXPORT_HEAD,
    ),
    "CEB505Message": _spec(
        declarants=("logisticsCode",),
        parties={"logisticsCode": LOGISTICS, "ebcCode": OPTIONAL_EBC},
        rules=_EXPORT_HEAD,
    ),
    "CEB507Message": _spec(
        declarants=("logisticsCode",),
        parties={"operatorCode": EXPORT_SITE, "logisticsCode": LOGISTICS},
        rules=(*_HEAD, *_CUSTOMS, ie_flag_is_export, *_NUMBERED),
    ),
    "CEB509Message": _spec(
        declarants=("logisticsCode",),
        parties={"logisticsCode": LOGISTICS},
        rules=(*_HEAD, *_CUSTOMS, *_NUMBERED),
    ),
    "CEB603Message": _spec(
        # Declared by "电子商务企业或其代理人": the e-commerce enterprise, or the customs agent it names.
        declarants=("agentCode", "ebcCode"),
        parties={
            "ebpCode": OVERSEAS_EBP,
            "ebcCode": EBC,
            "logisticsCode": LOGISTICS,
            "agentCode": AGENT,
            "ownerCode": OWNER,
        },
        rules=(
            *_EXPORT_HEAD,
            *_CUSTOMS,
            ie_flag_is_export,
            trade_mode_is_export_retail,
            statistics_flag_is_known,
            charge_flags_are_known,
            countries_are_known,
            units_are_known,
            *_PRICED,
            *_NUMBERED,
            second_quantity_matches_unit,
        ),
    ),
    "CEB605Message": _spec(
        # Declared by "电子商务企业或其代理人": the e-commerce enterprise, or the customs agent it names.
        declarants=("agentCode", "ebcCode"),
        parties={"agentCode": AGENT, "ebcCode": EBC},
        rules=(*_HEAD, districts_are_known),
    ),
    "CEB607Message": _spec(
        declarants=("agentCode", "logisticsCode"),
        parties={"agentCode": AGENT, "logisticsCode": LOGISTICS},
        rules=(*_HEAD, districts_are_known, transport_modes_are_known, *_NUMBERED),
    ),
    "CEB213Message": _spec(
        # Declared by "电子商务企业或其代理人": the e-commerce enterprise, or the customs agent it names.
        declarants=("agentCode", "ebcCode"),
        parties={"ebpCode": OVERSEAS_EBP, "ebcCode": EBC, "logisticsCode": LOGISTICS, "agentCode": AGENT},
        # No trade-mode check: the PDF (表2-59) says 9661/1261, the XSD says 9610/1210/1239, and the field is
        # optional in the XSD. The gnum is the original inventory's item number, so only uniqueness applies.
        rules=(
            *_HEAD,
            *_CUSTOMS,
            ie_flag_is_import,
            countries_are_known,
            units_are_known,
            qty_is_positive,
            gnum_is_unique,
            second_quantity_matches_unit,
        ),
    ),
    "CEB215Message": _spec(
        declarants=("operatorCode", "logisticsCode"),
        # The site operator sends the tally; on postal routes that is the postal logistics enterprise (表2-66).
        parties={"operatorCode": EXPORT_SITE, "logisticsCode": LOGISTICS},
        rules=(*_HEAD, districts_are_known, transport_modes_are_known, ie_flag_is_import),
    ),
    "CEB701Message": _spec(
        declarants=("agentCode",),
        parties={"agentCode": AGENT, "ebcCode": EBC, "declAgentCode": AGENT},
        rules=(*_HEAD, districts_are_known),
    ),
}

DECLARATIONS: Mapping[str, MessageSpec] = {**_IMPORT, **_EXPORT}
