"""/healthz tells whether the database and the broker answer."""

from pathlib import Path

from fastapi.testclient import TestClient
from lxml import etree

from single_window.config import Settings


def test_health_is_ok_when_database_and_embedded_broker_answer(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}


def test_health_is_ok_with_redis_as_the_broker(client: TestClient, settings: Settings) -> None:
    settings.broker_url = "redis://127.0.0.1:6379/15"
    assert client.get("/healthz").json()["checks"]["broker"] == "ok"


def test_health_is_503_when_the_broker_does_not_answer(client: TestClient, settings: Settings) -> None:
    settings.broker_url = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "ok", "broker": "down"}}


def test_health_needs_no_credentials_and_says_nothing_private(client: TestClient, tmp_path: Path) -> None:
    response = client.get("/healthz")
    assert "postgres" not in response.text
    assert str(tmp_path) not in response.text


def test_health_answers_in_xml_to_a_client_that_accepts_xml(client: TestClient) -> None:
    response = client.get("/healthz", headers={"Accept": "application/xml"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    document = etree.fromstring(response.content)
    assert (document.tag, document.findtext("status"), document.findtext("checks/database")) == ("health", "ok", "ok")


def test_an_unhealthy_answer_is_in_xml_too(client: TestClient, settings: Settings) -> None:
    settings.broker_url = "redis://127.0.0.1:1/0"
    response = client.get("/healthz", headers={"Accept": "application/xml"})
    assert response.status_code == 503
    document = etree.fromstring(response.content)
    assert (document.findtext("status"), document.findtext("checks/broker")) == ("unavailable", "down")
