"""A stage's drain: attempts counted before the work, faults of the case set aside at the limit, the environment's
given back uncounted, dead workers' claims taken over, and a case that proceeds handed to the next stage."""

import itertools
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from single_window.clearance.drain import drain_stage
from single_window.clearance.models import ClearanceCase, StageWork, WorkStatus
from single_window.clearance.outcomes import Outcome, Proceed, Wait
from single_window.clearance.pipeline import Stage
from single_window.clearance.work import claim_due
from single_window.database import unit_of_work
from single_window.db_types import utc_now
from single_window.messages.attempts import AttemptPolicy
from single_window.messages.models import BusinessDocument
from tests.factories import message_row

POLICY = AttemptPolicy(max_attempts=2, task_time_limit=60, task_soft_time_limit=10)
BATCH = 200
_keys = itertools.count(1)


@pytest.fixture
def engine(seeded_database: Engine) -> Engine:
    return seeded_database


def open_case(engine: Engine, *, stage: Stage = Stage.CUSTOMS, due: datetime | None = None) -> int:
    """An import inventory's case with one row of work in ``stage``, due now by default; the row's id."""
    now = utc_now()
    with unit_of_work(engine) as session:
        message = message_row(message_type="CEB621", recipients=["3301960001"])
        session.add(message)
        session.flush()
        assert message.id is not None
        key = f"3301960001|YC{next(_keys)}"
        document = BusinessDocument(
            message_id=message.id,
            message_type="CEB621",
            position=1,
            business_key=key,
            head_guid="G",
            declarant_code="3301960001",
            app_type="1",
            head={"guid": "G"},
        )
        session.add(document)
        session.flush()
        assert document.id is not None
        case = ClearanceCase(
            document_id=document.id,
            message_type="CEB621",
            status="120",
            opened_at=now,
            status_at=now,
            order_link="3301960001|YC",
            waybill_link="3301960003|LN",
        )
        session.add(case)
        session.flush()
        assert case.id is not None
        work = StageWork(case_id=case.id, stage=stage, next_attempt_at=due or now)
        session.add(work)
        session.flush()
        assert work.id is not None
        return work.id


def work_of(engine: Engine, work_id: int) -> StageWork:
    with Session(engine) as session:
        work = session.get(StageWork, work_id)
        assert work is not None
        return work


def make_due(engine: Engine, work_id: int) -> None:
    with unit_of_work(engine) as session:
        work = session.get(StageWork, work_id)
        assert work is not None
        work.next_attempt_at = utc_now() - timedelta(seconds=1)


def drain(engine: Engine, handler: Callable[[Session, ClearanceCase, datetime], Outcome]) -> None:
    drain_stage(partial(unit_of_work, engine), Stage.CUSTOMS, handler, POLICY, takes_arrivals=False, batch=BATCH)


def failing(session: Session, case: ClearanceCase, now: datetime) -> Outcome:
    raise ValueError("a bug this case sets off")


def test_a_case_whose_stage_fails_is_tried_again_later_then_set_aside_at_the_last_attempt(engine: Engine) -> None:
    work_id = open_case(engine)
    drain(engine, failing)
    first = work_of(engine, work_id)
    assert (first.status, first.attempts, first.note) == ("pending", 1, "ValueError: a bug this case sets off")
    assert first.next_attempt_at is not None
    assert first.next_attempt_at > utc_now()
    make_due(engine, work_id)
    drain(engine, failing)
    assert (work_of(engine, work_id).status, work_of(engine, work_id).attempts) == ("failed", 2)


def test_a_failure_of_the_environment_gives_the_claim_back_uncounted_and_raises_for_a_retry(engine: Engine) -> None:
    work_id = open_case(engine)

    def database_gone(session: Session, case: ClearanceCase, now: datetime) -> Outcome:
        raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))

    with pytest.raises(OperationalError):
        drain(engine, database_gone)
    work = work_of(engine, work_id)
    assert (work.status, work.attempts, work.claimed_at) == ("pending", 0, None)


def test_a_claim_whose_worker_died_in_the_last_attempt_is_set_aside_with_why(engine: Engine) -> None:
    work_id = open_case(engine)
    with unit_of_work(engine) as session:
        work = session.get(StageWork, work_id)
        assert work is not None
        work.status, work.attempts = WorkStatus.IN_PROGRESS, 2
        work.claimed_at = utc_now() - POLICY.stale_after - timedelta(seconds=1)
    with unit_of_work(engine) as session:
        assert claim_due(session, Stage.CUSTOMS, POLICY, batch=10) == []
    work = work_of(engine, work_id)
    assert work.status == "failed"
    assert work.note is not None
    assert "the worker stopped during each of its 2 attempts" in work.note


def test_work_not_yet_due_waits(engine: Engine) -> None:
    work_id = open_case(engine, due=utc_now() + timedelta(hours=1))
    with unit_of_work(engine) as session:
        assert claim_due(session, Stage.CUSTOMS, POLICY, batch=10) == []
    assert work_of(engine, work_id).attempts == 0


def test_a_wait_is_a_successful_attempt_and_counts_none(engine: Engine) -> None:
    work_id = open_case(engine)
    later = utc_now() + timedelta(hours=1)
    drain(engine, lambda session, case, now: Wait("waiting for its payment", until=later))
    work = work_of(engine, work_id)
    assert (work.status, work.attempts, work.note, work.next_attempt_at) == (
        "pending",
        0,
        "waiting for its payment",
        later,
    )


def test_a_case_that_proceeds_is_handed_to_the_next_stage_of_its_route_due_at_once(engine: Engine) -> None:
    work_id = open_case(engine)
    drain(engine, lambda session, case, now: Proceed())
    assert work_of(engine, work_id).status == "done"
    with Session(engine) as session:
        following = session.exec(select(StageWork).where(StageWork.stage == Stage.INSPECTION)).one()
    assert following.status == "pending"
    assert following.next_attempt_at is not None
    assert following.next_attempt_at <= utc_now()
