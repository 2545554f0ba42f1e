"""Cancellations (CEB623) and returns (CEB625): in the declarant's name only, by state and within 30 days of release,
giving back what the inventory had counted towards the buyer's year and charged to the guarantee."""

import uuid
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from sqlmodel import Session, col, select

from single_window.clearance.models import BuyerQuota, ClearanceCase, Guarantee
from single_window.clock import advance
from single_window.config import Settings
from single_window.generator import ceb513_message
from single_window.messages.models import BusinessDocument
from single_window.receipts.models import Receipt
from tests.clearance.flows import clear_everything, one_set, send, sent_sets
from tests.factories import file_enterprise
from tests.samples import SAMPLES

pytestmark = pytest.mark.usefixtures("room_for_large_messages")
ECOMMERCE = "3301960002"
COPIED = (
    "customsCode", "orderNo", "ebpCode", "ebpName", "ebcCode", "ebcName", "logisticsNo", "logisticsCode",
    "logisticsName", "invtNo", "buyerIdType", "buyerIdNumber", "buyerName", "buyerTelephone", "agentCode", "agentName",
)  # fmt: skip


def inventory(session: Session) -> BusinessDocument:
    return session.exec(select(BusinessDocument).where(BusinessDocument.message_type == "CEB621")).one()


def withdrawal(sample: str, of: BusinessDocument, *, lines: list[dict[str, str]] | None = None, **head: str) -> bytes:
    """The sample cancellation or return, naming the inventory as its declarant would; ``head`` overrides fields."""
    root = etree.fromstring((SAMPLES / "valid" / sample).read_bytes())
    root.set("guid", str(uuid.uuid4()).upper())
    values: dict[str, Any] = {name: of.head[name] for name in COPIED if name in of.head}
    values |= {"guid": str(uuid.uuid4()).upper(), **head}
    for name, value in values.items():
        for element in root.iter(f"{{*}}{name}"):
            element.text = value
    if lines is not None:
        _replace_lines(root, lines)
    copy_code = root.find(".//{*}BaseTransfer/{*}copCode")
    assert copy_code is not None
    copy_code.text = values["agentCode"]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _replace_lines(root: etree._Element, lines: list[dict[str, str]]) -> None:
    template = root.find(".//{*}InvtRefundList")
    assert template is not None
    for values in lines:
        line = etree.fromstring(etree.tostring(template))
        for name, value in values.items():
            found = line.find(f"{{*}}{name}")
            assert found is not None
            found.text = value
        template.addprevious(line)
    parent = template.getparent()
    assert parent is not None
    parent.remove(template)


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
