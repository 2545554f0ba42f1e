"""Every receipt the service issues, for every declaration type, passes the 2022-05 receipt schema."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from single_window.ceb.catalogue import by_code, by_root
from single_window.ceb.documents import read_documents
from single_window.ceb.model import BusinessIssue, MessageType, issues_by_position
from single_window.ceb.xsd import validate
from single_window.receipts.builder import acknowledgement_drafts, rejection_drafts
from single_window.receipts.numbers import assign_numbers
from single_window.receipts.service import ReceiptDraft
from single_window.receipts.xml import ceb_document, new_guid
from tests.samples import samples

DECLARATIONS = [
    path
    for path in samples("valid")
    if (t := by_root(etree.QName(etree.parse(str(path)).getroot()).localname)) is not None and t.kind == "declaration"
]
MOMENT = datetime(2026, 11, 25, 8, 30, tzinfo=UTC)


def declaration(path: Path) -> tuple[MessageType, etree._Element]:
    root = etree.parse(str(path)).getroot()
    message_type = by_root(etree.QName(root).localname)
    assert message_type is not None
    return message_type, root


def schema_problems(message_type: MessageType, drafts: list[ReceiptDraft]) -> list[str]:
    receipt_type = by_code(message_type.receipt_code or "")
    assert receipt_type is not None
    document = ceb_document(
        receipt_type.root, receipt_type.business_element, [d.fields for d in drafts], guid=new_guid()
    )
    return [f"{issue.path}: {issue.message}" for issue in validate(document, receipt_type)]


@pytest.mark.parametrize("sample", DECLARATIONS, ids=lambda p: p.stem)
def test_acknowledgement_receipts_pass_the_schema(sample: Path) -> None:
    message_type, root = declaration(sample)
    drafts = [
        draft
        for document in read_documents(root)
        for draft in acknowledgement_drafts(
            message_type,
            document.position,
            document.head,
            assign_numbers(message_type, document.head, MOMENT, serial=document.position),
            MOMENT,
        )
    ]
    assert drafts
    assert schema_problems(message_type, drafts) == []


@pytest.mark.parametrize("sample", DECLARATIONS, ids=lambda p: p.stem)
def test_rejection_receipts_pass_the_schema(sample: Path) -> None:
    message_type, root = declaration(sample)
    documents = read_documents(root)
    issue = BusinessIssue("-900701", f"/{message_type.root}/BaseTransfer/copCode", "报文传输企业与发送企业不一致", 3)
    breaches = issues_by_position([issue], [document.position for document in documents])
    serials = {document.position: 500_000_000 + document.position for document in documents}
    drafts = rejection_drafts(message_type, documents, breaches, MOMENT, serials=serials)
    assert len(drafts) == len(documents)
    assert schema_problems(message_type, drafts) == []
