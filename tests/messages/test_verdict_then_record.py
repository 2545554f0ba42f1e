"""Intake judges in one transaction and records in another: what changed in between is caught, never stored twice."""

import pytest
from lxml import etree
from sqlalchemy import Engine

from single_window.config import Settings
from single_window.database import unit_of_work
from single_window.errors import Conflict
from single_window.messages import service
from single_window.messages.intake import parse_message
from single_window.messages.models import BusinessDocument, Message
from tests.conftest import row_count
from tests.samples import SAMPLES

ORDER = (SAMPLES / "valid" / "CEB311-order.xml").read_bytes()
PLATFORM = "3301960001"


@pytest.fixture
def engine(seeded_database: Engine) -> Engine:
    return seeded_database


def with_guid(body: bytes, guid: str) -> bytes:
    root = etree.fromstring(body)
    root.set("guid", guid)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def judged(engine: Engine, body: bytes) -> service.Verdict:
    settings = Settings(database_url=str(engine.url))
    with unit_of_work(engine) as session:
        return service.judge(session, parse_message(body, settings), sender_code=PLATFORM)


def test_an_order_declared_between_the_verdict_and_the_record_is_a_conflict(engine: Engine) -> None:
    first = judged(engine, with_guid(ORDER, "A0000000-0000-0000-0000-000000000001"))
    second = judged(engine, with_guid(ORDER, "A0000000-0000-0000-0000-000000000002"))
    with unit_of_work(engine) as session:
        assert service.record(session, second).status_code == 202
    with pytest.raises(Conflict, match="send again"), unit_of_work(engine) as session:
        service.record(session, first)
    assert (row_count(engine, Message), row_count(engine, BusinessDocument)) == (1, 1)


def test_the_same_message_recorded_twice_keeps_the_first_answer(engine: Engine) -> None:
    verdict = judged(engine, ORDER)
    with unit_of_work(engine) as session:
        first = service.record(session, verdict)
    with unit_of_work(engine) as session:
        second = service.record(session, verdict)
    assert first == second
    assert (row_count(engine, Message), row_count(engine, BusinessDocument)) == (1, 1)
