"""After intake the worker acknowledges: receipts 2 then 120, numbers for inventories, delivered to every recipient."""

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from sqlmodel import Session, select

from single_window.ceb.catalogue import by_code
from single_window.ceb.xsd import validate
from single_window.messages.acknowledge import acknowledge
from single_window.messages.claims import Claim
from single_window.messages.models import BusinessDocument, Message
from tests.conftest import officer
from tests.factories import acknowledged
from tests.samples import SAMPLES, sender_of

pytestmark = pytest.mark.usefixtures("room_for_large_messages")

ORDER = SAMPLES / "valid" / "CEB311-order.xml"
INVENTORY = SAMPLES / "valid" / "CEB621-inventory.xml"


def declare(client: TestClient, session: Session, demo_keys: dict[str, str], sample: Path) -> Message:
    body = sample.read_bytes()
    response = client.post(
        "/api/v1/messages",
        content=body,
        headers={"Content-Type": "application/xml", "Accept": "application/json", **auth(demo_keys, sender_of(body))},
    )
    assert response.status_code == 202, response.text
    message = session.exec(select(Message).where(Message.guid == response.json()["acknowledgement"]["guid"])).one()
    assert message.id is not None
    acknowledged(session, message.id)
    return message


def auth(demo_keys: dict[str, str], code: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {demo_keys[code]}"}


def receipts_json(client: TestClient, guid: str, headers: dict[str, str]) -> list[dict[str, Any]]:
    response = client.get(f"/api/v1/messages/{guid}", headers=headers)
    assert response.status_code == 200
    receipts: list[dict[str, Any]] = response.json()["receipts"]
    return receipts


def test_an_accepted_order_gets_2_then_120_in_the_real_wording(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    message = declare(client, session, demo_keys, ORDER)
    receipts = receipts_json(client, message.guid, auth(demo_keys, message.sender_code))
    head_guid = etree.fromstring(ORDER.read_bytes()).findtext(".//{*}OrderHead/{*}guid")
    assert [(r["return_status"], r["return_info"]) for r in receipts] == [
        ("2", f"新增申报成功[{head_guid}]"),
        ("120", "[Code:1800;Desc:逻辑校验通过]"),
    ]
    assert all(len(r["return_time"]) == 17 and r["return_time"].isdigit() for r in receipts)


def test_acknowledging_twice_issues_nothing_more(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    message = declare(client, session, demo_keys, ORDER)
    assert message.id is not None
    assert not acknowledge(session, Claim(message.id, attempt=1))  # the claim declare's acknowledgement counted
    assert len(receipts_json(client, message.guid, auth(demo_keys, message.sender_code))) == 2


def test_an_inventory_gets_a_pre_entry_number_then_an_inventory_number(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    message = declare(client, session, demo_keys, INVENTORY)
    declared, stored = receipts_json(client, message.guid, auth(demo_keys, message.sender_code))
    head = session.exec(select(BusinessDocument).where(BusinessDocument.message_id == message.id)).one().head
    assert declared["return_info"] == f"清单新增申报成功[电商企业编码：{head['ebcCode']}订单编号：{head['orderNo']}]"
    assert declared["fields"]["preNo"].startswith("B")
    assert len(declared["fields"]["preNo"]) == 18
    assert "invtNo" not in declared["fields"]
    invt_no = stored["fields"]["invtNo"]
    assert len(invt_no) == 18
    assert invt_no[8] == "I"
    document = session.exec(select(BusinessDocument).where(BusinessDocument.message_id == message.id)).one()
    assert document.head["invtNo"] == invt_no


@pytest.mark.parametrize("sample", [ORDER, INVENTORY], ids=lambda p: p.stem)
def test_receipts_as_xml_pass_the_receipt_schema(
    client: TestClient, session: Session, demo_keys: dict[str, str], sample: Path
) -> None:
    message = declare(client, session, demo_keys, sample)
    headers = {**auth(demo_keys, message.sender_code), "Accept": "application/xml"}
    document = etree.fromstring(client.get(f"/api/v1/messages/{message.guid}", headers=headers).content)
    receipt_type = by_code(f"CEB{int(message.message_type[3:]) + 1}")
    assert receipt_type is not None
    receipts = document.findall(f"receipts/{{*}}{receipt_type.root}")
    assert len(receipts) == 2
    for receipt in receipts:
        assert validate(receipt, receipt_type) == []


def test_a_subscriber_gets_the_data_and_the_receipts(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    # The sample order subscribes DXPENT0000000002 (the e-commerce enterprise) with status ALL.
    message = declare(client, session, demo_keys, ORDER)
    subscriber = auth(demo_keys, "3301960002")
    items = client.get("/api/v1/receipts", headers=subscriber).json()["items"]
    assert [item["kind"] for item in items] == ["data", "receipt", "receipt"]
    assert items[0]["data"].startswith("<?xml")
    assert client.get(f"/api/v1/messages/{message.guid}", headers=subscriber).status_code == 200


def test_an_unrelated_enterprise_sees_neither_the_message_nor_its_receipts(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    message = declare(client, session, demo_keys, ORDER)
    stranger = auth(demo_keys, "3301960006")
    assert client.get(f"/api/v1/messages/{message.guid}", headers=stranger).json()["error"]["code"] == (
        "message_not_found"
    )
    assert client.get("/api/v1/receipts", headers=stranger).json()["items"] == []


def test_the_queue_is_paged_by_cursor(client: TestClient, session: Session, demo_keys: dict[str, str]) -> None:
    message = declare(client, session, demo_keys, ORDER)
    headers = auth(demo_keys, message.sender_code)
    first = client.get("/api/v1/receipts?limit=1", headers=headers).json()
    second = client.get(f"/api/v1/receipts?after={first['next_cursor']}&limit=1", headers=headers).json()
    rest = client.get(f"/api/v1/receipts?after={second['next_cursor']}", headers=headers).json()
    statuses = [i["receipt"]["return_status"] for page in (first, second, rest) for i in page["items"]]
    assert statuses == ["2", "120"]
    assert rest["next_cursor"] == second["next_cursor"]


def test_the_queue_is_served_as_ceb_documents_in_xml(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    message = declare(client, session, demo_keys, ORDER)
    headers = {**auth(demo_keys, message.sender_code), "Accept": "application/xml"}
    queue = etree.fromstring(client.get("/api/v1/receipts", headers=headers).content)
    assert [etree.QName(item[0]).localname for item in queue] == ["CEB312Message", "CEB312Message"]
    assert queue.get("next_cursor") == queue[-1].get("cursor") == "2"


def test_a_statistician_sees_no_single_message_and_has_no_queue(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    message = declare(client, session, demo_keys, ORDER)
    issued = client.post("/api/v1/statistician-tokens", json={"label": "analyst"}, headers=officer())
    statistician = {"Authorization": f"Bearer {issued.json()['token']}"}
    assert client.get(f"/api/v1/messages/{message.guid}", headers=statistician).status_code == 404
    assert client.get("/api/v1/receipts", headers=statistician).status_code == 403


def test_an_officer_reads_any_message(client: TestClient, session: Session, demo_keys: dict[str, str]) -> None:
    message = declare(client, session, demo_keys, ORDER)
    assert client.get(f"/api/v1/messages/{message.guid}", headers=officer()).json()["message"]["status"] == (
        "acknowledged"
    )


def test_a_data_subscriber_may_read_the_message_it_was_given(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    message = declare(client, session, demo_keys, ORDER)
    assert client.get(f"/api/v1/messages/{message.guid}", headers=auth(demo_keys, "3301960002")).status_code == 200


def test_an_empty_app_status_takes_the_schema_default_and_is_only_stored(
    client: TestClient, session: Session, demo_keys: dict[str, str], tmp_path: Path
) -> None:
    # CEB303's XSD defaults appStatus to 1 (暂存): stored at the e-port, not declared to customs.
    body = (SAMPLES / "valid" / "CEB303-order.xml").read_bytes()
    stored_only = tmp_path / "CEB303-stored.xml"
    stored_only.write_bytes(body.replace(b"<ceb:appStatus>2</ceb:appStatus>", b"<ceb:appStatus/>"))
    assert stored_only.read_bytes() != body
    message = declare(client, session, demo_keys, stored_only)
    receipts = receipts_json(client, message.guid, auth(demo_keys, message.sender_code))
    assert [r["return_status"] for r in receipts] == ["1"]
