"""Concurrent work on PostgreSQL: the same message twice at once, two workers draining at once, one inbox."""

import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TypeVar

import pytest
from sqlmodel import Session, select

from single_window.config import Settings
from single_window.database import make_engine, unit_of_work
from single_window.messages import service
from single_window.messages.acknowledge import acknowledge_accepted
from single_window.messages.attempts import AttemptPolicy
from single_window.messages.intake import parse_message
from single_window.messages.models import Message
from single_window.receipts import service as receipts
from single_window.receipts.models import InboxItem, Receipt
from single_window.receipts.service import ReceiptDraft
from tests.conftest import row_count, seeded_database_url
from tests.samples import SAMPLES

ORDER = (SAMPLES / "valid" / "CEB311-order.xml").read_bytes()
PLATFORM = "3301960001"
POLICY = AttemptPolicy(max_attempts=2, task_time_limit=90, task_soft_time_limit=60)
Result = TypeVar("Result")


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """A database of the test's own: the racing transactions commit for real."""
    with seeded_database_url("postgresql", tmp_path) as url:
        yield url


def at_once(count: int, work: Callable[[], Result]) -> list[Result]:
    """Run the work in several threads released together; re-raise the first failure."""
    barrier = threading.Barrier(count)
    results: list[Result] = []
    failures: list[BaseException] = []

    def run() -> None:
        barrier.wait()
        try:
            results.append(work())
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            failures.append(error)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if failures:
        raise failures[0]
    return results


def count_of(database_url: str, table: type[Message] | type[Receipt]) -> int:
    engine = make_engine(database_url)
    total = row_count(engine, table)
    engine.dispose()
    return total


def accepted_order(database_url: str) -> int:
    """The id of the sample order, received and committed."""
    engine = make_engine(database_url)
    with unit_of_work(engine) as session:
        service.receive(session, parse_message(ORDER, Settings(database_url=database_url)), sender_code=PLATFORM)
    with Session(engine) as session:
        message_id = session.exec(select(Message.id)).one()
    engine.dispose()
    assert message_id is not None
    return message_id


def test_the_same_message_sent_twice_at_once_gets_one_answer_and_one_row(database_url: str) -> None:
    settings = Settings(database_url=database_url)

    def send() -> service.Answer:
        engine = make_engine(database_url)
        try:
            with unit_of_work(engine) as session:
                return service.receive(session, parse_message(ORDER, settings), sender_code=PLATFORM)
        finally:
            engine.dispose()

    first, second = at_once(2, send)
    assert first == second
    assert first.status_code == 202
    assert count_of(database_url, Message) == 1


def test_two_workers_draining_at_once_acknowledge_a_message_once(database_url: str) -> None:
    accepted_order(database_url)

    def drain_once() -> int:
        own_engine = make_engine(database_url)
        try:
            return acknowledge_accepted(partial(unit_of_work, own_engine), POLICY).acknowledged
        finally:
            own_engine.dispose()

    assert sorted(at_once(2, drain_once)) == [0, 1]
    assert count_of(database_url, Receipt) == 2


def test_receipts_issued_to_one_recipient_at_once_take_every_sequence_number_once(database_url: str) -> None:
    message_id = accepted_order(database_url)
    draft = ReceiptDraft(position=1, return_status="2", return_info="ok", return_time="20261125120000000", fields={})

    def issue_five() -> None:
        own_engine = make_engine(database_url)
        try:
            for _ in range(5):
                with unit_of_work(own_engine) as session:
                    receipts.issue(session, message_id, "CEB312", [draft], [PLATFORM])
        finally:
            own_engine.dispose()

    at_once(4, issue_five)
    engine = make_engine(database_url)
    with Session(engine) as session:
        sequences = session.exec(select(InboxItem.sequence).where(InboxItem.recipient_code == PLATFORM)).all()
    engine.dispose()
    assert sorted(sequences) == list(range(1, 21))
