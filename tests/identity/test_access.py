"""Who may see and do what: enterprises their own data, officers everything, statisticians aggregates."""

import pytest
from fastapi.testclient import TestClient

from single_window.config import Settings
from tests.conftest import officer
from tests.factories import bearer, file_enterprise, filing_payload


@pytest.fixture
def statistician(client: TestClient) -> dict[str, str]:
    response = client.post("/api/v1/statistician-tokens", json={"label": "nbs-analyst"}, headers=officer())
    assert response.status_code == 201
    return bearer(response.json()["token"])


def test_enterprise_a_cannot_read_enterprise_b(client: TestClient) -> None:
    _, a_headers = file_enterprise(client)
    b, _ = file_enterprise(client)
    response = client.get(f"/api/v1/enterprises/{b['customs_code']}", headers=a_headers)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_your_enterprise"
    assert b["name"] not in response.text


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("PATCH", "", {"name": "冒名有限公司"}),
        ("GET", "/history", None),
        ("POST", "/api-key", None),
    ],
)
def test_enterprise_a_cannot_act_for_enterprise_b(
    client: TestClient, method: str, path: str, body: dict[str, str] | None
) -> None:
    _, a_headers = file_enterprise(client)
    b, b_headers = file_enterprise(client)
    response = client.request(method, f"/api/v1/enterprises/{b['customs_code']}{path}", json=body, headers=a_headers)
    assert response.status_code == 403
    assert client.get(f"/api/v1/enterprises/{b['customs_code']}", headers=b_headers).json()["name"] == b["name"]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("PUT", "/status", {"status": "suspended", "reason": "x"}),
        ("PUT", "/credit-rating", {"rating": "advanced_certified", "reason": "x"}),
    ],
)
def test_an_enterprise_cannot_make_officer_decisions_even_about_itself(
    client: TestClient, method: str, path: str, body: dict[str, str]
) -> None:
    me, headers = file_enterprise(client)
    response = client.request(method, f"/api/v1/enterprises/{me['customs_code']}{path}", json=body, headers=headers)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "officer_only"


def test_an_enterprise_cannot_list_all_filings(client: TestClient) -> None:
    _, headers = file_enterprise(client)
    assert client.get("/api/v1/enterprises", headers=headers).status_code == 403


def test_an_enterprise_cannot_read_statistics(client: TestClient) -> None:
    _, headers = file_enterprise(client)
    response = client.get("/api/v1/statistics/filings", headers=headers)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "statistics_only"


def test_a_statistician_sees_aggregates(client: TestClient, statistician: dict[str, str]) -> None:
    file_enterprise(client, roles=["logistics"], district="2200")
    file_enterprise(client, roles=["logistics", "payment"], district="2200")
    report = client.get("/api/v1/statistics/filings", headers=statistician).json()
    assert report["by_district"]["2200"] >= 2
    assert report["by_role"]["logistics"] >= 2
    assert report["total"] == sum(report["by_status"].values())


def test_a_statistician_sees_no_single_filing(client: TestClient, statistician: dict[str, str]) -> None:
    filed, _ = file_enterprise(client)
    code = filed["customs_code"]
    assert client.get(f"/api/v1/enterprises/{code}", headers=statistician).status_code == 403
    assert client.get(f"/api/v1/enterprises/{code}/history", headers=statistician).status_code == 403
    assert client.get("/api/v1/enterprises", headers=statistician).status_code == 403
    report = client.get("/api/v1/statistics/filings", headers=statistician)
    assert code not in report.text
    assert filed["name"] not in report.text
    assert filed["uscc"] not in report.text


def test_a_statistician_cannot_submit_anything(client: TestClient, statistician: dict[str, str]) -> None:
    filed, _ = file_enterprise(client)
    response = client.patch(f"/api/v1/enterprises/{filed['customs_code']}", json={"name": "x"}, headers=statistician)
    assert response.status_code == 403


def test_a_statistician_cannot_issue_statistician_tokens(client: TestClient, statistician: dict[str, str]) -> None:
    response = client.post("/api/v1/statistician-tokens", json={"label": "friend"}, headers=statistician)
    assert response.status_code == 403


