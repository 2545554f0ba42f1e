"""POST /api/v1/messages: every sample gets the verdict its name promises; hostile input never gets in."""

import json
import re
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from sqlalchemy import func
from sqlmodel import Session, select

from single_window.ceb.namespaces import CEB_NS
from single_window.messages.models import BusinessDocument, Message
from single_window.receipts.models import InboxItem, Receipt
from tests.conftest import officer
from tests.samples import SAMPLES, samples, sender_of

pytestmark = pytest.mark.usefixtures("room_for_large_messages")

XML = {"Content-Type": "application/xml"}
ORDER = SAMPLES / "valid" / "CEB311-order.xml"


def send(client: TestClient, body: bytes, api_key: str, *, accept: str = "application/json") -> tuple[int, bytes]:
    response = client.post(
        "/api/v1/messages", content=body, headers={**XML, "Accept": accept, "Authorization": f"Bearer {api_key}"}
    )
    return response.status_code, response.content


def stored_counts(session: Session) -> tuple[int, int, int, int]:
    return tuple(  # type: ignore[return-value]
        session.exec(select(func.count()).select_from(table)).one()
        for table in (Message, BusinessDocument, Receipt, InboxItem)
    )


VALID_DECLARATIONS = samples("valid")
NOT_DECLARATIONS = samples("customs-issued")


@pytest.mark.parametrize("sample", VALID_DECLARATIONS, ids=lambda p: p.stem)
def test_every_valid_declaration_sample_is_accepted_and_its_documents_stored_under_its_sender(
    client: TestClient, session: Session, demo_keys: dict[str, str], sample: Path
) -> None:
    body = sample.read_bytes()
    sender = sender_of(body)
    status, content = send(client, body, demo_keys[sender])
    assert status == 202, content
    acknowledgement = json.loads(content)["acknowledgement"]
    assert acknowledgement["status"] == "accepted"
    assert re.fullmatch(r"[0-9A-Za-z_-]{36}", acknowledgement["guid"])
    stored = session.exec(select(BusinessDocument)).all()
    assert len(stored) == acknowledgement["documents"] > 0
    assert {document.declarant_code for document in stored} == {sender}


@pytest.mark.parametrize("sample", NOT_DECLARATIONS, ids=lambda p: p.stem)
def test_receipts_and_customs_notices_cannot_be_sent_by_an_enterprise(
    client: TestClient, session: Session, demo_keys: dict[str, str], sample: Path
) -> None:
    before = stored_counts(session)
    status, content = send(client, sample.read_bytes(), demo_keys["3301960001"])
    assert status == 400
    assert b"not_a_declaration" in content
    assert stored_counts(session) == before


INVALID_MESSAGES = [p for p in samples("invalid-schema") if not p.name.startswith("DxpMsg")]
INVALID_ENVELOPES = [p for p in samples("invalid-schema") if p.name.startswith("DxpMsg")]


@pytest.mark.parametrize("sample", INVALID_ENVELOPES, ids=lambda p: p.stem)
def test_a_schema_invalid_envelope_is_a_transport_error_and_nothing_is_stored(
    client: TestClient, session: Session, demo_keys: dict[str, str], sample: Path
) -> None:
    before = stored_counts(session)
    status, content = send(client, sample.read_bytes(), demo_keys["3301960001"])
    assert (status, json.loads(content)["error"]["code"]) == (400, "dxp_invalid")
    assert stored_counts(session) == before


@pytest.mark.parametrize("sample", INVALID_MESSAGES, ids=lambda p: p.stem)
def test_every_schema_invalid_sample_gets_a_ceb900_and_nothing_is_stored(
    client: TestClient, session: Session, demo_keys: dict[str, str], sample: Path
) -> None:
    before = stored_counts(session)
    status, content = send(client, sample.read_bytes(), demo_keys["3301960001"], accept="application/xml")
    assert status == 400
    receipt = etree.fromstring(content)
    assert receipt.tag == f"{{{CEB_NS}}}CEB900Message"
    message_return = receipt.find(f"{{{CEB_NS}}}MessageReturn")
    assert message_return is not None
    assert int(message_return.findtext(f"{{{CEB_NS}}}returnStatus", "0")) < 0
    assert "line " in message_return.findtext(f"{{{CEB_NS}}}returnInfo", "")
    assert stored_counts(session) == before


