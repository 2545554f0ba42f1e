"""Where a pipeline run's time went: what each step had committed, as the bench saw it while polling the database,
and how long each message or case spent in each step, from the times the service wrote on its rows."""

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

# The steps of a set, in order: intake and its acknowledgement work on messages, the four clearance stages on cases
# (one per inventory). Logistics counts as done at the release (800): closing (899) waits for the waybill to be
# signed for (CEB513), which no set sends.
THROUGH = (Stage.CUSTOMS, Stage.INSPECTION, Stage.PAYMENT)  # the stages whose work row is done when they are
STEPS = ("intake (202)", "acknowledgement", *(stage.value for stage in THROUGH), f"{Stage.LOGISTICS.value} (800)")
UNITS = ("messages", "messages", *("cases" for _ in Stage))
ACKNOWLEDGED = InventoryStatus.LOGIC_CHECK_PASSED.value  # the receipt (120) that ends the acknowledgement
INSPECTED = InventoryStatus.INSPECTION.value
OPEN = (WorkStatus.PENDING, WorkStatus.IN_PROGRESS)


@dataclass(frozen=True)
class Marks:
    """The last ids before the measured run: the rows above them are the measured sets'."""

    message_id: int
    case_id: int


@dataclass(frozen=True)
class Progress:
    """What the measured sets have committed, per step (STEPS): messages stored, messages acknowledged, cases through
    customs, inspection and payment, cases released; and what would stop the run."""

    done: tuple[int, ...]
    open_work: int  # stage work pending or in progress: with `done`, whether anything moves
    rejected: int  # cases customs refused (100): the generated sets should all pass
    set_aside: int  # messages and stage work failed past their last attempt

    @property
    def released(self) -> int:
        return self.done[-1]


@dataclass(frozen=True)
class Observation:
    seconds: float  # after the first POST, taken before the queries: what they saw had committed by then
    progress: Progress


@dataclass(frozen=True)
class Span:
    """One step over the measured run, in seconds after the first POST: when the bench first saw an item of it
    done, when it saw all of them, and when the step before first had one (its work could begin from then); with
    how long each item spent in it by the service's own times."""

    name: str
    unit: str
    count: int
    first: float
    last: float
    opened: float
    spent: list[float]

    @property
    def per_second(self) -> float:
        """Items over the step's window: from the moment its first item could arrive to its last one done."""
        return self.count / max(self.last - self.opened, 1e-9)


def marks(engine: Engine) -> Marks:
    with Session(engine) as session:
        message = session.exec(select(func.max(Message.id))).one()
        case = session.exec(select(func.max(ClearanceCase.id))).one()
        return Marks(message or 0, case or 0)


def progress(engine: Engine, after: Marks) -> Progress:
    with Session(engine) as session:
        messages = _messages_by_status(session, after)
        work = _work_by_stage_and_status(session, after)
        released, rejected = _cases_released_and_rejected(session, after)
    through = tuple(work.get((stage, WorkStatus.DONE), 0) for stage in THROUGH)
    return Progress(
        done=(sum(messages.values()), messages.get(MessageStatus.ACKNOWLEDGED, 0), *through, released),
        open_work=sum(count for (_, status), count in work.items() if status in OPEN),
        rejected=rejected,
        set_aside=messages.get(MessageStatus.FAILED, 0)
        + sum(count for (_, status), count in work.items() if status == WorkStatus.FAILED),
    )


def spans(observations: Sequence[Observation], spent: Sequence[list[float]]) -> list[Span]:
    """Each step's first and last item done as observed, and its items' times in it (`spent`, per step)."""
    final = observations[-1].progress.done
    result: list[Span] = []
    for step, (name, unit) in enumerate(zip(STEPS, UNITS, strict=True)):
        first = _first(observations, step, 1)
        last = _first(observations, step, final[step])
        opened = result[-1].first if result else 0.0
        result.append(Span(name, unit, final[step], first, last, opened, spent[step]))
    return result


def _first(observations: Sequence[Observation], step: int, count: int) -> float:
    """When the step was first seen with `count` items done (a step that did nothing: at the end)."""
    return next((seen.seconds for seen in observations if seen.progress.done[step] >= count), observations[-1].seconds)


def time_in_steps(engine: Engine, after: Marks, latencies: Sequence[float]) -> list[list[float]]:
    """Per step, how long each item spent in it: the POST's latency for intake, then from the moment the step before
    finished it. The clearance stages stamp a batch of cases with the business clock read when its work began."""
    with Session(engine) as session:
        received = _received(session, after)
        acknowledged = _acknowledged(session, after)
        cases = _cases(session, after)
        done = _stage_done(session, after)
    times = [list(latencies), _differences(acknowledged, received)]
    previous = {case: acknowledged[message] for case, (message, _) in cases.items() if message in acknowledged}
    for stage in Stage:
        ended = _released(cases) if stage is Stage.LOGISTICS else done[stage]
        times.append(_differences(ended, previous))
        previous = ended
    return times


def inspected(engine: Engine, after: Marks) -> int:
    """Measured inventories the risk selection sent to inspection (500), which passed at once here."""
    query = select(func.count()).where(col(Receipt.message_id) > after.message_id, Receipt.return_status == INSPECTED)
    with Session(engine) as session:
        return session.exec(query).one()


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


def quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0


def _messages_by_status(session: Session, after: Marks) -> dict[str, int]:
    query = select(Message.status, func.count()).where(col(Message.id) > after.message_id)
    return dict(session.exec(query.group_by(col(Message.status))).all())


def _work_by_stage_and_status(session: Session, after: Marks) -> dict[tuple[str, str], int]:
    query = (
        select(StageWork.stage, StageWork.status, func.count())
        .where(col(StageWork.case_id) > after.case_id)
        .group_by(col(StageWork.stage), col(StageWork.status))
    )
    return {(stage, status): count for stage, status, count in session.exec(query).all()}


def _cases_released_and_rejected(session: Session, after: Marks) -> tuple[int, int]:
    rejected = func.count().filter(col(ClearanceCase.status) == InventoryStatus.REJECTED)
    query = select(func.count(col(ClearanceCase.released_at)), rejected).where(col(ClearanceCase.id) > after.case_id)
    released, refused = session.exec(query).one()
    return released, refused


def _differences(ended: dict[int, datetime], began: dict[int, datetime]) -> list[float]:
    return [(moment - began[item]).total_seconds() for item, moment in ended.items() if item in began]


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
    return {case: released for case, (_, released) in cases.items() if released is not None}


def _task_record(line: bytes) -> tuple[str, float] | None:
    if not line.startswith(b"{"):
        return None  # Celery's banner and warnings, written before the logging is set up
    try:
        data = json.loads(line).get("data", {})
        return str(data["name"]), float(data["runtime"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
