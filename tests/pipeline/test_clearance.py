"""Import sets cleared by real worker processes: each inventory reaches one final status with each receipt once, when
a worker is killed mid-run and when Redis restarts mid-run; and two workers clearing one buyer's purchases at once
admit no more than the buyer's year allows."""

import os
import random
import signal
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import and_, func, text
from sqlmodel import Session, col, select

from single_window import clock, queue
from single_window.clearance.models import StageWork, WorkStatus
from single_window.clearance.stages.customs import locked_quota
from single_window.clearance.states import FINAL
from single_window.config import Settings
from single_window.database import READING_ONLY, make_engine, unit_of_work
from single_window.generator import ImportSet, generate_import_sets
from single_window.messages.acknowledge import acknowledge_accepted, policy_of
from single_window.messages.models import BusinessDocument
from single_window.receipts.models import Receipt
from single_window.receipts.texts import CHINA_TIME
from tests.pipeline.declarations import declare_import_sets
from tests.processes import RedisServer, running, wait_for, worker_environment

pytestmark = pytest.mark.pipeline

START = datetime(2026, 11, 2, 9)
FINAL_STATUSES = frozenset(status.value for status in FINAL)
# A claim whose worker was killed goes stale after two hard limits (12 s) and is taken over by the next sweep (every
# second). The soft limit leaves a batch of a few cases ample time on a busy machine: an attempt it cut short would
# count against its case.
LIMITS = {"SW_TASK_SOFT_TIME_LIMIT_SECONDS": "5", "SW_TASK_TIME_LIMIT_SECONDS": "6", "SW_SWEEP_SECONDS": "1"}
# Small batches: the stages take many turns, so a kill or a restart lands in the middle of the run.
MANY_TURNS = {**LIMITS, "SW_CLEARANCE_BATCH": "4", "SW_INSPECTION_SECONDS": "0"}
KILLED_RUN_SETS = 48
T = TypeVar("T")


def import_sets(count: int, *, seed: int) -> list[ImportSet]:
    return generate_import_sets(random.Random(seed), count, lines=2, start=START)


def inventory_statuses(database_url: str) -> list[list[str]]:
    """Each inventory's statuses, as its CEB622 receipts announced them, in order; an inventory none announced is
    not listed."""
    condition = and_(
        col(Receipt.message_id) == BusinessDocument.message_id,
        col(Receipt.position) == BusinessDocument.position,
        col(Receipt.receipt_type) == "CEB622",
    )
    query = (
        select(BusinessDocument.id, Receipt.return_status)
        .join(Receipt, condition)
        .where(col(BusinessDocument.message_type) == "CEB621")
        .order_by(col(Receipt.id))
    )
    statuses: dict[int | None, list[str]] = defaultdict(list)
    for document_id, status in _read(database_url, lambda session: session.exec(query).all()):
        statuses[document_id].append(status)
    return list(statuses.values())


def finals(statuses: list[str]) -> list[str]:
    return [status for status in statuses if status in FINAL_STATUSES]


def closed(database_url: str) -> int:
    return sum("899" in statuses for statuses in inventory_statuses(database_url))


def midway(database_url: str, inventories: int) -> bool:
    """A worker holds claims on some cases' work, and not every inventory is closed: a kill now lands mid-batch."""
    query = select(func.count()).where(col(StageWork.status) == WorkStatus.IN_PROGRESS)
    return _read(database_url, lambda session: session.exec(query).one()) > 0 and closed(database_url) < inventories


def all_final(database_url: str, inventories: int) -> bool:
    statuses = inventory_statuses(database_url)
    return len(statuses) == inventories and all(finals(announced) for announced in statuses)


def receipts_issued_twice(database_url: str) -> list[tuple[int, int, str, str]]:
    """Receipts of one document, type and status issued more than once: none may be."""
    key = (col(Receipt.message_id), col(Receipt.position), col(Receipt.receipt_type), col(Receipt.return_status))
    query = select(*key).group_by(*key).having(func.count() > 1)
    return [(*row,) for row in _read(database_url, lambda session: session.exec(query).all())]


def rejections(database_url: str) -> list[str]:
    query = select(Receipt.return_info).where(Receipt.receipt_type == "CEB622", Receipt.return_status == "100")
    return list(_read(database_url, lambda session: session.exec(query).all()))


def _read(database_url: str, read: Callable[[Session], T]) -> T:
    engine = make_engine(database_url)
    try:
        # Begun deferred on SQLite: a test that polls must not take the workers' write lock.
        with Session(engine.execution_options(**{READING_ONLY: True})) as session:
            return read(session)
    finally:
        engine.dispose()


def assert_each_closed_once(database_url: str, inventories: int) -> None:
    statuses = inventory_statuses(database_url)
    assert len(statuses) == inventories
    assert [finals(announced) for announced in statuses] == [["899"]] * inventories, statuses
    assert receipts_issued_twice(database_url) == []


def test_an_import_set_is_cleared_to_899_by_a_real_worker_and_each_receipt_is_issued_once(
    seeded: Settings, worker: Path
) -> None:
    declare_import_sets(seeded, import_sets(3, seed=21), per_message=3)
    url = seeded.database_url
    wait_for(lambda: all_final(url, 3), seconds=120, what="every inventory's final status", log=worker)
    for statuses in inventory_statuses(url):
        # 500 when the risk selection picked it for inspection, which passes by itself.
        assert [status for status in statuses if status != "500"] == ["2", "120", "399", "800", "899"]
    assert receipts_issued_twice(url) == []


