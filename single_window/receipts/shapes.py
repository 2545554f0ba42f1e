"""The fields of every receipt element, read from the XSDs so receipts come out in the real shape."""

from functools import lru_cache
from pathlib import Path

from lxml import etree

from single_window.ceb.catalogue import receipt_of
from single_window.ceb.model import MessageType
from single_window.ceb.xsd import EXPORT_XSD, IMPORT_XSD

XS = "{http://www.w3.org/2001/XMLSchema}"


@lru_cache
def return_fields(schema_path: Path, element_name: str) -> tuple[str, ...]:
    """The child element names of a global element, in sequence order."""
    return tuple(
        str(child.get("name") or child.get("ref", "").split(":")[-1]) for child in _children(schema_path, element_name)
    )


@lru_cache
def required_fields(schema_path: Path, element_name: str) -> frozenset[str]:
    """The children the schema requires (minOccurs not 0)."""
    return frozenset(
        str(child.get("name")) for child in _children(schema_path, element_name) if child.get("minOccurs") != "0"
    )


def _children(schema_path: Path, element_name: str) -> list[etree._Element]:
    element = _schema_tree(schema_path).find(f"{XS}element[@name='{element_name}']")
    if element is None:
        raise KeyError(f"{element_name} is not a global element of {schema_path.name}")
    return list(element.iter(f"{XS}element"))[1:]


@lru_cache
def _schema_tree(schema_path: Path) -> etree._Element:
    return etree.parse(str(schema_path)).getroot()


def receipt_schema(message_type: MessageType) -> tuple[Path, str]:
    """Where the receipt of a declaration type is defined: its XSD and its return element."""
    receipt_type = receipt_of(message_type)
    schema = IMPORT_XSD if receipt_type.direction == "import" else EXPORT_XSD
    return schema.path, receipt_type.business_element
