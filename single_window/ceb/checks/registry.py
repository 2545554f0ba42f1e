"""What the declaration rows of the table are made of: the kinds of enterprise field, and the rules in bundles.

Which type names which fields and runs which rules is a fact of its row (ceb/import_types.py, ceb/export_types.py).
"""

from single_window.ceb.checks.arithmetic import (
    price_is_not_negative,
    qty_is_positive,
    total_price_is_price_times_qty,
)
from single_window.ceb.checks.code_lists import (
    currencies_are_known,
    districts_are_known,
    transport_modes_are_known,
)
from single_window.ceb.checks.dates import dates_are_real, times_are_real
from single_window.ceb.checks.enumerations import (
    app_status_is_known,
    app_type_is_known,
    app_type_is_new,
)
from single_window.ceb.checks.import_limits import currency_is_cny, id_type_is_id_card
from single_window.ceb.checks.lines import gnum_is_continuous, gnum_is_unique
from single_window.ceb.checks.parties import (
    enterprises_are_filed,
    sender_is_declarant,
    sender_may_send,
    transfer_is_sender,
)
from single_window.ceb.checks.values import business_key_is_exact, envelope_values_are_plain, values_are_plain
from single_window.ceb.model import DocumentRule, MessageRule, Party
from single_window.filings.schemas import Role


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


# Run once per message, before the per-document rules.
MESSAGE_RULES: tuple[MessageRule, ...] = (envelope_values_are_plain, transfer_is_sender, sender_may_send)

# Every declaration runs these first: a value misread or a document in another's name makes the rest moot.
EVERY_DECLARATION: tuple[DocumentRule, ...] = (
    values_are_plain,
    enterprises_are_filed,
    sender_is_declarant,
    business_key_is_exact,
)
HEAD: tuple[DocumentRule, ...] = (*EVERY_DECLARATION, app_type_is_known, app_status_is_known, times_are_real)
IMPORT_HEAD = (*HEAD, currency_is_cny, id_type_is_id_card)
EXPORT_HEAD = (*HEAD, currencies_are_known)
NUMBERED = (gnum_is_unique, gnum_is_continuous)
PRICED = (qty_is_positive, price_is_not_negative, total_price_is_price_times_qty)
CUSTOMS = (districts_are_known, transport_modes_are_known, dates_are_real)
CANCEL = (*EVERY_DECLARATION, app_type_is_new, app_status_is_known, times_are_real, id_type_is_id_card)
