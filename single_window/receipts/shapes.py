"""The field order of every receipt element, read from the XSDs so receipts come out in the real shape."""

from functools import lru_cache
from pathlib import Path

from lxml import etree

XS = "{http://www.w3.org/2001/XMLSchema}"


@lru_cache
def return_fields(schema_path: Path, element_name: str) -> tuple[str, ...]:
    """The child element names of a global element, in sequence order."""
    schema = _schema_tree(schema_path)
    element = schema.find(f"{XS}element[@name='{element_name}']")
    if element is None:
        raise KeyError(f"{element_name} is not a global element of {schema_path.name}")
    return tuple(
        str(child.get("name") or child.get("ref", "").split(":")[-1]) for child in element.iter(f"{XS}element")
    )[1:]


@lru_cache
def _schema_tree(schema_path: Path) -> etree._Element:
    return etree.parse(str(schema_path)).getroot()
