"""A receipt is its own CEB document: flat receipts as they were, notices with a head and a list (CEB792) nested."""

from lxml import etree

from single_window.ceb.catalogue import by_code
from single_window.ceb.xsd import validate
from single_window.receipts.models import Receipt
from single_window.receipts.present import LINES, receipt_element
from tests.samples import SAMPLES


def fields_of(element: etree._Element) -> dict[str, str]:
    return {etree.QName(child).localname: child.text or "" for child in element}


def summary_result_fields() -> dict[str, object]:
    """The sample CEB792's head fields, with its list lines under ``lines`` as clearance stores them."""
    root = etree.parse(str(SAMPLES / "customs-issued" / "CEB792-summary-result.xml")).getroot()
    head = root.find("{*}SummaryResult/{*}SummaryResultHead")
    assert head is not None
    return {
        **fields_of(head),
        LINES: [fields_of(line) for line in root.iterfind("{*}SummaryResult/{*}SummaryResultList")],
    }


def receipt(receipt_type: str, fields: dict[str, object]) -> Receipt:
    return Receipt(
        guid="DDE2CD22-E9A6-447A-B45E-17F0F5758379",
        message_id=1,
        receipt_type=receipt_type,
        position=1,
        return_status="1",
        return_time="20261102101530125",
        return_info="",
        fields=fields,
    )


def test_a_summary_result_is_its_head_then_a_list_element_per_line_and_passes_the_schema() -> None:
    element = receipt_element(receipt("CEB792", summary_result_fields()))
    names = [etree.QName(child).localname for child in element.find("{*}SummaryResult")]  # type: ignore[union-attr]
    assert names == ["SummaryResultHead", "SummaryResultList", "SummaryResultList", "SummaryResultList"]
    summary_result = by_code("CEB792")
    assert summary_result is not None
    assert validate(element, summary_result) == []


def test_a_flat_receipt_holds_its_fields_in_its_return_element() -> None:
    element = receipt_element(receipt("CEB702", {"guid": "G", "returnStatus": "399"}))
    (summary_return,) = element
    assert etree.QName(summary_return).localname == "SummaryReturn"
    assert fields_of(summary_return) == {"guid": "G", "returnStatus": "399"}
