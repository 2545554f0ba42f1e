"""Each document of a message gets its own verdict: the sound ones go through, the others get negative receipts."""

import random
from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from sqlmodel import Session, col, select

from single_window.ceb.namespaces import CEB_NS
from single_window.generator import ceb311_message, generate_import_sets
from single_window.messages.models import BusinessDocument, Message
from single_window.receipts.models import Receipt
from tests.factories import acknowledged

pytestmark = pytest.mark.usefixtures("room_for_large_messages")

PLATFORM = "3301960001"
NS = {"ceb": CEB_NS}


def orders(count: int, seed: int = 5) -> etree._Element:
    sets = generate_import_sets(random.Random(seed), count, lines=2, start=datetime(2026, 11, 2, 9))
    return etree.fromstring(ceb311_message(sets))


def break_total_price(root: etree._Element, position: int) -> None:
    total = root.find(f"ceb:Order[{position}]/ceb:OrderList[1]/ceb:totalPrice", NS)
    assert total is not None
    total.text = "999999.99"


def send(client: TestClient, demo_keys: dict[str, str], root: etree._Element) -> tuple[int, dict[str, Any]]:
    response = client.post(
        "/api/v1/messages",
        content=etree.tostring(root, xml_declaration=True, encoding="UTF-8"),
        headers={"Content-Type": "application/xml", "Accept": "application/json", "Authorization": auth(demo_keys)},
    )
    return response.status_code, response.json()


def auth(demo_keys: dict[str, str]) -> str:
    return f"Bearer {demo_keys[PLATFORM]}"


def stored_positions(session: Session) -> list[int]:
    return list(session.exec(select(BusinessDocument.position).order_by(col(BusinessDocument.position))).all())


def receipt_statuses(session: Session) -> list[tuple[int, str]]:
    rows = session.exec(select(Receipt.position, Receipt.return_status).order_by(col(Receipt.id))).all()
    return [(position, status) for position, status in rows]


def test_one_bad_order_of_three_is_rejected_and_the_other_two_go_through(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    root = orders(3)
    break_total_price(root, 2)
    status, answer = send(client, demo_keys, root)
    assert status == 202
    assert (answer["acknowledgement"]["status"], answer["acknowledgement"]["accepted"]) == ("accepted", 2)
    assert answer["acknowledgement"]["rejected"] == 1
    assert [(e["code"], e["field"].split("/")[2]) for e in answer["rejections"]["errors"]] == [("-900502", "Order[2]")]
    assert stored_positions(session) == [1, 3]
    assert receipt_statuses(session) == [(2, "-900502")]
    message = session.exec(select(Message)).one()
    assert message.id is not None
    acknowledged(session, message.id)
    assert receipt_statuses(session) == [(2, "-900502"), (1, "2"), (1, "120"), (3, "2"), (3, "120")]


def test_a_breach_of_the_whole_message_rejects_every_document(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    root = orders(3)
    cop_code = root.find("ceb:BaseTransfer/ceb:copCode", NS)
    assert cop_code is not None
    cop_code.text = "3301960002"
    status, answer = send(client, demo_keys, root)
    assert status == 422
    assert (answer["acknowledgement"]["status"], answer["acknowledgement"]["rejected"]) == ("rejected", 3)
    assert stored_positions(session) == []
    assert sorted(position for position, _ in receipt_statuses(session)) == [1, 2, 3]


def test_an_order_already_declared_is_rejected_alone(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    first = orders(1, seed=9)
    assert send(client, demo_keys, first)[0] == 202
    again = orders(2, seed=9)  # the same first order, and a new second one
    again.set("guid", "B0000000-0000-0000-0000-000000000002")
    status, answer = send(client, demo_keys, again)
    assert status == 202
    assert [error["code"] for error in answer["rejections"]["errors"]] == ["-301010"]
    assert answer["acknowledgement"]["accepted"] == 1


def test_beyond_25_reported_breaches_every_bad_document_is_still_rejected(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    root = orders(30)
    for position in range(1, 28):
        break_total_price(root, position)
    status, answer = send(client, demo_keys, root)
    assert status == 202
    assert len(answer["rejections"]["errors"]) == 25
    assert (answer["acknowledgement"]["accepted"], answer["acknowledgement"]["rejected"]) == (3, 27)
    assert stored_positions(session) == [28, 29, 30]
