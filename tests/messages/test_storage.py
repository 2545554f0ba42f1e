"""Intake's hand-made document insert writes every column the table has, as the ORM reads them back."""

import re

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from single_window.messages.models import BusinessDocument
from single_window.messages.storage import _DOCUMENT_COLUMNS, DOCUMENTS, NewDocument, insert_documents
from tests.factories import message_row


def stored_message(session: Session) -> int:
    message = message_row()
    session.add(message)
    session.flush()
    assert message.id is not None
    return message.id


def test_the_document_insert_names_every_column_but_the_id() -> None:
    assert sorted(_DOCUMENT_COLUMNS) == sorted(column.name for column in DOCUMENTS.c if column.name != "id")


def test_inserted_documents_read_back_through_the_orm(session: Session) -> None:
    message_id = stored_message(session)
    head = {"orderNo": "订单-1", "note": 'a "quoted" \\ value'}
    lines = [{"gnum": "1", "itemName": "奶粉"}]
    insert_documents(
        session, message_id, "CEB311", "3301960001", [NewDocument(0, "key-1", 2, "guid-1", "2", head, lines)]
    )
    stored = session.exec(select(BusinessDocument)).one()
    assert (stored.message_id, stored.message_type, stored.position, stored.business_key, stored.version) == (
        message_id,
        "CEB311",
        0,
        "key-1",
        2,
    )
    assert (stored.head_guid, stored.declarant_code, stored.app_type, stored.status) == (
        "guid-1",
        "3301960001",
        "2",
        "declared",
    )
    assert (stored.head, stored.lines) == (head, lines)


def test_the_documents_timestamp_is_stored_as_the_orm_stores_the_messages(session: Session) -> None:
    message_id = stored_message(session)
    insert_documents(session, message_id, "CEB311", "3301960001", [NewDocument(0, "key-2", 1, "guid-2", "1", {}, [])])
    created_at, received_at = session.execute(
        text("SELECT d.created_at, m.received_at FROM business_documents d JOIN messages m ON m.id = d.message_id")
    ).one()
    if not isinstance(received_at, str):
        pytest.skip("PostgreSQL keeps timestamps typed; only SQLite stores them as text of a shape")
    # The same shape, or comparisons between the two go wrong.
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", received_at)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", created_at)
