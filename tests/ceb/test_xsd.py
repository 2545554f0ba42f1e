"""Schema validation: one libxml2 call, at most 25 issues, each with a line, a clean path and a stable rule."""

import copy
import threading
from pathlib import Path
from queue import SimpleQueue

import pytest
from lxml import etree

from single_window.ceb import xsd
from single_window.ceb.catalogue import by_code, by_root
from single_window.ceb.model import MessageType
from single_window.ceb.namespaces import CEB_NS, ceb
from single_window.ceb.xsd import SchemaFile, SchemaIssue, schema_files, validate, validate_envelope
from single_window.xmlio.safe_parser import parse_xml

SAMPLES = Path(__file__).resolve().parents[2] / "sample_declarations"
VALID = sorted([*(SAMPLES / "valid").glob("*.xml"), *(SAMPLES / "customs-issued").glob("*.xml")])
INVALID = sorted((SAMPLES / "invalid-schema").glob("*.xml"))


def parse(body: bytes) -> etree._Element:
    return parse_xml(body, max_bytes=10_000_000, max_depth=64)


def message_type(code: str) -> MessageType:
    found = by_code(code)
    assert found is not None
    return found


def issues_of(root: etree._Element) -> list[SchemaIssue]:
    localname = etree.QName(root).localname
    if localname == "DxpMsg":
        return validate_envelope(root)
    found = by_root(localname)
    assert found is not None
    return validate(root, found)


def sample(name: str) -> etree._Element:
    return parse((SAMPLES / name).read_bytes())


def order_with(old: bytes, new: bytes) -> etree._Element:
    return parse((SAMPLES / "valid" / "CEB311-order.xml").read_bytes().replace(old, new))


@pytest.mark.parametrize("path", VALID, ids=lambda path: path.name)
def test_every_valid_sample_has_no_issues(path: Path) -> None:
    assert issues_of(parse(path.read_bytes())) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda path: path.name)
def test_every_schema_invalid_sample_has_an_issue_with_a_line_and_a_path(path: Path) -> None:
    issues = issues_of(parse(path.read_bytes()))
    assert issues
    for issue in issues:
        assert isinstance(issue.line, int)
        assert issue.line > 0
        assert issue.path.startswith("/")
        assert ":" not in issue.path
        assert "{" not in issue.message


@pytest.mark.parametrize(
    ("name", "line", "path", "rule"),
    [
        ("CEB311-order-missing-orderNo.xml", 10, "/CEB311Message/Order[1]/OrderHead/ebpCode", "content"),
        ("CEB311-order-orderNo-too-long.xml", 10, "/CEB311Message/Order[1]/OrderHead/orderNo", "maxLength"),
        (
            "CEB511-logistics-empty-logisticsNo.xml",
            11,
            "/CEB511Message/Logistics[1]/LogisticsHead/logisticsNo",
            "minLength",
        ),
        ("CEB311-order-guid-35-chars.xml", 2, "/CEB311Message/@guid", "length"),
        ("CEB621-inventory-gcode-8-digits.xml", 49, "/CEB621Message/Inventory[1]/InventoryList[1]/gcode", "length"),
        (
            "CEB311-order-goodsValue-six-decimals.xml",
            15,
            "/CEB311Message/Order[1]/OrderHead/goodsValue",
            "fractionDigits",
        ),
        (
            "CEB621-inventory-packNo-ten-digits.xml",
            41,
            "/CEB621Message/Inventory[1]/InventoryHead/packNo",
            "totalDigits",
        ),
        ("CEB311-order-currency-not-142.xml", 20, "/CEB311Message/Order[1]/OrderHead/currency", "fixed"),
        ("CEB603-inventory-fFlag-not-3.xml", 36, "/CEB603Message/Inventory[1]/InventoryHead/fFlag", "fixed"),
        ("CEB621-inventory-missing-signature.xml", 2, "/CEB621Message", "content"),
        ("CEB311-order-101-orders.xml", 7203, "/CEB311Message/Order[101]", "content"),
        ("CEB303-order-import-tail-order.xml", 69, "/CEB303Message/Signature", "content"),
        ("CEB505-logistics-logisticsNo-33-chars.xml", 10, "/CEB505Message/Logistics[1]/logisticsNo", "maxLength"),
        ("DxpMsg-CEB311-order-six-receivers.xml", 12, "/DxpMsg/TransInfo/ReceiverIds/ReceiverId[6]", "content"),
    ],
)
def test_each_defect_is_reported_at_its_line_and_path_with_its_rule(name: str, line: int, path: str, rule: str) -> None:
    [issue] = issues_of(sample(f"invalid-schema/{name}"))
    assert (issue.line, issue.path, issue.rule) == (line, path, rule)


def test_a_missing_order_number_is_named_in_the_message() -> None:
    [issue] = issues_of(sample("invalid-schema/CEB311-order-missing-orderNo.xml"))
    assert issue.message == "Element 'ebpCode': This element is not expected. Expected is ( orderNo )."


def test_a_message_in_the_default_namespace_gets_paths_by_element_name() -> None:
    # libxml2 writes "/*/*/*[7]" for elements without a prefix.
    [issue] = issues_of(sample("invalid-schema/CEB622-inventory-receipt-missing-preNo.xml"))
    assert issue.path == "/CEB622Message/InventoryReturn[1]/invtNo"


