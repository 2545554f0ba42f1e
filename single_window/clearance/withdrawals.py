"""Cancellations (CEB623) and returns (CEB625) of an import inventory, and returns of an export one (CEB213), taken
whole when customs stored them.

Both stand in their declarant's name: they reach only an inventory whose e-commerce enterprise they name and that
their sender declared or is the e-commerce enterprise of, so no one withdraws another enterprise's inventory. What a
withdrawn inventory had counted (the buyer's year, the tax charged to the guarantee) is given back.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from single_window.ceb import codes
from single_window.clearance.answers import Answers
from single_window.clearance.dutiable import dutiable_total
from single_window.clearance.facts import InventoryFacts, RefundFacts
from single_window.clearance.limits import returned_amount
from single_window.clearance.links import DocumentLink, Role, inventory_link
from single_window.clearance.matching import refund_mismatches
from single_window.clearance.mismatch import Mismatch, mismatch, return_info
from single_window.clearance.models import BuyerQuota, ClearanceCase, Guarantee, StageWork, WorkStatus
from single_window.clearance.pipeline import Stage
from single_window.clearance.stages.payment import TAX_FINDING
from single_window.clearance.states import TRANSITIONS, InventoryStatus
from single_window.locked_rows import locked_row
from single_window.messages.models import BusinessDocument

S = InventoryStatus
CANCELLATION = "CEB623"
RETURN = "CEB625"
EXPORT_RETURN = "CEB213"


@dataclass(frozen=True)
class ReturnWindow:
    length: timedelta
    too_late: codes.Code


# GACC 2020 No.45: an import return within 30 days of the inventory's release; No.44: an export one within a year.
RETURN_WINDOWS = {
    RETURN: ReturnWindow(timedelta(days=30), codes.RETURN_TOO_LATE),
    EXPORT_RETURN: ReturnWindow(timedelta(days=365), codes.EXPORT_RETURN_TOO_LATE),
}
RETURNS_FINDING = "returns"
# messages.md §6: a return released reads as an inventory released.
RETURN_RELEASED_INFO = "[Code:2600;Desc:放行]"
CANCELLED_INFO = "海关审结"


@dataclass(frozen=True)
class Withdrawn:
    case: ClearanceCase
    inventory: BusinessDocument


def take_cancellation(session: Session, document: BusinessDocument, now: datetime) -> set[Stage]:
    answers = Answers.to(session, document, now)
    found = _withdrawn(session, document)
    if found is None:
        answers.receipt(S.REJECTED, return_info((_not_found(document),)))
    elif (S(found.case.status), S.CANCELLED) not in TRANSITIONS:
        answers.receipt(S.REJECTED, return_info((_not_cancellable(document, found.case),)))
    else:
        _cancel(session, found, document, now)
        answers.receipt(S.CONCLUDED, CANCELLED_INFO)
    return set()


def take_return(session: Session, document: BusinessDocument, now: datetime) -> set[Stage]:
    answers = Answers.to(session, document, now)
    found = _withdrawn(session, document)
    problems = (_not_found(document),) if found is None else _return_problems(found, document, now)
    if problems:
        answers.receipt(S.REJECTED, return_info(problems))
        return set()
    assert found is not None
    if document.message_type == RETURN:  # an export return had no quota or tax to give back
        _give_back_return(session, found, document)
    _record_return(found.case, document)
    answers.receipt(S.CONCLUDED, RETURN_RELEASED_INFO)
    return set()


def _withdrawn(session: Session, document: BusinessDocument) -> Withdrawn | None:
    """The inventory the document names, locked, when its sender may withdraw it; its stage work locked first, in
    the order the drains lock it (work, then case)."""
    link = inventory_link(str(document.head.get("ebcCode", "")), str(document.head.get("invtNo", "")))
    query = (
        select(ClearanceCase, BusinessDocument)
        .join(DocumentLink, col(DocumentLink.document_id) == ClearanceCase.document_id)
        .join(BusinessDocument, col(BusinessDocument.id) == ClearanceCase.document_id)
        .where(col(DocumentLink.role) == Role.INVENTORY, col(DocumentLink.link) == link)
        .order_by(col(ClearanceCase.id).desc())
    )
    found = session.exec(query).first()
    if found is None:
        return None
    case, inventory = found
    if document.declarant_code not in {inventory.declarant_code, str(inventory.head.get("ebcCode", ""))}:
        return None  # told apart from a missing inventory by nothing: another's inventory is not seen
    session.exec(select(StageWork.id).where(col(StageWork.case_id) == case.id).with_for_update()).all()
    session.refresh(case, with_for_update=True)
    return Withdrawn(case, inventory)


def _cancel(session: Session, found: Withdrawn, document: BusinessDocument, now: datetime) -> None:
    case = found.case
    case.status, case.status_at = S.CANCELLED, now
    case.reason = f"撤销申请[{document.head_guid}]: {document.head.get('reason', '')}"[:1000]
    _give_back_quota(session, case, Decimal(str(case.findings.get("counted", "0"))))
    _give_back_tax(session, case, Decimal(1))
    session.add(case)
    # Its stages stop where they stand: a drain that claimed one finds it done and leaves it.
    stop = update(StageWork).where(col(StageWork.case_id) == case.id, col(StageWork.status) != WorkStatus.DONE)
    session.execute(stop.values(status=WorkStatus.DONE, next_attempt_at=None, note="the inventory was cancelled"))


def _return_problems(found: Withdrawn, document: BusinessDocument, now: datetime) -> tuple[Mismatch, ...]:
    case = found.case
    if case.status not in (S.RELEASED, S.CLOSED) or case.released_at is None:
        return (mismatch(codes.RETURN_NOT_RELEASED, "invtNo", _named(document, codes.RETURN_NOT_RELEASED.zh)),)
    window = RETURN_WINDOWS[document.message_type]
    if now > case.released_at + window.length:
        return (mismatch(window.too_late, "invtNo", _named(document, window.too_late.zh)),)
    return refund_mismatches(_refund(document), _inventory(found))


def _give_back_return(session: Session, found: Withdrawn, document: BusinessDocument) -> None:
    refund, inventory = _refund(document), _inventory(found)
    counted = returned_amount(refund, inventory)
    _give_back_quota(session, found.case, counted)
    dutiable = dutiable_total(inventory)
    _give_back_tax(session, found.case, min(counted / dutiable, Decimal(1)) if dutiable else Decimal(0))


def _record_return(case: ClearanceCase, document: BusinessDocument) -> None:
    returns: list[dict[str, Any]] = [*case.findings.get(RETURNS_FINDING, []), {"guid": document.head_guid}]
    case.findings = {**case.findings, RETURNS_FINDING: returns}


def _give_back_quota(session: Session, case: ClearanceCase, amount: Decimal) -> None:
    year, inventory = case.findings.get("quota_year"), session.get(BusinessDocument, case.document_id)
    if year is None or inventory is None or not amount:
        return
    quota = locked_row(
        session, BuyerQuota, {"buyer_id_number": inventory.head.get("buyerIdNumber", ""), "year": year}, {"used": 0}
    )
    quota.used = max(quota.used - amount, Decimal(0))
    session.add(quota)


def _give_back_tax(session: Session, case: ClearanceCase, share: Decimal) -> None:
    """The tax not levied (rules.md §6) goes back to the guarantee it was charged to, in the share withdrawn."""
    tax = case.findings.get(TAX_FINDING)
    if tax is None:
        return
    total = sum((Decimal(tax[name]) for name in ("customsTax", "valueAddedTax", "consumptionTax")), Decimal(0))
    guarantee = locked_row(session, Guarantee, {"assure_code": tax["assureCode"]}, {"balance": Decimal(0)})
    guarantee.balance += (total * share).quantize(Decimal("0.00001"))
    session.add(guarantee)


def _refund(document: BusinessDocument) -> RefundFacts:
    return RefundFacts.from_fields(document.head, document.lines)


def _inventory(found: Withdrawn) -> InventoryFacts:
    return InventoryFacts.from_fields(found.inventory.head, found.inventory.lines)


def _not_found(document: BusinessDocument) -> Mismatch:
    code = codes.WITHDRAWN_INVENTORY_NOT_FOUND
    return mismatch(code, "invtNo", _named(document, code.zh))


def _not_cancellable(document: BusinessDocument, case: ClearanceCase) -> Mismatch:
    reason = f"{codes.CANCELLATION_NOT_ALLOWED.zh}(清单编号[{document.head.get('invtNo', '')}], 状态[{case.status}])"
    return mismatch(codes.CANCELLATION_NOT_ALLOWED, "invtNo", reason)


def _named(document: BusinessDocument, text: str) -> str:
    return f"{text}[{document.head.get('invtNo', '')}]"
