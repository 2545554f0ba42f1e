"""Turn a schema-valid CEB message into plain records in one pass over the tree; no rule touches lxml."""

from collections.abc import Iterator, Mapping

from lxml import etree

from single_window.ceb.catalogue import by_root
from single_window.ceb.model import Document, Message, Record
from single_window.ceb.namespaces import CEB_NS
from single_window.xmlio.codec import XML_WHITESPACE
from single_window.xmlio.lines import source_line

_PREFIX = f"{{{CEB_NS}}}"
_START = len(_PREFIX)
_ANY_CEB = f"{_PREFIX}*"
_NOT_BUSINESS = frozenset({"BaseTransfer", "BaseSubscribe", "ExtendMessage"})
_NO_VALUES: Mapping[str, str] = {}
_NO_SCHEMA_VALUES: Mapping[str, Mapping[str, str]] = {}


class _FieldLines(Mapping[str, int | None]):
    """The source line of each field of a record, read from the tree only when an issue names the field.

    Reading every leaf's line up front cost a tenth of the reading time, and only the fields issues name need one.
    The tree is not changed after it is read, so a late lookup finds what an early one would have.
    """

    __slots__ = ("_element", "_texts")

    def __init__(self, element: etree._Element, texts: Mapping[str, str]) -> None:
        self._element = element
        self._texts = texts

    def __getitem__(self, name: str) -> int | None:
        if name not in self._texts:
            raise KeyError(name)
        line = None
        # A repeated field keeps its last occurrence, as its text does.
        for child in self._element.iterchildren(f"{_PREFIX}{name}"):
            line = source_line(child)
        return line

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


def localname(element: etree._Element) -> str | None:
    """The local name of a CEB element; None for anything outside the CEB namespace."""
    tag = element.tag
    if isinstance(tag, str) and tag.startswith(_PREFIX):
        return tag[_START:]
    return None


def read_message(root: etree._Element) -> Message:
    name = localname(root) or ""
    # An empty element the XSD gives a default or fixed value means that value: the row lists them by element.
    message_type = by_root(name)
    schema_values = message_type.schema_values if message_type else _NO_SCHEMA_VALUES
    transfer: Record | None = None
    documents: list[Document] = []
    subscriptions: list[Record] = []
    seen: dict[str, int] = {}
    for child in root.iterchildren(_ANY_CEB):
        child_name = child.tag[_START:]
        if child_name == "BaseTransfer":
            transfer = _record(child, f"/{name}/BaseTransfer", _NO_VALUES)
        elif child_name == "BaseSubscribe":
            path = f"/{name}/BaseSubscribe[{len(subscriptions) + 1}]"
            subscriptions.append(_record(child, path, _NO_VALUES))
        elif child_name not in _NOT_BUSINESS:
            seen[child_name] = index = seen.get(child_name, 0) + 1
            documents.append(_document(schema_values, child, child_name, f"/{name}/{child_name}[{index}]"))
    return Message(name, transfer, tuple(documents), tuple(subscriptions))


def _document(
    schema_values: Mapping[str, Mapping[str, str]], element: etree._Element, name: str, path: str
) -> Document:
    children = list(element.iterchildren(_ANY_CEB))
    head_name = children[0].tag[_START:] if children else ""
    # Nested documents open with their head (OrderHead, InventoryHead…); flat ones open with guid.
    if not head_name.endswith("Head"):
        return Document(_record(element, path, schema_values.get(name, _NO_VALUES)), ())
    seen: dict[str, int] = {}
    lines: list[Record] = []
    for child in children[1:]:
        line_name = child.tag[_START:]
        seen[line_name] = index = seen.get(line_name, 0) + 1
        lines.append(_record(child, f"{path}/{line_name}[{index}]", schema_values.get(line_name, _NO_VALUES)))
    head = _record(children[0], f"{path}/{head_name}", schema_values.get(head_name, _NO_VALUES))
    return Document(head, tuple(lines))


def _record(element: etree._Element, path: str, schema_values: Mapping[str, str]) -> Record:
    # The hot loop of intake (about 90 leaves in an order of five lines): no per-leaf work beyond name and text.
    texts: dict[str, str] = {}
    untrimmed: dict[str, str] | None = None  # made only for the rare record that needs one
    for child in element.iterchildren(_ANY_CEB):
        name = child.tag[_START:]
        text = child.text or ""
        # Trimmed, as the XSD's collapse facets and decimal types read them; what was trimmed is kept for the rules
        # that refuse it where it matters (keys, blank values).
        value = text.strip(XML_WHITESPACE)
        if len(value) != len(text):
            if untrimmed is None:
                untrimmed = {}
            untrimmed[name] = text
        texts[name] = value or schema_values.get(name, "")
    return Record(path, source_line(element), texts, _FieldLines(element, texts), untrimmed or _NO_VALUES)
