"""Malformed, hostile and misaddressed messages each get a clear 4xx, never a 500, and nothing is stored."""

import base64

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, select

from single_window.config import Settings
from single_window.messages.models import Message
from single_window.receipts.models import InboxItem, Receipt
from tests.conftest import OFFICER_TOKEN, officer
from tests.samples import SAMPLES

pytestmark = pytest.mark.usefixtures("room_for_large_messages")

ORDER = (SAMPLES / "valid" / "CEB311-order.xml").read_bytes()
ENVELOPE = (SAMPLES / "valid" / "DxpMsg-CEB311-order.xml").read_bytes()

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol9 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<ceb:CEB311Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" guid="&lol9;" version="1.0"/>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<ceb:CEB311Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" guid="x" version="1.0">&x;</ceb:CEB311Message>"""


def envelope_with_data(data: bytes) -> bytes:
    """The sample envelope with its Data content replaced."""
    head, _, rest = ENVELOPE.partition(b"Data>")
    return head + b"Data>" + data + rest[rest.index(b"</") :]


def stored(session: Session) -> int:
    return sum(session.exec(select(func.count()).select_from(t)).one() for t in (Message, Receipt, InboxItem))


def send(client: TestClient, body: bytes, key: str, content_type: str = "application/xml") -> tuple[int, str]:
    response = client.post(
        "/api/v1/messages",
        content=body,
        headers={"Content-Type": content_type, "Accept": "application/json", "Authorization": f"Bearer {key}"},
    )
    return response.status_code, response.json()["error"]["code"]


CASES = {
    "malformed": (ORDER[: len(ORDER) // 2] + b"<<>", 400, "xml_malformed"),
    "billion-laughs": (BILLION_LAUGHS, 400, "xml_dtd_forbidden"),
    "external-entity": (EXTERNAL_ENTITY, 400, "xml_dtd_forbidden"),
    "wrong-namespace": (
        ORDER.replace(b"http://www.chinaport.gov.cn/ceb", b"http://example.com/ceb"),
        400,
        "wrong_namespace",
    ),
    "unknown-root": (
        b'<ceb:CEB999Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" guid="x" version="1.0"/>',
        400,
        "unknown_message_type",
    ),
    "truncated-envelope": (ENVELOPE[: len(ENVELOPE) - 40], 400, "xml_malformed"),
    "envelope-data-cut": (envelope_with_data(base64.b64encode(ORDER)[:-7]), 400, "dxp_data_not_base64"),
    "empty": (b"", 400, "xml_malformed"),
}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_input_is_refused_with_a_clear_code_and_nothing_is_stored(
    client: TestClient, session: Session, demo_keys: dict[str, str], case: str
) -> None:
    body, status, code = CASES[case]
    before = stored(session)
    assert send(client, body, demo_keys["3301960001"]) == (status, code)
    assert stored(session) == before


def test_a_50_mb_body_is_refused_before_it_is_read(
    client: TestClient, session: Session, settings: Settings, demo_keys: dict[str, str]
) -> None:
    body = ORDER + b" " * (50 * 1024 * 1024)
    assert send(client, body, demo_keys["3301960001"]) == (413, "payload_too_large")
    assert stored(session) == 0


def test_json_is_not_a_ceb_message(client: TestClient, demo_keys: dict[str, str]) -> None:
    assert send(client, b"{}", demo_keys["3301960001"], "application/json") == (415, "unsupported_media_type")


@pytest.mark.parametrize(
    ("body", "content_type"),
    [(ORDER + b" " * (11 * 1024 * 1024), "application/xml"), (b"{}", "application/json")],
    ids=["too-large", "json"],
)
def test_a_wrong_key_is_told_so_before_the_body_is_judged(client: TestClient, body: bytes, content_type: str) -> None:
    assert send(client, body, "not-a-key", content_type) == (401, "credential_invalid")


def test_a_statistician_or_officer_cannot_send_messages(client: TestClient, demo_keys: dict[str, str]) -> None:
    issued = client.post("/api/v1/statistician-tokens", json={"label": "analyst"}, headers=officer())
    assert send(client, ORDER, issued.json()["token"]) == (403, "aggregates_only")
    assert send(client, ORDER, OFFICER_TOKEN) == (403, "enterprise_only")


def test_without_credentials_nothing_is_parsed(client: TestClient) -> None:
    response = client.post("/api/v1/messages", content=BILLION_LAUGHS, headers={"Content-Type": "application/xml"})
    assert response.status_code == 401
