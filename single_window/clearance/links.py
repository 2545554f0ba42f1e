"""How documents find each other: the linking keys of rules.md §2, one table of which fields link what.

An inventory links to its order and payment by (ebpCode, orderNo) on import and (ebcCode, orderNo) on export,
where an overseas platform may have no code; to its waybill, its waybill's status and the export arrival and
departure lists by (logisticsCode, logisticsNo). A summary application finds an inventory by (ebcCode, invtNo).
"""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Index
from sqlmodel import Field, Session, SQLModel, col, select

from single_window.ceb.model import KEY_SEPARATOR, Direction
from single_window.clearance.matching import LINKS as MATCHED_BY
from single_window.clearance.pipeline import Stage
from single_window.messages.models import BusinessDocument


class Role(StrEnum):
    ORDER = "order"
    PAYMENT = "payment"
    WAYBILL = "waybill"
    WAYBILL_STATUS = "waybill_status"
    ARRIVAL = "arrival"
    DEPARTURE = "departure"
    # An inventory itself, by its consignor and customs' number: whose it is is part of how it is found.
    INVENTORY = "inventory"


class CaseLink(StrEnum):
    """The column of a case that a partner's link is compared with."""

    ORDER = "order_link"
    WAYBILL = "waybill_link"


@dataclass(frozen=True)
class LinkRule:
    role: Role
    head_fields: tuple[str, ...]
    # A list whose every line names one more document (the arrival and departure lists name waybills).
    line_field: str | None
    case_link: CaseLink
    # The stage a case waits in for this partner: its arrival wakes the case there.
    wakes: Stage


# The lookup keys are matching's linking keys (rules.md §2). A case has one order link for its order and its payment:
# on export the receipt of payment's (ebcCode, orderNo), since an overseas order's ebpCode may be "无"; matching then
# compares the order's ebpCode too.
_ORDER_IMPORT = MATCHED_BY["import"]["order"].fields
_ORDER_EXPORT = MATCHED_BY["export"]["payment"].fields
_WAYBILL = MATCHED_BY["import"]["waybill"].fields
_BY_ORDER, _BY_WAYBILL = CaseLink.ORDER, CaseLink.WAYBILL
LINKS: dict[str, LinkRule] = {
    "CEB311": LinkRule(Role.ORDER, _ORDER_IMPORT, None, _BY_ORDER, Stage.CUSTOMS),
    "CEB411": LinkRule(Role.PAYMENT, _ORDER_IMPORT, None, _BY_ORDER, Stage.CUSTOMS),
    "CEB511": LinkRule(Role.WAYBILL, _WAYBILL, None, _BY_WAYBILL, Stage.CUSTOMS),
    "CEB513": LinkRule(Role.WAYBILL_STATUS, _WAYBILL, None, _BY_WAYBILL, Stage.LOGISTICS),
    "CEB303": LinkRule(Role.ORDER, _ORDER_EXPORT, None, _BY_ORDER, Stage.CUSTOMS),
    "CEB403": LinkRule(Role.PAYMENT, _ORDER_EXPORT, None, _BY_ORDER, Stage.CUSTOMS),
    "CEB505": LinkRule(Role.WAYBILL, _WAYBILL, None, _BY_WAYBILL, Stage.CUSTOMS),
    "CEB507": LinkRule(Role.ARRIVAL, ("logisticsCode",), "logisticsNo", _BY_WAYBILL, Stage.LOGISTICS),
    "CEB509": LinkRule(Role.DEPARTURE, ("logisticsCode",), "logisticsNo", _BY_WAYBILL, Stage.LOGISTICS),
}
_ORDER_LINK_FIELDS: dict[Direction, tuple[str, ...]] = {"import": _ORDER_IMPORT, "export": _ORDER_EXPORT}


class DocumentLink(SQLModel, table=True):
    """One document under one of its links (a partner, or an inventory); a new version gets a row of its own."""

    __tablename__ = "clearance_links"
    __table_args__ = (Index("ix_clearance_links_find", "role", "link", "document_id"),)

    id: int | None = Field(default=None, primary_key=True)
    role: str = Field(max_length=16)
    link: str = Field(max_length=120)
    document_id: int = Field(foreign_key="business_documents.id")


def joined(*values: str) -> str:
    return KEY_SEPARATOR.join(values)


def partner_links(rule: LinkRule, head: Mapping[str, str], lines: Sequence[Mapping[str, str]]) -> Iterator[str]:
    """Every link a partner document is found by: one, or one per line of an arrival or departure list."""
    fixed = [head.get(name, "") for name in rule.head_fields]
    if rule.line_field is None:
        yield joined(*fixed)
        return
    for line in lines:
        yield joined(*fixed, line.get(rule.line_field, ""))


def order_link(direction: Direction, head: Mapping[str, str]) -> str:
    return joined(*(head.get(name, "") for name in _ORDER_LINK_FIELDS[direction]))


def waybill_link(head: Mapping[str, str]) -> str:
    return joined(*(head.get(name, "") for name in _WAYBILL))


def inventory_link(ebc_code: str, invt_no: str) -> str:
    return joined(ebc_code, invt_no)


def latest_partner(session: Session, role: str, link: str) -> BusinessDocument | None:
    """The newest version of the partner found under this link; None when there is none or it was deleted."""
    query = (
        select(BusinessDocument)
        .join(DocumentLink, col(DocumentLink.document_id) == BusinessDocument.id)
        .where(col(DocumentLink.role) == role, col(DocumentLink.link) == link)
        .order_by(col(BusinessDocument.id).desc())
        .limit(1)
    )
    found = session.exec(query).first()
    return None if found is None or found.app_type == "3" else found
