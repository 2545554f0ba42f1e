"""The worker's first step for an accepted declaration: numbers assigned, receipts 2 and 120 issued."""

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from single_window.db_types import utc_now
from single_window.messages.catalogue import MessageType, by_code
from single_window.messages.models import BusinessDocument, Message, MessageStatus
from single_window.receipts import service as receipts
from single_window.receipts import texts
from single_window.receipts.builder import acknowledgement_drafts


def acknowledge(session: Session, message_id: int) -> int:
    """Issue the acknowledgement receipts once; a redelivered or concurrent task finds the work claimed."""
    if not _claim(session, message_id):
        return 0
    message = session.get(Message, message_id, populate_existing=True)
    assert message is not None
    message_type = by_code(message.message_type)
    assert message_type is not None
    assert message_type.receipt_code is not None
    moment = utc_now()
    issued = 0
    for document in _documents(session, message_id):
        declared_head = dict(document.head)
        assigned = _assign_numbers(message_type, document, moment)
        drafts = acknowledgement_drafts(message_type, document.position, declared_head, assigned, moment)
        issued += len(receipts.issue(session, message, message_type.receipt_code, drafts, message.recipients))
    return issued


def _claim(session: Session, message_id: int) -> bool:
    """Move the message from accepted to acknowledged; only one transaction can, the others wait and see 0 rows."""
    claimed = session.execute(
        update(Message)
        .where(col(Message.id) == message_id, col(Message.status) == MessageStatus.ACCEPTED)
        .values(status=MessageStatus.ACKNOWLEDGED)
    )
    return bool(claimed.rowcount)  # type: ignore[attr-defined]


def _documents(session: Session, message_id: int) -> list[BusinessDocument]:
    query = select(BusinessDocument).where(BusinessDocument.message_id == message_id)
    return list(session.exec(query.order_by(col(BusinessDocument.position))).all())


def _assign_numbers(message_type: MessageType, document: BusinessDocument, moment: datetime) -> dict[str, str]:
    """Inventories get the e-port's pre-entry number and the customs inventory number, kept on the document."""
    if message_type.code not in texts.INVENTORY_TYPES:
        return {}
    assert document.id is not None
    head = dict(document.head)
    ie_flag = "I" if message_type.direction == "import" else "E"
    assigned = {
        "preNo": head.get("preNo") or texts.pre_entry_number(moment, document.id),
        "invtNo": head.get("invtNo")
        or texts.inventory_number(head.get("customsCode", ""), moment, ie_flag, document.id),
    }
    document.head = {**head, **assigned}
    return assigned
