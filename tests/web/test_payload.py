"""Hostile JSON bodies are a 400 json_malformed on every route that reads one, never a 500."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, select

from single_window.filings.models import Enterprise, FilingChange
from tests.conftest import officer
from tests.factories import bearer

PLATFORM = "3301960001"

HOSTILE_BODIES = {
    "arrays nested 30,000 deep": b"[" * 30_000 + b"]" * 30_000,
    "objects nested 10,000 deep": b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
    "an integer of 5,000 digits": b'{"name": ' + b"7" * 5_000 + b"}",
    "a negative integer of 4,301 digits": b'{"name": -' + b"7" * 4_301 + b"}",
    "NaN": b'{"name": NaN}',
    "Infinity": b'{"name": Infinity}',
    "-Infinity": b'{"reason": -Infinity}',
    "a number beyond a double": b'{"name": 1e999}',
    "a negative number beyond a double": b'{"label": -1.5e400}',
}


ROUTES = [
    "file an enterprise",
    "amend a filing",
    "change a status",
    "set a credit rating",
    "issue a statistician token",
]


def routes(demo_keys: dict[str, str]) -> dict[str, tuple[str, str, dict[str, str]]]:
    """Each route that reads a JSON body, with a caller it lets through: the filing route lets anyone through."""
    return {
        "file an enterprise": ("POST", "/api/v1/enterprises", {}),
        "amend a filing": ("PATCH", f"/api/v1/enterprises/{PLATFORM}", bearer(demo_keys[PLATFORM])),
        "change a status": ("PUT", f"/api/v1/enterprises/{PLATFORM}/status", officer()),
        "set a credit rating": ("PUT", f"/api/v1/enterprises/{PLATFORM}/credit-rating", officer()),
        "issue a statistician token": ("POST", "/api/v1/statistician-tokens", officer()),
    }


def changes_recorded(session: Session) -> tuple[int, int]:
    return (
        session.exec(select(func.count()).select_from(Enterprise)).one(),
        session.exec(select(func.count()).select_from(FilingChange)).one(),
    )


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("hostile", list(HOSTILE_BODIES))
def test_hostile_json_is_a_400_json_malformed_and_changes_nothing(
    client: TestClient, session: Session, demo_keys: dict[str, str], route: str, hostile: str
) -> None:
    method, path, headers = routes(demo_keys)[route]
    before = changes_recorded(session)
    response = client.request(
        method, path, content=HOSTILE_BODIES[hostile], headers={**headers, "Content-Type": "application/json"}
    )
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert (error["code"], [(e["field"], e["code"]) for e in error["errors"]]) == (
        "json_malformed",
        [("/", "json_malformed")],
    )
    assert changes_recorded(session) == before


@pytest.mark.parametrize(
    ("hostile", "said"),
    [
        ("arrays nested 30,000 deep", "nest deeper than this server reads"),
        ("an integer of 5,000 digits", "a number has 5000 digits; at most 4300 are read"),
        ("NaN", "NaN is not a JSON value"),
        ("a number beyond a double", "beyond the range of a double"),
    ],
)
def test_the_refusal_says_what_was_wrong_with_the_json(client: TestClient, hostile: str, said: str) -> None:
    response = client.post(
        "/api/v1/enterprises", content=HOSTILE_BODIES[hostile], headers={"Content-Type": "application/json"}
    )
    assert said in response.json()["error"]["errors"][0]["message"]


def test_an_xml_client_sending_hostile_json_is_refused_in_xml(client: TestClient) -> None:
    response = client.post(
        "/api/v1/enterprises",
        content=HOSTILE_BODIES["objects nested 10,000 deep"],
        headers={"Content-Type": "application/json", "Accept": "application/xml"},
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/xml")
    assert b"<code>json_malformed</code>" in response.content
