"""Receipts pushed to an enterprise's callback URL: in batches behind a cursor, retried with back-off, set aside for an
officer after the last attempt, to an address checked when connecting; the pull queue keeps everything meanwhile."""

import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from single_window.db_types import utc_now
from single_window.filings.models import Enterprise
from single_window.inbox.callback_http import post_items
from single_window.inbox.models import CallbackDelivery
from single_window.inbox.push import MAX_PUSH_ATTEMPTS, push_due
from single_window.messages.acknowledge import acknowledge_accepted
from tests.clearance.flows import POLICY, same_session
from tests.conftest import officer
from tests.factories import bearer
from tests.samples import SAMPLES

PLATFORM = "3301960001"


class Receiver:
    """A callback receiver on this machine: what it was sent, and the status it answers with."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append({"host": self.headers["Host"], **json.loads(body)})
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *_: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://localhost:{self.server.server_address[1]}/receipts"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver()
    yield running
    running.server.shutdown()
    running.server.server_close()


@pytest.fixture
def platform_with_callback(session: Session, demo_keys: dict[str, str], receiver: Receiver) -> str:
    enterprise = session.exec(select(Enterprise).where(Enterprise.customs_code == PLATFORM)).one()
    enterprise.callback_url = receiver.url
    session.add(enterprise)
    session.commit()
    return demo_keys[PLATFORM]


def acknowledged_order(client: TestClient, session: Session, key: str) -> None:
    body = (SAMPLES / "valid" / "CEB311-order.xml").read_bytes()
    response = client.post("/api/v1/messages", content=body, headers={"Content-Type": "application/xml", **bearer(key)})
    assert response.status_code == 202, response.text
    acknowledge_accepted(partial(same_session, session), POLICY)


def push(session: Session, *, after: timedelta = timedelta(0)) -> dict[str, int]:
    post = partial(post_items, allow_private=True)
    return dict(push_due(partial(same_session, session), post, utc_now() + after))


def test_the_queue_is_pushed_to_the_callback_url_as_the_pull_api_shows_it(
    client: TestClient, session: Session, platform_with_callback: str, receiver: Receiver
) -> None:
    acknowledged_order(client, session, platform_with_callback)
    assert push(session) == {"delivered": 1}
    (batch,) = receiver.received
    pulled = client.get("/api/v1/receipts", headers=bearer(platform_with_callback)).json()
    assert batch["items"] == pulled["items"]
    assert batch["next_cursor"] == pulled["next_cursor"]
    assert batch["host"] == receiver.url.split("/")[2]
    assert push(session) == {}, "nothing new: nothing pushed again"


def test_a_receiver_that_is_down_is_retried_with_back_off_then_set_aside_until_an_officer_retries(
    client: TestClient, session: Session, platform_with_callback: str, receiver: Receiver
) -> None:
    acknowledged_order(client, session, platform_with_callback)
    receiver.status = 503
    assert push(session) == {"retrying": 1}
    assert push(session) == {}, "waiting out its back-off"
    waited = timedelta(0)
    for attempt in range(2, MAX_PUSH_ATTEMPTS + 1):
        waited += timedelta(hours=1)
        assert push(session, after=waited) == {"retrying" if attempt < MAX_PUSH_ATTEMPTS else "failed": 1}
    delivery = session.get(CallbackDelivery, PLATFORM)
    assert delivery is not None
    assert (delivery.status, delivery.pushed_through, delivery.last_error) == ("failed", 0, "the receiver answered 503")
    listed = client.get("/api/v1/receipts/pushes/failed", headers=officer()).json()
    assert [item["recipient_code"] for item in listed["items"]] == [PLATFORM]
    assert len(client.get("/api/v1/receipts", headers=bearer(platform_with_callback)).json()["items"]) == 2
    receiver.status = 200
    assert client.post(f"/api/v1/receipts/pushes/{PLATFORM}/retry", headers=officer()).json()["status"] == "active"
    assert push(session, after=waited) == {"delivered": 1}
    again = client.post(f"/api/v1/receipts/pushes/{PLATFORM}/retry", headers=officer())
    assert (again.status_code, again.json()["error"]["code"]) == (409, "push_not_failed")


def test_a_host_that_resolves_to_a_metadata_address_at_push_time_is_not_connected_to() -> None:
    result = post_items(
        "https://receipts.example.com/in",
        {"items": []},
        allow_private=True,
        resolve=lambda host, port: ["169.254.169.254"],
    )
    assert not result.delivered
    assert result.problem is not None
    assert result.problem.startswith("receipts.example.com resolves to 169.254.169.254")


def test_this_machine_is_no_receiver_unless_private_callbacks_are_allowed(receiver: Receiver) -> None:
    result = post_items(receiver.url, {"items": []}, allow_private=False)
    assert not result.delivered
    assert result.problem is not None
    assert "loopback" in result.problem
    assert receiver.received == []