def test_a_schema_error_in_json_names_line_path_and_rule(client: TestClient, demo_keys: dict[str, str]) -> None:
    sample = next(p for p in samples("invalid-schema") if "missing-orderNo" in p.name)
    status, content = send(client, sample.read_bytes(), demo_keys["3301960001"])
    body = json.loads(content)
    assert status == 400
    assert body["error"]["code"] == "schema_invalid"
    error = body["error"]["errors"][0]
    assert error["line"] > 1
    assert error["field"].startswith("/CEB311Message/Order")
    assert error["code"]
    assert body["receipt"]["receipt_type"] == "CEB900"
    assert body["receipt"]["returnStatus"].startswith("-")


def test_schema_errors_are_capped_at_25(client: TestClient, demo_keys: dict[str, str]) -> None:
    sample = next(p for p in samples("invalid-schema") if "101-orders" in p.name)
    body = sample.read_bytes()
    broken = re.sub(rb"<ceb:orderNo>[^<]*</ceb:orderNo>", b"", body)
    status, content = send(client, broken, demo_keys["3301960001"])
    assert status == 400
    assert len(json.loads(content)["error"]["errors"]) == 25


def test_the_same_guid_and_body_returns_the_original_answer(client: TestClient, demo_keys: dict[str, str]) -> None:
    body = ORDER.read_bytes()
    first = send(client, body, demo_keys[sender_of(body)])
    assert send(client, body, demo_keys[sender_of(body)]) == first


def test_the_same_guid_with_a_different_body_is_a_conflict(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    body = ORDER.read_bytes()
    send(client, body, demo_keys[sender_of(body)])
    before = stored_counts(session)
    changed = body.replace(b"<ceb:note>", b"<ceb:note>changed ", 1) if b"<ceb:note>" in body else body + b"\n"
    status, content = send(client, changed, demo_keys[sender_of(body)])
    assert status == 409
    assert b"guid_reused" in content
    assert stored_counts(session) == before


def with_new_guids(body: bytes) -> bytes:
    """The same message under a fresh message guid (the 36-character root attribute)."""
    return re.sub(rb'guid="[^"]{36}"', f'guid="{str(uuid.uuid4()).upper()}"'.encode(), body, count=1)


def test_an_order_number_already_declared_by_the_platform_gets_301010(
    client: TestClient, demo_keys: dict[str, str]
) -> None:
    body = ORDER.read_bytes()
    assert send(client, body, demo_keys[sender_of(body)])[0] == 202
    status, content = send(client, with_new_guids(body), demo_keys[sender_of(body)])
    assert status == 422
    assert [e["code"] for e in json.loads(content)["error"]["errors"]] == ["-301010"]


def test_a_party_may_be_named_by_its_credit_code_instead_of_its_customs_code(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    from single_window.filings.models import Enterprise

    body = ORDER.read_bytes()
    ebc = session.exec(select(Enterprise).where(Enterprise.customs_code == "3301960002")).one()
    named_by_uscc = body.replace(
        b"<ceb:ebcCode>3301960002</ceb:ebcCode>", f"<ceb:ebcCode>{ebc.uscc}</ceb:ebcCode>".encode()
    )
    assert named_by_uscc != body
    status, content = send(client, named_by_uscc, demo_keys[sender_of(body)])
    assert status == 202, content


@pytest.mark.parametrize("status", ["suspended", "revoked"])
def test_a_suspended_or_revoked_enterprise_cannot_send_a_message_and_nothing_is_stored(
    client: TestClient, session: Session, demo_keys: dict[str, str], status: str
) -> None:
    changed = client.put(
        "/api/v1/enterprises/3301960001/status", json={"status": status, "reason": "风险布控"}, headers=officer()
    )
    assert changed.status_code == 200
    before = stored_counts(session)
    response_status, content = send(client, ORDER.read_bytes(), demo_keys["3301960001"])
    assert response_status == 403
    assert json.loads(content)["error"]["code"] == f"enterprise_{status}"
    assert stored_counts(session) == before
