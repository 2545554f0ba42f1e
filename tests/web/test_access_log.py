"""Every response, a failure included, carries a request id, and every log line of the request names it."""

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from single_window.logs import JsonFormatter
from single_window.main import create_app


class Entries(logging.Handler):
    """Formats each record when it is emitted, while the request's context is still current."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.setFormatter(JsonFormatter())
        self.entries: list[dict[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.entries.append(json.loads(self.format(record)))

    def of(self, logger: str) -> list[dict[str, Any]]:
        return [entry for entry in self.entries if entry["logger"] == logger]


@pytest.fixture
def log() -> Iterator[Entries]:
    handler, root = Entries(), logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield handler
    root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture
def failing_client() -> TestClient:
    app = create_app()

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("boom")

    return TestClient(app, raise_server_exceptions=False)


def test_an_unhandled_error_is_a_500_that_carries_the_request_id(failing_client: TestClient) -> None:
    response = failing_client.get("/boom", headers={"X-Request-ID": "trace-500"})
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    assert response.headers["x-request-id"] == "trace-500"


def test_an_unhandled_error_gets_an_access_log_line(failing_client: TestClient, log: Entries) -> None:
    failing_client.get("/boom", headers={"X-Request-ID": "trace-500"})
    [access] = log.of("single_window.access")
    assert (access["path"], access["status"], access["request_id"]) == ("/boom", 500, "trace-500")


def test_the_error_log_line_names_the_request(failing_client: TestClient, log: Entries) -> None:
    failing_client.get("/boom", headers={"X-Request-ID": "trace-500"})
    [error] = log.of("single_window.errors")
    assert (error["level"], error["request_id"]) == ("ERROR", "trace-500")
    assert "RuntimeError: boom" in error["exception"]


def test_a_client_request_id_is_cut_to_64_characters(failing_client: TestClient) -> None:
    assert failing_client.get("/healthz", headers={"X-Request-ID": "r" * 100}).headers["x-request-id"] == "r" * 64
