"""A message becomes plain records in one pass: paths without prefixes, trimmed values, schema defaults."""

from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from single_window.ceb.catalogue import ALL
from single_window.ceb.checks.reading import localname, read_message
from single_window.ceb.namespaces import CEB_NS
from tests.ceb.checks.factories import parse
from tests.samples import SAMPLES

SCHEMAS = Path(__file__).resolve().parents[3] / "schemas" / "ceb"
XS = {"xs": "http://www.w3.org/2001/XMLSchema"}


def _message(body: str, root: str = "CEB311Message", prefix: str = "ceb:") -> etree._Element:
    declaration = f"xmlns:{prefix[:-1]}" if prefix else "xmlns"
    text = body.replace("<", f"<{prefix}").replace(f"<{prefix}/", f"</{prefix}")
    return etree.fromstring(f'<{prefix}{root} {declaration}="{CEB_NS}">{text}</{prefix}{root}>')


ORDER = (
    "<Order><OrderHead><appType>1</appType><currency> 142 </currency></OrderHead>"
    "<OrderList><gnum>1</gnum></OrderList><OrderList><gnum>2</gnum></OrderList></Order>"
    "<Order><OrderHead><appType>2</appType></OrderHead><OrderList><gnum>1</gnum></OrderList></Order>"
    "<BaseTransfer><copCode>3301960001</copCode></BaseTransfer>"
    "<BaseSubscribe><status>ALL</status></BaseSubscribe>"
)


def test_nested_documents_split_into_a_head_and_numbered_lines() -> None:
    message = read_message(_message(ORDER))
    assert message.root == "CEB311Message"
    assert [document.head.path for document in message.documents] == [
        "/CEB311Message/Order[1]/OrderHead",
        "/CEB311Message/Order[2]/OrderHead",
    ]
    first = message.documents[0]
    assert [line.path for line in first.lines] == [
        "/CEB311Message/Order[1]/OrderList[1]",
        "/CEB311Message/Order[1]/OrderList[2]",
    ]
    assert [line.texts["gnum"] for line in first.lines] == ["1", "2"]


def test_the_transfer_block_is_read_apart_and_subscriptions_are_skipped() -> None:
    message = read_message(_message(ORDER))
    assert message.transfer is not None
    assert message.transfer.path == "/CEB311Message/BaseTransfer"
    assert message.transfer.texts == {"copCode": "3301960001"}
    assert len(message.documents) == 2


def test_flat_documents_are_a_head_without_lines() -> None:
    root = _message(
        "<LogisticsStatus><guid>G</guid><logisticsStatus>S</logisticsStatus></LogisticsStatus>", "CEB513Message"
    )
    (document,) = read_message(root).documents
    assert document.head.path == "/CEB513Message/LogisticsStatus[1]"
    assert document.head.texts == {"guid": "G", "logisticsStatus": "S"}
    assert document.lines == ()


@pytest.mark.parametrize("prefix", ["ceb:", "x:", ""], ids=["ceb-prefix", "other-prefix", "default-namespace"])
def test_any_prefix_or_none_reads_the_same(prefix: str) -> None:
    message = read_message(_message(ORDER, prefix=prefix))
    assert message.documents[0].head.texts == {"appType": "1", "currency": "142"}


def test_values_are_trimmed_of_xml_whitespace_only() -> None:
    root = _message("<Order><OrderHead><note>\u3000备注 \n</note></OrderHead></Order>")
    assert read_message(root).documents[0].head.texts["note"] == "\u3000备注"


def test_an_empty_element_means_its_schema_default_or_fixed_value() -> None:
    root = _message(
        "<Inventory><InventoryHead><fFlag/><iFlag>1</iFlag><appStatus/></InventoryHead></Inventory>", "CEB603Message"
    )
    assert read_message(root).documents[0].head.texts == {"fFlag": "3", "iFlag": "1", "appStatus": ""}


def test_elements_outside_the_ceb_namespace_and_comments_are_ignored() -> None:
    root = _message("<Order><OrderHead><appType>1</appType></OrderHead></Order><BaseTransfer/>")
    root[0][0].append(etree.Comment("a comment"))
    root[0][0].append(etree.Element("{urn:other}appType"))
    root.append(etree.Element("{http://www.w3.org/2000/09/xmldsig#}Signature"))
    message = read_message(root)
    assert len(message.documents) == 1
    assert message.documents[0].head.texts == {"appType": "1"}


def test_source_lines_point_at_each_field_and_record() -> None:
    message = read_message(parse(SAMPLES / "valid" / "CEB311-order.xml"))
    head = message.documents[0].head
    assert head.line == 4
    assert head.sourcelines["appType"] == 6
    assert message.documents[0].lines[2].sourcelines["totalPrice"] == 70


def test_a_repeated_field_has_the_text_and_line_of_its_last_occurrence() -> None:
    body = "<Order><OrderHead>\n<appType>1</appType>\n<note>a</note>\n<appType>3</appType>\n</OrderHead></Order>"
    head = read_message(_message(body)).documents[0].head
    assert head.texts == {"appType": "3", "note": "a"}
    assert dict(head.sourcelines) == {"appType": 4, "note": 3}


def test_a_field_the_record_lacks_has_no_source_line() -> None:
    head = read_message(_message(ORDER)).documents[0].head
    assert "gnum" not in head.sourcelines


def test_localname_is_none_outside_the_ceb_namespace() -> None:
    assert localname(etree.Element("{urn:other}CEB311Message")) is None
    assert localname(etree.Element("CEB311Message")) is None
    assert localname(etree.Element(f"{{{CEB_NS}}}CEB311Message")) == "CEB311Message"


@cache
def _declared_values(schema: Path) -> frozenset[tuple[str, str, str]]:
    """(parent element, field, value) for every element the XSD gives a fixed or default value."""
    tree = etree.parse(str(schema))
    found = set()
    elements = tree.xpath("//xs:element[@fixed or @default]", namespaces=XS)
    assert isinstance(elements, list)
    for element in elements:
        assert isinstance(element, etree._Element)
        parent = element.xpath("ancestor::xs:element[@name][1]/@name", namespaces=XS)
        assert isinstance(parent, list)
        found.add((str(parent[0]), str(element.get("name")), str(element.get("fixed") or element.get("default"))))
    return frozenset(found)


def _global_names(schema: Path) -> set[str]:
    names = etree.parse(str(schema)).xpath("/xs:schema/xs:element/@name", namespaces=XS)
    assert isinstance(names, list)
    return {str(name) for name in names}


def test_schema_values_mirror_the_fixed_and_default_attributes_of_the_xsds() -> None:
    mirrored: dict[Path, set[tuple[str, str, str]]] = defaultdict(set)
    for message_type in ALL:
        for parent, values in message_type.schema_values.items():
            (schema,) = [path for path in SCHEMAS.glob("*.xsd") if message_type.root in _global_names(path)]
            mirrored[schema].update((parent, name, value) for name, value in values.items())
    for schema in SCHEMAS.glob("*.xsd"):
        assert mirrored[schema] == _declared_values(schema), schema.name
