"""Read a schema-valid CEB message into plain data: its business documents, transfer and subscriptions."""

from dataclasses import dataclass, field

from lxml import etree

from single_window.ceb.checks.reading import read_message
from single_window.ceb.model import Message as Records
from single_window.ceb.namespaces import ceb
from single_window.xmlio.codec import XML_WHITESPACE

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


def fields_of(element: etree._Element) -> Fields:
    # Splitting the Clark name is several times cheaper than etree.QName, and this runs for every field. Trimmed of
    # XML's white space only, as the checks read values: str.strip() would also drop U+3000 or U+0085, so that
    # "DXPENT0000000002\u3000" named a subscriber here that it names nowhere else.
    return {
        child.tag.rpartition("}")[2]: (child.text or "").strip(XML_WHITESPACE)
        for child in element
        if isinstance(child.tag, str)
    }


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


def read_envelope(root: etree._Element) -> Envelope:
    transfer = root.find(ceb("BaseTransfer"))
    assert transfer is not None, "the schema requires BaseTransfer on declarations"
    transfer_fields = fields_of(transfer)
    subscriptions = tuple(
        Subscription(status=entry.get("status", ""), dxp_address=entry.get("dxpAddress", ""))
        for entry in map(fields_of, root.iterchildren(ceb("BaseSubscribe")))
    )
    return Envelope(transfer_fields.get("copCode", ""), transfer_fields.get("dxpId", ""), subscriptions)
