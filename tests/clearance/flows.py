"""Import and export sets sent through intake and cleared in-process, stage by stage, on the test's own session."""

import copy
import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from typing import Any

from fastapi.testclient import TestClient
from lxml import etree
from sqlmodel import Session, col, select

from single_window.clearance.drain import drain_stage
from single_window.clearance.handlers import handlers
from single_window.clearance.pipeline import Stage
from single_window.config import Settings
from single_window.generator import (
    ExportSet,
    ImportSet,
    ceb311_message,
    ceb411_message,
    ceb511_message,
    ceb621_message,
    generate_import_sets,
)
from single_window.messages.acknowledge import acknowledge_accepted
from single_window.messages.attempts import AttemptPolicy
from single_window.messages.models import BusinessDocument
from single_window.receipts.models import Receipt
from tests.generator.factories import cop_code, messages, parse
from tests.samples import SAMPLES

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


def sent_sets(
    client: TestClient,
    demo_keys: dict[str, str],
    sets: list[ImportSet],
    *,
    changes: dict[str, dict[str, str]] | None = None,
    leave_out: frozenset[str] = frozenset(),
    refused: frozenset[str] = frozenset(),
) -> None:
    """The sets' four messages, with ``changes`` (message code -> element -> text) made and ``leave_out`` unsent;
    intake refuses those in ``refused`` (422), and accepts the others."""
    builders = {"CEB311": ceb311_message, "CEB411": ceb411_message, "CEB511": ceb511_message, "CEB621": ceb621_message}
    for code, build in builders.items():
        if code in leave_out:
            continue
        body = changed(build(sets), (changes or {}).get(code, {}))
        headers = {"Content-Type": "application/xml", "Authorization": f"Bearer {demo_keys[cop_code(parse(body))]}"}
        response = client.post("/api/v1/messages", content=body, headers=headers)
        assert response.status_code == (422 if code in refused else 202), (code, response.text)


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


def send(client: TestClient, demo_keys: dict[str, str], body: bytes) -> None:
    headers = {"Content-Type": "application/xml", "Authorization": f"Bearer {demo_keys[cop_code(parse(body))]}"}
    response = client.post("/api/v1/messages", content=body, headers=headers)
    assert response.status_code == 202, response.text


def with_inventory_note(body: bytes, note: str) -> bytes:
    """A CEB621 whose every inventory head carries ``note`` (after netWeight, where the schema puts it)."""
    root = etree.fromstring(body)
    for net_weight in root.iter("{*}netWeight"):
        element = etree.Element(f"{{{etree.QName(net_weight).namespace}}}note")
        element.text = note
        net_weight.addnext(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def naming_the_waybills(sample: str, list_element: str, sets: list[ExportSet]) -> bytes:
    """The sample arrival or departure under fresh guids and copNo, its list naming each set's waybill."""
    root = etree.fromstring((SAMPLES / "valid" / sample).read_bytes())
    root.set("guid", str(uuid.uuid4()).upper())
    root.find(".//{*}guid").text = str(uuid.uuid4()).upper()  # type: ignore[union-attr]
    root.find(".//{*}copNo").text = f"JY{uuid.uuid4().hex[:12].upper()}"  # type: ignore[union-attr]
    template = root.find(f".//{{*}}{list_element}")
    assert template is not None
    parent = template.getparent()
    assert parent is not None
    for gnum, order in enumerate(sets, start=1):
        line = copy.deepcopy(template)
        line.find("{*}gnum").text = str(gnum)  # type: ignore[union-attr]
        line.find("{*}logisticsNo").text = order.logistics_no  # type: ignore[union-attr]
        template.addprevious(line)
    parent.remove(template)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


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
