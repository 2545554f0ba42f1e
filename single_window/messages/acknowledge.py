"""The worker's first step for an accepted declaration: numbers assigned, receipts 2 and 120 issued."""

import logging
import time
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from single_window import clock
from single_window.ceb.catalogue import by_code
from single_window.config import Settings
from single_window.db_types import utc_now
from single_window.messages import claims
from single_window.messages.attempts import (
    ACCEPTED,
    ACKNOWLEDGED,
    ENVIRONMENT_ERRORS,
    FAILED,
    AttemptPolicy,
    Fault,
    ends_the_drain,
    fault_of,
)
from single_window.messages.claims import Claim
from single_window.messages.models import WITHOUT_BODY, BusinessDocument, DocumentStatus, Message, MessageStatus
from single_window.queue import wake_after_commit
from single_window.receipts import service as receipts
from single_window.receipts import texts
from single_window.receipts.builder import acknowledgement_drafts
from single_window.receipts.numbers import assign_numbers
from single_window.receipts.serials import take_serials
from single_window.receipts.service import ReceiptDraft

# Clearance takes the acknowledged documents; its first task is woken by name, as every task is.
CLEARANCE_TASK = "clearance.customs"

logger = logging.getLogger(__name__)

OpenSession = Callable[[], AbstractContextManager[Session]]


@dataclass
class Drain:
    """What one drain did; not finished when it stopped with messages still waiting, for another to go on."""

    # Where each message it picked went: acknowledged, back to accepted (to be tried again), or failed (set aside).
    outcomes: Counter[MessageStatus] = field(default_factory=Counter)
    finished: bool = False

    @property
    def acknowledged(self) -> int:
        return self.outcomes[ACKNOWLEDGED]


def policy_of(settings: Settings) -> AttemptPolicy:
    return AttemptPolicy(
        max_attempts=settings.max_attempts,
        task_time_limit=settings.task_time_limit_seconds,
        task_soft_time_limit=settings.task_soft_time_limit_seconds,
    )


def acknowledge_accepted(
    open_session: OpenSession, policy: AttemptPolicy, *, clock: Callable[[], float] = time.monotonic
) -> Drain:
    """Acknowledge the waiting declarations, oldest first, until none is left or the drain's time is up.

    Each is claimed in a transaction of its own before its work (claims.py), so one that kills the worker leaves a
    counted attempt; its work is one transaction, acknowledged whole or not at all. A fault of the message is
    counted and the drain goes on behind it; a fault of the environment is not, and raises for a retry.
    """
    drain = Drain()
    deadline = clock() + policy.drain_seconds
    while clock() < deadline:
        with open_session() as session:
            pick = claims.claim_next(session, policy, utc_now())
        if pick is None:
            drain.finished = True
            return drain
        if isinstance(pick, claims.SetAside):
            drain.outcomes[FAILED] += 1
        elif isinstance(pick, Claim) and not _attempt(open_session, pick, policy, drain):
            return drain
    return drain


def _attempt(open_session: OpenSession, claim: Claim, policy: AttemptPolicy, drain: Drain) -> bool:
    """One attempt at a claimed message, counted in the drain; False when the drain must end after it."""
    try:
        with open_session() as session:
            if acknowledge(session, claim):
                drain.outcomes[ACKNOWLEDGED] += 1
        return True
    # Not BaseException: a SystemExit (the hard time limit's SIGTERM) or KeyboardInterrupt leaves the claim to go
    # stale and count, as a kill does.
    except Exception as error:
        _settle(open_session, claim, error, policy, drain)
        if fault_of(error) is Fault.ENVIRONMENT:
            raise
        return not ends_the_drain(error)


def _settle(open_session: OpenSession, claim: Claim, error: Exception, policy: AttemptPolicy, drain: Drain) -> None:
    """Record the failed attempt in a transaction of its own (the attempt's was rolled back), and log it.

    When the database itself is gone this fails too: the claim then stays, and is taken over once stale.
    """
    status: MessageStatus | None = None
    with suppress(*ENVIRONMENT_ERRORS), open_session() as session:
        status = claims.settle_failure(session, claim, error, policy, utc_now())
    if status is not None:
        drain.outcomes[status] += 1
    _log_failure(claim, error, status)


def _log_failure(claim: Claim, error: Exception, status: MessageStatus | None) -> None:
    where = _WHERE_IT_WENT[status]
    if fault_of(error) is Fault.ENVIRONMENT:
        logger.warning("message %s: the environment failed, no attempt counted; %s", claim.message_id, where)
    else:
        logger.error("message %s failed attempt %s; %s", claim.message_id, claim.attempt, where, exc_info=error)


_WHERE_IT_WENT: dict[MessageStatus | None, str] = {
    ACCEPTED: "back in the queue",
    FAILED: "set aside as failed",
    None: "the failure was not recorded (the database failed, or another worker took the claim over)",
}


def acknowledge(session: Session, claim: Claim) -> bool:
    """Issue the claimed message's acknowledgement receipts; False when another worker took the claim over."""
    if not claims.finish(session, claim):
        return False
    message_id = claim.message_id
    message = session.get(Message, message_id, populate_existing=True, options=[WITHOUT_BODY])
    assert message is not None
    message_type = by_code(message.message_type)
    assert message_type is not None
    assert message_type.receipt_code is not None
    moment = clock.business_now(session)  # receipts carry the business clock, as every time rule reads it
    documents = _documents(session, message_id)
    for document, serial in zip(documents, take_serials(session, len(documents)), strict=True):
        declared_head = dict(document.head)
        assigned = assign_numbers(message_type, declared_head, moment, serial=serial)
        # The numbers stay on the document: later stages and receipts quote them.
        document.head = {**declared_head, **assigned}
        drafts = acknowledgement_drafts(message_type, document.position, declared_head, assigned, moment)
        receipts.issue(session, message_id, message_type.receipt_code, drafts, message.recipients)
        _hand_to_clearance(session, document, drafts)
    return True


def _hand_to_clearance(session: Session, document: BusinessDocument, drafts: list[ReceiptDraft]) -> None:
    """A document customs stored (120) waits in its table for clearance, which takes it by status, not by import."""
    if any(receipt.return_status == texts.LOGIC_CHECK_PASSED for receipt in drafts):
        document.status = DocumentStatus.ACKNOWLEDGED
        wake_after_commit(session, CLEARANCE_TASK)


def _documents(session: Session, message_id: int) -> list[BusinessDocument]:
    query = select(BusinessDocument).where(BusinessDocument.message_id == message_id)
    return list(session.exec(query.order_by(col(BusinessDocument.position))).all())
