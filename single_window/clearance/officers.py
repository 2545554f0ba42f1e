"""What officers do to clearance: decide an inspection, set a guarantee, move the business clock, send failed work
back. Each wakes the stage that now has work, once the change commits."""

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import ColumnElement, func, update
from sqlmodel import Session, col, select

from single_window import clock
from single_window.clearance.models import ClearanceCase, Guarantee, StageWork, WorkStatus
from single_window.clearance.pipeline import Stage
from single_window.clearance.stages.inspection import DECISION_FINDING
from single_window.clearance.states import InventoryStatus
from single_window.errors import Conflict, NotFound
from single_window.locked_rows import locked_row
from single_window.queue import wake_after_commit


def case_with_work(session: Session, case_id: int) -> tuple[ClearanceCase, list[StageWork]]:
    case = session.get(ClearanceCase, case_id)
    if case is None:
        raise NotFound(f"no clearance case {case_id}", code="case_not_found")
    query = select(StageWork).where(col(StageWork.case_id) == case_id).order_by(col(StageWork.id))
    return case, list(session.exec(query).all())


def decide_inspection(session: Session, case_id: int, status: str) -> ClearanceCase:
    """Detain (501-599) or return (700) an inventory in inspection; its inspection stage announces it next."""
    case = session.get(ClearanceCase, case_id, with_for_update=True)
    if case is None:
        raise NotFound(f"no clearance case {case_id}", code="case_not_found")
    if case.status != InventoryStatus.INSPECTION:
        raise Conflict(f"case {case_id} is at {case.status}, not in inspection (500)", code="case_not_in_inspection")
    case.findings = {**case.findings, DECISION_FINDING: status}
    session.add(case)
    _make_due(session, Stage.INSPECTION, col(StageWork.case_id) == case_id)
    return case


def set_guarantee(session: Session, assure_code: str, balance: Decimal) -> Guarantee:
    """Set the guarantor's balance; every inventory waiting for a guarantee is looked at again."""
    guarantee = locked_row(session, Guarantee, {"assure_code": assure_code}, {"balance": balance})
    guarantee.balance = balance
    session.add(guarantee)
    # A payment that waits for a balance has no timer; looking at all of them costs one check each.
    _make_due(session, Stage.PAYMENT, col(StageWork.next_attempt_at).is_(None))
    return guarantee


def guarantee_of(session: Session, assure_code: str) -> Guarantee:
    guarantee = session.get(Guarantee, assure_code)
    if guarantee is None:
        raise NotFound(f"no guarantee set for {assure_code}", code="guarantee_not_found")
    return guarantee


def advance_clock(session: Session, seconds: float) -> timedelta:
    """Move the business clock forward: whatever a timer made due by then is looked at by every stage."""
    offset = clock.advance(session, timedelta(seconds=seconds))
    for stage in Stage:
        wake_after_commit(session, stage.task_name)
    return offset


def list_failed_work(session: Session, *, offset: int, limit: int) -> tuple[list[StageWork], int]:
    failed = col(StageWork.status) == WorkStatus.FAILED
    total = session.exec(select(func.count()).select_from(StageWork).where(failed)).one()
    page = session.exec(select(StageWork).where(failed).order_by(col(StageWork.id)).offset(offset).limit(limit))
    return list(page.all()), total


def requeue_work(session: Session, work_id: int) -> StageWork:
    """Send failed work back, its attempts at 0, due now."""
    work = session.get(StageWork, work_id, with_for_update=True)
    if work is None:
        raise NotFound(f"no stage work {work_id}", code="work_not_found")
    if work.status != WorkStatus.FAILED:
        raise Conflict(f"stage work {work_id} is {work.status}, not failed", code="work_not_failed")
    work.status, work.attempts = WorkStatus.PENDING, 0
    work.next_attempt_at = clock.business_now(session)
    session.add(work)
    wake_after_commit(session, Stage(work.stage).task_name)
    return work


def _make_due(session: Session, stage: Stage, which: ColumnElement[bool]) -> None:
    statement = (
        update(StageWork)
        .where(col(StageWork.stage) == stage, col(StageWork.status) == WorkStatus.PENDING, which)
        .values(next_attempt_at=clock.business_now(session))
    )
    session.execute(statement)
    wake_after_commit(session, stage.task_name)
