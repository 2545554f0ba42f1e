"""The worker drains accepted declarations from the database: every one acknowledged once, a broken one set aside."""

import random
from datetime import datetime
from functools import partial

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from single_window.config import Settings
from single_window.database import unit_of_work
from single_window.generator import ceb311_message, generate_import_sets
from single_window.messages import acknowledge as acknowledging
from single_window.messages import service
from single_window.messages.intake import parse_message
from single_window.messages.models import Message, MessageStatus
from single_window.receipts.models import Receipt

PLATFORM = "3301960001"


@pytest.fixture
def engine(seeded_database: Engine) -> Engine:
    """A database of the test's own: the drain commits once per message."""
    return seeded_database


def accept_orders(engine: Engine, count: int) -> list[int]:
    settings = Settings(database_url=str(engine.url))
    sets = generate_import_sets(random.Random(3), count, lines=2, start=datetime(2026, 11, 2, 9))
    for order in sets:
        with unit_of_work(engine) as session:
            answer = service.receive(session, parse_message(ceb311_message([order]), settings), sender_code=PLATFORM)
            assert answer.status_code == 202, answer.body
    with Session(engine) as session:
        return [id_ for id_ in session.exec(select(Message.id).order_by(col(Message.id))).all() if id_ is not None]


def statuses(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(session.exec(select(Message.status).order_by(col(Message.id))).all())


def receipt_count(engine: Engine, message_id: int) -> int:
    with Session(engine) as session:
        return len(session.exec(select(Receipt.id).where(Receipt.message_id == message_id)).all())


def test_every_accepted_declaration_is_acknowledged_once(engine: Engine) -> None:
    ids = accept_orders(engine, 3)
    assert acknowledging.acknowledge_accepted(partial(unit_of_work, engine)) == 3
    assert statuses(engine) == [MessageStatus.ACKNOWLEDGED] * 3
    assert [receipt_count(engine, message_id) for message_id in ids] == [2, 2, 2]
    assert acknowledging.acknowledge_accepted(partial(unit_of_work, engine)) == 0


def test_a_declaration_that_cannot_be_acknowledged_is_set_aside_and_the_rest_still_move(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = accept_orders(engine, 2)
    real_acknowledge = acknowledging.acknowledge

    def broken_for_the_first(session: Session, message_id: int) -> int:
        if message_id == first:
            raise ValueError("a bug in a later stage")
        return real_acknowledge(session, message_id)

    monkeypatch.setattr(acknowledging, "acknowledge", broken_for_the_first)
    assert acknowledging.acknowledge_accepted(partial(unit_of_work, engine)) == 1
    assert statuses(engine) == [MessageStatus.FAILED, MessageStatus.ACKNOWLEDGED]
    assert receipt_count(engine, first) == 0
    assert receipt_count(engine, second) == 2


def test_a_declaration_the_database_always_fails_on_is_set_aside_after_the_limit(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = accept_orders(engine, 2)
    real_acknowledge = acknowledging.acknowledge

    def timing_out_on_the_first(session: Session, message_id: int) -> int:
        if message_id == first:
            raise OperationalError("INSERT INTO receipts …", {}, Exception("canceling statement due to timeout"))
        return real_acknowledge(session, message_id)

    monkeypatch.setattr(acknowledging, "acknowledge", timing_out_on_the_first)
    for _ in range(acknowledging.MAX_DATABASE_FAILURES - 1):
        with pytest.raises(OperationalError):
            acknowledging.acknowledge_accepted(partial(unit_of_work, engine))
        assert statuses(engine) == [MessageStatus.ACCEPTED, MessageStatus.ACCEPTED]
    with pytest.raises(OperationalError):
        acknowledging.acknowledge_accepted(partial(unit_of_work, engine))
    assert acknowledging.acknowledge_accepted(partial(unit_of_work, engine)) == 1
    assert statuses(engine) == [MessageStatus.FAILED, MessageStatus.ACKNOWLEDGED]
    assert receipt_count(engine, second) == 2