def test_a_revoked_statistician_token_stops_working(client: TestClient, statistician: dict[str, str]) -> None:
    assert client.delete("/api/v1/statistician-tokens/nbs-analyst", headers=officer()).status_code == 204
    response = client.get("/api/v1/statistics/filings", headers=statistician)
    assert response.status_code == 401


def test_statistician_token_labels_are_unique(client: TestClient, statistician: dict[str, str]) -> None:
    response = client.post("/api/v1/statistician-tokens", json={"label": "nbs-analyst"}, headers=officer())
    assert response.status_code == 409


def test_an_officer_reads_any_filing(client: TestClient) -> None:
    filed, _ = file_enterprise(client)
    assert client.get(f"/api/v1/enterprises/{filed['customs_code']}", headers=officer()).status_code == 200


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "Bearer swk_not-a-real-key",
        "Bearer sws_nope",
        "Bearer guess",
    ],
)
def test_a_missing_or_unknown_credential_is_unauthenticated(client: TestClient, authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    response = client.get("/api/v1/whoami", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["error"]["code"] in {"credential_missing", "credential_invalid"}


def test_whoami_names_the_caller(client: TestClient, statistician: dict[str, str]) -> None:
    filed, headers = file_enterprise(client)
    assert client.get("/api/v1/whoami", headers=headers).json() == {
        "kind": "enterprise",
        "subject": filed["customs_code"],
    }
    assert client.get("/api/v1/whoami", headers=officer()).json() == {"kind": "officer", "subject": "customs"}
    assert client.get("/api/v1/whoami", headers=statistician).json() == {
        "kind": "statistician",
        "subject": "nbs-analyst",
    }


def test_a_statistician_cannot_file_an_enterprise(client: TestClient) -> None:
    label = "s" * 64
    issued = client.post("/api/v1/statistician-tokens", json={"label": label}, headers=officer())
    response = client.post("/api/v1/enterprises", json=filing_payload(), headers=bearer(issued.json()["token"]))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "aggregates_only"


@pytest.mark.parametrize(
    "change",
    [{"roles": ["ebc", "ebp", "logistics"]}, {"district": "2900"}, {"name": "新名称有限公司", "district": "2200"}],
)
def test_an_enterprise_cannot_change_its_own_roles_or_district(client: TestClient, change: dict[str, object]) -> None:
    me, headers = file_enterprise(client)
    response = client.patch(f"/api/v1/enterprises/{me['customs_code']}", json=change, headers=headers)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "officer_approval_required"
    assert {e["field"] for e in response.json()["error"]["errors"]} == set(change) - {"name"}
    assert client.get(f"/api/v1/enterprises/{me['customs_code']}", headers=headers).json() == {
        key: value for key, value in me.items() if key != "api_key"
    }


def test_an_enterprise_amends_its_name_dxp_id_and_callback_url_itself(client: TestClient) -> None:
    me, headers = file_enterprise(client)
    change = {"name": "新名称有限公司", "dxp_id": "DXPNEW0000000001", "callback_url": "https://erp.example.com/r"}
    response = client.patch(f"/api/v1/enterprises/{me['customs_code']}", json=change, headers=headers)
    assert response.status_code == 200
    assert {key: response.json()[key] for key in change} == change


def test_an_enterprise_may_resend_its_roles_and_district_unchanged(client: TestClient) -> None:
    me, headers = file_enterprise(client)
    unchanged = {"roles": me["roles"], "district": me["district"], "name": "新名称有限公司"}
    response = client.patch(f"/api/v1/enterprises/{me['customs_code']}", json=unchanged, headers=headers)
    assert response.status_code == 200


def test_an_officer_changes_roles_and_district_and_the_history_names_the_officer(client: TestClient) -> None:
    me, headers = file_enterprise(client, roles=["ebc"], district="5100")
    code = me["customs_code"]
    change = {"roles": ["ebc", "ebp"], "district": "2900"}
    response = client.patch(f"/api/v1/enterprises/{code}", json=change, headers=officer())
    assert response.status_code == 200
    assert (response.json()["roles"], response.json()["district"]) == (["ebc", "ebp"], "2900")
    last = client.get(f"/api/v1/enterprises/{code}/history", headers=headers).json()["changes"][-1]
    assert (last["kind"], last["actor"]) == ("amendment", "officer:customs")
    assert last["changes"] == {"roles": [["ebc"], ["ebc", "ebp"]], "district": ["5100", "2900"]}


OTHER_ENTERPRISE = "3301960002"
BAD_BODIES = {
    "fields that fail validation": (b'{"status": "nonsense", "label": "", "name": 1}', "application/json"),
    "malformed JSON": (b'{"status": ', "application/json"),
    "malformed XML": (b"<change><status>", "application/xml"),
    "an unsupported media type": (b"status=suspended", "application/x-www-form-urlencoded"),
    "a body over the limit": (b"{" + b" " * (65 * 1024) + b"}", "application/json"),
}
OFFICER_ONLY_BODY_ROUTES = [
    ("PUT", f"/api/v1/enterprises/{OTHER_ENTERPRISE}/status"),
    ("PUT", f"/api/v1/enterprises/{OTHER_ENTERPRISE}/credit-rating"),
    ("POST", "/api/v1/statistician-tokens"),
]


def caller(demo_keys: dict[str, str], who: str) -> dict[str, str]:
    return bearer(demo_keys["3301960001" if who == "an enterprise" else "demo-statistician"])


def send(client: TestClient, method: str, path: str, headers: dict[str, str], bad: str) -> tuple[int, str]:
    body, media_type = BAD_BODIES[bad]
    response = client.request(
        method, path, content=body, headers={**headers, "Content-Type": media_type, "Accept": "application/json"}
    )
    return response.status_code, response.json()["error"]["code"]


@pytest.mark.parametrize("bad", list(BAD_BODIES))
@pytest.mark.parametrize("who", ["an enterprise", "a statistician"])
@pytest.mark.parametrize(("method", "path"), OFFICER_ONLY_BODY_ROUTES)
def test_a_non_officer_is_refused_an_officer_route_before_its_body_is_read(
    client: TestClient, demo_keys: dict[str, str], method: str, path: str, who: str, bad: str
) -> None:
    assert send(client, method, path, caller(demo_keys, who), bad) == (403, "officer_only")


@pytest.mark.parametrize("bad", list(BAD_BODIES))
@pytest.mark.parametrize(
    ("who", "code"),
    [("an enterprise", "filing_closed"), ("a statistician", "aggregates_only"), ("anyone", "filing_closed")],
)
def test_with_open_filing_off_a_non_officer_filing_is_refused_before_its_body_is_read(
    client: TestClient, settings: Settings, demo_keys: dict[str, str], who: str, code: str, bad: str
) -> None:
    settings.open_filing = False
    headers = {} if who == "anyone" else caller(demo_keys, who)
    assert send(client, "POST", "/api/v1/enterprises", headers, bad) == (403, code)


@pytest.mark.parametrize("bad", list(BAD_BODIES))
def test_a_statistician_filing_is_refused_before_its_body_is_read(
    client: TestClient, demo_keys: dict[str, str], bad: str
) -> None:
    assert send(client, "POST", "/api/v1/enterprises", caller(demo_keys, "a statistician"), bad) == (
        403,
        "aggregates_only",
    )


@pytest.mark.parametrize("bad", list(BAD_BODIES))
@pytest.mark.parametrize(
    ("who", "code"), [("an enterprise", "not_your_enterprise"), ("a statistician", "aggregates_only")]
)
def test_amending_a_filing_not_ones_own_is_refused_before_the_body_is_read(
    client: TestClient, demo_keys: dict[str, str], who: str, code: str, bad: str
) -> None:
    path = f"/api/v1/enterprises/{OTHER_ENTERPRISE}"
    assert send(client, "PATCH", path, caller(demo_keys, who), bad) == (403, code)
