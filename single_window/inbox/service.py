"""Read an enterprise's pull queue: what each item points at, a receipt or the message whose data it shares."""

from sqlmodel import Session, col, select

from single_window.messages.models import Message
from single_window.receipts.models import InboxItem, Receipt


def pull(
    session: Session, recipient_code: str, *, after: int, limit: int
) -> list[tuple[InboxItem, Receipt | None, Message]]:
    """The recipient's queue after the cursor, oldest first, with what each item points at."""
    query = (
        select(InboxItem, Receipt, Message)
        .join(Message, col(Message.id) == InboxItem.message_id)
        .outerjoin(Receipt, col(Receipt.id) == InboxItem.receipt_id)
        .where(InboxItem.recipient_code == recipient_code, col(InboxItem.sequence) > after)
        .order_by(col(InboxItem.sequence))
        .limit(limit)
    )
    return [(item, receipt, message) for item, receipt, message in session.exec(query).all()]
