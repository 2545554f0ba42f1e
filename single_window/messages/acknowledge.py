"""The worker's first step for an accepted declaration: numbers assigned, receipts 2 and 120 issued."""

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager, suppress

from sqlalchemy import update
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from single_window.db_types import utc_now
from single_window.messages.catalogue import by_code
from single_window.messages.models import WITHOUT_BODY, BusinessDocument, Message, MessageStatus
from single_window.receipts import service as receipts
from single_window.receipts.builder import acknowledgement_drafts
from single_window.receipts.numbers import assign_numbers

logger = logging.getLogger(__name__)


# Database failures (a statement timeout, a lock that never comes) one message may meet before it is set aside:
# the oldest is always taken first, and one that fails every time would otherwise hold up all behind it.
MAX_DATABASE_FAILURES = 10


def acknowledge_accepted(open_session: Callable[[], AbstractContextManager[Session]]) -> int:
    """Acknowledge every accepted declaration, oldest first; the number acknowledged.

    One transaction per message: a message is acknowledged whole or not at all, and the receipts of the first
    reach their recipients while the rest wait. A database that fails (locked, connection lost) raises for a retry,
    counted against the message it failed on.
    """
    acknowledged = 0
    while True:
        message_id: int | None = None
        try:
            with open_session() as session:
                message_id = next_pending(session)
                if message_id is None:
                    return acknowledged
                if _acknowledge_or_set_aside(session, message_id):
                    acknowledged += 1
        except OperationalError:
            if message_id is not None:
                _count_database_failure(open_session, message_id)
            raise


def _acknowledge_or_set_aside(session: Session, message_id: int) -> bool:
    try:
        with session.begin_nested():
            acknowledge(session, message_id)
    except OperationalError:
        raise
    except Exception:
        # No retry can fix it, and it must not hold up every message behind it.
        logger.exception("message %s cannot be acknowledged; marked failed", message_id)
        mark_failed(session, message_id)
        return False
    return True


def _count_database_failure(open_session: Callable[[], AbstractContextManager[Session]], message_id: int) -> None:
    """Count the failure in a transaction of its own (the message's was rolled back); set it aside at the limit."""
    with suppress(OperationalError), open_session() as session:
        failures = session.exec(
            update(Message)
            .where(col(Message.id) == message_id)
            .values(database_failures=col(Message.database_failures) + 1)
            .returning(col(Message.database_failures))
        ).scalar_one()
        if failures >= MAX_DATABASE_FAILURES:
            logger.error("message %s met %s database failures; marked failed", message_id, failures)
            mark_failed(session, message_id)


def acknowledge(session: Session, message_id: int) -> int:
    """Issue the acknowledgement receipts once; a redelivered or concurrent task finds the work claimed."""
    if not _claim(session, message_id):
        return 0
    message = session.get(Message, message_id, populate_existing=True, options=[WITHOUT_BODY])
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


def next_pending(session: Session) -> int | None:
    """The oldest accepted message that no other worker holds, locked until this transaction ends.

    SKIP LOCKED lets several PostgreSQL workers drain side by side; SQLite's single writer needs no lock.
    """
    query = (
        select(Message.id)
        .where(col(Message.status) == MessageStatus.ACCEPTED)
        .order_by(col(Message.id))
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    return session.exec(query).first()


def mark_failed(session: Session, message_id: int) -> None:
    """Take a message the worker cannot acknowledge out of the queue, so the messages behind it still move."""
    _move_from_accepted(session, message_id, MessageStatus.FAILED)


def _claim(session: Session, message_id: int) -> bool:
    """Move the message from accepted to acknowledged; only one transaction can, the others wait and see 0 rows."""
    return _move_from_accepted(session, message_id, MessageStatus.ACKNOWLEDGED)


def _move_from_accepted(session: Session, message_id: int, status: MessageStatus) -> bool:
    moved = session.execute(
        update(Message)
        .where(col(Message.id) == message_id, col(Message.status) == MessageStatus.ACCEPTED)
        .values(status=status)
    )
    return bool(moved.rowcount)  # type: ignore[attr-defined]


def _documents(session: Session, message_id: int) -> list[BusinessDocument]:
    query = select(BusinessDocument).where(BusinessDocument.message_id == message_id)
    return list(session.exec(query.order_by(col(BusinessDocument.position))).all())
