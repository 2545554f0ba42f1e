"""Filing over HTTP: approved at once when valid, each rejected field named, nothing stored on rejection."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from sqlalchemy import func
from sqlmodel import Session, select

from single_window.filings.models import Enterprise, FilingChange
from tests.conftest import officer
from tests.factories import bearer, file_enterprise, filing_payload


def enterprise_count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Enterprise)).one()


def rejected_fields(response_body: dict[str, Any]) -> set[str]:
    return {error["field"] for error in response_body["error"]["errors"]}


def test_a_valid_self_filing_is_approved_at_once_and_returns_its_key_once(client: TestClient) -> None:
    payload = filing_payload(roles=["ebp", "ebc"], callback_url="https://erp.example.com/receipts")
    response = client.post("/api/v1/enterprises", json=payload)
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "active"
    assert body["credit_rating"] == "general"
    assert body["roles"] == ["ebc", "ebp"]
    assert body["district_name"] == "广州海关"
    assert body["api_key"].startswith("swk_")
    assert response.headers["location"] == f"/api/v1/enterprises/{payload['customs_code']}"

    read_back = client.get(response.headers["location"], headers=bearer(body["api_key"]))
    assert read_back.status_code == 200
    assert "api_key" not in read_back.json()
    assert read_back.json()["uscc"] == payload["uscc"]


def test_the_api_key_is_stored_only_as_a_digest(client: TestClient, session: Session) -> None:
    receipt, _ = file_enterprise(client)
    stored = session.exec(select(Enterprise).where(Enterprise.customs_code == receipt["customs_code"])).one()
    assert receipt["api_key"] not in stored.api_key_hash
    assert len(stored.api_key_hash) == 64


@pytest.mark.parametrize(
    ("field", "bad_value", "code"),
    [
        ("uscc", "91350100M000100Y44", "uscc_invalid"),
        ("uscc", "91350100M000100Y4", "uscc_invalid"),
        ("uscc", "91350100M000100I43", "uscc_invalid"),
        ("district", "9999", "district_unknown"),
        ("district", "0000", "district_unknown"),
        ("customs_code", "44019ab001", "customs_code_invalid"),
        ("customs_code", "440196200", "customs_code_invalid"),
        ("dxp_id", "dxp 01", "dxp_id_invalid"),
        # A DxpMsg's SenderId holds 16 characters: an enterprise filed with 17 could never send an envelope.
        ("dxp_id", "DXPENT00000000017", "dxp_id_invalid"),
        ("roles", [], "too_short"),
        ("roles", ["ebc", "ebc"], "roles_repeated"),
        ("callback_url", "ftp://example.com/x", "url_scheme"),
    ],
)
def test_a_bad_field_is_rejected_by_name_and_nothing_is_stored(
    client: TestClient, session: Session, field: str, bad_value: object, code: str
) -> None:
    before = enterprise_count(session)
    response = client.post("/api/v1/enterprises", json=filing_payload(**{field: bad_value}))
    assert response.status_code == 422
    body = response.json()
    assert body["error"]["code"] == "validation_failed"
    assert [(e["field"], e["code"]) for e in body["error"]["errors"]] == [(field, code)]
    assert enterprise_count(session) == before


def test_an_unknown_role_is_rejected_naming_the_role_field(client: TestClient, session: Session) -> None:
    before = enterprise_count(session)
    response = client.post("/api/v1/enterprises", json=filing_payload(roles=["ebc", "smuggler"]))
    assert response.status_code == 422
    assert rejected_fields(response.json()) == {"roles.1"}
    assert response.json()["error"]["errors"][0]["code"] == "enum"
    assert enterprise_count(session) == before


def test_every_rejected_field_is_named_at_once(client: TestClient) -> None:
    payload = filing_payload(uscc="123", district="9999", roles=["boss"])
    del payload["name"]
    response = client.post("/api/v1/enterprises", json=payload)
    assert rejected_fields(response.json()) == {"uscc", "district", "roles.0", "name"}


def test_unknown_fields_are_rejected_rather_than_ignored(client: TestClient) -> None:
    response = client.post("/api/v1/enterprises", json=filing_payload(credit_rating="advanced_certified"))
    assert response.status_code == 422
    assert rejected_fields(response.json()) == {"credit_rating"}


@pytest.mark.parametrize("field", ["customs_code", "uscc", "dxp_id"])
def test_a_second_filing_with_a_taken_code_is_a_conflict(client: TestClient, session: Session, field: str) -> None:
    first, _ = file_enterprise(client)
    before = enterprise_count(session)
    response = client.post("/api/v1/enterprises", json=filing_payload(**{field: first[field]}))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "enterprise_already_filed"
    assert rejected_fields(response.json()) == {field}
    assert enterprise_count(session) == before


def test_an_xml_client_files_in_xml_and_is_answered_in_xml(client: TestClient) -> None:
    payload = filing_payload(roles=["logistics", "agent"])
    roles = "".join(f"<role>{role}</role>" for role in payload["roles"])
    fields = "".join(f"<{k}>{v}</{k}>" for k, v in payload.items() if k != "roles")
    body = f"<?xml version='1.0' encoding='UTF-8'?><enterprise>{fields}<roles>{roles}</roles></enterprise>"
    response = client.post(
        "/api/v1/enterprises", content=body.encode(), headers={"Content-Type": "application/xml; charset=utf-8"}
    )
    assert response.status_code == 201, response.text
    assert response.headers["content-type"].startswith("application/xml")
    document = etree.fromstring(response.content)
    assert document.findtext("customs_code") == payload["customs_code"]
    assert [role.text for role in document.iterfind("roles/role")] == ["agent", "logistics"]
    assert document.findtext("api_key", "").startswith("swk_")


def test_an_xml_client_gets_field_errors_in_xml(client: TestClient) -> None:
    body = b"<enterprise><name>x</name><uscc>91350100M000100Y44</uscc></enterprise>"
    response = client.post("/api/v1/enterprises", content=body, headers={"Content-Type": "application/xml"})
    assert response.status_code == 422
    document = etree.fromstring(response.content)
    assert document.findtext("error/code") == "validation_failed"
    assert "uscc" in [error.findtext("field") for error in document.iterfind("error/errors/error")]


def test_an_enterprise_amends_its_filing_and_the_history_says_who_and_when(client: TestClient) -> None:
    receipt, headers = file_enterprise(client)
    code = receipt["customs_code"]
    response = client.patch(
        f"/api/v1/enterprises/{code}", json={"name": "新名称有限公司", "dxp_id": "DXPNEW0000000001"}, headers=headers
    )
    assert response.status_code == 200
    assert response.json()["name"] == "新名称有限公司"

    history = client.get(f"/api/v1/enterprises/{code}/history", headers=headers).json()["changes"]
    assert [change["kind"] for change in history] == ["filing", "amendment"]
    amendment = history[1]
    assert amendment["actor"] == f"enterprise:{code}"
    assert amendment["changes"] == {
        "name": [receipt["name"], "新名称有限公司"],
        "dxp_id": [receipt["dxp_id"], "DXPNEW0000000001"],
    }
    assert amendment["changed_at"] >= history[0]["changed_at"]


def test_an_amendment_cannot_change_the_identifying_codes(client: TestClient) -> None:
    receipt, headers = file_enterprise(client)
    response = client.patch(
        f"/api/v1/enterprises/{receipt['customs_code']}", json={"uscc": "91350100M000100Y43"}, headers=headers
    )
    assert response.status_code == 422
    assert rejected_fields(response.json()) == {"uscc"}


def test_an_amendment_is_validated_like_a_filing(client: TestClient, session: Session) -> None:
    receipt, headers = file_enterprise(client)
    response = client.patch(
        f"/api/v1/enterprises/{receipt['customs_code']}", json={"district": "9999"}, headers=headers
    )
    assert response.status_code == 422
    stored = session.exec(select(Enterprise).where(Enterprise.customs_code == receipt["customs_code"])).one()
    assert stored.district == receipt["district"]


def test_a_dxp_id_of_sixteen_characters_is_filed_and_one_of_seventeen_is_not_amended(
    client: TestClient, session: Session
) -> None:
    receipt, headers = file_enterprise(client, dxp_id="DXPENT0000530815")
    assert receipt["dxp_id"] == "DXPENT0000530815"
    response = client.patch(
        f"/api/v1/enterprises/{receipt['customs_code']}", json={"dxp_id": "DXPENT00005308150"}, headers=headers
    )
    assert response.status_code == 422
    (error,) = response.json()["error"]["errors"]
    assert (error["field"], error["code"]) == ("dxp_id", "dxp_id_invalid")
    assert "SenderId" in error["message"]
    stored = session.exec(select(Enterprise).where(Enterprise.customs_code == receipt["customs_code"])).one()
    assert stored.dxp_id == "DXPENT0000530815"


def test_an_amendment_to_a_dxp_id_another_enterprise_holds_is_a_conflict(client: TestClient) -> None:
    first, _ = file_enterprise(client)
    second, headers = file_enterprise(client)
    response = client.patch(
        f"/api/v1/enterprises/{second['customs_code']}", json={"dxp_id": first["dxp_id"]}, headers=headers
    )
    assert response.status_code == 409


def test_an_officer_suspends_an_enterprise_which_then_cannot_submit(client: TestClient, session: Session) -> None:
    receipt, headers = file_enterprise(client)
    code = receipt["customs_code"]
    suspended = client.put(
        f"/api/v1/enterprises/{code}/status", json={"status": "suspended", "reason": "风险布控"}, headers=officer()
    )
    assert suspended.status_code == 200
    assert suspended.json()["status"] == "suspended"

    refused = client.patch(f"/api/v1/enterprises/{code}", json={"name": "改名有限公司"}, headers=headers)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "enterprise_suspended"
    assert client.get(f"/api/v1/enterprises/{code}", headers=headers).status_code == 200

    client.put(f"/api/v1/enterprises/{code}/status", json={"status": "active", "reason": "整改完成"}, headers=officer())
    assert (
        client.patch(f"/api/v1/enterprises/{code}", json={"name": "改名有限公司"}, headers=headers).status_code == 200
    )
    kinds = [c.kind for c in session.exec(select(FilingChange).join(Enterprise).where(Enterprise.customs_code == code))]
    assert kinds == ["filing", "status", "status", "amendment"]


def test_a_revoked_filing_locks_the_enterprise_out_and_cannot_be_reinstated(client: TestClient) -> None:
    receipt, headers = file_enterprise(client)
    code = receipt["customs_code"]
    client.put(f"/api/v1/enterprises/{code}/status", json={"status": "revoked", "reason": "注销"}, headers=officer())
    locked_out = client.get(f"/api/v1/enterprises/{code}", headers=headers)
    assert locked_out.status_code == 403
    assert locked_out.json()["error"]["code"] == "enterprise_revoked"
    reinstated = client.put(
        f"/api/v1/enterprises/{code}/status", json={"status": "active", "reason": "x"}, headers=officer()
    )
    assert reinstated.status_code == 409
    assert reinstated.json()["error"]["code"] == "status_transition_not_allowed"


def test_an_officer_sets_the_credit_rating_and_the_history_keeps_the_reason(client: TestClient) -> None:
    receipt, headers = file_enterprise(client)
    code = receipt["customs_code"]
    response = client.put(
        f"/api/v1/enterprises/{code}/credit-rating",
        json={"rating": "untrustworthy", "reason": "走私违规"},
        headers=officer(),
    )
    assert response.json()["credit_rating"] == "untrustworthy"
    last = client.get(f"/api/v1/enterprises/{code}/history", headers=headers).json()["changes"][-1]
    assert (last["kind"], last["actor"], last["reason"]) == ("credit_rating", "officer:customs", "走私违规")
    assert last["changes"] == {"credit_rating": ["general", "untrustworthy"]}


def test_an_unknown_credit_rating_is_rejected(client: TestClient) -> None:
    receipt, _ = file_enterprise(client)
    response = client.put(
        f"/api/v1/enterprises/{receipt['customs_code']}/credit-rating",
        json={"rating": "excellent", "reason": "x"},
        headers=officer(),
    )
    assert response.status_code == 422
    assert rejected_fields(response.json()) == {"rating"}


def test_a_rotated_api_key_replaces_the_old_one(client: TestClient) -> None:
    receipt, old_headers = file_enterprise(client)
    code = receipt["customs_code"]
    rotated = client.post(f"/api/v1/enterprises/{code}/api-key", headers=old_headers)
    assert rotated.status_code == 200
    assert client.get(f"/api/v1/enterprises/{code}", headers=old_headers).status_code == 401
    assert client.get(f"/api/v1/enterprises/{code}", headers=bearer(rotated.json()["api_key"])).status_code == 200


def test_an_officer_lists_filings_page_by_page(client: TestClient) -> None:
    for _ in range(3):
        file_enterprise(client)
    page = client.get("/api/v1/enterprises?offset=1&limit=2", headers=officer()).json()
    assert page["total"] >= 3
    assert len(page["items"]) == 2


def test_reading_an_enterprise_that_was_never_filed_is_not_found(client: TestClient) -> None:
    response = client.get("/api/v1/enterprises/9999999999", headers=officer())
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "enterprise_not_found"


def test_with_open_filing_off_only_an_officer_may_file(client: TestClient, settings: Any) -> None:
    settings.open_filing = False
    refused = client.post("/api/v1/enterprises", json=filing_payload())
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "filing_closed"
    assert client.post("/api/v1/enterprises", json=filing_payload(), headers=officer()).status_code == 201


@pytest.mark.parametrize("field", ["name", "roles", "district", "dxp_id"])
def test_an_amendment_may_not_set_a_required_field_to_null(client: TestClient, field: str) -> None:
    receipt, headers = file_enterprise(client)
    response = client.patch(f"/api/v1/enterprises/{receipt['customs_code']}", json={field: None}, headers=headers)
    assert response.status_code == 422
    assert [(e["field"], e["code"]) for e in response.json()["error"]["errors"]] == [(field, "null_not_allowed")]


def test_an_amendment_setting_the_callback_url_to_null_clears_it(client: TestClient) -> None:
    receipt, headers = file_enterprise(client, callback_url="https://erp.example.com/receipts")
    response = client.patch(
        f"/api/v1/enterprises/{receipt['customs_code']}", json={"callback_url": None}, headers=headers
    )
    assert response.status_code == 200
    assert response.json()["callback_url"] is None


def test_a_reason_may_run_over_several_lines(client: TestClient) -> None:
    receipt, _ = file_enterprise(client)
    body = {"status": "suspended", "reason": "风险布控\r\n\t案件编号 2025-001"}
    response = client.put(f"/api/v1/enterprises/{receipt['customs_code']}/status", json=body, headers=officer())
    assert response.status_code == 200


def test_an_xml_client_is_told_about_a_control_character_in_xml(client: TestClient) -> None:
    response = client.post(
        "/api/v1/enterprises", json=filing_payload(district="\u0001"), headers={"Accept": "application/xml"}
    )
    assert response.status_code == 422
    document = etree.fromstring(response.content)
    assert [error.findtext("code") for error in document.iterfind("error/errors/error")] == ["district_unknown"]
    assert "\ufffd" in document.findtext("error/errors/error/message", "")


def test_a_name_stored_with_a_control_character_still_reads_in_xml(client: TestClient, session: Session) -> None:
    receipt, headers = file_enterprise(client)
    stored = session.exec(select(Enterprise).where(Enterprise.customs_code == receipt["customs_code"])).one()
    stored.name = "ab\u0001c"
    session.add(stored)
    session.flush()
    response = client.get(
        f"/api/v1/enterprises/{receipt['customs_code']}", headers={**headers, "Accept": "application/xml"}
    )
    assert response.status_code == 200
    assert etree.fromstring(response.content).findtext("name") == "ab\ufffdc"


@pytest.mark.parametrize("offset", ["99999999999999999999", str(2**31)])
def test_an_offset_past_the_largest_row_number_is_a_validation_error(client: TestClient, offset: str) -> None:
    response = client.get(f"/api/v1/enterprises?offset={offset}", headers=officer())
    assert response.status_code == 422
    assert rejected_fields(response.json()) == {"query.offset"}


def test_the_largest_offset_is_an_empty_page(client: TestClient) -> None:
    response = client.get(f"/api/v1/enterprises?offset={2**31 - 1}", headers=officer())
    assert response.status_code == 200
    assert response.json()["items"] == []
