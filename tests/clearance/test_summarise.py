"""Export sets closed at 899 are summarised by a CEB701: its CEB702 says 399 and a CEB792 per resulting customs
declaration maps each inventory line to its item; an application naming an inventory it may not summarise is refused
whole (100), and nothing is summarised."""

import random
import uuid
from dataclasses import replace
from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from sqlmodel import Session, col, select

from single_window.ceb.catalogue import by_code
from single_window.ceb.xsd import validate
from single_window.clearance.models import ClearanceCase
from single_window.clearance.summarise import SUMMARY_FINDING
from single_window.config import Settings
from single_window.generator import (
    ExportSet,
    ceb303_message,
    ceb403_message,
    ceb505_message,
    ceb603_message,
    generate_export_sets,
)
from single_window.generator.model import Line
from single_window.messages.models import BusinessDocument, Message
from single_window.receipts.models import Receipt
from single_window.receipts.present import receipt_element
from tests.clearance.flows import clear_everything, naming_the_waybills, send
from tests.factories import file_enterprise
from tests.samples import SAMPLES

pytestmark = pytest.mark.usefixtures("room_for_large_messages")

CEB = "http://www.chinaport.gov.cn/ceb"


def grouped_sets() -> list[ExportSet]:
    """Three sets by the first's flight and currency, two to the United States, the third to the United Kingdom; the
    second ships the first's goods on its first line and other goods on its second, so the first two are one
    declaration of two items."""
    first, second, third = generate_export_sets(random.Random(5), 3, lines=2, start=datetime(2026, 11, 2, 9))
    shared = replace(second.lines[0], goods=first.lines[0].goods)
    assert second.lines[1].goods.hs_code != first.lines[0].goods.hs_code

    def like_the_first(order: ExportSet, lines: tuple[Line, ...], destination: str) -> ExportSet:
        return replace(order, lines=lines, destination=destination, transport=first.transport, currency=first.currency)

    return [
        like_the_first(first, first.lines[:1], "502"),
        like_the_first(second, (shared, second.lines[1]), "502"),
        like_the_first(third, third.lines[:1], "303"),
    ]


def sent(client: TestClient, demo_keys: dict[str, str], sets: list[ExportSet], *, departed: int | None = None) -> None:
    """The sets' four messages and their goods' arrival; the first ``departed`` sets (all by default) left too."""
    for build in (ceb303_message, ceb403_message, ceb505_message, ceb603_message):
        send(client, demo_keys, build(sets))
    send(client, demo_keys, naming_the_waybills("CEB507-arrival.xml", "ArrivalList", sets))
    send(client, demo_keys, naming_the_waybills("CEB509-departure.xml", "DepartureList", sets[:departed]))


def invt_nos(session: Session, sets: list[ExportSet]) -> list[str]:
    """Each set's invtNo, which customs gave its inventory with 120."""
    heads = [d.head for d in session.exec(select(BusinessDocument).where(BusinessDocument.message_type == "CEB603"))]
    by_order = {head["orderNo"]: head["invtNo"] for head in heads}
    return [by_order[order.order_no] for order in sets]


def summary_application(numbers: list[str], *, window: tuple[str, str] | None = None, ebc_code: str = "") -> bytes:
    """The sample CEB701 under a fresh guid and copNo naming ``numbers``, or a time range that replaces the list."""
    root = etree.fromstring((SAMPLES / "valid" / "CEB701-summary-apply.xml").read_bytes())
    root.set("guid", str(uuid.uuid4()).upper())
    head = root.find("{*}SummaryApply/{*}SummaryApplyHead")
    assert head is not None
    _set(head, "guid", str(uuid.uuid4()).upper())
    _set(head, "copNo", f"TGS{uuid.uuid4().hex[:12].upper()}")
    _set(head, "ebcCode", ebc_code or _text(head, "ebcCode"))
    if window is not None:
        anchor = head.find("{*}declAgentName")
        assert anchor is not None
        for name, value in reversed(list(zip(("startTime", "endTime"), window, strict=True))):
            anchor.addnext(_element(name, value))
    summary_apply = head.getparent()
    assert summary_apply is not None
    for line in summary_apply.findall("{*}SummaryApplyList"):
        summary_apply.remove(line)
    for number in numbers:
        etree.SubElement(summary_apply, f"{{{CEB}}}SummaryApplyList").append(_element("invtNo", number))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _set(element: etree._Element, name: str, value: str) -> None:
    found = element.find(f"{{*}}{name}")
    assert found is not None
    found.text = value


def _text(element: etree._Element, name: str) -> str:
    return element.findtext(f"{{*}}{name}") or ""


def _element(name: str, value: str) -> etree._Element:
    element = etree.Element(f"{{{CEB}}}{name}")
    element.text = value
    return element


def applied(client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings, body: bytes) -> int:
    """Send a CEB701 and clear it; the id of its message."""
    send(client, demo_keys, body)
    clear_everything(session, settings)
    guid = etree.fromstring(body).get("guid")
    message_id = session.exec(select(Message.id).where(Message.guid == guid)).one()
    assert message_id is not None
    return message_id


