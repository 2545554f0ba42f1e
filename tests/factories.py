"""Factories with keyword defaults: each call gives codes no other call gives."""

import itertools
import random
from datetime import datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from single_window.config import Settings
from single_window.database import unit_of_work
from single_window.db_types import utc_now
from single_window.filings.uscc import check_character
from single_window.generator import ceb311_message, generate_import_sets
from single_window.messages import service
from single_window.messages.acknowledge import acknowledge
from single_window.messages.claims import Claim, claim_message
from single_window.messages.intake import parse_message
from single_window.messages.models import Message

_serials = itertools.count(1)


def valid_uscc(serial: int) -> str:
    first_17 = f"91330108MA{serial:07d}"
    return first_17 + check_character(first_17)


def filing_payload(**overrides: Any) -> dict[str, Any]:
    serial = next(_serials)
    payload: dict[str, Any] = {
        "name": f"测试跨境电商企业{serial}有限公司",
        "uscc": valid_uscc(serial),
        "customs_code": f"44019{serial:05d}",
        "roles": ["ebc"],
        "district": "5100",
        "dxp_id": f"DXPENT{serial:010d}",
    }
    payload.update(overrides)
    return payload


def bearer(api_key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_key}"}


def file_enterprise(client: TestClient, **overrides: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """File an enterprise through the API; returns its receipt and its auth headers."""
    response = client.post("/api/v1/enterprises", json=filing_payload(**overrides))
    assert response.status_code == 201, response.text
    receipt = response.json()
    return receipt, bearer(receipt["api_key"])


def message_row(**overrides: Any) -> Message:
    """An accepted CEB311 as intake stores it, for tests that write rows under it without going through intake."""
    values: dict[str, Any] = {
        "guid": f"4CDE1CFD-EDED-46B1-946C-{next(_serials):012d}",
        "message_type": "CEB311",
        "sender_code": "3301960001",
        "body_sha256": "0" * 64,
        "body": b"<x/>",
        "status": "accepted",
        "document_count": 1,
        "answer_status": 202,
        "answer": {},
    }
    values.update(overrides)
    return Message(**values)


def claimed(session: Session, message_id: int) -> Claim:
    """Claim the accepted message as the worker does before its work, in the session's own transaction."""
    claim = claim_message(session, message_id, utc_now())
    assert isinstance(claim, Claim), f"message {message_id} is not waiting"
    return claim


def acknowledged(session: Session, message_id: int) -> Claim:
    """Claim the accepted message and issue its acknowledgement receipts, as one attempt of the worker's."""
    claim = claimed(session, message_id)
    assert acknowledge(session, claim)
    return claim


def accept_orders(engine: Engine, count: int, *, orders_per_message: int = 1) -> list[int]:
    """Messages of the demo platform's orders received and committed, as intake does; the ids of every message."""
    settings = Settings(database_url=str(engine.url))
    sets = generate_import_sets(random.Random(3), count * orders_per_message, lines=2, start=datetime(2026, 11, 2, 9))
    for first in range(0, len(sets), orders_per_message):
        body = ceb311_message(sets[first : first + orders_per_message])
        with unit_of_work(engine) as session:
            answer = service.receive(session, parse_message(body, settings), sender_code="3301960001")
            assert answer.status_code == 202, answer.body
    with Session(engine) as session:
        return [id_ for id_ in session.exec(select(Message.id).order_by(col(Message.id))).all() if id_ is not None]
