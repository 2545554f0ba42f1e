"""Cancellations (CEB623) and returns (CEB625): in the declarant's name only, by state and within 30 days of release,
giving back what the inventory had counted towards the buyer's year and charged to the guarantee."""

from datetime import timedelta
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from single_window.clearance.models import BuyerQuota, ClearanceCase, Guarantee
from single_window.clock import advance
from single_window.config import Settings
from single_window.generator import ceb513_message
from single_window.messages.models import BusinessDocument
from single_window.receipts.models import Receipt
from tests.clearance.flows import clear_everything, inventory, one_set, send, sent_sets, withdrawal
from tests.factories import file_enterprise

pytestmark = pytest.mark.usefixtures("room_for_large_messages")
ECOMMERCE = "3301960002"


def answer(session: Session, receipt_type: str) -> tuple[str, str]:
    decided = col(Receipt.return_status).in_(["100", "399"])
    (receipt,) = session.exec(select(Receipt).where(Receipt.receipt_type == receipt_type, decided)).all()
    return receipt.return_status, receipt.return_info


def released(client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings) -> BusinessDocument:
    settings.inspection_seconds = 0
    sent_sets(client, demo_keys, one_set())
    clear_everything(session, settings)
    assert session.exec(select(ClearanceCase)).one().status == "800"
    return inventory(session)


def used(session: Session) -> Decimal:
    quota = session.exec(select(BuyerQuota)).one()
    session.refresh(quota)
    return quota.used


def return_first_line(
    client: TestClient,
    demo_keys: dict[str, str],
    session: Session,
    settings: Settings,
    of: BusinessDocument,
    *,
    after: timedelta,
) -> None:
    """Return the inventory's first line whole, ``after`` its release on the business clock."""
    first = of.lines[0]
    returned = [{name: first[name] for name in ("gnum", "gcode", "gname", "qty", "unit")}]
    advance(session, after)
    session.commit()
    send(client, demo_keys, withdrawal("CEB625-inventory-refund.xml", of, lines=returned))
    clear_everything(session, settings)


def test_a_released_inventory_is_cancelled_and_gives_back_the_buyer_s_year_and_the_tax(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    of = released(client, demo_keys, session, settings)
    charged = session.get(Guarantee, ECOMMERCE)
    assert charged is not None
    assert charged.balance < settings.default_guarantee_cny
    assert used(session) > 0
    send(client, demo_keys, withdrawal("CEB623-inventory-cancel.xml", of))
    clear_everything(session, settings)
    assert answer(session, "CEB624") == ("399", "海关审结")
    assert session.exec(select(ClearanceCase)).one().status == "cancelled"
    assert used(session) == 0
    session.refresh(charged)
    assert charged.balance == settings.default_guarantee_cny


def test_a_closed_inventory_cannot_be_cancelled(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    of = released(client, demo_keys, session, settings)
    send(client, demo_keys, ceb513_message(one_set()))
    clear_everything(session, settings)
    send(client, demo_keys, withdrawal("CEB623-inventory-cancel.xml", of))
    clear_everything(session, settings)
    status, info = answer(session, "CEB624")
    assert status == "100"
    assert info.startswith("[Code:-623005;Desc:清单的状态不符合撤单申报要求(清单编号[")
    assert session.exec(select(ClearanceCase)).one().status == "899"


def test_another_agent_cannot_cancel_an_inventory_it_did_not_declare(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    of = released(client, demo_keys, session, settings)
    intruder, _ = file_enterprise(
        client, roles=["agent"], district="2900", customs_code="3301969901", dxp_id="DXPENT0000009901"
    )
    demo_keys[intruder["customs_code"]] = intruder["api_key"]
    body = withdrawal("CEB623-inventory-cancel.xml", of, agentCode=intruder["customs_code"], agentName=intruder["name"])
    body = body.replace(b"DXPENT0000000005", intruder["dxp_id"].encode())
    send(client, demo_keys, body)
    clear_everything(session, settings)
    status, info = answer(session, "CEB624")
    assert status == "100"
    assert info.startswith("[Code:-901401;")
    assert session.exec(select(ClearanceCase)).one().status == "800"


def test_a_return_within_30_days_gives_back_the_returned_goods_share_of_the_buyer_s_year(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    of = released(client, demo_keys, session, settings)
    before = used(session)
    return_first_line(client, demo_keys, session, settings, of, after=timedelta(days=29))
    assert answer(session, "CEB626") == ("399", "[Code:2600;Desc:放行]")
    assert Decimal(0) < before - used(session) < before


def test_a_return_after_30_days_is_refused(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    of = released(client, demo_keys, session, settings)
    return_first_line(client, demo_keys, session, settings, of, after=timedelta(days=31))
    status, info = answer(session, "CEB626")
    assert status == "100"
    assert info.startswith("[Code:-901403;")