def test_paths_of_repeated_elements_carry_their_position_in_the_default_namespace_too() -> None:
    root = order_with(b"<ceb:gnum>2</ceb:gnum>", b"<ceb:gnum>two</ceb:gnum>")
    prefixed = issues_of(root)
    unprefixed = issues_of(parse(etree.tostring(root).replace(b"ceb:", b"").replace(b"xmlns:ceb", b"xmlns")))
    assert [issue.path for issue in prefixed] == [issue.path for issue in unprefixed]
    assert prefixed[0].path == "/CEB311Message/Order[1]/OrderList[2]/gnum"
    assert prefixed[0].rule == "type"


def test_an_issue_list_stops_at_25_even_when_every_one_of_100_orders_is_broken() -> None:
    root = sample("valid/CEB311-order.xml")
    order = root.find(ceb("Order"))
    assert order is not None
    order_no = order.find(f"{ceb('OrderHead')}/{ceb('orderNo')}")
    assert order_no is not None
    order_no.getparent().remove(order_no)  # type: ignore[union-attr]
    for _ in range(99):
        order.addnext(copy.deepcopy(order))
    issues = validate(parse(etree.tostring(root)), message_type("CEB311"))
    assert len(issues) == 25
    assert [issue.path for issue in issues][:2] == [
        "/CEB311Message/Order[1]/OrderHead/ebpCode",
        "/CEB311Message/Order[2]/OrderHead/ebpCode",
    ]


def test_a_missing_required_attribute_is_reported_on_the_attribute() -> None:
    root = order_with(b' guid="454F41A8-A710-47B5-9505-C3FAF5E69FAA"', b"")
    [issue] = validate(root, message_type("CEB311"))
    assert (issue.path, issue.rule) == ("/CEB311Message/@guid", "missing-attribute")


def test_an_unknown_attribute_is_reported_on_the_attribute() -> None:
    [issue] = validate(order_with(b'version="1.0">', b'version="1.0" channel="app">'), message_type("CEB311"))
    assert (issue.path, issue.rule) == ("/CEB311Message/@channel", "unexpected-attribute")


def test_a_root_in_another_namespace_is_a_root_issue() -> None:
    [issue] = validate(order_with(CEB_NS.encode(), b"urn:not-ceb"), message_type("CEB311"))
    assert (issue.path, issue.rule) == ("/CEB311Message", "root")


def test_a_message_validated_as_another_type_is_refused_without_consulting_the_schema() -> None:
    [issue] = validate(sample("customs-issued/CEB312-order-receipt.xml"), message_type("CEB311"))
    assert (issue.path, issue.rule, issue.line) == ("/CEB312Message", "root", 2)
    assert issue.message == "the root element is CEB312Message, not CEB311Message"


def test_an_export_message_is_validated_against_the_export_schema() -> None:
    # The export Logistics is flat; the import one wraps LogisticsHead, so the wrong schema would fail it.
    assert validate(sample("valid/CEB505-logistics.xml"), message_type("CEB505")) == []


def test_a_huge_wrong_value_is_shortened_in_the_message() -> None:
    [issue] = validate(order_with(b">334.00<", b">" + b"9x" * 50_000 + b"<"), message_type("CEB311"))
    assert issue.rule == "type"
    assert len(issue.message) < 200
    assert "…" in issue.message


def test_an_envelope_validation_refuses_anything_but_a_dxp_message() -> None:
    [issue] = validate_envelope(sample("valid/CEB311-order.xml"))
    assert (issue.path, issue.rule) == ("/CEB311Message", "root")


def test_issues_become_field_errors_of_the_error_contract() -> None:
    [issue] = issues_of(sample("invalid-schema/CEB311-order-orderNo-too-long.xml"))
    assert issue.as_field_error().as_dict() == {
        "field": "/CEB311Message/Order[1]/OrderHead/orderNo",
        "code": "maxLength",
        "message": issue.message,
        "line": 10,
    }


def test_threads_validating_at_once_each_see_only_their_own_issues() -> None:
    good = sample("valid/CEB311-order.xml")
    bad = sample("invalid-schema/CEB311-order-orderNo-too-long.xml")
    counts: list[int] = []

    def run(root: etree._Element) -> None:
        counts.extend(len(validate(root, message_type("CEB311"))) for _ in range(300))

    threads = [threading.Thread(target=run, args=(good if n % 2 else bad,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(set(counts)) == [0, 1]
    assert counts.count(0) == counts.count(1) == 600


def test_one_thread_validating_message_after_message_compiles_the_schema_once(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    compile_schema = xsd._compile

    def counting(schema_file: SchemaFile) -> etree.XMLSchema:
        compiled.append(schema_file.name)
        return compile_schema(schema_file)

    monkeypatch.setattr(xsd, "_idle", {file.name: SimpleQueue() for file in schema_files()})
    monkeypatch.setattr(xsd, "_compile", counting)
    for _ in range(20):
        validate(sample("valid/CEB311-order.xml"), message_type("CEB311"))
        validate(sample("invalid-schema/CEB311-order-orderNo-too-long.xml"), message_type("CEB311"))
    assert compiled == ["ceb/import-2022-05.xsd"]


def test_the_schema_files_are_listed_with_their_namespaces_and_exist() -> None:
    files = schema_files()
    assert [file.name for file in files] == [
        "ceb/import-2022-05.xsd",
        "ceb/export-2022-05.xsd",
        "dxp/dxpmsg-2022-05.xsd",
        "xmldsig/xmldsig-core-schema.xsd",
    ]
    assert all(file.path.is_file() and file.description for file in files)
    assert [file.namespace for file in files][:3] == [CEB_NS, CEB_NS, "http://www.chinaport.gov.cn/dxp"]
