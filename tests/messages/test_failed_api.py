"""Officers list the messages the worker set aside and send them back to the queue; nobody else may."""

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from sqlmodel import Session

from single_window import queue
from single_window.messages.models import Message, MessageStatus
from single_window.messages.service import ACKNOWLEDGE_TASK
from tests.conftest import officer
from tests.factories import bearer, message_row

FAILED_AT = datetime(2026, 12, 9, 2, 30, tzinfo=UTC)
REASON = "KeyError: 'orderNo'"


def set_aside(session: Session, **values: object) -> Message:
    message = message_row(status=MessageStatus.FAILED, attempts=2, failure_reason=REASON, failed_at=FAILED_AT, **values)
    session.add(message)
    session.commit()
    return message


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The task names sent to the broker."""
    names: list[str] = []
    monkeypatch.setattr(queue, "_send", lambda task_name, **options: names.append(task_name))
    monkeypatch.setattr(queue, "_coalescers", {})
    return names


def test_an_officer_lists_the_failed_messages_oldest_first_with_why_and_how_often_they_failed(
    client: TestClient, session: Session
) -> None:
    first, second = set_aside(session), set_aside(session, sender_code="3301960002", message_type="CEB411")
    session.add(message_row())  # accepted: not listed
    session.commit()
    response = client.get("/api/v1/messages/failed", headers=officer())
    assert response.status_code == 200
    page = response.json()
    assert (page["total"], page["offset"], page["limit"]) == (2, 0, 100)
    assert [item["guid"] for item in page["items"]] == [first.guid, second.guid]
    assert page["items"][1] == {
        "guid": second.guid,
        "message_type": "CEB411",
        "sender_code": "3301960002",
        "status": "failed",
        "documents": 1,
        "attempts": 2,
        "reason": REASON,
        "received_at": second.received_at.isoformat().replace("+00:00", "Z"),
        "failed_at": "2026-12-09T02:30:00Z",
    }


def test_the_failed_messages_come_in_pages(client: TestClient, session: Session) -> None:
    guids = [set_aside(session).guid for _ in range(3)]
    page = client.get("/api/v1/messages/failed?offset=1&limit=1", headers=officer()).json()
    assert (page["total"], [item["guid"] for item in page["items"]]) == (3, guids[1:2])


def test_the_failed_messages_in_xml(client: TestClient, session: Session) -> None:
    message = set_aside(session)
    response = client.get("/api/v1/messages/failed", headers={**officer(), "Accept": "application/xml"})
    assert response.headers["content-type"].startswith("application/xml")
    root = etree.fromstring(response.content)
    assert root.tag == "failedMessages"
    assert root.findtext("items/item/guid") == message.guid
    assert root.findtext("items/item/reason") == REASON


def test_an_officer_sends_a_failed_message_back_and_the_worker_is_woken_once_it_is_committed(
    client: TestClient, session: Session, sent: list[str]
) -> None:
    message = set_aside(session)
    response = client.post(f"/api/v1/messages/{message.guid}/requeue", headers=officer())
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["attempts"], body["failed_at"], body["reason"]) == ("accepted", 0, None, REASON)
    session.refresh(message)
    assert (message.status, message.attempts, message.failed_at) == (MessageStatus.ACCEPTED, 0, None)
    assert sent == [ACKNOWLEDGE_TASK]


def test_a_message_that_is_not_failed_is_not_sent_back(client: TestClient, session: Session, sent: list[str]) -> None:
    message = message_row(status=MessageStatus.ACKNOWLEDGED)
    session.add(message)
    session.commit()
    response = client.post(f"/api/v1/messages/{message.guid}/requeue", headers=officer())
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "message_not_failed"
    assert "acknowledged" in response.json()["error"]["message"]
    assert sent == []


def test_sending_back_a_message_nobody_sent_is_404(client: TestClient) -> None:
    response = client.post("/api/v1/messages/5C5C5C5C-0000-4000-8000-000000000000/requeue", headers=officer())
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "message_not_found"


def test_a_guid_two_senders_failed_with_is_sent_back_only_when_the_sender_is_named(
    client: TestClient, session: Session
) -> None:
    mine = set_aside(session)
    theirs = set_aside(session, guid=mine.guid, sender_code="3301960002")
    ambiguous = client.post(f"/api/v1/messages/{mine.guid}/requeue", headers=officer())
    assert (ambiguous.status_code, ambiguous.json()["error"]["code"]) == (409, "message_ambiguous")
    named = client.post(f"/api/v1/messages/{mine.guid}/requeue?sender_code=3301960002", headers=officer())
    assert named.status_code == 200
    assert named.json()["sender_code"] == "3301960002"
    session.refresh(mine)
    session.refresh(theirs)
    assert (mine.status, theirs.status) == (MessageStatus.FAILED, MessageStatus.ACCEPTED)


def test_an_enterprise_may_neither_list_nor_send_back_failed_messages_whatever_it_sends(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    message = set_aside(session, sender_code="3301960001")
    own = bearer(demo_keys["3301960001"])
    listing = client.get("/api/v1/messages/failed", headers=own)
    requeue = client.post(
        f"/api/v1/messages/{message.guid}/requeue",
        content=b"<not-even-xml",
        headers={**own, "Content-Type": "application/xml"},
    )
    assert (listing.status_code, listing.json()["error"]["code"]) == (403, "officer_only")
    assert requeue.status_code == 403
    assert etree.fromstring(requeue.content).findtext("error/code") == "officer_only"  # XML sent, XML answered
    session.refresh(message)
    assert message.status == MessageStatus.FAILED


def test_without_a_credential_nobody_lists_failed_messages(client: TestClient) -> None:
    assert client.get("/api/v1/messages/failed").status_code == 401
