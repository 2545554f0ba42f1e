"""The catalogue names the 42 message types exactly as the 2022-05 schemas declare them, each row complete."""

import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from single_window.ceb.catalogue import ALL, by_code, by_root, receipt_of
from single_window.ceb.checks.lines import gnum_is_unique, second_quantity_matches_unit
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


# The facts only a declaration has: an empty one in a declaration's row is a type half-known, a 500 in the service or
# no checks offline; a filled one in a receipt's or a notice's row is a fact of the wrong type.
DECLARATION_FACTS = ("receipt_code", "business_keys", "declarants", "parties", "rules", "key_codes")
LINE_CODES = {gnum_is_unique: "duplicate_gnum_code", second_quantity_matches_unit: "second_quantity_code"}


def incomplete(message_type: MessageType) -> list[str]:
    """What the row lacks, or holds but must not, for its kind; [] for a complete row."""
    declaration = message_type.kind == "declaration"
    problems = [
        f"{name} {'missing' if declaration else 'set'}"
        for name in DECLARATION_FACTS
        if bool(getattr(message_type, name)) != declaration
    ]
    for rule, name in LINE_CODES.items():
        runs = rule in message_type.rules
        if (getattr(message_type, name) is not None) != runs:
            problems.append(f"{name} {'missing for' if runs else 'set without'} {rule.__name__}")
    if not set(message_type.declarants) <= set(message_type.parties):
        problems.append("a declarant that is no enterprise field")
    elements = {message_type.business_element, message_type.head_element, message_type.list_element}
    if not set(message_type.schema_values) <= elements:
        problems.append("schema values for an element of another type")
    if message_type.inventory and not declaration:
        problems.append("inventory set")
    return problems


@pytest.mark.parametrize("message_type", ALL, ids=lambda m: m.code)
def test_every_row_holds_every_fact_its_kind_must_have_and_none_of_another_kind(message_type: MessageType) -> None:
    assert incomplete(message_type) == [], message_type.code


@pytest.mark.parametrize("message_type", DECLARATIONS, ids=lambda m: m.code)
def test_every_declaration_row_finds_its_receipt_row(message_type: MessageType) -> None:
    assert receipt_of(message_type).code == message_type.receipt_code


def test_a_row_without_its_duplicate_codes_or_its_declarants_is_incomplete() -> None:
    order = by_code("CEB311")
    assert order is not None
    assert incomplete(replace(order, key_codes=None)) == ["key_codes missing"]
    assert incomplete(replace(order, declarants=())) == ["declarants missing"]
    assert incomplete(replace(order, duplicate_gnum_code=None)) == ["duplicate_gnum_code missing for gnum_is_unique"]


def test_only_the_inventories_get_an_inventory_number() -> None:
    assert sorted(m.code for m in ALL if m.inventory) == ["CEB603", "CEB621"]


def test_the_receipts_of_orders_payments_waybills_and_waybill_statuses_have_no_stored_status() -> None:
    receipts = [m for m in ALL if m.kind == "receipt"]
    assert sorted(m.code for m in receipts if not m.stored_status) == ["CEB312", "CEB412", "CEB512", "CEB514"]
    assert not any(m.stored_status for m in ALL if m.kind != "receipt")
