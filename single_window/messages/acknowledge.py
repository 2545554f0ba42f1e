"""The worker's first step for an accepted declaration: numbers assigned, receipts 2 and 120 issued."""

from sqlalchemy import update
from sqlmodel import Session, col, select

from single_window.db_types import utc_now
from single_window.messages.catalogue import by_code
from single_window.messages.models import BusinessDocument, Message, MessageStatus
from single_window.receipts import service as receipts
from single_window.receipts.builder import acknowledgement_drafts
from single_window.receipts.numbers import assign_numbers


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
        assert document.id is not None
        declared_head = dict(document.head)
        assigned = assign_numbers(message_type, declared_head, moment, serial=document.id)
        # The numbers stay on the document: later stages and receipts quote them.
        document.head = {**declared_head, **assigned}
        drafts = acknowledgement_drafts(message_type, document.position, declared_head, assigned, moment)
        issued += len(receipts.issue(session, message_id, message_type.receipt_code, drafts, message.recipients))
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
