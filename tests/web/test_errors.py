"""One error contract for every bad input: status, stable code, message, field errors; never a 500 for bad input."""

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from sqlalchemy import func
from sqlmodel import Session, select

from single_window.config import get_settings
from single_window.database import get_engine
from single_window.filings.models import Enterprise
from single_window.main import create_app
from tests.conftest import officer

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<enterprise><name>&lol3;</name></enterprise>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE enterprise [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<enterprise><name>&secret;</name></enterprise>"""


def post_xml(client: TestClient, body: bytes) -> tuple[int, str, etree._Element]:
    response = client.post("/api/v1/enterprises", content=body, headers={"Content-Type": "application/xml"})
    return response.status_code, response.headers["content-type"], etree.fromstring(response.content)


def enterprise_count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Enterprise)).one()


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"<enterprise><name>unclosed</enterprise>", 400, "xml_malformed"),
        (b"", 400, "xml_malformed"),
        (BILLION_LAUGHS, 400, "xml_dtd_forbidden"),
        (EXTERNAL_ENTITY, 400, "xml_dtd_forbidden"),
        (b"<a>" * 70 + b"</a>" * 70, 400, "xml_too_deep"),
    ],
)
def test_hostile_or_broken_xml_is_refused_in_xml_and_nothing_is_stored(
    client: TestClient, session: Session, body: bytes, status: int, code: str
) -> None:
    before = enterprise_count(session)
    answered_status, content_type, document = post_xml(client, body)
    assert (answered_status, document.findtext("error/code")) == (status, code)
    assert content_type.startswith("application/xml")
    assert enterprise_count(session) == before


def test_malformed_xml_errors_say_which_line(client: TestClient) -> None:
    _, _, document = post_xml(client, b"<enterprise>\n<name>x</name>\n<uscc>y</usc>\n</enterprise>")
    assert document.findtext("error/errors/error/line") == "3"


def test_an_external_entity_is_never_read(client: TestClient) -> None:
    response = client.post("/api/v1/enterprises", content=EXTERNAL_ENTITY, headers={"Content-Type": "application/xml"})
    assert "root:" not in response.text


def test_malformed_json_is_a_400_naming_the_line(client: TestClient) -> None:
    response = client.post("/api/v1/enterprises", content=b'{\n"name": }', headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "json_malformed"
    assert error["errors"][0]["line"] == 2


@pytest.mark.parametrize("body", [b"[1, 2]", b'"text"', b"null", b"42"])
def test_json_that_is_not_an_object_is_a_validation_error(client: TestClient, body: bytes) -> None:
    response = client.post("/api/v1/enterprises", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422


def test_a_body_over_the_limit_is_refused_before_it_is_parsed(client: TestClient) -> None:
    response = client.post(
        "/api/v1/enterprises", content=b"{" + b" " * (65 * 1024) + b"}", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_a_body_in_an_unsupported_media_type_is_a_415(client: TestClient) -> None:
    response = client.post("/api/v1/enterprises", content=b"name=x", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


def test_an_unknown_route_answers_with_the_same_contract(client: TestClient) -> None:
    response = client.get("/api/v1/nowhere")
    assert response.status_code == 404
    assert response.json() == {"error": {"status": 404, "code": "not_found", "message": "Not Found", "errors": []}}


def test_a_wrong_method_answers_with_the_same_contract(client: TestClient) -> None:
    response = client.delete("/api/v1/enterprises", headers=officer())
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_a_bad_query_parameter_is_a_validation_error_naming_it(client: TestClient) -> None:
    response = client.get("/api/v1/enterprises?limit=0", headers=officer())
    assert response.status_code == 422
    assert response.json()["error"]["errors"][0]["field"] == "query.limit"


def test_accept_xml_turns_a_json_request_error_into_xml(client: TestClient) -> None:
    response = client.get("/api/v1/whoami", headers={"Accept": "application/xml"})
    assert response.status_code == 401
    assert etree.fromstring(response.content).findtext("error/code") == "credential_missing"


def test_every_response_carries_a_request_id(client: TestClient) -> None:
    assert client.get("/healthz", headers={"X-Request-ID": "trace-123"}).headers["x-request-id"] == "trace-123"
    assert len(client.get("/healthz").headers["x-request-id"]) == 32


def test_a_failing_commit_is_a_500_and_not_a_success(client: TestClient, session: Session) -> None:
    from unittest.mock import patch

    from tests.factories import filing_payload

    with patch.object(session, "commit", side_effect=RuntimeError("disk full")):
        response = client.post("/api/v1/enterprises", json=filing_payload())
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    assert "api_key" not in response.text


@pytest.mark.parametrize("path", ["/api/v1/whoami", "/api/v1/messages"])
def test_a_database_that_cannot_be_reached_is_a_503_to_retry(monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    # Nothing listens on port 1: every connection is refused, as while PostgreSQL restarts.
    monkeypatch.setenv("SW_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:1/none")
    get_settings.cache_clear()
    get_engine.cache_clear()
    try:
        with TestClient(create_app(), raise_server_exceptions=False) as unreachable:
            headers = {
                "Authorization": "Bearer swk_a-key",
                "Content-Type": "application/xml",
                "Accept": "application/json",
            }
            if path.endswith("messages"):
                response = unreachable.post(path, content=b"<a/>", headers=headers)
            else:
                response = unreachable.get(path, headers=headers)
    finally:
        get_engine.cache_clear()
        get_settings.cache_clear()
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.json()["error"]["code"] == "service_unavailable"
