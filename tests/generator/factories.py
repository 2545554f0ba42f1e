"""Generated sets and messages for the generator tests, and the demo enterprises as the checks see them."""

import random
from datetime import datetime

from lxml import etree

from single_window.ceb.namespaces import CEB_NS
from single_window.generator import (
    EXPORT_MESSAGES,
    IMPORT_MESSAGES,
    ExportSet,
    ImportSet,
    generate_export_sets,
    generate_import_sets,
    message_files,
)
from single_window.xmlio.safe_parser import parse_xml

START = datetime(2025, 1, 6, 9, 0, 0)
# The service's own limits (Settings defaults): a message of 100 orders of 99 lines must fit in them.
MAX_BODY_BYTES = 10 * 1024 * 1024
MAX_XML_DEPTH = 64


def import_sets(seed: int = 1, orders: int = 3, *, lines: int | None = None) -> list[ImportSet]:
    return generate_import_sets(random.Random(seed), orders, lines=lines, start=START)


def export_sets(seed: int = 1, orders: int = 3, *, lines: int | None = None) -> list[ExportSet]:
    return generate_export_sets(random.Random(seed), orders, lines=lines, start=START)


def messages(direction: str, seed: int, orders: int, *, per_message: int, lines: int | None) -> list[tuple[str, bytes]]:
    """(file name, body) of every message of a run in one direction."""
    if direction == "import":
        return list(message_files(import_sets(seed, orders, lines=lines), IMPORT_MESSAGES, per_message))
    return list(message_files(export_sets(seed, orders, lines=lines), EXPORT_MESSAGES, per_message))


def parse(body: bytes) -> etree._Element:
    return parse_xml(body, max_bytes=MAX_BODY_BYTES, max_depth=MAX_XML_DEPTH)


def text(element: etree._Element, path: str) -> str:
    """The text at a path of local names, e.g. "Order/OrderHead/orderNo"."""
    found = element.find("/".join(f"{{{CEB_NS}}}{step}" for step in path.split("/")))
    assert found is not None, f"no {path}"
    return found.text or ""


def all_of(element: etree._Element, path: str) -> list[etree._Element]:
    return element.findall("/".join(f"{{{CEB_NS}}}{step}" for step in path.split("/")))


def cop_code(root: etree._Element) -> str:
    return text(root, "BaseTransfer/copCode")
