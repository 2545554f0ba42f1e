"""Plain data to XML and back, for API clients that speak XML instead of JSON.

Lists travel as a plural element holding singular children: ``<roles><role>ebc</role></roles>``.
"""

import re
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from lxml import etree

XML_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
ENTRY = "entry"
# Everything outside XML 1.0's Char production (section 2.2): lxml refuses it, so it would turn any answer into a 500.
NOT_XML_CHAR = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
REPLACEMENT_CHARACTER = "\ufffd"
# Only what XML itself calls white space: str.strip() would also drop U+0085 or U+3000 and hide them from the checks.
XML_WHITESPACE = " \t\r\n"

JsonLike = dict[str, Any] | list[Any] | str


def singular(name: str) -> str:
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith("s"):
        return name[:-1]
    return "item"


def to_xml(root_name: str, data: Mapping[str, Any]) -> bytes:
    """Never raises on text XML cannot carry: each such character becomes U+FFFD."""
    root = etree.Element(root_name)
    _fill(root, data)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _fill(element: etree._Element, value: Any) -> None:
    if isinstance(value, Mapping):
        for key, child_value in value.items():
            if child_value is not None:
                _fill(_child_for_key(element, str(key)), child_value)
    elif isinstance(value, list | tuple):
        for item in value:
            _fill(etree.SubElement(element, singular(str(element.tag))), item)
    else:
        element.text = _scalar_text(value)


def _child_for_key(parent: etree._Element, key: str) -> etree._Element:
    # Data keys such as district codes ("2900") are not XML names; they travel as an attribute.
    if XML_NAME.fullmatch(key):
        return etree.SubElement(parent, key)
    return etree.SubElement(parent, ENTRY, key=_xml_text(key))


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return _xml_text(str(value.value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return _xml_text(str(value))


def _xml_text(text: str) -> str:
    return NOT_XML_CHAR.sub(REPLACEMENT_CHARACTER, text)


def from_xml(element: etree._Element) -> JsonLike:
    """Read an element back into plain data; the root always becomes a mapping."""
    children = [child for child in element if isinstance(child.tag, str)]
    if not children:
        return {} if element.getparent() is None else (element.text or "").strip(XML_WHITESPACE)
    tag = etree.QName(element).localname
    if tag.endswith("s") and all(etree.QName(child).localname == singular(tag) for child in children):
        return [from_xml(child) for child in children]
    return {_key_of(child): from_xml(child) for child in children}


def _key_of(element: etree._Element) -> str:
    name = etree.QName(element).localname
    key = element.get("key")
    return key if name == ENTRY and key is not None else name
