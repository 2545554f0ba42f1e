"""A filing's free text (the name, the reasons of officer decisions) holds only what a reader sees, on filing and on
every change: two names that look the same are the same name."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from sqlalchemy import func
from sqlmodel import Session, select

from single_window.filings.models import Enterprise, FilingChange
from tests.conftest import officer
from tests.factories import file_enterprise, filing_payload

INVISIBLE = {
    "a right-to-left override": "杭州\u202e司公限有",
    "a left-to-right isolate": "杭州\u2066云仓\u2069有限公司",
    "a right-to-left mark": "杭州云仓\u200f有限公司",
    "a zero-width space": "杭州云仓\u200b有限公司",
    "a zero-width joiner": "杭州\u200d云仓有限公司",
    "a word joiner": "杭州云仓有限公司\u2060",
    "a byte order mark": "\ufeff杭州云仓有限公司",
    "a soft hyphen": "Cloud\u00adware Ltd",
    "a C1 next line": "\x85杭州云仓有限公司",
    "a C1 control sequence introducer": "杭州\x9b云仓有限公司",
    "a C0 control": "杭州\x01云仓有限公司",
    "delete": "杭州\x7f云仓有限公司",
    "a line separator": "杭州\u2028云仓有限公司",
    "a Hangul filler": "杭州\u3164云仓有限公司",
    "a combining grapheme joiner": "杭州云\u034f仓有限公司",
    "a braille pattern blank": "杭州云仓有限公司\u2800",
}
BLANK = {
    "spaces": "   ",
    "ideographic spaces": "\u3000\u3000",
    "no-break spaces": "\u00a0\u00a0",
    "a tab and a line feed": "\t\n ",
}
NOT_XML = {"U+FFFE": "杭州\ufffe云仓", "U+FFFF": "杭州云仓\uffff"}
REFUSED = (
    [(text, "text_invisible_character") for text in INVISIBLE.values()]
    + [(text, "text_blank") for text in BLANK.values()]
    + [(text, "text_not_xml_character") for text in NOT_XML.values()]
)
REFUSED_IDS = [*INVISIBLE, *BLANK, *NOT_XML]


def refusals(response_body: dict[str, Any]) -> list[tuple[str, str]]:
    return [(error["field"], error["code"]) for error in response_body["error"]["errors"]]


def stored(session: Session, customs_code: str) -> Enterprise:
    return session.exec(select(Enterprise).where(Enterprise.customs_code == customs_code)).one()


@pytest.mark.parametrize(("name", "code"), REFUSED, ids=REFUSED_IDS)
def test_a_filing_whose_name_holds_what_a_reader_does_not_see_is_refused_and_nothing_is_stored(
    client: TestClient, session: Session, name: str, code: str
) -> None:
    before = session.exec(select(func.count()).select_from(Enterprise)).one()
    response = client.post("/api/v1/enterprises", json=filing_payload(name=name))
    assert response.status_code == 422
    assert refusals(response.json()) == [("name", code)]
    assert session.exec(select(func.count()).select_from(Enterprise)).one() == before


@pytest.mark.parametrize(("name", "code"), REFUSED, ids=REFUSED_IDS)
def test_an_amended_name_holding_what_a_reader_does_not_see_is_refused_and_the_name_kept(
    client: TestClient, session: Session, name: str, code: str
) -> None:
    receipt, headers = file_enterprise(client)
    response = client.patch(f"/api/v1/enterprises/{receipt['customs_code']}", json={"name": name}, headers=headers)
    assert response.status_code == 422
    assert refusals(response.json()) == [("name", code)]
    assert stored(session, receipt["customs_code"]).name == receipt["name"]


@pytest.mark.parametrize("path", ["/status", "/credit-rating"])
@pytest.mark.parametrize(("reason", "code"), REFUSED, ids=REFUSED_IDS)
def test_an_officer_decision_whose_reason_holds_what_a_reader_does_not_see_is_refused_and_not_recorded(
    client: TestClient, session: Session, path: str, reason: str, code: str
) -> None:
    receipt, _ = file_enterprise(client)
    decision = {"status": "suspended"} if path == "/status" else {"rating": "untrustworthy"}
    response = client.put(
        f"/api/v1/enterprises/{receipt['customs_code']}{path}", json={**decision, "reason": reason}, headers=officer()
    )
    assert response.status_code == 422
    assert refusals(response.json()) == [("reason", code)]
    enterprise = stored(session, receipt["customs_code"])
    assert (enterprise.status, enterprise.credit_rating) == ("active", "general")
    history = session.exec(select(FilingChange).where(FilingChange.enterprise_id == enterprise.id)).all()
    assert [change.kind for change in history] == ["filing"]


def test_the_refusal_names_the_character_and_where_it_is(client: TestClient) -> None:
    response = client.post("/api/v1/enterprises", json=filing_payload(name=INVISIBLE["a right-to-left override"]))
    message = response.json()["error"]["errors"][0]["message"]
    assert message == "holds a character a reader does not see: U+202E RIGHT-TO-LEFT OVERRIDE at position 3"


@pytest.mark.parametrize("name", ["杭州云仓\n有限公司", "杭州云仓\t有限公司", "杭州云仓\r有限公司"])
def test_a_name_is_one_line(client: TestClient, name: str) -> None:
    response = client.post("/api/v1/enterprises", json=filing_payload(name=name))
    assert response.status_code == 422
    assert refusals(response.json()) == [("name", "text_not_one_line")]


def xml_filing(name: str) -> bytes:
    payload = filing_payload(name=name)
    fields = "".join(f"<{key}>{value}</{key}>" for key, value in payload.items() if key != "roles")
    return f"<enterprise>{fields}<roles><role>ebc</role></roles></enterprise>".encode()


@pytest.mark.parametrize(
    ("name", "code"),
    [
        (INVISIBLE["a zero-width space"], "text_invisible_character"),
        # Python's str.strip() would drop these, and the name would pass as what it is not.
        (INVISIBLE["a C1 next line"], "text_invisible_character"),
        (BLANK["ideographic spaces"], "text_blank"),
        ("杭州云<!-- -->仓有限公司\u200b", "text_invisible_character"),
    ],
    ids=["zero-width-space", "leading-c1", "ideographic-blank", "split-by-a-comment"],
)
def test_an_xml_client_is_refused_the_same_names_as_a_json_client(client: TestClient, name: str, code: str) -> None:
    response = client.post("/api/v1/enterprises", content=xml_filing(name), headers={"Content-Type": "application/xml"})
    assert response.status_code == 422
    errors = etree.fromstring(response.content).iterfind("error/errors/error")
    assert [(error.findtext("field"), error.findtext("code")) for error in errors] == [("name", code)]


def test_an_xml_clients_name_split_by_a_comment_is_stored_whole(client: TestClient, session: Session) -> None:
    response = client.post(
        "/api/v1/enterprises",
        content=xml_filing("杭州云<!-- -->仓有限公司"),
        headers={"Content-Type": "application/xml"},
    )
    assert response.status_code == 201
    customs_code = etree.fromstring(response.content).findtext("customs_code")
    assert stored(session, customs_code or "").name == "杭州云仓有限公司"
