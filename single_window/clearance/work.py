"""A stage's drain: claim its due work in batches, run the stage on each case, apply the outcomes.

Two transactions a batch: the claim counts an attempt on every row and commits before any work, so a case that kills
the worker is counted; the work then runs and commits the batch's statuses and receipts at once, each case in a
savepoint of its own so one case's fault costs only that case. Rows are claimed with SKIP LOCKED, so workers on
PostgreSQL take different batches side by side; a claim whose worker died is taken over once stale.
"""

import logging
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, update
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from single_window import clock
from single_window.clearance.apply import apply
from single_window.clearance.models import ClearanceCase, StageWork, WorkStatus
from single_window.clearance.outcomes import Outcome
from single_window.clearance.pipeline import Stage
from single_window.db_types import utc_now
from single_window.messages.attempts import ENVIRONMENT_ERRORS, AttemptPolicy, reason_of, worker_stopped_reason
from single_window.messages.models import BusinessDocument, Message
from single_window.receipts import service as receipts

logger = logging.getLogger(__name__)

OpenSession = Callable[[], AbstractContextManager[Session]]
Handler = Callable[[Session, ClearanceCase, datetime], Outcome]
# A failed attempt is tried again after this, doubled each time: the fault may be a partner that is being changed.
RETRY_AFTER = timedelta(seconds=1)


@dataclass(frozen=True)
class Claimed:
    work_id: int
    attempt: int


def claim_due(session: Session, stage: Stage, policy: AttemptPolicy, *, batch: int) -> list[Claimed]:
    """Claim up to ``batch`` rows: stale claims first (their worker died), then due work, oldest due first."""
    real_now, business_now = utc_now(), clock.business_now(session)
    stale = _locked(stage, WorkStatus.IN_PROGRESS, col(StageWork.claimed_at) < policy.stale_before(real_now))
    rows = stale.limit(batch)
    claimed = [claim for row in session.exec(rows).all() if (claim := _take(row, policy, real_now)) is not None]
    if len(claimed) < batch:
        due = _locked(stage, WorkStatus.PENDING, col(StageWork.next_attempt_at) <= business_now)
        rows = due.order_by(col(StageWork.next_attempt_at), col(StageWork.id)).limit(batch - len(claimed))
        claimed += [claim for row in session.exec(rows).all() if (claim := _take(row, policy, real_now)) is not None]
    session.flush()
    return claimed


def _locked(stage: Stage, status: WorkStatus, condition: ColumnElement[bool]) -> SelectOfScalar[StageWork]:
    query = select(StageWork).where(col(StageWork.stage) == stage, col(StageWork.status) == status, condition)
    return query.with_for_update(skip_locked=True)


def _take(row: StageWork, policy: AttemptPolicy, real_now: datetime) -> Claimed | None:
    assert row.id is not None
    if row.status == WorkStatus.IN_PROGRESS and row.attempts >= policy.max_attempts:
        row.status = WorkStatus.FAILED
        row.note = worker_stopped_reason(row.attempts)
        row.claimed_at = None
        logger.error("clearance %s of case %s set aside: %s", row.stage, row.case_id, row.note)
        return None
    row.status = WorkStatus.IN_PROGRESS
    row.attempts += 1
    row.claimed_at = real_now
    return Claimed(row.id, row.attempts)


def run_claimed(session: Session, claims: list[Claimed], handler: Handler, policy: AttemptPolicy) -> Counter[str]:
    """Run the stage on every claimed case still ours; what became of them, by the work's status."""
    now = clock.business_now(session)
    _hold_recipients(session, claims)
    outcomes: Counter[str] = Counter()
    for claim in claims:
        work = session.get(StageWork, claim.work_id, with_for_update=True, populate_existing=True)
        if work is None or work.status != WorkStatus.IN_PROGRESS or work.attempts != claim.attempt:
            continue  # taken over by another worker after ours was thought dead
        _run_one(session, work, handler, policy, now)
        outcomes[work.status] += 1
    session.flush()
    return outcomes


def release(session: Session, claims: list[Claimed]) -> None:
    """Give back claims whose work the environment failed (the database, the disk): no attempt counted, due at once."""
    for claim in claims:
        statement = (
            update(StageWork)
            .where(
                col(StageWork.id) == claim.work_id,
                col(StageWork.status) == WorkStatus.IN_PROGRESS,
                col(StageWork.attempts) == claim.attempt,
            )
            .values(status=WorkStatus.PENDING, attempts=claim.attempt - 1, claimed_at=None)
        )
        session.execute(statement)


def _hold_recipients(session: Session, claims: list[Claimed]) -> None:
    """Lock every receipt queue the batch may fill, at once and in order, before any case: two workers whose batches
    name the same enterprises in another order would otherwise each hold a queue the other waits for."""
    query = (
        select(Message.recipients)
        .join(BusinessDocument, col(BusinessDocument.message_id) == Message.id)
        .join(ClearanceCase, col(ClearanceCase.document_id) == BusinessDocument.id)
        .join(StageWork, col(StageWork.case_id) == ClearanceCase.id)
        .where(col(StageWork.id).in_([claim.work_id for claim in claims]))
    )
    codes = {code for recipients in session.exec(query).all() for code in recipients}
    receipts.hold_queues(session, sorted(codes))


def _run_one(session: Session, work: StageWork, handler: Handler, policy: AttemptPolicy, now: datetime) -> None:
    case = session.get(ClearanceCase, work.case_id, with_for_update=True, populate_existing=True)
    assert case is not None
    try:
        with session.begin_nested():
            apply(session, case, work, handler(session, case, now), now)
    except ENVIRONMENT_ERRORS:
        raise
    except Exception as error:  # noqa: BLE001 - the case's own fault: counted, and set aside at the limit
        session.refresh(work)
        _settle_failure(work, error, policy, now)


def _settle_failure(work: StageWork, error: Exception, policy: AttemptPolicy, now: datetime) -> None:
    work.note = reason_of(error)
    work.claimed_at = None
    work.updated_at = now
    if work.attempts >= policy.max_attempts:
        work.status = WorkStatus.FAILED
        logger.error("clearance %s of case %s set aside", work.stage, work.case_id, exc_info=error)
        return
    work.status = WorkStatus.PENDING
    work.next_attempt_at = now + RETRY_AFTER * 2 ** (work.attempts - 1)
    logger.warning("clearance %s of case %s failed attempt %s", work.stage, work.case_id, work.attempts)
