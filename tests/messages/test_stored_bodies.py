"""Message bodies are stored as lz4 frames and read back whole; bodies stored plain before read as they were."""

from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from single_window.database import make_engine, unit_of_work
from single_window.db_types import LZ4_FRAME_MAGIC
from single_window.messages.models import Message
from single_window.migrate import alembic_config
from tests.factories import message_row
from tests.messages.test_intake_api import ORDER, send
from tests.samples import sender_of


def stored_body(session: Session, guid: str) -> bytes:
    return bytes(session.execute(text("SELECT body FROM messages WHERE guid = :guid"), {"guid": guid}).scalar_one())


def accepted_guid(session: Session) -> str:
    return session.exec(select(Message.guid)).one()


def test_an_accepted_body_is_stored_framed_and_smaller_and_reads_back_whole(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    body = ORDER.read_bytes()
    status, _ = send(client, body, demo_keys[sender_of(body)])
    assert status == 202
    guid = accepted_guid(session)
    stored = stored_body(session, guid)
    assert stored.startswith(LZ4_FRAME_MAGIC)
    assert len(stored) < len(body)
    session.expire_all()
    assert session.exec(select(Message.body).where(Message.guid == guid)).one() == body


def test_a_body_stored_plain_before_compression_reads_as_it_was(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    body = ORDER.read_bytes()
    send(client, body, demo_keys[sender_of(body)])
    guid = accepted_guid(session)
    session.execute(text("UPDATE messages SET body = :body WHERE guid = :guid"), {"body": body, "guid": guid})
    session.expire_all()
    assert session.exec(select(Message.body).where(Message.guid == guid)).one() == body


def test_the_downgrade_turns_frames_back_into_plain_bodies(empty_database_url: str) -> None:
    url = empty_database_url
    config = alembic_config(url)
    command.upgrade(config, "head")
    engine: Engine = make_engine(url)
    body = ORDER.read_bytes()
    with unit_of_work(engine) as session:
        session.add(message_row(guid="4CDE1CFD-EDED-46B1-946C-B8022E42FC94", body=body))
    command.downgrade(config, "0006")
    with unit_of_work(engine) as session:
        assert stored_body(session, "4CDE1CFD-EDED-46B1-946C-B8022E42FC94") == body
    engine.dispose()
