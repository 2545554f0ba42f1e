"""Where a pipeline run's time went, read back from the rows the service wrote: when each stage was done with each
message or case, and how long each spent in it."""

import json
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from single_window.clearance.models import ClearanceCase, StageWork, WorkStatus
from single_window.clearance.pipeline import Stage
from single_window.clearance.states import InventoryStatus
from single_window.messages.models import BusinessDocument, Message, MessageStatus
from single_window.receipts.models import Receipt

ACKNOWLEDGED = InventoryStatus.LOGIC_CHECK_PASSED.value  # the receipt (120) that ends the acknowledgement
INSPECTED = InventoryStatus.INSPECTION.value


@dataclass(frozen=True)
class Marks:
    """The last ids before the measured run: the rows above them are the measured sets'."""

    message_id: int
    case_id: int


@dataclass(frozen=True)
class Progress:
    released: int
    rejected: int  # cases customs refused (100): the generated sets should all pass
    set_aside: int  # messages and stage work failed past their last attempt
    moves: int  # work done so far, anywhere: unchanged for long, the pipeline is stuck


@dataclass(frozen=True)
class Span:
    """One stage over the measured run: when it was done with each item, in seconds after the first POST, sorted;
    how long each item spent in it (from the previous stage's end); and when its work could begin."""

    name: str
    unit: str
    done: list[float]
    spent: list[float]
    opened: float

    @property
    def per_second(self) -> float:
        """Items over the stage's window: from the moment its first item could arrive to its last one done."""
        return len(self.done) / max(self.done[-1] - self.opened, 1e-9) if self.done else 0.0


def marks(engine: Engine) -> Marks:
    with Session(engine) as session:
        message = session.exec(select(func.max(Message.id))).one()
        case = session.exec(select(func.max(ClearanceCase.id))).one()
        return Marks(message or 0, case or 0)


def progress(engine: Engine, after: Marks) -> Progress:
    with Session(engine) as session:
        cases = select(ClearanceCase.status, func.count(), func.count(col(ClearanceCase.released_at)))
        by_status = session.exec(cases.where(col(ClearanceCase.id) > after.case_id).group_by(ClearanceCase.status))
        counts = {status: (total, released) for status, total, released in by_status.all()}
        works = select(StageWork.status, func.count()).where(col(StageWork.case_id) > after.case_id)
        work = dict(session.exec(works.group_by(StageWork.status)).all())
        messages = select(Message.status, func.count()).where(col(Message.id) > after.message_id)
        message = dict(session.exec(messages.group_by(Message.status)).all())
    return Progress(
        released=sum(released for _, released in counts.values()),
        rejected=counts.get(InventoryStatus.REJECTED, (0, 0))[0],
        set_aside=work.get(WorkStatus.FAILED, 0) + message.get(MessageStatus.FAILED, 0),
        moves=sum(work.values()) + work.get(WorkStatus.DONE, 0) + message.get(MessageStatus.ACKNOWLEDGED, 0),
    )


def waiting_notes(engine: Engine, after: Marks, *, limit: int = 5) -> list[str]:
    """Why measured work is not done: a few (stage, status, note) of the rows still open or set aside."""
    query = (
        select(StageWork.stage, StageWork.status, StageWork.note, func.count())
        .where(col(StageWork.case_id) > after.case_id, col(StageWork.status) != WorkStatus.DONE)
        .group_by(col(StageWork.stage), col(StageWork.status), col(StageWork.note))
        .limit(limit)
    )
    with Session(engine) as session:
        return [f"{count} x {stage} {status}: {note}" for stage, status, note, count in session.exec(query).all()]


def spans(engine: Engine, after: Marks, started: datetime, latencies: Sequence[float]) -> list[Span]:
    """Intake, acknowledgement and the four clearance stages of the measured sets, in order."""
    with Session(engine) as session:
        received = _received(session, after)
        acknowledged = _acknowledged(session, after)
        cases = _cases(session, after)
        done = _stage_done(session, after)
    intake = Span("intake (202)", "messages", _offsets(received, started), list(latencies), 0.0)
    result = [intake, _span("acknowledgement", "messages", acknowledged, received, started, intake)]
    previous = {case: acknowledged[message] for case, (message, _) in cases.items() if message in acknowledged}
    for stage in Stage:
        ended = done[stage] if stage is not Stage.LOGISTICS else _released(cases)
        name = f"{stage.value} (800)" if stage is Stage.LOGISTICS else stage.value
        result.append(_span(name, "cases", ended, previous, started, result[-1]))
        previous = ended
    return result


