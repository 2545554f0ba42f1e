"""A consistent import set goes 2 -> 120 -> 399 -> 800 through the stages, with a CEB816 of the tax it owes; an
inconsistent one ends in its documented rejection."""

import json
import random
from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from single_window.clearance.models import ClearanceCase
from single_window.clearance.rates import default_tax_rates, rates_for
from single_window.clock import advance
from single_window.config import Settings
from single_window.generator import ceb513_message, generate_import_sets
from single_window.receipts.models import Receipt
from tests.clearance.flows import (
    clear_everything,
    final_receipts,
    inventory_receipts,
    one_set,
    send,
    send_import_sets,
    sent_sets,
)

pytestmark = pytest.mark.usefixtures("room_for_large_messages")


def test_a_consistent_import_set_is_concluded_and_released_with_its_tax_bill(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    settings.inspection_seconds = 0
    send_import_sets(client, demo_keys, orders=4)
    clear_everything(session, settings)
    receipts = inventory_receipts(session)
    assert len(receipts) == 4
    for issued in receipts.values():
        statuses = [(r.receipt_type, r.return_status) for r in issued if r.receipt_type == "CEB622"]
        assert [status for _, status in statuses if status != "500"] == ["2", "120", "399", "800"], issued
        released = next(r for r in issued if r.return_status == "800")
        assert released.return_info == "[Code:2600;Desc:放行]"
        (bill,) = [r for r in issued if r.receipt_type == "CEB816"]
        assert bill.fields["taxNo"] == f"{bill.fields['invtNo']}_0"
        for line in bill.fields["lines"]:
            (rate,) = rates_for(line["gcode"], released.created_at.date(), default_tax_rates())[-1:]
            if rate.vat_rate == Decimal("0.13") and not rate.consumption_tax_rate:
                expected = (Decimal(line["taxPrice"]) * Decimal("0.13") * Decimal("0.7")).quantize(Decimal("0.00001"))
                assert Decimal(line["valueAddedTax"]) == expected, json.dumps(bill.fields)


def test_a_payment_of_another_amount_than_the_order_is_rejected_with_901005(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    sent_sets(client, demo_keys, one_set(), changes={"CEB411": {"amountPaid": "1.00"}})
    clear_everything(session, settings)
    ((status, info),) = final_receipts(session)
    assert status == "100"
    assert "[Code:-901005;" in info


def test_a_waybill_to_another_consignee_than_the_order_is_rejected_with_901009(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    sent_sets(client, demo_keys, one_set(), changes={"CEB511": {"consignee": "王小明"}})
    clear_everything(session, settings)
    ((status, info),) = final_receipts(session)
    assert status == "100"
    assert "[Code:-901009;" in info


def test_a_purchase_over_the_single_transaction_limit_is_rejected_with_621005(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    (order,) = one_set(lines=2)
    dear = tuple(replace(line, qty=1, price=Decimal("2600.00")) for line in order.lines)
    sent_sets(client, demo_keys, [replace(order, lines=dear, discount=Decimal(0))])
    clear_everything(session, settings)
    ((status, info),) = final_receipts(session)
    assert status == "100"
    assert "[Code:-621005;" in info


def test_purchases_past_the_buyer_s_year_are_rejected_with_621018_and_those_before_are_released(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    settings.inspection_seconds = 0
    orders = generate_import_sets(random.Random(11), 7, lines=1, start=datetime(2026, 11, 2, 9))
    buyer = orders[0].buyer
    costly = [
        replace(
            order, buyer=buyer, discount=Decimal(0), lines=(replace(order.lines[0], qty=1, price=Decimal("4000.00")),)
        )
        for order in orders
    ]
    sent_sets(client, demo_keys, costly)
    clear_everything(session, settings)
    outcomes = final_receipts(session)
    # 4,000 of goods and at most 45 of freight each: six fit in the year's 26,000, a seventh does not.
    assert sorted(status for status, _ in outcomes) == ["100", *["800"] * 6]
    assert all("[Code:-621018;" in info for status, info in outcomes if status == "100")


def test_an_inventory_whose_waybill_never_comes_is_rejected_with_901013_once_the_window_is_past(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    sent_sets(client, demo_keys, one_set(), leave_out=frozenset({"CEB511"}))
    clear_everything(session, settings)
    ((status, _),) = final_receipts(session)
    assert status == "120"  # waiting, not yet rejected
    advance(session, timedelta(seconds=settings.partner_wait_seconds))
    session.commit()
    clear_everything(session, settings)
    ((status, info),) = final_receipts(session)
    assert status == "100"
    assert "[Code:-901013;" in info


def test_a_released_inventory_closes_once_its_waybill_is_signed_for(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    settings.inspection_seconds = 0
    sets = one_set()
    sent_sets(client, demo_keys, sets)
    clear_everything(session, settings)
    assert [status for status, _ in final_receipts(session)] == ["800"]
    send(client, demo_keys, ceb513_message(sets))
    clear_everything(session, settings)
    assert final_receipts(session) == [("899", "结关")]


def test_a_waybill_signed_for_before_release_closes_the_inventory_right_after_it(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    settings.inspection_seconds = 0
    sets = one_set()
    send(client, demo_keys, ceb513_message(sets))
    sent_sets(client, demo_keys, sets)
    clear_everything(session, settings)
    ((issued),) = inventory_receipts(session).values()
    assert [r.return_status for r in issued if r.receipt_type == "CEB622" and r.return_status != "500"] == [
        "2",
        "120",
        "399",
        "800",
        "899",
    ]


def test_an_inventory_naming_an_unfiled_logistics_enterprise_is_refused_at_intake_and_opens_no_case(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    sent_sets(
        client, demo_keys, one_set(), changes={"CEB621": {"logisticsCode": "3301999999"}}, refused=frozenset({"CEB621"})
    )
    clear_everything(session, settings)
    (receipt,) = session.exec(select(Receipt).where(Receipt.receipt_type == "CEB622")).all()
    assert receipt.return_status == "-10102"
    assert "logisticsCode" in receipt.return_info
    assert session.exec(select(ClearanceCase)).all() == []
