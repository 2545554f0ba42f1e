"""A declaration's business documents: numbered in message order, each a head and its lines as plain fields."""

import pytest
from lxml import etree

from single_window.ceb.checks.reading import read_message
from single_window.ceb.documents import Subscription, documents_of, read_documents, read_envelope
from single_window.ceb.namespaces import CEB_NS
from tests.ceb.checks.factories import parse
from tests.samples import SAMPLES


def test_each_document_has_its_position_head_and_lines() -> None:
    (order,) = read_documents(parse(SAMPLES / "valid" / "CEB311-order.xml"))
    assert order.position == 1
    assert order.guid == "127964DB-F54C-414C-AE39-96F1F0315D2C"
    assert order.app_type == "1"
    assert [line["gnum"] for line in order.lines] == ["1", "2", "3"]
    assert order.lines[2]["totalPrice"] == "38.00"


def test_documents_carry_the_fields_the_checks_read() -> None:
    records = read_message(parse(SAMPLES / "valid" / "CEB311-order.xml"))
    (order,) = documents_of(records)
    (read,) = records.documents
    assert order.head == read.head.texts
    assert order.lines == [line.texts for line in read.lines]


def test_flat_documents_have_no_lines() -> None:
    documents = read_documents(parse(SAMPLES / "valid" / "CEB513-logistics-status.xml"))
    assert [document.position for document in documents] == list(range(1, len(documents) + 1))
    assert all(document.lines == [] for document in documents)
    assert documents[0].head["logisticsStatus"] == "S"


def declaration_transferred_by(cop_code: str, dxp_address: str) -> etree._Element:
    return etree.fromstring(
        f'<CEB311Message xmlns="{CEB_NS}"><BaseTransfer><copCode>{cop_code}</copCode><dxpId>DXPENT0000000001</dxpId>'
        f"</BaseTransfer><BaseSubscribe><status>ALL</status><dxpAddress>{dxp_address}</dxpAddress></BaseSubscribe>"
        "</CEB311Message>"
    )


def test_the_envelope_is_trimmed_of_xml_white_space() -> None:
    envelope = read_envelope(declaration_transferred_by(" 3301960001\t", "\r\nDXPENT0000000002 "))
    assert envelope.cop_code == "3301960001"
    assert envelope.subscriptions == (Subscription("ALL", "DXPENT0000000002"),)


@pytest.mark.parametrize("space", ["\u3000", "\x85", "\u00a0"], ids=["ideographic", "next-line", "no-break"])
def test_the_envelope_keeps_white_space_xml_does_not_trim(space: str) -> None:
    envelope = read_envelope(declaration_transferred_by(f"3301960001{space}", f"DXPENT0000000002{space}"))
    assert envelope.cop_code == f"3301960001{space}"
    assert envelope.subscriptions == (Subscription("ALL", f"DXPENT0000000002{space}"),)
