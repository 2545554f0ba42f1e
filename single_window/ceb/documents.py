"""Read a schema-valid CEB message into plain data: its business documents, transfer and subscriptions."""

from dataclasses import dataclass, field

from lxml import etree

from single_window.ceb.checks.reading import read_message
from single_window.ceb.model import Message as Records

Fields = dict[str, str]


@dataclass(frozen=True)
class Document:
    position: int
    head: Fields
    lines: list[Fields] = field(default_factory=list)

    @property
    def guid(self) -> str:
        return self.head.get("guid", "")

    @property
    def app_type(self) -> str:
        return self.head.get("appType", "1")


@dataclass(frozen=True)
class Subscription:
    status: str
    dxp_address: str


@dataclass(frozen=True)
class Envelope:
    """What a declaration says about who sends it and who else wants a copy."""

    cop_code: str
    dxp_id: str
    subscriptions: tuple[Subscription, ...]


def documents_of(records: Records) -> list[Document]:
    """The documents of a message the business checks already read: one pass over the tree serves both.

    The field dicts are the records' own, not copies (a 100-order message has 600 of them): nothing changes a
    document's fields after reading, and a caller that wants to must copy them first.
    """
    return [
        Document(position=position, head=read.head.texts, lines=[line.texts for line in read.lines])
        for position, read in enumerate(records.documents, start=1)
    ]


def read_documents(root: etree._Element) -> list[Document]:
    return documents_of(read_message(root))


def envelope_of(records: Records) -> Envelope:
    """Who sends the message and who else wants it, from the records the checks read: one reading of the tree."""
    assert records.transfer is not None, "the schema requires BaseTransfer on declarations"
    transfer = records.transfer.texts
    subscriptions = tuple(
        Subscription(status=entry.texts.get("status", ""), dxp_address=entry.texts.get("dxpAddress", ""))
        for entry in records.subscriptions
    )
    return Envelope(transfer.get("copCode", ""), transfer.get("dxpId", ""), subscriptions)


def read_envelope(root: etree._Element) -> Envelope:
    return envelope_of(read_message(root))
