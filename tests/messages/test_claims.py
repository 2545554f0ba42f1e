"""Claims on messages, on SQLite and PostgreSQL: an attempt counted before the work, moves only from where it is."""

from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from single_window.database import unit_of_work
from single_window.db_types import utc_now
from single_window.messages import claims
from single_window.messages.attempts import AttemptPolicy, TransitionNotAllowed
from single_window.messages.claims import Claim, Lost, SetAside
from single_window.messages.models import Message, MessageStatus
from tests.factories import accept_orders, message_row

POLICY = AttemptPolicy(max_attempts=2, task_time_limit=90, task_soft_time_limit=60)
STALE = POLICY.stale_after + timedelta(seconds=1)
ACCEPTED, IN_PROGRESS = MessageStatus.ACCEPTED, MessageStatus.IN_PROGRESS
ACKNOWLEDGED, FAILED = MessageStatus.ACKNOWLEDGED, MessageStatus.FAILED


def waiting(session: Session, count: int, **values: object) -> list[int]:
    messages = [message_row(**values) for _ in range(count)]
    session.add_all(messages)
    session.flush()
    return [message.id for message in messages if message.id is not None]


def state(session: Session, message_id: int) -> tuple[str, int]:
    message = session.get(Message, message_id, populate_existing=True)
    assert message is not None
    return message.status, message.attempts


def test_a_claim_takes_the_oldest_accepted_message_and_counts_an_attempt(session: Session) -> None:
    first, second = waiting(session, 2)
    now = utc_now()
    assert claims.claim_next(session, POLICY, now) == Claim(first, 1)
    assert state(session, first) == (IN_PROGRESS, 1)
    assert state(session, second) == (ACCEPTED, 0)
    claimed = session.get(Message, first)
    assert claimed is not None
    assert claimed.claimed_at == now


def test_nothing_waiting_claims_nothing(session: Session) -> None:
    waiting(session, 1, status=ACKNOWLEDGED)
    waiting(session, 1, status=FAILED)
    assert claims.claim_next(session, POLICY, utc_now()) is None


def test_a_fresh_claim_is_left_to_its_worker_and_the_next_message_is_claimed(session: Session) -> None:
    first, second = waiting(session, 2)
    now = utc_now()
    claims.claim_next(session, POLICY, now)
    assert claims.claim_next(session, POLICY, now + POLICY.stale_after) == Claim(second, 1)
    assert state(session, first) == (IN_PROGRESS, 1)


def test_a_stale_claim_is_taken_over_before_any_accepted_message_counting_another_attempt(session: Session) -> None:
    first, _ = waiting(session, 2)
    claims.claim_next(session, POLICY, utc_now() - STALE)
    assert claims.claim_next(session, POLICY, utc_now()) == Claim(first, 2)
    assert state(session, first) == (IN_PROGRESS, 2)


def test_a_stale_claim_with_no_attempt_left_is_set_aside_with_the_reason(session: Session) -> None:
    (message_id,) = waiting(session, 1, status=IN_PROGRESS, attempts=2, claimed_at=utc_now() - STALE)
    now = utc_now()
    assert claims.claim_next(session, POLICY, now) == SetAside(message_id)
    set_aside = session.get(Message, message_id, populate_existing=True)
    assert set_aside is not None
    assert (set_aside.status, set_aside.attempts, set_aside.failed_at) == (FAILED, 2, now)
    assert set_aside.failure_reason is not None
    assert "stopped during each of its 2 attempts" in set_aside.failure_reason


def test_a_claim_finishes_once_and_not_after_another_worker_took_it_over(session: Session) -> None:
    first, second = waiting(session, 2)
    claim = claims.claim_next(session, POLICY, utc_now() - STALE)
    assert isinstance(claim, Claim)
    claims.claim_next(session, POLICY, utc_now())  # taken over: attempt 2
    assert not claims.finish(session, claim)
    assert state(session, first) == (IN_PROGRESS, 2)
    own = claims.claim_message(session, second, utc_now())
    assert isinstance(own, Claim)
    assert claims.finish(session, own)
    assert not claims.finish(session, own)
    assert state(session, second) == (ACKNOWLEDGED, 1)


def test_claiming_a_message_that_is_not_waiting_is_lost(session: Session) -> None:
    (message_id,) = waiting(session, 1, status=FAILED)
    assert claims.claim_message(session, message_id, utc_now()) == Lost()


@pytest.mark.parametrize(
    ("error", "attempt", "expected"),
    [
        (ValueError("a bug"), 1, (ACCEPTED, 1, "ValueError: a bug")),
        (ValueError("a bug"), 2, (FAILED, 2, "ValueError: a bug")),
        (FileNotFoundError(2, "No such file or directory"), 2, (ACCEPTED, 1, None)),
    ],
    ids=["message-fault-below-the-limit", "message-fault-at-the-limit", "environment-fault"],
)
def test_a_failed_attempt_is_settled_by_whose_fault_it_was(
    session: Session, error: Exception, attempt: int, expected: tuple[str, int, str | None]
) -> None:
    (message_id,) = waiting(session, 1, status=IN_PROGRESS, attempts=attempt, claimed_at=utc_now())
    claims.settle_failure(session, Claim(message_id, attempt), error, POLICY, utc_now())
    message = session.get(Message, message_id, populate_existing=True)
    assert message is not None
    assert (message.status, message.attempts, message.failure_reason) == expected
    assert (message.failed_at is not None) == (expected[0] == FAILED)


def test_a_move_outside_the_transitions_table_raises_before_any_statement(session: Session) -> None:
    (message_id,) = waiting(session, 1)
    with pytest.raises(TransitionNotAllowed):
        claims.move_message(session, message_id, ACCEPTED, ACKNOWLEDGED)
    assert state(session, message_id) == (ACCEPTED, 0)


def test_two_postgresql_workers_claim_side_by_side_the_locked_message_skipped(seeded_database: Engine) -> None:
    if seeded_database.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer: a second claim waits for the first to commit")
    first, second = accept_orders(seeded_database, 2)
    with unit_of_work(seeded_database) as holding, unit_of_work(seeded_database) as other:
        # The first worker's claim is not committed yet: its row stays locked, and the second passes it over.
        assert claims.claim_next(holding, POLICY, utc_now()) == Claim(first, 1)
        assert claims.claim_next(other, POLICY, utc_now()) == Claim(second, 1)
    with Session(seeded_database) as session:
        assert list(session.exec(select(Message.attempts).order_by(col(Message.id))).all()) == [1, 1]
