"""Issue receipts to the sender and the subscribers, and serve each enterprise's pull queue."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from single_window.messages.models import Message
from single_window.receipts.models import InboxItem, Receipt

RECEIPT = "receipt"
DATA = "data"
# BaseSubscribe/status: ALL wants data and receipts, DATA only data, RET only receipts (spec §1.3).
WANTS_RECEIPTS = frozenset({"ALL", "RET"})
WANTS_DATA = frozenset({"ALL", "DATA"})


@dataclass(frozen=True)
class ReceiptDraft:
    position: int
    return_status: str
    return_info: str
    return_time: str
    fields: dict[str, Any]


def issue(
    session: Session, message: Message, receipt_type: str, drafts: Iterable[ReceiptDraft], recipients: Sequence[str]
) -> list[Receipt]:
    """Store the receipts and put each in every recipient's queue, in order."""
    assert message.id is not None
    receipts = [
        Receipt(
            message_id=message.id,
            receipt_type=receipt_type,
            position=draft.position,
            return_status=draft.return_status,
            return_time=draft.return_time,
            return_info=draft.return_info,
            fields=draft.fields,
        )
        for draft in drafts
    ]
    session.add_all(receipts)
    session.flush()
    session.add_all(
        InboxItem(recipient_code=code, kind=RECEIPT, receipt_id=receipt.id, message_id=message.id)
        for receipt in receipts
        for code in dict.fromkeys(recipients)
    )
    session.flush()
    return receipts


def share_data(session: Session, message: Message, recipients: Sequence[str]) -> None:
    """Subscribers of DATA get the declaration itself in their queue, as the real exchange forwards it."""
    assert message.id is not None
    session.add_all(
        InboxItem(recipient_code=code, kind=DATA, message_id=message.id) for code in dict.fromkeys(recipients)
    )
    session.flush()


def receipts_of(session: Session, message: Message) -> list[Receipt]:
    query = select(Receipt).where(Receipt.message_id == message.id).order_by(col(Receipt.id))
    return list(session.exec(query).all())


def pull(
    session: Session, recipient_code: str, *, after: int, limit: int
) -> list[tuple[InboxItem, Receipt | None, Message]]:
    """The recipient's queue after the cursor, oldest first, with what each item points at."""
    query = (
        select(InboxItem, Receipt, Message)
        .join(Message, col(Message.id) == InboxItem.message_id)
        .outerjoin(Receipt, col(Receipt.id) == InboxItem.receipt_id)
        .where(InboxItem.recipient_code == recipient_code, col(InboxItem.id) > after)
        .order_by(col(InboxItem.id))
        .limit(limit)
    )
    return [(item, receipt, message) for item, receipt, message in session.exec(query).all()]
