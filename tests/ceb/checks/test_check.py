"""check_message: the valid samples pass, each invalid-business sample fails with its one code, the cap holds."""

import copy
import re
from pathlib import Path

import pytest
from lxml import etree

from single_window.ceb import codes
from single_window.ceb.catalogue import ALL
from single_window.ceb.checks.check import check_message
from single_window.ceb.model import BusinessIssue
from single_window.ceb.namespaces import CEB_NS
from single_window.xmlio.lines import source_line
from tests.ceb.checks.factories import FakeDirectory, cop_code, demo_directory, parse
from tests.samples import samples, sender_of

SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schemas" / "ceb"
SCHEMAS = {direction: SCHEMA_DIR / f"{direction}-2022-05.xsd" for direction in ("import", "export")}
VALID = samples("valid") + samples("customs-issued")
INVALID_BUSINESS = samples("invalid-business")


def _root_name(path: Path) -> str:
    return etree.QName(parse(path)).localname


def _expected_code(path: Path) -> str:
    """<valid sample>.<defect>.<code>.xml, e.g. CEB311-order.duplicate-gnum.-301002.xml."""
    return path.name.split(".")[-2]


def _check(root: etree._Element, sender: str | None = None, **overrides: int) -> list[BusinessIssue]:
    return check_message(root, sender_code=sender or cop_code(root), directory=demo_directory(), **overrides)


def _check_sample(path: Path) -> list[BusinessIssue]:
    """As its sender sends it: a sample about its sender names it in an instruction intake's parser drops."""
    return _check(parse(path), sender_of(path.read_bytes()))


def _schema_errors(path: Path) -> list[str]:
    document = etree.parse(str(path))
    errors = []
    for schema_path in SCHEMAS.values():
        schema = etree.XMLSchema(etree.parse(str(schema_path)))
        if schema.validate(document):
            return []
        errors.append(str(schema.error_log))
    return errors


DECLARATION_ROOTS = {message_type.root for message_type in ALL if message_type.kind == "declaration"}
NOT_DECLARATIONS = [path for path in VALID if _root_name(path) not in DECLARATION_ROOTS]


@pytest.mark.parametrize("path", VALID, ids=lambda path: path.name)
def test_a_valid_sample_has_no_business_issue(path: Path) -> None:
    assert _check_sample(path) == []


@pytest.mark.parametrize("path", NOT_DECLARATIONS, ids=lambda p: p.name)
def test_receipts_and_notices_are_not_declarations(path: Path) -> None:
    assert check_message(parse(path), sender_code="", directory=FakeDirectory({})) == []


def test_there_are_at_least_fifteen_invalid_business_samples_each_with_a_known_code() -> None:
    assert len(INVALID_BUSINESS) >= 15
    assert all(_expected_code(path) in codes.TABLE for path in INVALID_BUSINESS)


@pytest.mark.parametrize("path", INVALID_BUSINESS, ids=lambda path: path.name)
def test_an_invalid_business_sample_is_schema_valid(path: Path) -> None:
    assert _schema_errors(path) == []


@pytest.mark.parametrize("path", INVALID_BUSINESS, ids=lambda path: path.name)
def test_an_invalid_business_sample_reports_exactly_its_code(path: Path) -> None:
    issues = _check_sample(path)
    assert [issue.code for issue in issues] == [_expected_code(path)]
    (issue,) = issues
    assert issue.field.startswith("/CEB")
    assert ":" not in issue.field
    assert issue.line is not None


@pytest.mark.parametrize("path", INVALID_BUSINESS, ids=lambda path: path.name)
def test_an_issue_names_the_line_of_the_element_at_its_field(path: Path) -> None:
    root = parse(path)
    (issue,) = _check(root, sender_of(path.read_bytes()))
    assert issue.line == source_line(_element_at(root, issue.field))


def _element_at(root: etree._Element, field: str) -> etree._Element:
    """The element a business issue's field names: /CEB311Message/Order[1]/OrderList[2]/gnum."""
    steps = [re.sub(r"^([^\[]+)", r"*[local-name()='\1']", step) for step in field.strip("/").split("/")]
    found = root.xpath("/" + "/".join(steps))
    assert isinstance(found, list)
    (element,) = found
    assert isinstance(element, etree._Element)
    return element


def _order_with_bad_lines(orders: int) -> etree._Element:
    """An order message whose every line repeats gnum 1 and has a wrong total price: two issues per line."""
    root = parse(SAMPLES_VALID_ORDER)
    order = root[0]
    for line in order.iterfind(f"{{{CEB_NS}}}OrderList"):
        line.find(f"{{{CEB_NS}}}gnum").text = "1"  # type: ignore[union-attr]
        line.find(f"{{{CEB_NS}}}totalPrice").text = "1.00"  # type: ignore[union-attr]
    for _ in range(orders - 1):
        order.addnext(copy.deepcopy(order))
    return root


SAMPLES_VALID_ORDER = next(path for path in VALID if path.name == "CEB311-order.xml")


def test_issues_stop_at_the_default_cap_of_twenty_five() -> None:
    root = _order_with_bad_lines(orders=10)
    assert len(_check(root)) == 25


@pytest.mark.parametrize("cap", [0, 1, 7])
def test_issues_stop_at_the_requested_cap_in_document_order(cap: int) -> None:
    root = _order_with_bad_lines(orders=3)
    everything = _check(root, max_issues=1000)
    assert len(everything) == 3 * 5
    assert _check(root, max_issues=cap) == everything[:cap]
    assert everything[0].field == "/CEB311Message/Order[1]/OrderList[1]/totalPrice"
    assert everything[-1].field.startswith("/CEB311Message/Order[3]/")


def test_a_root_outside_the_ceb_namespace_is_not_checked() -> None:
    root = etree.fromstring(etree.tostring(parse(SAMPLES_VALID_ORDER)).replace(CEB_NS.encode(), b"urn:not-ceb"))
    assert check_message(root, sender_code="x", directory=FakeDirectory({})) == []


def test_the_sender_check_runs_once_per_message_before_the_documents() -> None:
    root = _order_with_bad_lines(orders=2)
    issues = check_message(root, sender_code="3301960004", directory=demo_directory(), max_issues=100)
    assert [issue.code for issue in issues[:2]] == [codes.TRANSFER_NOT_SENDER.code, codes.INVALID_ENTERPRISE_TYPE.code]
    assert sum(issue.field.endswith("/copCode") for issue in issues) == 2
