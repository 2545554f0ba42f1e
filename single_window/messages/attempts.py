"""The worker's attempts at a message, as rules over plain values: whose fault a failure is, and what comes next.

A message moves through these states (TRANSITIONS): accepted, in progress (claimed: an attempt counted and committed
before the work starts), then acknowledged, back to accepted, or failed (set aside for an officer, who may send it
back). Counting before the work is what lets a message that kills the worker (out of memory, SIGKILL, the hard time
limit) be counted at all: its claim stays in progress, and once older than any task may run it is taken over.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

import kombu.exceptions
import redis.exceptions
import sqlalchemy.exc
from celery.exceptions import SoftTimeLimitExceeded

from single_window.messages.models import FAILURE_REASON_CHARACTERS, MessageStatus
from single_window.xmlio.codec import NOT_XML_CHAR

ACCEPTED, IN_PROGRESS = MessageStatus.ACCEPTED, MessageStatus.IN_PROGRESS
ACKNOWLEDGED, FAILED = MessageStatus.ACKNOWLEDGED, MessageStatus.FAILED

TRANSITIONS: dict[tuple[MessageStatus, MessageStatus], str] = {
    (ACCEPTED, IN_PROGRESS): "a worker claims it: an attempt is counted and committed before the work",
    (IN_PROGRESS, IN_PROGRESS): "a worker takes over a claim older than any task may run: its worker died",
    (IN_PROGRESS, ACKNOWLEDGED): "its receipts are issued, in the same transaction",
    (IN_PROGRESS, ACCEPTED): "released: the environment failed (the attempt is taken back), or the message did",
    (IN_PROGRESS, FAILED): "set aside: its last attempt failed, or every attempt stopped the worker",
    (FAILED, ACCEPTED): "an officer sends it back to the queue, its attempts at 0",
}

# Faults of the world around the message, which another message would meet as well: the database (unreachable,
# locked, a lock or statement timeout, a deadlock: all OperationalError), the disk (a missing or unreadable file is an
# OSError), the broker. They count no attempt and set nothing aside: the drain stops and the task retries later with
# back-off. Anything else is taken for the message's own fault (a bug its content sets off: ValueError, KeyError,
# lxml's errors, an IntegrityError or DataError over its values, the soft time limit): counted, and set aside at
# the limit.
ENVIRONMENT_ERRORS: tuple[type[Exception], ...] = (
    sqlalchemy.exc.OperationalError,
    sqlalchemy.exc.InterfaceError,
    sqlalchemy.exc.DisconnectionError,
    sqlalchemy.exc.TimeoutError,  # no connection free in the pool
    OSError,
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)
# An attempt past these must end the drain: the hard limit follows the soft one, and would kill whatever came next.
ENDS_THE_DRAIN: tuple[type[Exception], ...] = (SoftTimeLimitExceeded,)
SOFT_TIME_LIMIT_REASON = "SoftTimeLimitExceeded: the attempt ran past the task's soft time limit"
# A claim older than this many hard time limits has lost its worker: the pool process was killed at the limit, and
# the margin covers the kill's own delay and clocks of two machines that differ a little.
STALE_CLAIM_TIME_LIMITS = 2


class TransitionNotAllowed(Exception):
    """A move between two message states that TRANSITIONS does not list."""


class Fault(StrEnum):
    MESSAGE = "message"
    ENVIRONMENT = "environment"


@dataclass(frozen=True)
class AttemptPolicy:
    max_attempts: int
    # Hard time limit of a task (seconds): claims older than STALE_CLAIM_TIME_LIMITS of it are taken over.
    task_time_limit: float
    # Soft time limit of a task (seconds): a drain stops picking new messages at half of it.
    task_soft_time_limit: float

    @property
    def stale_after(self) -> timedelta:
        return timedelta(seconds=self.task_time_limit * STALE_CLAIM_TIME_LIMITS)

    @property
    def drain_seconds(self) -> float:
        return self.task_soft_time_limit / 2

    def stale_before(self, now: datetime) -> datetime:
        """Claims made before this moment have lost their worker."""
        return now - self.stale_after


def check_transition(current: MessageStatus, wanted: MessageStatus) -> None:
    if (current, wanted) not in TRANSITIONS:
        raise TransitionNotAllowed(f"a message does not go from {current} to {wanted}")


def fault_of(error: Exception) -> Fault:
    """Whose fault a failed attempt is.

    Only exceptions: SystemExit is how the hard time limit's SIGTERM reaches the pool process, a moment before its
    SIGKILL; the attempt ends as if killed, its claim left to go stale and count.
    """
    return Fault.ENVIRONMENT if isinstance(error, ENVIRONMENT_ERRORS) else Fault.MESSAGE


def after_failure(fault: Fault, attempt: int, max_attempts: int) -> MessageStatus:
    """Where a message goes when the attempt numbered `attempt` failed."""
    if fault is Fault.MESSAGE and attempt >= max_attempts:
        return FAILED
    return ACCEPTED


def attempts_after_failure(fault: Fault, attempt: int) -> int:
    """The environment's faults are no attempt of the message: the one counted at the claim is taken back."""
    return attempt - 1 if fault is Fault.ENVIRONMENT else attempt


def on_stale_claim(attempts: int, max_attempts: int) -> MessageStatus:
    """A claim whose worker died: taken over for another attempt, or set aside when none is left."""
    return FAILED if attempts >= max_attempts else IN_PROGRESS


def ends_the_drain(error: Exception) -> bool:
    return isinstance(error, ENDS_THE_DRAIN) or fault_of(error) is Fault.ENVIRONMENT


def reason_of(error: Exception) -> str:
    """The exception's class and text, cut short and without what XML or PostgreSQL cannot carry."""
    if isinstance(error, SoftTimeLimitExceeded):  # its text is only its repr
        return SOFT_TIME_LIMIT_REASON
    text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return _printable(text)


def worker_stopped_reason(attempts: int) -> str:
    return (
        f"the worker stopped during each of its {attempts} attempts "
        "(killed, out of memory, or past the task time limit)"
    )


def _printable(text: str) -> str:
    return NOT_XML_CHAR.sub("?", text)[:FAILURE_REASON_CHARACTERS]
