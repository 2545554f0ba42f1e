"""Declarations stored as intake stores them, for a real worker to take up."""

import uuid
from collections.abc import Sequence

from lxml import etree

from single_window.config import Settings
from single_window.database import make_engine, unit_of_work
from single_window.generator import IMPORT_MESSAGES, ImportSet, ceb513_message, message_files
from single_window.messages import service
from single_window.messages.intake import parse_message
from tests.samples import SAMPLES

ORDER = SAMPLES / "valid" / "CEB311-order.xml"
# An import set's messages through to closing: the order, payment, waybill and inventory, then the waybill signed for.
CLOSING_IMPORT_MESSAGES = (*IMPORT_MESSAGES, ("CEB513", ceb513_message))


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


def declare_import_sets(settings: Settings, sets: Sequence[ImportSet], *, per_message: int) -> None:
    """The sets' five messages (CEB311, 411, 511, 621, 513) of ``per_message`` sets each, every one received from its
    sender as intake receives it."""
    engine = make_engine(settings.database_url)
    try:
        for _, body in message_files(sets, CLOSING_IMPORT_MESSAGES, per_message):
            parsed = parse_message(body, settings)
            sender = parsed.root.findtext("{*}BaseTransfer/{*}copCode")
            assert sender is not None
            with unit_of_work(engine) as session:
                answer = service.receive(session, parsed, sender_code=sender)
            assert answer.status_code == 202, answer.body
    finally:
        engine.dispose()
