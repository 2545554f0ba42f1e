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
    root = _root(root_name, guid)
    for fields in items:
        _with_fields(etree.SubElement(root, f"{{{CEB_NS}}}{element_name}"), fields)
    return root


def ceb_nested_document(
    root_name: str, element_name: str, parts: Iterable[tuple[str, Mapping[str, object]]], *, guid: str
) -> etree._Element:
    """A notice with a head and a list, as CEB792 and CEB816 are: one business element holding each part, given as
    its element name and fields, e.g. ``SummaryResultHead`` then a ``SummaryResultList`` per line."""
    root = _root(root_name, guid)
    element = etree.SubElement(root, f"{{{CEB_NS}}}{element_name}")
    for name, fields in parts:
        _with_fields(etree.SubElement(element, f"{{{CEB_NS}}}{name}"), fields)
    return root


def _root(root_name: str, guid: str) -> etree._Element:
    return etree.Element(f"{{{CEB_NS}}}{root_name}", nsmap=DEFAULT_CEB_NSMAP, guid=guid, version=VERSION)


def _with_fields(element: etree._Element, fields: Mapping[str, object]) -> None:
    for name, value in fields.items():
        etree.SubElement(element, f"{{{CEB_NS}}}{name}").text = str(value)
