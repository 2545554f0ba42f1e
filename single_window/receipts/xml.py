"""Receipts as the CEB XML documents customs sends: default namespace, no prefix, as real receipts come."""

import uuid
from collections.abc import Iterable, Mapping

from lxml import etree

from single_window.ceb.namespaces import CEB_NS, DEFAULT_CEB_NSMAP

VERSION = "1.0"


def new_guid() -> str:
    return str(uuid.uuid4()).upper()


def ceb_document(
    root_name: str, element_name: str, items: Iterable[Mapping[str, object]], *, guid: str
) -> etree._Element:
    """``<CEBxxxMessage guid version><xxxReturn>…</xxxReturn>…</CEBxxxMessage>`` with fields in the given order."""
    root = etree.Element(f"{{{CEB_NS}}}{root_name}", nsmap=DEFAULT_CEB_NSMAP, guid=guid, version=VERSION)
    for fields in items:
        element = etree.SubElement(root, f"{{{CEB_NS}}}{element_name}")
        for name, value in fields.items():
            etree.SubElement(element, f"{{{CEB_NS}}}{name}").text = str(value)
    return root
