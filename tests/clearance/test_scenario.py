"""Scenario markers in an inventory's note force the outcome an integrator wants to test."""

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from single_window.ceb.codes import TABLE
from single_window.clearance.models import ClearanceCase
from single_window.clearance.scenario import Scenario, scenario_of
from single_window.clock import advance
from single_window.config import Settings
from single_window.generator import ceb311_message, ceb411_message, ceb511_message, ceb621_message
from tests.clearance.flows import (
    clear_everything,
    final_receipts,
    inventory_receipts,
    one_set,
    send,
    with_inventory_note,
)

pytestmark = pytest.mark.usefixtures("room_for_large_messages")


def test_a_note_without_the_marker_asks_for_nothing() -> None:
    assert scenario_of("使用平台优惠券抵扣10元") == Scenario()
    assert scenario_of(None) == Scenario()


def test_the_marker_s_directives_are_read_anywhere_in_the_note_and_unknown_ones_kept_aside() -> None:
    scenario = scenario_of("礼品 SW-SCENARIO:inspect,detain=502,delay=30,fly=away，谢谢")
    assert scenario == Scenario(inspect=True, decision="502", delay=timedelta(seconds=30), ignored=("fly=away，谢谢",))
    assert scenario_of("SW-SCENARIO:reject=-621005,silent") == Scenario(reject="-621005", silent=True)
    assert scenario_of("SW-SCENARIO:detain=500,reject=621005").ignored == ("detain=500", "reject=621005")


def send_set_with_note(client: TestClient, demo_keys: dict[str, str], note: str) -> None:
    sets = one_set()
    for body in (ceb311_message(sets), ceb411_message(sets), ceb511_message(sets)):
        send(client, demo_keys, body)
    send(client, demo_keys, with_inventory_note(ceb621_message(sets), note))


def test_a_scenario_rejection_ends_the_inventory_with_the_code_asked_for(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    send_set_with_note(client, demo_keys, "SW-SCENARIO:reject=-621005")
    clear_everything(session, settings)
    assert final_receipts(session) == [("100", f"[Code:-621005;Desc:{TABLE['-621005'].zh}]")]


def test_a_scenario_detention_inspects_the_inventory_then_detains_it(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    settings.inspection_seconds = 0
    send_set_with_note(client, demo_keys, "SW-SCENARIO:detain=503")
    clear_everything(session, settings)
    ((issued,),) = [inventory_receipts(session).values()]
    assert [r.return_status for r in issued if r.receipt_type == "CEB622"] == ["2", "120", "500", "503"]


def test_a_silent_scenario_moves_the_inventory_without_a_receipt_of_clearance(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    settings.inspection_seconds = 0
    send_set_with_note(client, demo_keys, "SW-SCENARIO:silent")
    clear_everything(session, settings)
    assert session.exec(select(ClearanceCase)).one().status == "800"
    assert [status for status, _ in final_receipts(session)] == ["120"]


def test_a_scenario_delay_holds_the_inventory_at_customs_until_the_business_clock_passes_it(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    settings.inspection_seconds = 0
    send_set_with_note(client, demo_keys, "SW-SCENARIO:delay=3600")
    clear_everything(session, settings)
    assert session.exec(select(ClearanceCase)).one().status == "120"
    advance(session, timedelta(hours=1))
    session.commit()
    clear_everything(session, settings)
    assert session.exec(select(ClearanceCase)).one().status == "800"
