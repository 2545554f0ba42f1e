"""The catalogue names the 42 message types exactly as the 2022-05 schemas declare them."""

import re
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from single_window.ceb.catalogue import ALL, by_code, by_root
from single_window.ceb.model import MessageType

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas" / "ceb"
XS = "{http://www.w3.org/2001/XMLSchema}"
DECLARATIONS = [message_type for message_type in ALL if message_type.kind == "declaration"]


@cache
def schema(direction: str) -> etree._Element:
    return etree.parse(str(SCHEMA_DIR / f"{direction}-2022-05.xsd")).getroot()


def global_element(direction: str, name: str) -> etree._Element:
    found = schema(direction).find(f"{XS}element[@name='{name}']")
    assert found is not None, f"{name} is not a global element of the {direction} schema"
    return found


def children(declaration: etree._Element) -> list[etree._Element]:
    return declaration.findall(f"{XS}complexType/{XS}sequence/{XS}element")


def child_name(child: etree._Element) -> str:
    return child.get("name") or child.get("ref", "").split(":")[-1]


def resolved(direction: str, child: etree._Element) -> etree._Element:
    """An inline declaration as it is, a ref as the global element it points to."""
    return child if child.get("name") else global_element(direction, child_name(child))


def field_names(message_type: MessageType) -> set[str]:
    return {
        child_name(child) for child in children(global_element(message_type.direction, message_type.fields_element))
    }


def test_every_message_root_of_the_schemas_is_in_the_catalogue_exactly_once_and_nothing_else() -> None:
    for direction in ("import", "export"):
        declared = [str(element.get("name")) for element in schema(direction).findall(f"{XS}element")]
        # ExtendMessage is the one global element ending in "Message" that is a block, not a message.
        roots = sorted(name for name in declared if name.endswith("Message") and name != "ExtendMessage")
        catalogued = sorted(message_type.root for message_type in ALL if message_type.direction == direction)
        assert catalogued == roots


def test_there_are_19_import_and_23_export_types_with_unique_codes_and_roots() -> None:
    assert [len([m for m in ALL if m.direction == d]) for d in ("import", "export")] == [19, 23]
    assert len({m.code for m in ALL}) == len({m.root for m in ALL}) == 42


@pytest.mark.parametrize("message_type", ALL, ids=lambda m: m.code)
def test_lookups_by_root_and_by_code_find_the_same_type(message_type: MessageType) -> None:
    assert by_root(message_type.root) is by_code(message_type.code) is message_type
    assert re.fullmatch(r"CEB\d{3}", message_type.code)
    assert message_type.root == f"{message_type.code}Message"


def test_unknown_names_find_nothing() -> None:
    assert by_root("CEB999Message") is None
    assert by_code("CEB311Message") is None
    assert by_root("DxpMsg") is None


@pytest.mark.parametrize("message_type", ALL, ids=lambda m: m.code)
def test_business_head_and_list_elements_and_the_document_limit_are_those_of_the_schema(
    message_type: MessageType,
) -> None:
    direction = message_type.direction
    business = children(global_element(direction, message_type.root))[0]
    assert child_name(business) == message_type.business_element
    limit = business.get("maxOccurs", "1")
    assert message_type.max_documents == (None if limit == "unbounded" else int(limit))
    parts = [child_name(child) for child in children(resolved(direction, business))]
    if message_type.head_element is None:
        assert message_type.list_element is None
        assert "guid" in parts, "a flat business element holds the head fields itself"
    else:
        assert parts == [message_type.head_element, message_type.list_element][: len(parts)]
        global_element(direction, message_type.head_element)
    if message_type.list_element is not None:
        global_element(direction, message_type.list_element)


@pytest.mark.parametrize("message_type", ALL, ids=lambda m: m.code)
def test_a_signature_is_required_exactly_where_the_schema_requires_one(message_type: MessageType) -> None:
    tail = {
        child_name(child): child.get("minOccurs", "1")
        for child in children(global_element(message_type.direction, message_type.root))
    }
    assert message_type.signature_required == (tail.get("Signature") == "1")
    assert message_type.signature_required == (message_type.code in {"CEB621", "CEB623", "CEB625", "CEB711"})


@pytest.mark.parametrize("message_type", DECLARATIONS, ids=lambda m: m.code)
def test_business_keys_are_head_fields_of_the_declaration(message_type: MessageType) -> None:
    assert message_type.business_keys
    assert set(message_type.business_keys) <= field_names(message_type)


@pytest.mark.parametrize("message_type", DECLARATIONS, ids=lambda m: m.code)
def test_every_declaration_is_answered_by_a_receipt_of_its_direction(message_type: MessageType) -> None:
    receipt = by_code(message_type.receipt_code or "")
    assert receipt is not None
    assert (receipt.kind, receipt.direction) == ("receipt", message_type.direction)


@pytest.mark.parametrize("message_type", [m for m in ALL if m.kind != "declaration"], ids=lambda m: m.code)
def test_receipts_and_notices_have_no_receipt_keys_or_signature(message_type: MessageType) -> None:
    assert message_type.receipt_code is None
    assert message_type.business_keys == ()
    assert not message_type.signature_required


def test_customs_issued_notices_are_the_tax_bills_the_format_check_and_the_summary_result() -> None:
    assert sorted(m.code for m in ALL if m.kind == "notice") == ["CEB792", "CEB816", "CEB818", "CEB900"]


def test_only_the_warehouse_entry_is_limited_to_one_document_and_tax_bills_are_unbounded() -> None:
    limits = {m.code: m.max_documents for m in ALL if m.max_documents != 100}
    assert limits == {"CEB711": 1, "CEB816": None, "CEB818": None, "CEB900": 1}


def test_message_types_are_frozen_and_hashable() -> None:
    order = by_code("CEB311")
    assert order is not None
    with pytest.raises(AttributeError):
        order.code = "CEB312"  # type: ignore[misc]
    assert len(set(ALL)) == 42
