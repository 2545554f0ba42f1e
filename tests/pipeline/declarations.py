"""Declarations stored as intake stores them, for a real worker to take up."""

import uuid

from lxml import etree

from single_window.config import Settings
from single_window.database import make_engine, unit_of_work
from single_window.messages import service
from single_window.messages.intake import parse_message
from tests.samples import SAMPLES

ORDER = SAMPLES / "valid" / "CEB311-order.xml"


def declare(settings: Settings, guid: str | None = None) -> str:
    """The sample order under this message guid (a new one by default) and a fresh order number, received as intake
    receives it; returns the guid."""
    guid = guid or str(uuid.uuid4()).upper()
    root = etree.fromstring(ORDER.read_bytes())
    root.set("guid", guid)
    order_no = root.find(".//{*}OrderHead/{*}orderNo")
    assert order_no is not None
    order_no.text = f"YC{uuid.uuid4().hex[:16].upper()}"
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    engine = make_engine(settings.database_url)
    with unit_of_work(engine) as session:
        answer = service.receive(session, parse_message(body, settings), sender_code="3301960001")
    engine.dispose()
    assert answer.status_code == 202, answer.body
    return guid
