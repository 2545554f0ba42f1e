"""A real server on SQLite under mixed traffic: intake on the event loop never waits for a lock a route holds."""

import random
import threading
from collections import Counter
from datetime import datetime
from pathlib import Path

import httpx2 as httpx
import pytest

from single_window.database import make_engine, unit_of_work
from single_window.demo import seed_demo
from single_window.generator import ceb311_message, demo_enterprises, generate_import_sets
from single_window.migrate import upgrade
from tests.processes import free_port, running, service_environment, wait_for

pytestmark = pytest.mark.pipeline

MESSAGES = 200
CLIENTS = 4


def platform_key(database_url: str) -> str:
    upgrade(database_url)
    engine = make_engine(database_url)
    with unit_of_work(engine) as session:
        key = seed_demo(session)[demo_enterprises().platform.code]
    engine.dispose()
    return key


def test_messages_and_reads_at_once_all_answer_in_time_without_a_server_error(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'concurrent.db'}"
    headers = {"Authorization": f"Bearer {platform_key(database_url)}"}
    orders = generate_import_sets(random.Random(11), MESSAGES, lines=2, start=datetime(2026, 11, 2, 9))
    bodies = [ceb311_message([order]) for order in orders]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    statuses: Counter[tuple[str, int]] = Counter()
    # Counter's += reads, then writes: eight threads without a lock lose counts.
    counting = threading.Lock()
    sending = threading.Event()
    env = service_environment(SW_DATABASE_URL=database_url, SW_BROKER_DIR=str(tmp_path / "broker"))
    with running(["serve", "--port", str(port)], env, tmp_path), httpx.Client(base_url=base, timeout=20) as client:
        wait_for(lambda: _answers(client), seconds=60, what="the API", log=tmp_path / "process.log")

        def send(share: list[bytes]) -> None:
            for body in share:
                response = client.post(
                    "/api/v1/messages", content=body, headers={**headers, "Content-Type": "application/xml"}
                )
                with counting:
                    statuses["POST", response.status_code] += 1

        def read() -> None:
            # Sync routes: their sessions take SQLite's write lock and end in a teardown on the event loop.
            while sending.is_set():
                status = client.get("/api/v1/messages/unknown-guid", headers=headers).status_code
                with counting:
                    statuses["GET", status] += 1

        sending.set()
        readers = [threading.Thread(target=read) for _ in range(CLIENTS)]
        senders = [threading.Thread(target=send, args=(bodies[i::CLIENTS],)) for i in range(CLIENTS)]
        for thread in readers + senders:
            thread.start()
        for thread in senders:
            thread.join(timeout=60)
        sending.clear()
        for thread in readers:
            thread.join(timeout=30)
        assert not any(thread.is_alive() for thread in readers + senders), "requests hung"
    assert statuses["POST", 202] == MESSAGES, statuses
    assert statuses["GET", 404] > 0
    assert {status for _, status in statuses} <= {202, 404}, statuses


def _answers(client: httpx.Client) -> bool:
    try:
        return client.get("/healthz").status_code in (200, 503)
    except httpx.HTTPError:
        return False
