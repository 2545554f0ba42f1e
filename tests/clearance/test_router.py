"""Officers steer clearance: the business clock, guarantees, inspection decisions and failed stage work; declarants
see their own cases."""

import random
from datetime import datetime
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from single_window.clearance.models import ClearanceCase, StageWork, WorkStatus
from single_window.config import Settings
from single_window.generator import generate_import_sets
from single_window.messages.models import BusinessDocument
from tests.clearance.flows import clear_everything, final_receipts, one_set, sent_sets
from tests.conftest import officer
from tests.factories import bearer

pytestmark = pytest.mark.usefixtures("room_for_large_messages")
PLATFORM, ECOMMERCE = "3301960001", "3301960002"


def only_case(session: Session) -> ClearanceCase:
    return session.exec(select(ClearanceCase)).one()


def test_an_officer_moves_the_business_clock_forward_and_never_back(client: TestClient) -> None:
    moved = client.post("/api/v1/clearance/clock/advance", json={"seconds": 86_400}, headers=officer())
    assert moved.status_code == 200
    assert moved.json()["offset_seconds"] == 86_400
    assert client.get("/api/v1/clearance/clock", headers=officer()).json()["offset_seconds"] == 86_400
    back = client.post("/api/v1/clearance/clock/advance", json={"seconds": -1}, headers=officer())
    assert back.status_code == 422


def test_an_enterprise_may_not_move_the_clock(client: TestClient, demo_keys: dict[str, str]) -> None:
    response = client.post("/api/v1/clearance/clock/advance", json={"seconds": 1}, headers=bearer(demo_keys[PLATFORM]))
    assert response.status_code == 403


def test_an_exhausted_guarantee_holds_the_inventory_until_an_officer_raises_it(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    settings.inspection_seconds = 0
    assert client.put(f"/api/v1/clearance/guarantees/{ECOMMERCE}", json={"balance": "0"}, headers=officer()).is_success
    sent_sets(client, demo_keys, one_set())
    clear_everything(session, settings)
    payment = session.exec(select(StageWork).where(StageWork.stage == "payment")).one()
    assert (payment.status, payment.next_attempt_at) == ("pending", None)
    assert payment.note is not None
    assert "waiting for an officer to raise it" in payment.note
    ((held_at, _),) = final_receipts(session)
    assert held_at in {"120", "500"}  # neither concluded (399) nor released
    raised = client.put(f"/api/v1/clearance/guarantees/{ECOMMERCE}", json={"balance": "100000"}, headers=officer())
    assert raised.json()["balance"] == "100000"
    clear_everything(session, settings)
    assert [status for status, _ in final_receipts(session)] == ["800"]
    balance = Decimal(client.get(f"/api/v1/clearance/guarantees/{ECOMMERCE}", headers=officer()).json()["balance"])
    assert balance < Decimal(100000)


def test_an_officer_detains_an_inventory_in_inspection(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    settings.inspection_seconds = 3600
    sets = generate_import_sets(random.Random(21), 6, lines=1, start=datetime(2026, 11, 2, 9))
    sent_sets(client, demo_keys, sets)
    clear_everything(session, settings)
    inspected = session.exec(select(ClearanceCase).where(ClearanceCase.status == "500")).first()
    assert inspected is not None, "key categories (food, cosmetics) are inspected: one of six should be"
    decided = client.post(f"/api/v1/clearance/cases/{inspected.id}/decision", json={"status": "501"}, headers=officer())
    assert decided.status_code == 200
    clear_everything(session, settings)
    session.refresh(inspected)
    assert inspected.status == "501"
    again = client.post(f"/api/v1/clearance/cases/{inspected.id}/decision", json={"status": "700"}, headers=officer())
    assert (again.status_code, again.json()["error"]["code"]) == (409, "case_not_in_inspection")


def test_a_declarant_sees_its_case_and_another_enterprise_does_not(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    sent_sets(client, demo_keys, one_set())
    clear_everything(session, settings)
    case = only_case(session)
    own = client.get(f"/api/v1/clearance/cases/{case.id}", headers=bearer(demo_keys[_declarant(session, case)]))
    assert own.status_code == 200
    assert own.json()["stages"][0]["stage"] == "customs"
    other = client.get(f"/api/v1/clearance/cases/{case.id}", headers=bearer(demo_keys[PLATFORM]))
    assert (other.status_code, other.json()["error"]["code"]) == (403, "not_your_case")


def _declarant(session: Session, case: ClearanceCase) -> str:
    document = session.get(BusinessDocument, case.document_id)
    assert document is not None
    return document.declarant_code


def test_an_officer_lists_failed_stage_work_and_sends_it_back(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    sent_sets(client, demo_keys, one_set())
    clear_everything(session, settings)
    work = session.exec(select(StageWork)).first()
    assert work is not None
    work.status, work.attempts, work.note = WorkStatus.FAILED, 2, "ValueError: a bug"
    session.add(work)
    session.commit()
    listed = client.get("/api/v1/clearance/work/failed", headers=officer()).json()
    assert [(item["id"], item["note"]) for item in listed["items"]] == [(work.id, "ValueError: a bug")]
    sent_back = client.post(f"/api/v1/clearance/work/{work.id}/requeue", headers=officer())
    assert (sent_back.json()["status"], sent_back.json()["attempts"]) == ("pending", 0)
    again = client.post(f"/api/v1/clearance/work/{work.id}/requeue", headers=officer())
    assert (again.status_code, again.json()["error"]["code"]) == (409, "work_not_failed")
