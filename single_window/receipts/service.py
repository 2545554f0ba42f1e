"""Issue receipts to the sender and the subscribers, queued for each in order; inbox/ serves the queues."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from single_window.filings.models import Enterprise
from single_window.queue import wake_after_commit
from single_window.receipts.models import InboxItem, Receipt
from single_window.receipts.xml import new_guid

# Items put in a queue are pushed to the recipient's callback URL, if it filed one, by this task (inbox/push.py).
PUSH_TASK = "inbox.push_callbacks"
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
    session: Session, message_id: int, receipt_type: str, drafts: Iterable[ReceiptDraft], recipients: Sequence[str]
) -> list[Receipt]:
    """Store the receipts and put each in every recipient's queue, in order."""
    receipts = [
        Receipt(
            guid=new_guid(),
            message_id=message_id,
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
    _queue(session, recipients, message_id, RECEIPT, [receipt.id for receipt in receipts])
    return receipts


def share_data(session: Session, message_id: int, recipients: Sequence[str]) -> None:
    """Subscribers of DATA get the declaration itself in their queue, as the real exchange forwards it."""
    if recipients:
        _queue(session, recipients, message_id, DATA, [None])


def _queue(
    session: Session, recipients: Sequence[str], message_id: int, kind: str, receipt_ids: Sequence[int | None]
) -> None:
    codes = list(dict.fromkeys(recipients))
    hold_queues(session, codes)
    for code in codes:
        sequence = _last_sequence(session, code)
        for offset, receipt_id in enumerate(receipt_ids, start=1):
            item = InboxItem(
                recipient_code=code, sequence=sequence + offset, kind=kind, receipt_id=receipt_id, message_id=message_id
            )
            session.add(item)
    session.flush()
    wake_after_commit(session, PUSH_TASK)


def hold_queues(session: Session, codes: Sequence[str]) -> None:
    """Hold each recipient's row until commit so its sequence numbers commit in the order they are taken.

    In one statement, in the order of their codes: a writer that is to fill several queues holds them all at once
    first, or two writers that took their sets one after the other could each wait for the other's.
    """
    query = select(Enterprise.id).where(col(Enterprise.customs_code).in_(codes)).order_by(col(Enterprise.customs_code))
    session.exec(query.with_for_update()).all()


def _last_sequence(session: Session, recipient_code: str) -> int:
    query = select(func.max(InboxItem.sequence)).where(InboxItem.recipient_code == recipient_code)
    return session.exec(query).one() or 0


def receipts_of(session: Session, message_id: int | None) -> list[Receipt]:
    """The receipts of a stored message, in the order they were issued; none for a message not stored."""
    query = select(Receipt).where(Receipt.message_id == message_id).order_by(col(Receipt.id))
    return list(session.exec(query).all())


def has_delivered(session: Session, message_id: int | None, recipient_code: str) -> bool:
    """Whether anything of this message (a receipt or its data) went to the recipient's queue."""
    query = select(InboxItem.id).where(InboxItem.message_id == message_id, InboxItem.recipient_code == recipient_code)
    return session.exec(query).first() is not None
