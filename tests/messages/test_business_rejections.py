"""Business-invalid samples are rejected with the spec's code, and the rejection arrives as a negative receipt."""

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from sqlmodel import Session, select

from single_window.ceb.namespaces import CEB_NS
from single_window.messages.models import BusinessDocument
from tests.samples import samples, sender_of

pytestmark = pytest.mark.usefixtures("room_for_large_messages")


def expected_code(sample: Path) -> str:
    return sample.name.split(".")[-2]


def post(client: TestClient, body: bytes, key: str, accept: str = "application/json") -> tuple[int, bytes]:
    response = client.post(
        "/api/v1/messages",
        content=body,
        headers={"Content-Type": "application/xml", "Accept": accept, "Authorization": f"Bearer {key}"},
    )
    return response.status_code, response.content


@pytest.mark.parametrize("sample", samples("invalid-business"), ids=lambda p: p.stem)
def test_every_business_invalid_sample_is_rejected_with_its_code(
    client: TestClient, session: Session, demo_keys: dict[str, str], sample: Path
) -> None:
    body = sample.read_bytes()
    status, content = post(client, body, demo_keys[sender_of(body)])
    answer = json.loads(content)
    assert status == 422
    assert answer["error"]["code"] == "business_rejected"
    assert [error["code"] for error in answer["error"]["errors"]] == [expected_code(sample)]
    assert answer["acknowledgement"]["status"] == "rejected"
    assert session.exec(select(BusinessDocument)).first() is None


def test_a_rejection_is_a_negative_receipt_in_the_senders_queue(client: TestClient, demo_keys: dict[str, str]) -> None:
    sample = next(p for p in samples("invalid-business") if "total-price-wrong" in p.name)
    body = sample.read_bytes()
    key = demo_keys[sender_of(body)]
    post(client, body, key)
    items = client.get("/api/v1/receipts", headers={"Authorization": f"Bearer {key}"}).json()["items"]
    receipt = items[-1]["receipt"]
    assert receipt["receipt_type"] == "CEB312"
    assert receipt["return_status"] == expected_code(sample)
    assert "[Code:-900502;" in receipt["return_info"]
    assert "/OrderList" in receipt["return_info"]


def test_the_negative_receipt_is_served_as_a_ceb312_document(client: TestClient, demo_keys: dict[str, str]) -> None:
    sample = next(p for p in samples("invalid-business") if "duplicate-gnum.-301002" in p.name)
    body = sample.read_bytes()
    key = demo_keys[sender_of(body)]
    guid = etree.fromstring(body).get("guid")
    post(client, body, key)
    response = client.get(
        f"/api/v1/messages/{guid}", headers={"Authorization": f"Bearer {key}", "Accept": "application/xml"}
    )
    document = etree.fromstring(response.content)
    receipt = document.find(f"receipts/{{{CEB_NS}}}CEB312Message/{{{CEB_NS}}}OrderReturn")
    assert receipt is not None
    assert receipt.findtext(f"{{{CEB_NS}}}returnStatus") == "-301002"
    assert len(receipt.findtext(f"{{{CEB_NS}}}returnTime", "")) == 17


def test_a_rejected_message_replays_the_same_rejection(client: TestClient, demo_keys: dict[str, str]) -> None:
    sample = samples("invalid-business")[0]
    body = sample.read_bytes()
    key = demo_keys[sender_of(body)]
    assert post(client, body, key) == post(client, body, key)
