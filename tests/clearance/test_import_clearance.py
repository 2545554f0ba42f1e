"""A consistent import set goes 2 -> 120 -> 399 -> 800 through the stages, with a CEB816 of the tax it owes; an
inconsistent one ends in its documented rejection."""

import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from functools import partial

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from sqlmodel import Session, col, select

from single_window.clearance.drain import drain_stage
from single_window.clearance.handlers import handlers
from single_window.clearance.pipeline import Stage
from single_window.clearance.rates import default_tax_rates, rates_for
from single_window.clock import advance
from single_window.config import Settings
from single_window.generator import (
    ImportSet,
    ceb311_message,
    ceb411_message,
    ceb511_message,
    ceb513_message,
    ceb621_message,
    generate_import_sets,
)
from single_window.messages.acknowledge import acknowledge_accepted
from single_window.messages.attempts import AttemptPolicy
from single_window.messages.models import BusinessDocument
from single_window.receipts.models import Receipt
from tests.generator.factories import cop_code, messages, parse

pytestmark = pytest.mark.usefixtures("room_for_large_messages")
POLICY = AttemptPolicy(max_attempts=2, task_time_limit=60, task_soft_time_limit=10)


@contextmanager
def same_session(session: Session) -> Iterator[Session]:
    yield session
    session.commit()


def send_import_sets(client: TestClient, demo_keys: dict[str, str], *, orders: int) -> None:
    for name, body in messages("import", seed=7, orders=orders, per_message=orders, lines=None):
        headers = {"Content-Type": "application/xml", "Authorization": f"Bearer {demo_keys[cop_code(parse(body))]}"}
        response = client.post("/api/v1/messages", content=body, headers=headers)
        assert response.status_code == 202, (name, response.text)


def clear_everything(session: Session, settings: Settings) -> None:
    open_session = partial(same_session, session)
    acknowledge_accepted(open_session, POLICY)
    table, batch = handlers(settings), settings.clearance_batch
    for stage in Stage:
        drain_stage(open_session, stage, table[stage], POLICY, takes_arrivals=stage is Stage.CUSTOMS, batch=batch)


def inventory_receipts(session: Session) -> dict[int, list[Receipt]]:
    inventories = session.exec(select(BusinessDocument).where(BusinessDocument.message_type == "CEB621")).all()
    found: dict[int, list[Receipt]] = {}
    for inventory in inventories:
        query = select(Receipt).where(
            Receipt.message_id == inventory.message_id, Receipt.position == inventory.position
        )
        assert inventory.id is not None
        found[inventory.id] = list(session.exec(query.order_by(col(Receipt.id))).all())
    return found


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


def sent_sets(
    client: TestClient,
    demo_keys: dict[str, str],
    sets: list[ImportSet],
    *,
    changes: dict[str, dict[str, str]] | None = None,
    leave_out: frozenset[str] = frozenset(),
) -> None:
    """The sets' four messages, with ``changes`` (message code -> element -> text) made and ``leave_out`` unsent."""
    builders = {"CEB311": ceb311_message, "CEB411": ceb411_message, "CEB511": ceb511_message, "CEB621": ceb621_message}
    for code, build in builders.items():
        if code in leave_out:
            continue
        body = changed(build(sets), (changes or {}).get(code, {}))
        headers = {"Content-Type": "application/xml", "Authorization": f"Bearer {demo_keys[cop_code(parse(body))]}"}
        response = client.post("/api/v1/messages", content=body, headers=headers)
        assert response.status_code == 202, (code, response.text)


def changed(body: bytes, texts: dict[str, str]) -> bytes:
    root = etree.fromstring(body)
    for name, text in texts.items():
        for element in root.iter(f"{{*}}{name}"):
            element.text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def final_receipts(session: Session) -> list[tuple[str, str]]:
    """Each inventory's last CEB622: its status and returnInfo."""
    return [
        (issued[-1].return_status, issued[-1].return_info)
        for issued in (
            [r for r in receipts if r.receipt_type == "CEB622"] for receipts in inventory_receipts(session).values()
        )
    ]


def one_set(*, seed: int = 3, lines: int = 2) -> list[ImportSet]:
    return generate_import_sets(random.Random(seed), 1, lines=lines, start=datetime(2026, 11, 2, 9))


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


def send(client: TestClient, demo_keys: dict[str, str], body: bytes) -> None:
    headers = {"Content-Type": "application/xml", "Authorization": f"Bearer {demo_keys[cop_code(parse(body))]}"}
    response = client.post("/api/v1/messages", content=body, headers=headers)
    assert response.status_code == 202, response.text


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