def test_a_worker_killed_mid_run_and_started_again_leaves_each_inventory_one_final_status_and_no_receipt_twice(
    seeded: Settings, tmp_path: Path
) -> None:
    declare_import_sets(seeded, import_sets(KILLED_RUN_SETS, seed=22), per_message=4)
    url = seeded.database_url
    env = worker_environment(seeded, **MANY_TURNS)
    (tmp_path / "killed").mkdir()
    with running(["worker", "--concurrency", "2"], env, tmp_path / "killed") as killed:
        log = tmp_path / "killed" / "process.log"
        wait_for(lambda: midway(url, KILLED_RUN_SETS), seconds=120, what="the run midway", log=log)
        os.killpg(killed.pid, signal.SIGKILL)
    assert closed(url) < KILLED_RUN_SETS, "the first worker cleared everything: the test proves nothing"
    (tmp_path / "again").mkdir()
    with running(["worker", "--concurrency", "2"], env, tmp_path / "again"):
        log = tmp_path / "again" / "process.log"
        wait_for(lambda: all_final(url, KILLED_RUN_SETS), seconds=180, what="every final status", log=log)
    assert_each_closed_once(url, KILLED_RUN_SETS)


@pytest.mark.parametrize("pipeline_database", ["redis+postgresql"], indirect=True)
def test_redis_restarted_mid_run_leaves_each_inventory_one_final_status_and_no_receipt_twice(
    on_private_redis: Settings, private_redis: RedisServer, tmp_path: Path
) -> None:
    settings = on_private_redis
    sets = 24
    declare_import_sets(settings, import_sets(sets, seed=23), per_message=4)
    url = settings.database_url
    with running(["worker", "--concurrency", "2"], worker_environment(settings, **MANY_TURNS), tmp_path) as worker:
        log = tmp_path / "process.log"
        wait_for(lambda: midway(url, sets), seconds=120, what="the run midway", log=log)
        private_redis.kill()
        lost = "Connection to broker lost"
        wait_for(lambda: lost in log.read_text(errors="replace"), seconds=60, what="the worker to notice", log=log)
        private_redis.start()
        wait_for(lambda: all_final(url, sets), seconds=180, what="every final status", log=log)
        assert worker.poll() is None, "the worker stopped with the broker"
    assert_each_closed_once(url, sets)


def one_buyer_s_dear_purchases(count: int) -> list[ImportSet]:
    """``count`` sets of one buyer, each one line of 4,000 CNY with no discount."""
    sets = import_sets(count, seed=24)
    buyer = sets[0].buyer
    return [
        replace(order, buyer=buyer, discount=Decimal(0), lines=(replace(order.lines[0], qty=1, price=Decimal(4000)),))
        for order in sets
    ]


@contextmanager
def buyer_s_year_held(database_url: str, id_number: str) -> Iterator[None]:
    """The buyer's year of purchases locked as customs locks it, until the block ends."""
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            year = clock.business_now(session).astimezone(CHINA_TIME).year
            locked_quota(session, id_number, year)
            yield
    finally:
        engine.dispose()


def waiting_for_locks(database_url: str) -> int:
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    return int(_read(database_url, lambda session: session.execute(query).scalar_one()))


@pytest.mark.parametrize("pipeline_database", ["redis+postgresql"], indirect=True)
def test_two_workers_clearing_one_buyer_s_purchases_at_once_release_six_and_reject_the_seventh_with_621018(
    seeded: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    purchases = one_buyer_s_dear_purchases(7)
    # Acknowledged here, wake-ups dropped: the workers find only customs work, which their start-up sweeps begin.
    monkeypatch.setattr(queue, "_send", lambda task_name, **options: None)
    declare_import_sets(seeded, purchases, per_message=1)
    engine = make_engine(seeded.database_url)
    acknowledge_accepted(partial(unit_of_work, engine), policy_of(seeded))
    engine.dispose()
    url = seeded.database_url
    # One case a batch: each worker claims its own and both go on to the buyer's year.
    env = worker_environment(seeded, **{**MANY_TURNS, "SW_CLEARANCE_BATCH": "1"})
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    log = first / "process.log"
    with running(["worker", "--concurrency", "1"], env, first), running(["worker", "--concurrency", "1"], env, second):
        with buyer_s_year_held(url, purchases[0].buyer.id_number):
            # One waits for the year, the other for what the first holds: both are in customs at once.
            wait_for(lambda: waiting_for_locks(url) >= 2, seconds=60, what="both workers in customs", log=log)
        wait_for(lambda: all_final(url, 7), seconds=120, what="every final status", log=log)
    # 4,000 of goods and at most 45 of freight each: six fit in the year's 26,000, a seventh does not.
    assert sorted(finals(statuses)[0] for statuses in inventory_statuses(url)) == ["100", *["899"] * 6]
    (rejection,) = rejections(url)
    assert "[Code:-621018;" in rejection
    assert receipts_issued_twice(url) == []