def _span(
    name: str, unit: str, ended: dict[int, datetime], began: dict[int, datetime], started: datetime, before: Span
) -> Span:
    """A stage whose items end at `ended` and entered it at `began` (the stage before's end), which opened it."""
    spent = [(moment - began[item]).total_seconds() for item, moment in ended.items() if item in began]
    return Span(name, unit, _offsets(ended, started), spent, before.done[0] if before.done else 0.0)


def _offsets(moments: dict[int, datetime], started: datetime) -> list[float]:
    return sorted((moment - started).total_seconds() for moment in moments.values())


def inspected(engine: Engine, after: Marks) -> int:
    """Measured inventories the risk selection sent to inspection (500), which passed at once here."""
    query = select(func.count()).where(col(Receipt.message_id) > after.message_id, Receipt.return_status == INSPECTED)
    with Session(engine) as session:
        return session.exec(query).one()


def quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0


def _received(session: Session, after: Marks) -> dict[int, datetime]:
    query = select(Message.id, Message.received_at).where(col(Message.id) > after.message_id)
    return {id_: moment for id_, moment in session.exec(query).all() if id_ is not None}


def _acknowledged(session: Session, after: Marks) -> dict[int, datetime]:
    """Each message's last 120 receipt: its acknowledgement's transaction issued them all."""
    query = (
        select(Receipt.message_id, func.max(Receipt.created_at))
        .where(col(Receipt.message_id) > after.message_id, Receipt.return_status == ACKNOWLEDGED)
        .group_by(col(Receipt.message_id))
    )
    return dict(session.exec(query).all())


def _cases(session: Session, after: Marks) -> dict[int, tuple[int, datetime | None]]:
    """Each measured case's inventory message and release."""
    query = (
        select(ClearanceCase.id, BusinessDocument.message_id, ClearanceCase.released_at)
        .join(BusinessDocument, col(BusinessDocument.id) == ClearanceCase.document_id)
        .where(col(ClearanceCase.id) > after.case_id)
    )
    return {id_: (message, released) for id_, message, released in session.exec(query).all() if id_ is not None}


def _stage_done(session: Session, after: Marks) -> dict[Stage, dict[int, datetime]]:
    """When each stage finished each case: its work row's last update, made as it was done (business clock, which
    a fresh database keeps at real time)."""
    query = select(StageWork.stage, StageWork.case_id, StageWork.updated_at).where(
        col(StageWork.case_id) > after.case_id, StageWork.status == WorkStatus.DONE
    )
    done: dict[Stage, dict[int, datetime]] = {stage: {} for stage in Stage}
    for stage, case, moment in session.exec(query).all():
        done[Stage(stage)][case] = moment
    return done


def _released(cases: dict[int, tuple[int, datetime | None]]) -> dict[int, datetime]:
    # Logistics stays open after the release, waiting for the waybill to be signed for (CEB513), which no set sends.
    return {case: released for case, (_, released) in cases.items() if released is not None}


def task_seconds(worker_log: Path, offset: int) -> dict[str, tuple[int, float]]:
    """The tasks the worker ran after `offset` of its (JSON) log, by name: how many, and the seconds they took (the
    runtime Celery logs for each): where the pool processes' time went, stage by stage."""
    busy: dict[str, tuple[int, float]] = {}
    with worker_log.open("rb") as log:
        log.seek(offset)
        for line in log:
            record = _task_record(line)
            if record is not None:
                count, seconds = busy.get(record[0], (0, 0.0))
                busy[record[0]] = (count + 1, seconds + record[1])
    return busy


def _task_record(line: bytes) -> tuple[str, float] | None:
    if not line.startswith(b"{"):
        return None  # Celery's banner and warnings, written before the logging is set up
    try:
        data = json.loads(line).get("data", {})
        return str(data["name"]), float(data["runtime"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
