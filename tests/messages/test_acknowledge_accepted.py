"""The worker drains accepted declarations from the database: every one acknowledged once, a broken one set aside,
and a broken environment sets nothing aside."""

from collections.abc import Callable, Sequence
from datetime import timedelta
from functools import partial
from typing import Any

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from sqlalchemy import Engine, func, update
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from single_window.database import unit_of_work
from single_window.db_types import utc_now
from single_window.messages import acknowledge as acknowledging
from single_window.messages import claims
from single_window.messages.attempts import SOFT_TIME_LIMIT_REASON, AttemptPolicy
from single_window.messages.claims import Claim
from single_window.messages.models import BusinessDocument, Message, MessageStatus
from single_window.receipts import service as receipts_service
from single_window.receipts.models import InboxItem, Receipt
from tests.factories import accept_orders

PLATFORM = "3301960001"
POLICY = AttemptPolicy(max_attempts=2, task_time_limit=90, task_soft_time_limit=60)
ACCEPTED, IN_PROGRESS = MessageStatus.ACCEPTED, MessageStatus.IN_PROGRESS
ACKNOWLEDGED, FAILED = MessageStatus.ACKNOWLEDGED, MessageStatus.FAILED


@pytest.fixture
def engine(seeded_database: Engine) -> Engine:
    """A database of the test's own: the drain commits once per message."""
    return seeded_database


def drain(engine: Engine, policy: AttemptPolicy = POLICY) -> acknowledging.Drain:
    return acknowledging.acknowledge_accepted(partial(unit_of_work, engine), policy)


def statuses(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(session.exec(select(Message.status).order_by(col(Message.id))).all())


def attempts(engine: Engine) -> list[int]:
    with Session(engine) as session:
        return list(session.exec(select(Message.attempts).order_by(col(Message.id))).all())


def message(engine: Engine, message_id: int) -> Message:
    with Session(engine) as session:
        found = session.get(Message, message_id)
        assert found is not None
        return found


def receipt_count(engine: Engine, message_id: int) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Receipt).where(Receipt.message_id == message_id)).one()


def failing_for(message_id: int, error: BaseException, *, times: int = 1_000) -> Callable[[Session, Claim], bool]:
    """acknowledge, raising the error for one message the first `times` attempts at it."""
    real_acknowledge = acknowledging.acknowledge
    raised = 0

    def acknowledge(session: Session, claim: Claim) -> bool:
        nonlocal raised
        if claim.message_id == message_id and raised < times:
            raised += 1
            raise error
        return real_acknowledge(session, claim)

    return acknowledge


def test_every_accepted_declaration_is_acknowledged_once(engine: Engine) -> None:
    ids = accept_orders(engine, 3)
    assert drain(engine).acknowledged == 3
    assert statuses(engine) == [ACKNOWLEDGED] * 3
    assert attempts(engine) == [1, 1, 1]
    assert [receipt_count(engine, message_id) for message_id in ids] == [2, 2, 2]
    assert drain(engine).acknowledged == 0


