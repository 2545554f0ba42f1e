"""A document's business key: the fields that make it, in whose name it stands, and who may change what it holds.

The key's enterprise fields count by customs code, so an enterprise named by its USCC declares the same keys. A key
that names one of the type's declarants (an order's platform, an inventory's e-commerce enterprise) belongs to that
enterprise: it may change or delete what another declarant declared under it. A key that names no declarant (the
inventory number of a cancellation or a return) stands in its declarant's own name, so that no one can take
another's by declaring it first.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from single_window.ceb.documents import Document
from single_window.ceb.model import KEY_SEPARATOR, MessageType

CustomsCodeOf = Callable[[str], str | None]


@dataclass(frozen=True)
class KeyedDocument:
    document: Document
    key: str
    # The customs codes of the enterprises the key names as declarants: they may change or delete under it.
    owners: frozenset[str]

    @property
    def position(self) -> int:
        return self.document.position


def owner_fields(message_type: MessageType) -> tuple[str, ...]:
    return tuple(name for name in message_type.business_keys if name in message_type.declarants)


def keyed_documents(
    message_type: MessageType, documents: Sequence[Document], *, sender_code: str, customs_code_of: CustomsCodeOf
) -> list[KeyedDocument]:
    # The same for every document of the message: looked up once, not once a document.
    parties = message_type.parties
    owners = owner_fields(message_type)
    in_whose_name = [] if owners else [sender_code]

    def keyed(document: Document) -> KeyedDocument:
        def canonical(name: str) -> str:
            value = document.head.get(name, "")
            return (customs_code_of(value) or value) if name in parties else value

        key = KEY_SEPARATOR.join([*in_whose_name, *map(canonical, message_type.business_keys)])
        return KeyedDocument(document, key, frozenset(map(canonical, owners)))

    return [keyed(document) for document in documents]
