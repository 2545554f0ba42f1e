"""A declaration's business documents: numbered in message order, each a head and its lines as plain fields."""

from single_window.messages.checks.reading import read_message
from single_window.messages.documents import documents_of, read_documents
from tests.messages.checks.factories import parse
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
