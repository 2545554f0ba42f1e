"""Messages the worker set aside: listed for customs officers, who may send them back to the queue."""

from sqlalchemy import func
from sqlmodel import Session, col, select

from single_window.errors import NotFound
from single_window.messages.attempts import ACCEPTED, FAILED
from single_window.messages.claims import move_message
from single_window.messages.exceptions import message_ambiguous, message_not_failed
from single_window.messages.models import WITHOUT_BODY, Message
from single_window.messages.service import ACKNOWLEDGE_TASK
from single_window.queue import wake_after_commit


def list_failed(session: Session, *, offset: int, limit: int) -> tuple[list[Message], int]:
    """The failed messages, oldest first, and how many there are."""
    total = session.exec(select(func.count()).select_from(Message).where(col(Message.status) == FAILED)).one()
    query = select(Message).where(col(Message.status) == FAILED).order_by(col(Message.id))
    page = session.exec(query.offset(offset).limit(limit).options(WITHOUT_BODY)).all()
    return list(page), total


def requeue(session: Session, guid: str, *, sender_code: str | None = None) -> Message:
    """Send a failed message back to the queue with its attempts at 0, and wake the worker once this commits."""
    message = _failed_message(session, guid, sender_code)
    assert message.id is not None
    if not move_message(session, message.id, FAILED, ACCEPTED, attempts=0, failed_at=None):
        # Another officer sent it back a moment ago.
        raise message_not_failed(guid, ACCEPTED)
    session.refresh(message, ["status", "attempts", "failed_at"])
    wake_after_commit(session, ACKNOWLEDGE_TASK)
    return message


def _failed_message(session: Session, guid: str, sender_code: str | None) -> Message:
    """The one failed message of that guid; a guid is unique per sender only."""
    query = select(Message).where(col(Message.guid) == guid).options(WITHOUT_BODY)
    if sender_code is not None:
        query = query.where(col(Message.sender_code) == sender_code)
    found = list(session.exec(query.order_by(col(Message.id))).all())
    if not found:
        raise NotFound(f"no message with guid {guid}", code="message_not_found")
    failed = [message for message in found if message.status == FAILED]
    if not failed:
        raise message_not_failed(guid, found[0].status)
    if len(failed) > 1:
        raise message_ambiguous(guid)
    return failed[0]
