"""The worker's claims on messages: taken and counted in a transaction of their own, before the work.

Every move is a compare-and-set on the message's status (and on its attempts, which a claim holds as its token):
of two workers that race for one message, one moves it and the other finds nothing to move.
"""

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from single_window.messages.attempts import (
    ACCEPTED,
    ACKNOWLEDGED,
    FAILED,
    IN_PROGRESS,
    AttemptPolicy,
    Fault,
    after_failure,
    attempts_after_failure,
    check_transition,
    fault_of,
    on_stale_claim,
    reason_of,
    worker_stopped_reason,
)
from single_window.messages.models import Message, MessageStatus

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Claim:
    message_id: int
    # The attempt this claim counted: the message's attempts for as long as the claim holds.
    attempt: int


@dataclass(frozen=True)
class SetAside:
    """A claim whose worker died in the message's last attempt: set aside instead of tried again."""

    message_id: int


@dataclass(frozen=True)
class Lost:
    """Another worker moved the message first: nothing to do with it, look again."""


Pick = Claim | SetAside | Lost


def claim_next(session: Session, policy: AttemptPolicy, now: datetime) -> Pick | None:
    """Claim the oldest waiting message: a claim whose worker died first, then an accepted message; None when none.

    SKIP LOCKED lets several PostgreSQL workers claim side by side; SQLite's single writer needs no lock.
    """
    stale = _oldest(session, IN_PROGRESS, claimed_before=policy.stale_before(now))
    if stale is not None:
        return _take_over(session, stale, policy, now)
    waiting = _oldest(session, ACCEPTED)
    return None if waiting is None else _claim(session, waiting, ACCEPTED, now)


def claim_message(session: Session, message_id: int, now: datetime) -> Claim | Lost:
    """Claim this accepted message, whatever waits before it."""
    query = select(Message.attempts).where(col(Message.id) == message_id, col(Message.status) == ACCEPTED)
    attempts = session.exec(query.with_for_update()).first()
    if attempts is None:
        return Lost()
    return _claim(session, (message_id, attempts), ACCEPTED, now)


def finish(session: Session, claim: Claim) -> bool:
    """Mark the claimed message acknowledged, in the transaction that does its work; False when the claim was lost.

    The first statement of that transaction: on PostgreSQL it holds the row, and a worker taking the claim over
    waits for this transaction and then finds the message acknowledged.
    """
    return move(session, claim, ACKNOWLEDGED, failure_reason=None, failed_at=None)


def settle_failure(
    session: Session, claim: Claim, error: Exception, policy: AttemptPolicy, now: datetime
) -> MessageStatus | None:
    """Record a failed attempt: back to the queue, or set aside at the limit when the fault is the message's; None
    when the claim no longer held (another worker took the message over), so nothing was recorded."""
    fault = fault_of(error)
    wanted = after_failure(fault, claim.attempt, policy.max_attempts)
    values: dict[str, Any] = {"attempts": attempts_after_failure(fault, claim.attempt)}
    if fault is Fault.MESSAGE:
        values["failure_reason"] = reason_of(error)
    if wanted is FAILED:
        values["failed_at"] = now
    return wanted if move(session, claim, wanted, **values) else None


def move(session: Session, claim: Claim, wanted: MessageStatus, **values: Any) -> bool:
    """Move a claimed message on, if the claim still holds."""
    return move_message(session, claim.message_id, IN_PROGRESS, wanted, at_attempts=claim.attempt, **values)


def move_message(
    session: Session,
    message_id: int,
    current: MessageStatus,
    wanted: MessageStatus,
    *,
    at_attempts: int | None = None,
    **values: Any,
) -> bool:
    """Compare and set: the message moves only from `current` (and at `at_attempts`, when given); True when it did."""
    check_transition(current, wanted)
    query = update(Message).where(col(Message.id) == message_id, col(Message.status) == current)
    if at_attempts is not None:
        query = query.where(col(Message.attempts) == at_attempts)
    moved = session.execute(query.values(status=wanted, **values))
    return bool(moved.rowcount)  # type: ignore[attr-defined]


def _oldest(session: Session, status: MessageStatus, claimed_before: datetime | None = None) -> tuple[int, int] | None:
    query = select(Message.id, Message.attempts).where(col(Message.status) == status)
    if claimed_before is not None:
        query = query.where(col(Message.claimed_at) < claimed_before)
    row = session.exec(query.order_by(col(Message.id)).limit(1).with_for_update(skip_locked=True)).first()
    if row is None:
        return None
    message_id, attempts = row
    assert message_id is not None
    return message_id, attempts


def _take_over(session: Session, stale: tuple[int, int], policy: AttemptPolicy, now: datetime) -> Pick:
    message_id, attempts = stale
    if on_stale_claim(attempts, policy.max_attempts) is IN_PROGRESS:
        logger.warning("message %s: its worker died in attempt %s; trying again", message_id, attempts)
        return _claim(session, stale, IN_PROGRESS, now)
    reason = worker_stopped_reason(attempts)
    if not move_message(
        session, message_id, IN_PROGRESS, FAILED, at_attempts=attempts, failure_reason=reason, failed_at=now
    ):
        return Lost()
    logger.error("message %s set aside as failed: %s", message_id, reason)
    return SetAside(message_id)


def _claim(session: Session, row: tuple[int, int], current: MessageStatus, now: datetime) -> Claim | Lost:
    message_id, attempts = row
    counted = attempts + 1
    if not move_message(
        session, message_id, current, IN_PROGRESS, at_attempts=attempts, attempts=counted, claimed_at=now
    ):
        return Lost()
    return Claim(message_id, counted)
