"""Clearance takes the documents customs stored (120): an inventory opens a case, a partner wakes its cases, a
summary application is summarised.

Intake leaves them in their table, acknowledged; this reads them by status, so messages never import clearance and
a lost wake-up only delays them until the next sweep.
"""

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial

from sqlalchemy import update
from sqlmodel import Session, col, select

from single_window.ceb.catalogue import ALL
from single_window.ceb.model import Direction
from single_window.clearance.links import (
    LINKS,
    DocumentLink,
    LinkRule,
    Role,
    inventory_link,
    order_link,
    partner_links,
    waybill_link,
)
from single_window.clearance.models import ClearanceCase, StageWork, WorkStatus
from single_window.clearance.pipeline import Stage, first_stage
from single_window.clearance.states import InventoryStatus
from single_window.clearance.summarise import SUMMARY_APPLICATION, take_summary_application
from single_window.clearance.withdrawals import CANCELLATION, EXPORT_RETURN, RETURN, take_cancellation, take_return
from single_window.messages.models import BusinessDocument, DocumentStatus

# What taking one document does; the stages it gave new work, to be woken once it commits.
Take = Callable[[Session, BusinessDocument, datetime], set[Stage]]


def take_arrivals(session: Session, now: datetime, *, batch: int) -> tuple[int, set[Stage]]:
    """Take up to ``batch`` acknowledged documents, oldest first: how many, and the stages they gave new work."""
    query = (
        select(BusinessDocument)
        .where(col(BusinessDocument.status) == DocumentStatus.ACKNOWLEDGED)
        .order_by(col(BusinessDocument.id))
        .limit(batch)
        .with_for_update(skip_locked=True)
    )
    woken: set[Stage] = set()
    documents = session.exec(query).all()
    for document in documents:
        woken |= _take(session, document, now)
        document.status = DocumentStatus.IN_CLEARANCE
    session.flush()
    return len(documents), woken


def _take(session: Session, document: BusinessDocument, now: datetime) -> set[Stage]:
    take = TAKES.get(document.message_type)
    return set() if take is None else take(session, document, now)


def _open_case(session: Session, document: BusinessDocument, now: datetime, *, direction: Direction) -> set[Stage]:
    assert document.id is not None
    head = document.head
    case = ClearanceCase(
        document_id=document.id,
        message_type=document.message_type,
        status=InventoryStatus.LOGIC_CHECK_PASSED,
        opened_at=now,
        status_at=now,
        order_link=order_link(direction, head),
        waybill_link=waybill_link(head),
    )
    session.add(case)
    link = inventory_link(head.get("ebcCode", ""), head.get("invtNo", ""))
    session.add(DocumentLink(role=Role.INVENTORY, link=link, document_id=document.id))
    session.flush()
    assert case.id is not None
    stage = first_stage(direction)
    session.add(StageWork(case_id=case.id, stage=stage, next_attempt_at=now, updated_at=now))
    return {stage}


def _link(session: Session, document: BusinessDocument, now: datetime, *, rule: LinkRule) -> set[Stage]:
    assert document.id is not None
    links = list(dict.fromkeys(partner_links(rule, document.head, document.lines)))
    session.add_all(DocumentLink(role=rule.role, link=link, document_id=document.id) for link in links)
    return {rule.wakes} if _wake_cases(session, rule, links, now) else set()


def _wake_cases(session: Session, rule: LinkRule, links: Sequence[str], now: datetime) -> int:
    """Make the cases that wait for this partner in its stage due now; how many there were."""
    case_link = getattr(ClearanceCase, rule.case_link.value)
    waiting = select(ClearanceCase.id).where(col(case_link).in_(links))
    statement = (
        update(StageWork)
        .where(
            col(StageWork.case_id).in_(waiting.scalar_subquery()),
            col(StageWork.stage) == rule.wakes,
            col(StageWork.status) == WorkStatus.PENDING,
        )
        .values(next_attempt_at=now)
    )
    return int(session.execute(statement).rowcount)  # type: ignore[attr-defined]


# One row per type clearance takes; any other acknowledged type is set in clearance with nothing more to do.
TAKES: dict[str, Take] = {
    **{row.code: partial(_open_case, direction=row.direction) for row in ALL if row.inventory},
    **{code: partial(_link, rule=rule) for code, rule in LINKS.items()},
    SUMMARY_APPLICATION: take_summary_application,
    CANCELLATION: take_cancellation,
    RETURN: take_return,
    EXPORT_RETURN: take_return,
}
