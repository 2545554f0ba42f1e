"""Plain records, documents and contexts for rule tests, and the demo enterprise directory."""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path

from lxml import etree

from single_window.ceb.catalogue import by_root
from single_window.ceb.model import (
    BusinessIssue,
    Context,
    Document,
    DocumentRule,
    Message,
    Party,
    Record,
)
from single_window.ceb.namespaces import CEB_NS
from single_window.demo import DEMO_ENTERPRISES
from single_window.xmlio.safe_parser import parse_xml

HEAD_LINE = 10


class FakeDirectory:
    """Enterprises by customs code; `aliases` files other codes (USCCs) for them."""

    def __init__(
        self,
        roles: Mapping[str, Iterable[str]],
        *,
        dxp_ids: Mapping[str, str] | None = None,
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        self.roles = {code: frozenset(role) for code, role in roles.items()}
        self.dxp_ids = dict(dxp_ids or {})
        self.aliases = dict(aliases or {})
        self.asked: list[str] = []

    def roles_of(self, code: str) -> frozenset[str] | None:
        self.asked.append(code)
        customs_code = self.customs_code_of(code)
        return None if customs_code is None else self.roles[customs_code]

    def customs_code_of(self, code: str) -> str | None:
        customs_code = self.aliases.get(code, code)
        return customs_code if customs_code in self.roles else None

    def dxp_id_of(self, code: str) -> str | None:
        customs_code = self.customs_code_of(code)
        return None if customs_code is None else self.dxp_ids.get(customs_code)


def demo_directory() -> FakeDirectory:
    """The six demo enterprises, one role each (3301960001 ebp … 3301960006 site), with their DXP ids."""
    return FakeDirectory(
        {demo.customs_code: [demo.role.value] for demo in DEMO_ENTERPRISES},
        dxp_ids={demo.customs_code: demo.dxp_id for demo in DEMO_ENTERPRISES},
    )


def record(path: str = "/CEB311Message/Order[1]/OrderHead", /, **texts: str) -> Record:
    """A head whose fields sit on the lines after its own, in keyword order."""
    return _record(path, HEAD_LINE, texts)


def order_line(index: int, /, **texts: str) -> Record:
    return _record(f"/CEB311Message/Order[1]/OrderList[{index}]", 100 + 20 * index, texts)


def _record(path: str, line: int, texts: Mapping[str, str]) -> Record:
    sourcelines = {name: line + offset for offset, name in enumerate(texts, start=1)}
    return Record(path, line, dict(texts), sourcelines)


def document(head: Record | None = None, *lines: Record) -> Document:
    return Document(head or record(), lines)


def context(
    root: str = "CEB311Message",
    *,
    sender_code: str = "3301960001",
    directory: FakeDirectory | None = None,
    parties: Mapping[str, Party] | None = None,
) -> Context:
    """The row of the type the root names, with other enterprise fields when `parties` is given."""
    message_type = by_root(root)
    assert message_type is not None, root
    if parties is not None:
        message_type = replace(message_type, parties=parties)
    return Context(message_type=message_type, sender_code=sender_code, directory=directory or demo_directory())


def run(rule: DocumentRule, doc: Document, ctx: Context | None = None) -> list[BusinessIssue]:
    return list(rule(doc, ctx or context()))


def codes_of(issues: Iterable[BusinessIssue]) -> list[str]:
    return [issue.code for issue in issues]


def message(transfer: Record | None = None, root: str = "CEB311Message") -> Message:
    return Message(root, transfer, (document(),))


def parse(path: Path) -> etree._Element:
    """The file as intake reads it: the hardened parser, which leaves every value one text node."""
    return parse_xml(path.read_bytes(), max_bytes=10 * 1024 * 1024, max_depth=64)


def cop_code(root: etree._Element) -> str:
    found = root.find(f"{{{CEB_NS}}}BaseTransfer/{{{CEB_NS}}}copCode")
    return "" if found is None else found.text or ""


def fields_of(issues: Iterable[BusinessIssue]) -> Iterator[str]:
    return (issue.field for issue in issues)
