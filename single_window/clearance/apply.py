"""Apply a stage's outcome to its case: statuses moved through the table, receipts issued, the next stage queued.

All in the transaction of the stage's work: a case's status and its receipts commit together or not at all.
"""

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session

from single_window.ceb.catalogue import by_code
from single_window.ceb.model import MessageType
from single_window.clearance.models import ClearanceCase, StageWork, WorkStatus
from single_window.clearance.outcomes import End, Notice, Outcome, Proceed, Reject, Wait
from single_window.clearance.pipeline import Stage, next_stage
from single_window.clearance.scenario import scenario_of
from single_window.clearance.states import RECEIPT_INFO, InventoryStatus, check_transition
from single_window.messages.models import BusinessDocument, Message
from single_window.queue import wake_after_commit, wake_later_after_commit
from single_window.receipts import service as receipts
from single_window.receipts import texts
from single_window.receipts.drafts import draft
from single_window.receipts.present import LINES
from single_window.receipts.shapes import receipt_schema, return_fields


def apply(session: Session, case: ClearanceCase, work: StageWork, outcome: Outcome, now: datetime) -> None:
    document = _document(session, case)
    match outcome:
        case Proceed(statuses=statuses, findings=findings, notices=notices):
            _announce(session, case, document, statuses, now)
            _issue_notices(session, document, notices, now)
            _record(case, findings)
            _finish(work, now)
            _queue_next(session, case, work, now)
        case Wait(note=note, until=until, statuses=statuses, findings=findings, notices=notices):
            _announce(session, case, document, statuses, now)
            _issue_notices(session, document, notices, now)
            _record(case, findings)
            _wait(work, note, until, now)
            if until is not None:
                wake_later_after_commit(session, Stage(work.stage).task_name, (until - now).total_seconds())
        case Reject():
            _move(session, case, document, InventoryStatus.REJECTED, outcome.info, now)
            case.reason = outcome.info
            _finish(work, now)
        case End(status=status, findings=findings):
            _announce(session, case, document, (status,), now)
            _record(case, findings)
            _finish(work, now)


def _announce(
    session: Session,
    case: ClearanceCase,
    document: BusinessDocument,
    statuses: Sequence[InventoryStatus],
    now: datetime,
) -> None:
    for status in statuses:
        info = RECEIPT_INFO[status]
        assert info is not None, f"{status} is announced by the stage that decides it, with its reason"
        _move(session, case, document, status, info, now)


def _move(
    session: Session,
    case: ClearanceCase,
    document: BusinessDocument,
    status: InventoryStatus,
    info: str,
    now: datetime,
) -> None:
    check_transition(InventoryStatus(case.status), status)
    case.status = status
    case.status_at = now
    if status is InventoryStatus.RELEASED:
        case.released_at = now
    if _silent(document):
        return
    message_type = _message_type(case)
    shape = return_fields(*receipt_schema(message_type))
    receipt = draft(
        shape, position=document.position, head=document.head, status=status, info=info, time=texts.return_time(now)
    )
    message = session.get(Message, document.message_id)
    assert message is not None
    assert message_type.receipt_code is not None
    receipts.issue(session, document.message_id, message_type.receipt_code, [receipt], message.recipients)


def _issue_notices(session: Session, document: BusinessDocument, notices: Sequence[Notice], now: datetime) -> None:
    if _silent(document):
        return
    message = session.get(Message, document.message_id)
    assert message is not None
    for notice in notices:
        fields: dict[str, Any] = {**notice.head, LINES: [dict(line) for line in notice.lines]}
        issued = receipts.ReceiptDraft(
            position=document.position,
            return_status=notice.head.get("status", ""),
            return_info="",
            return_time=texts.return_time(now),
            fields=fields,
        )
        receipts.issue(session, document.message_id, notice.notice_type, [issued], message.recipients)


def _silent(document: BusinessDocument) -> bool:
    """The integrator's scenario asked for no receipts: the states move, nothing is told (clearance/scenario.py)."""
    return scenario_of(document.head.get("note")).silent


def _record(case: ClearanceCase, findings: Mapping[str, Any]) -> None:
    if findings:
        case.findings = {**case.findings, **findings}


def _finish(work: StageWork, now: datetime) -> None:
    work.status = WorkStatus.DONE
    work.attempts = 0
    work.next_attempt_at = None
    work.claimed_at = None
    work.note = None
    work.updated_at = now


def _wait(work: StageWork, note: str, until: datetime | None, now: datetime) -> None:
    work.status = WorkStatus.PENDING
    # A wait is a successful attempt: a case may wait for its partners many times without being set aside.
    work.attempts = 0
    work.next_attempt_at = until
    work.claimed_at = None
    work.note = note
    work.updated_at = now


def _queue_next(session: Session, case: ClearanceCase, work: StageWork, now: datetime) -> None:
    following = next_stage(_message_type(case).direction, Stage(work.stage))
    if following is None:
        return
    assert case.id is not None
    session.add(StageWork(case_id=case.id, stage=following, next_attempt_at=now, updated_at=now))
    wake_after_commit(session, following.task_name)


def _document(session: Session, case: ClearanceCase) -> BusinessDocument:
    document = session.get(BusinessDocument, case.document_id)
    assert document is not None
    return document


def _message_type(case: ClearanceCase) -> MessageType:
    message_type = by_code(case.message_type)
    assert message_type is not None
    return message_type
