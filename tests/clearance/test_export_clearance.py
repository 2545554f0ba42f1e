"""An export set is matched at customs, then released and closed once its goods arrived at the port and left."""

import random
import uuid
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from single_window.clearance.models import ClearanceCase
from single_window.clock import advance
from single_window.config import Settings
from single_window.generator import (
    ExportSet,
    ceb303_message,
    ceb403_message,
    ceb505_message,
    ceb603_message,
    generate_export_sets,
)
from single_window.messages.models import BusinessDocument
from single_window.receipts.models import Receipt
from tests.clearance.flows import clear_everything, naming_the_waybills, send, withdrawal

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


def closed_export_set(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> BusinessDocument:
    settings.inspection_seconds = 0
    sets = export_sets(1)
    for build in (ceb303_message, ceb403_message, ceb505_message, ceb603_message):
        send(client, demo_keys, build(sets))
    send(client, demo_keys, naming_the_waybills("CEB507-arrival.xml", "ArrivalList", sets))
    send(client, demo_keys, naming_the_waybills("CEB509-departure.xml", "DepartureList", sets))
    clear_everything(session, settings)
    assert statuses(session) == ["899"]
    return session.exec(select(BusinessDocument).where(BusinessDocument.message_type == "CEB603")).one()


def export_return(of: BusinessDocument) -> bytes:
    line = of.lines[0]
    returned = [{name: line[name] for name in ("gnum", "gcode", "gname", "qty", "unit")}]
    return withdrawal("CEB213-export-refund.xml", of, lines=returned, coElNo=f"TGR{uuid.uuid4().hex[:12].upper()}")


def export_return_answer(session: Session) -> tuple[str, str]:
    decided = col(Receipt.return_status).in_(["100", "399"])
    (receipt,) = session.exec(select(Receipt).where(Receipt.receipt_type == "CEB214", decided)).all()
    return receipt.return_status, receipt.return_info


def test_goods_exported_come_back_within_a_year_of_their_release(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    of = closed_export_set(client, demo_keys, session, settings)
    advance(session, timedelta(days=364))
    session.commit()
    send(client, demo_keys, export_return(of))
    clear_everything(session, settings)
    assert export_return_answer(session) == ("399", "[Code:2600;Desc:放行]")


def test_an_export_return_after_a_year_is_refused(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    of = closed_export_set(client, demo_keys, session, settings)
    advance(session, timedelta(days=366))
    session.commit()
    send(client, demo_keys, export_return(of))
    clear_everything(session, settings)
    status, info = export_return_answer(session)
    assert status == "100"
    assert info.startswith("[Code:-901404;")