def test_a_declaration_that_always_fails_is_tried_to_the_limit_then_set_aside_and_the_rest_still_move(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = accept_orders(engine, 2)
    monkeypatch.setattr(acknowledging, "acknowledge", failing_for(first, ValueError("a bug in a later stage")))
    result = drain(engine)
    assert (result.outcomes[ACCEPTED], result.outcomes[FAILED], result.acknowledged) == (1, 1, 1)
    assert statuses(engine) == [FAILED, ACKNOWLEDGED]
    assert attempts(engine) == [POLICY.max_attempts, 1]
    set_aside = message(engine, first)
    assert set_aside.failure_reason == "ValueError: a bug in a later stage"
    assert set_aside.failed_at is not None
    assert receipt_count(engine, first) == 0
    assert receipt_count(engine, second) == 2


def test_a_declaration_that_fails_once_is_acknowledged_at_its_next_attempt(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    (only,) = accept_orders(engine, 1)
    monkeypatch.setattr(acknowledging, "acknowledge", failing_for(only, KeyError("orderNo"), times=1))
    assert drain(engine).acknowledged == 1
    assert statuses(engine) == [ACKNOWLEDGED]
    assert attempts(engine) == [2]
    assert message(engine, only).failure_reason is None
    assert receipt_count(engine, only) == 2


@pytest.mark.parametrize(
    "error",
    [
        FileNotFoundError(2, "No such file or directory", "schemas/ceb/import-2022-05.xsd"),
        OperationalError("INSERT INTO receipts …", {}, Exception("server closed the connection unexpectedly")),
    ],
    ids=["missing-file", "database-gone"],
)
def test_a_fault_of_the_environment_sets_nothing_aside_counts_no_attempt_and_stops_the_drain(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    ids = accept_orders(engine, 3)
    real_acknowledge = acknowledging.acknowledge

    def broken_environment(session: Session, claim: Claim) -> bool:
        raise error

    monkeypatch.setattr(acknowledging, "acknowledge", broken_environment)
    for _ in range(POLICY.max_attempts + 3):
        with pytest.raises(type(error)):
            drain(engine)
    assert statuses(engine) == [ACCEPTED] * 3
    assert attempts(engine) == [0, 0, 0]
    monkeypatch.setattr(acknowledging, "acknowledge", real_acknowledge)
    assert drain(engine).acknowledged == 3
    assert [receipt_count(engine, message_id) for message_id in ids] == [2, 2, 2]


def test_an_attempt_ended_by_the_hard_time_limit_s_sigterm_keeps_its_claim_to_go_stale_and_count(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = accept_orders(engine, 2)
    # billiard stops a pool process at the hard time limit with SIGTERM, which its handler turns into SystemExit,
    # then SIGKILL: whatever the attempt does on the way out, it ends as a kill would end it.
    monkeypatch.setattr(acknowledging, "acknowledge", failing_for(first, SystemExit(1)))
    with pytest.raises(SystemExit):
        drain(engine)
    assert statuses(engine) == [IN_PROGRESS, ACCEPTED]
    assert attempts(engine) == [1, 0]
    assert message(engine, first).failure_reason is None


def test_a_failure_after_the_first_receipt_of_a_two_document_message_leaves_nothing_of_it(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    (message_id,) = accept_orders(engine, 1, orders_per_message=2)
    heads_before = document_heads(engine, message_id)
    real_issue = receipts_service.issue
    written_before_the_failure: list[int] = []

    def issue_then_fail_on_the_second_document(
        session: Session, message_id: int, receipt_type: str, drafts: Any, recipients: Sequence[str]
    ) -> list[Receipt]:
        if written_before_the_failure:
            raise ValueError("the second document breaks a later stage")
        issued = real_issue(session, message_id, receipt_type, drafts, recipients)
        query = select(func.count()).select_from(Receipt).where(Receipt.message_id == message_id)
        written_before_the_failure.append(session.exec(query).one())
        return issued

    monkeypatch.setattr(receipts_service, "issue", issue_then_fail_on_the_second_document)
    drain(engine, AttemptPolicy(max_attempts=1, task_time_limit=90, task_soft_time_limit=60))
    assert written_before_the_failure == [2]  # the first document's receipts 2 and 120 were in the database
    assert statuses(engine) == [FAILED]
    assert receipt_count(engine, message_id) == 0
    with Session(engine) as session:
        assert (
            session.exec(select(func.count()).select_from(InboxItem).where(InboxItem.message_id == message_id)).one()
            == 0
        )
    assert document_heads(engine, message_id) == heads_before


def document_heads(engine: Engine, message_id: int) -> list[dict[str, Any]]:
    with Session(engine) as session:
        query = select(BusinessDocument).where(BusinessDocument.message_id == message_id)
        heads = [document.head for document in session.exec(query.order_by(col(BusinessDocument.position))).all()]
    assert len(heads) == 2
    return heads


def test_the_soft_time_limit_counts_against_the_message_in_hand_and_ends_the_drain(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = accept_orders(engine, 2)
    monkeypatch.setattr(acknowledging, "acknowledge", failing_for(first, SoftTimeLimitExceeded()))
    result = drain(engine)
    assert not result.finished
    assert statuses(engine) == [ACCEPTED, ACCEPTED]
    assert attempts(engine) == [1, 0]
    assert message(engine, first).failure_reason == SOFT_TIME_LIMIT_REASON


def test_a_drain_whose_time_is_up_stops_picking_and_says_it_did_not_finish(engine: Engine) -> None:
    accept_orders(engine, 3)
    ticks = iter([0.0, 0.0] + [1.0] * 10)  # the start, the first look, then the time is up
    policy = AttemptPolicy(max_attempts=2, task_time_limit=4, task_soft_time_limit=2)  # a drain of 1 s
    result = acknowledging.acknowledge_accepted(partial(unit_of_work, engine), policy, clock=lambda: next(ticks))
    assert (result.acknowledged, result.finished) == (1, False)
    assert statuses(engine) == [ACKNOWLEDGED, ACCEPTED, ACCEPTED]


def claim_as_a_worker_that_then_dies(engine: Engine, *, age: timedelta) -> Claim:
    """A claim committed `age` ago, whose work never came: its process was killed."""
    with unit_of_work(engine) as session:
        claim = claims.claim_next(session, POLICY, utc_now() - age)
    assert isinstance(claim, Claim)
    return claim


def test_a_message_whose_worker_died_waits_while_its_claim_is_fresh_and_the_messages_behind_it_move(
    engine: Engine,
) -> None:
    accept_orders(engine, 2)
    claim_as_a_worker_that_then_dies(engine, age=timedelta(seconds=1))
    assert drain(engine).acknowledged == 1
    assert statuses(engine) == [IN_PROGRESS, ACKNOWLEDGED]


def test_a_message_whose_worker_died_is_taken_over_once_its_claim_is_stale(engine: Engine) -> None:
    first, _ = accept_orders(engine, 2)
    claim_as_a_worker_that_then_dies(engine, age=POLICY.stale_after + timedelta(seconds=1))
    assert drain(engine).acknowledged == 2
    assert statuses(engine) == [ACKNOWLEDGED, ACKNOWLEDGED]
    assert attempts(engine) == [2, 1]
    assert receipt_count(engine, first) == 2


def test_a_message_that_killed_its_worker_in_every_attempt_is_set_aside_and_the_messages_behind_it_move(
    engine: Engine,
) -> None:
    first, second = accept_orders(engine, 2)
    stale = POLICY.stale_after + timedelta(seconds=1)
    claim_as_a_worker_that_then_dies(engine, age=stale)
    with unit_of_work(engine) as session:  # the second attempt's worker dies as well
        taken_over = claims.claim_next(session, POLICY, utc_now())
    assert taken_over == Claim(first, 2)
    with unit_of_work(engine) as session:
        session.exec(update(Message).where(col(Message.id) == first).values(claimed_at=utc_now() - stale))
    result = drain(engine)
    assert (result.outcomes[FAILED], result.acknowledged) == (1, 1)
    assert statuses(engine) == [FAILED, ACKNOWLEDGED]
    reason = message(engine, first).failure_reason
    assert reason is not None
    assert reason.startswith("the worker stopped during each of its 2 attempts")
    assert receipt_count(engine, first) == 0
    assert receipt_count(engine, second) == 2
