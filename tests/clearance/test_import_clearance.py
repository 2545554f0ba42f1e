"""A consistent import set goes 2 -> 120 -> 399 -> 800 through the stages, with a CEB816 of the tax it owes."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import partial

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from single_window.clearance.drain import drain_stage
from single_window.clearance.handlers import handlers
from single_window.clearance.pipeline import Stage
from single_window.clearance.rates import default_tax_rates, rates_for
from single_window.config import Settings
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
    table = handlers(settings)
    for stage in Stage:
        drain_stage(open_session, stage, table[stage], POLICY, takes_arrivals=stage is Stage.CUSTOMS)


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
