"""Logistics: release (800) with the CEB816 tax bill, then closing (899) once the goods are delivered or have left.

Import closes when the logistics enterprise reports the waybill signed for (CEB513, logisticsStatus S); export is
released when the goods left (departure CEB509 after arrival CEB507) and closes with it.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlmodel import Session

from single_window.ceb.catalogue import by_code
from single_window.clearance.links import Role, latest_partner
from single_window.clearance.models import ClearanceCase
from single_window.clearance.outcomes import Notice, Outcome, Proceed, Wait
from single_window.clearance.stages.partners import inventory_document
from single_window.clearance.stages.payment import TAX_FINDING
from single_window.clearance.states import InventoryStatus
from single_window.receipts.texts import return_time

S = InventoryStatus
SIGNED_FOR = "S"
TAX_BILL = "CEB816"
TAX_BILL_GENERATED = "1"
# The statuses on the way to release that a case has not announced yet (export is concluded here, import at payment).
_TO_RELEASE = (S.CONCLUDED, S.RELEASED)


def release_and_close(session: Session, case: ClearanceCase, now: datetime) -> Outcome:
    message_type = by_code(case.message_type)
    assert message_type is not None
    if message_type.direction == "export":
        return _export(session, case)
    return _import(session, case, now)


def _import(session: Session, case: ClearanceCase, now: datetime) -> Outcome:
    releasing = _still_to_release(case)
    notices = (_tax_bill(session, case, now),) if releasing else ()
    waybill_status = latest_partner(session, Role.WAYBILL_STATUS, case.waybill_link)
    if waybill_status is not None and waybill_status.head.get("logisticsStatus") == SIGNED_FOR:
        return Proceed(statuses=(*releasing, S.CLOSED), notices=notices)
    note = "released; waiting for the waybill to be signed for (CEB513, logisticsStatus S)"
    return Wait(note, statuses=releasing, notices=notices)


def _export(session: Session, case: ClearanceCase) -> Outcome:
    arrived = latest_partner(session, Role.ARRIVAL, case.waybill_link) is not None
    departed = latest_partner(session, Role.DEPARTURE, case.waybill_link) is not None
    if not (arrived and departed):
        return Wait("waiting for the goods' " + ("departure (CEB509)" if arrived else "arrival (CEB507)"))
    return Proceed(statuses=(*_still_to_release(case), S.CLOSED))


def _still_to_release(case: ClearanceCase) -> tuple[InventoryStatus, ...]:
    if case.status == S.RELEASED:
        return ()
    return tuple(status for status in _TO_RELEASE if status != case.status)


def _tax_bill(session: Session, case: ClearanceCase, now: datetime) -> Notice:
    """CEB816: the tax the payment stage charged, per head and per line, status 1 (generated)."""
    head = inventory_document(session, case).head
    tax: Mapping[str, Any] = case.findings[TAX_FINDING]
    invt_no = str(head.get("invtNo", ""))
    bill = {
        "guid": str(head.get("guid", "")),
        "returnTime": return_time(now),
        "invtNo": invt_no,
        "taxNo": f"{invt_no}_0",  # the form real tax bills carry (messages.md §4.10)
        "customsTax": tax["customsTax"],
        "valueAddedTax": tax["valueAddedTax"],
        "consumptionTax": tax["consumptionTax"],
        "status": TAX_BILL_GENERATED,
        "assureCode": tax["assureCode"],
        **{
            name: str(head[name]) for name in ("ebcCode", "logisticsCode", "agentCode", "customsCode") if head.get(name)
        },
    }
    return Notice(TAX_BILL, bill, tuple(tax["lines"]))
