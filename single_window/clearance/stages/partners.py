"""An inventory's facts and its partners' (order, payment, waybill), read from the stored documents."""

from dataclasses import dataclass

from sqlmodel import Session

from single_window.clearance.facts import InventoryFacts, OrderFacts, PaymentFacts, WaybillFacts
from single_window.clearance.links import Role, latest_partner
from single_window.clearance.models import ClearanceCase
from single_window.messages.models import BusinessDocument


@dataclass(frozen=True)
class Found:
    inventory: InventoryFacts
    order: OrderFacts | None
    payment: PaymentFacts | None
    waybill: WaybillFacts | None


def inventory_document(session: Session, case: ClearanceCase) -> BusinessDocument:
    document = session.get(BusinessDocument, case.document_id)
    assert document is not None
    return document


def inventory_facts(session: Session, case: ClearanceCase) -> InventoryFacts:
    document = inventory_document(session, case)
    return InventoryFacts.from_fields(document.head, document.lines)


def find_partners(session: Session, case: ClearanceCase) -> Found:
    order = latest_partner(session, Role.ORDER, case.order_link)
    payment = latest_partner(session, Role.PAYMENT, case.order_link)
    waybill = latest_partner(session, Role.WAYBILL, case.waybill_link)
    return Found(
        inventory=inventory_facts(session, case),
        order=None if order is None else OrderFacts.from_fields(order.head, order.lines),
        payment=None if payment is None else PaymentFacts.from_fields(payment.head, payment.lines),
        waybill=None if waybill is None else WaybillFacts.from_fields(waybill.head, waybill.lines),
    )
