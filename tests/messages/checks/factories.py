"""Plain records, documents and contexts for rule tests, and the demo enterprise directory."""

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from lxml import etree

from single_window.demo import DEMO_ENTERPRISES
from single_window.filings.schemas import Role
from single_window.messages.checks.model import (
    BusinessIssue,
    Context,
    Document,
    DocumentRule,
    Message,
    MessageSpec,
    Party,
    Record,
)
from single_window.messages.checks.registry import DECLARATIONS
from single_window.messages.namespaces import CEB_NS

HEAD_LINE = 10


class FakeDirectory:
    def __init__(self, roles: Mapping[str, Iterable[str]]) -> None:
        self.roles = {code: frozenset(role) for code, role in roles.items()}
        self.asked: list[str] = []

    def roles_of(self, customs_code: str) -> frozenset[str] | None:
        self.asked.append(customs_code)
        return self.roles.get(customs_code)


def demo_directory() -> FakeDirectory:
    """The six demo enterprises, one role each (3301960001 ebp … 3301960006 site)."""
    return FakeDirectory({demo.customs_code: [demo.role.value] for demo in DEMO_ENTERPRISES})


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
    senders: Iterable[Role] | None = None,
) -> Context:
    registered = DECLARATIONS.get(root)
    spec = MessageSpec(
        senders=frozenset(senders) if senders is not None else registered.senders if registered else frozenset(),
        parties=parties if parties is not None else registered.parties if registered else {},
        rules=(),
    )
    return Context(root=root, sender_code=sender_code, spec=spec, directory=directory or demo_directory())


def run(rule: DocumentRule, doc: Document, ctx: Context | None = None) -> list[BusinessIssue]:
    return list(rule(doc, ctx or context()))


def codes_of(issues: Iterable[BusinessIssue]) -> list[str]:
    return [issue.code for issue in issues]


def message(transfer: Record | None = None, root: str = "CEB311Message") -> Message:
    return Message(root, transfer, (document(),))


def parse(path: Path) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(str(path), parser).getroot()


def cop_code(root: etree._Element) -> str:
    found = root.find(f"{{{CEB_NS}}}BaseTransfer/{{{CEB_NS}}}copCode")
    return "" if found is None else found.text or ""


def fields_of(issues: Iterable[BusinessIssue]) -> Iterator[str]:
    return (issue.field for issue in issues)
