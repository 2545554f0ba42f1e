"""An export set is matched at customs, then released and closed once its goods arrived at the port and left."""

import random
from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from single_window.clearance.models import ClearanceCase
from single_window.config import Settings
from single_window.generator import (
    ExportSet,
    ceb303_message,
    ceb403_message,
    ceb505_message,
    ceb603_message,
    generate_export_sets,
)
from single_window.receipts.models import Receipt
from tests.clearance.flows import clear_everything, naming_the_waybills, send

pytestmark = pytest.mark.usefixtures("room_for_large_messages")


def export_sets(count: int = 2) -> list[ExportSet]:
    return generate_export_sets(random.Random(5), count, lines=1, start=datetime(2026, 11, 2, 9))


def statuses(session: Session) -> list[str]:
    return sorted(case.status for case in session.exec(select(ClearanceCase)).all())


def test_an_export_set_is_released_and_closed_once_its_goods_have_arrived_and_left(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    settings.inspection_seconds = 0
    sets = export_sets()
    for build in (ceb303_message, ceb403_message, ceb505_message, ceb603_message):
        send(client, demo_keys, build(sets))
    clear_everything(session, settings)
    assert set(statuses(session)) <= {"120", "500"}, "matched, waiting for the goods to arrive"
    send(client, demo_keys, naming_the_waybills("CEB507-arrival.xml", "ArrivalList", sets))
    clear_everything(session, settings)
    assert set(statuses(session)) <= {"120", "500"}, "arrived, not yet departed"
    send(client, demo_keys, naming_the_waybills("CEB509-departure.xml", "DepartureList", sets))
    clear_everything(session, settings)
    assert statuses(session) == ["899", "899"]
    told = session.exec(select(Receipt.return_status).where(Receipt.receipt_type == "CEB604")).all()
    assert sorted(status for status in told if status != "500") == sorted(["2", "120", "399", "800", "899"] * 2)
