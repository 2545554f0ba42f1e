"""A receipt as JSON data or as its own CEB receipt document."""

from typing import Any

from lxml import etree

from single_window.ceb.catalogue import by_code
from single_window.receipts.models import Receipt
from single_window.receipts.xml import ceb_document, ceb_nested_document

# A notice with a head and a list (CEB792, CEB816) keeps its list lines under this key of its fields.
LINES = "lines"


def receipt_data(receipt: Receipt) -> dict[str, Any]:
    return {
        "receipt_type": receipt.receipt_type,
        "position": receipt.position,
        "return_status": receipt.return_status,
        "return_time": receipt.return_time,
        "return_info": receipt.return_info,
        "fields": receipt.fields,
    }


def receipt_element(receipt: Receipt) -> etree._Element:
    receipt_type = by_code(receipt.receipt_type)
    assert receipt_type is not None
    root, element, head = receipt_type.root, receipt_type.business_element, receipt_type.head_element
    if head is None:
        return ceb_document(root, element, [receipt.fields], guid=receipt.guid)
    head_fields = {name: value for name, value in receipt.fields.items() if name != LINES}
    lines = [(receipt_type.list_element or "", line) for line in receipt.fields.get(LINES, [])]
    return ceb_nested_document(root, element, [(head, head_fields), *lines], guid=receipt.guid)