def answers(session: Session, message_id: int, receipt_type: str) -> list[Receipt]:
    query = select(Receipt).where(Receipt.message_id == message_id, Receipt.receipt_type == receipt_type)
    return list(session.exec(query.order_by(col(Receipt.id))).all())


def summarised(session: Session) -> list[dict[str, str]]:
    return [
        case.findings[SUMMARY_FINDING]
        for case in session.exec(select(ClearanceCase))
        if SUMMARY_FINDING in case.findings
    ]


def result_lines(result: Receipt) -> list[tuple[str, int, int]]:
    """Each 792 list line as (invtNo, gnum, gseqno)."""
    return [(line["invtNo"], int(line["gnum"]), int(line["gseqno"])) for line in result.fields["lines"]]


@pytest.fixture
def closed(client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings) -> list[str]:
    """The three grouped sets, closed at 899: their invtNos."""
    settings.inspection_seconds = 0
    sets = grouped_sets()
    sent(client, demo_keys, sets)
    clear_everything(session, settings)
    assert [case.status for case in session.exec(select(ClearanceCase))] == ["899"] * 3
    return invt_nos(session, sets)


def test_closed_export_sets_are_concluded_with_a_792_per_declaration_that_numbers_its_items(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings, closed: list[str]
) -> None:
    first, second, third = closed
    message_id = applied(client, demo_keys, session, settings, summary_application(closed))
    *acknowledged, concluded = answers(session, message_id, "CEB702")
    assert [receipt.return_status for receipt in acknowledged] == ["2", "120"]
    assert (concluded.return_status, concluded.return_info) == ("399", "海关审结")
    united_states, united_kingdom = results = answers(session, message_id, "CEB792")
    assert result_lines(united_states) == [(first, 1, 1), (second, 1, 1), (second, 2, 2)]
    assert result_lines(united_kingdom) == [(third, 1, 1)]
    assert {result.fields["sumNo"] for result in results} == {concluded.fields["sumNo"]}
    assert united_states.fields["declSeqNo"] != united_kingdom.fields["declSeqNo"]
    summary_result = by_code("CEB792")
    assert summary_result is not None
    for result in results:
        assert validate(receipt_element(result), summary_result) == []
    assert len(summarised(session)) == 3


def test_an_inventory_summarised_already_is_refused_with_901303(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings, closed: list[str]
) -> None:
    applied(client, demo_keys, session, settings, summary_application(closed[:1]))
    message_id = applied(client, demo_keys, session, settings, summary_application(closed))
    refused = answers(session, message_id, "CEB702")[-1]
    assert (refused.return_status, refused.return_info) == (
        "100",
        f"[Code:-901303;Desc:清单已汇总，不能重复汇总[{closed[0]}]]",
    )
    assert answers(session, message_id, "CEB792") == []
    assert len(summarised(session)) == 1


def test_a_time_range_replaces_the_list_and_takes_each_closed_inventory_of_the_consignor_once(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings, closed: list[str]
) -> None:
    window = ("20000101000000", "20991231235959")
    message_id = applied(client, demo_keys, session, settings, summary_application(["IGNORED"], window=window))
    assert answers(session, message_id, "CEB702")[-1].return_status == "399"
    results = answers(session, message_id, "CEB792")
    assert sorted(line[0] for result in results for line in result_lines(result)) == sorted([*closed, closed[1]])
    again = applied(client, demo_keys, session, settings, summary_application([], window=window))
    assert answers(session, again, "CEB702")[-1].return_info == "[Code:-901304;Desc:没有可汇总的清单]"


def test_an_application_naming_an_inventory_not_closed_is_refused_whole_with_901302(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    settings.inspection_seconds = 0
    sets = grouped_sets()
    sent(client, demo_keys, sets, departed=2)
    clear_everything(session, settings)
    numbers = invt_nos(session, sets)
    message_id = applied(client, demo_keys, session, settings, summary_application(numbers))
    refused = answers(session, message_id, "CEB702")[-1]
    assert (refused.return_status, refused.return_info) == (
        "100",
        f"[Code:-901302;Desc:清单未结关，不能汇总[{numbers[2]}]]",
    )
    assert answers(session, message_id, "CEB792") == []
    assert summarised(session) == []


def test_another_consignor_cannot_summarise_these_inventories_901301(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings, closed: list[str]
) -> None:
    other, _ = file_enterprise(client, roles=["ebc"], district="2900", dxp_id="DXPENT0000009901")
    message_id = applied(
        client, demo_keys, session, settings, summary_application(closed, ebc_code=other["customs_code"])
    )
    refused = answers(session, message_id, "CEB702")[-1]
    assert refused.return_status == "100"
    assert refused.return_info == "".join(f"[Code:-901301;Desc:未找到该收发货人的出口清单[{n}]]" for n in closed)
    assert answers(session, message_id, "CEB792") == []
    assert summarised(session) == []
