"""Plain data the business checks read, the issue they report, and what a rule is."""

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from single_window.filings.schemas import Role
from single_window.messages.checks.codes import Code


@dataclass(frozen=True, slots=True)
class BusinessIssue:
    code: str
    field: str
    message: str
    line: int | None


class EnterpriseDirectory(Protocol):
    """The filed enterprises, each found by its customs code or its USCC; None for a code not actively filed."""

    def roles_of(self, code: str) -> frozenset[str] | None: ...

    def customs_code_of(self, code: str) -> str | None: ...

    def dxp_id_of(self, code: str) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Record:
    """One element's leaf children by local name, e.g. an OrderHead or one OrderList line: text and source line."""

    path: str
    line: int | None
    # A dict, not a Mapping: documents_of hands it on as the stored document's fields without a copy.
    texts: dict[str, str]
    # Read from the tree on demand (reading.py): only the fields an issue names ever need a line.
    sourcelines: Mapping[str, int | None]
    # The text as sent of each field that reading trimmed (surrounding white space, or nothing but it); usually none.
    untrimmed: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Document:
    """One business element (an Order, a Payment…): its head and its list lines, empty for flat ones."""

    head: Record
    lines: tuple[Record, ...]


@dataclass(frozen=True, slots=True)
class Message:
    root: str
    transfer: Record | None
    documents: tuple[Document, ...]
    # BaseSubscribe elements: stored and forwarded with the message like BaseTransfer.
    subscriptions: tuple[Record, ...] = ()


@dataclass(frozen=True, slots=True)
class Party:
    """An enterprise code field: the roles that may fill it, and the placeholders the spec allows instead."""

    roles: frozenset[Role]
    optional: bool = False
    placeholders: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class MessageSpec:
    """What the registry knows of one declaration type: who may send it, its enterprise fields, its rules.

    A document's business key belongs to its declarants: the sender must be the enterprise in one of these fields.
    """

    senders: frozenset[Role]
    parties: Mapping[str, Party]
    rules: tuple["DocumentRule", ...]
    declarants: tuple[str, ...] = ()


@dataclass
class Context:
    root: str
    sender_code: str
    spec: MessageSpec
    directory: EnterpriseDirectory
    _roles: dict[str, frozenset[str] | None] = field(default_factory=dict, init=False, repr=False)

    def roles_of(self, customs_code: str) -> frozenset[str] | None:
        # One message names the same few enterprises many times; ask the directory once per code.
        if customs_code not in self._roles:
            self._roles[customs_code] = self.directory.roles_of(customs_code)
        return self._roles[customs_code]

    def is_sender(self, code: str) -> bool:
        """Whether a code names the sender: its customs code, or another code (its USCC) filed for it."""
        return code == self.sender_code or self.directory.customs_code_of(code) == self.sender_code


DocumentRule = Callable[[Document, Context], Iterator[BusinessIssue]]
MessageRule = Callable[[Message, Context], Iterator[BusinessIssue]]


# The document an issue's field names: /CEB311Message/Order[2]/OrderHead/orderNo is the second; the message's own
# blocks name none of them, and so concern them all.
DOCUMENT_STEP = re.compile(r"^/[^/]+/[^/\[]+(?:\[(\d+)\])?")
MESSAGE_WIDE = ("/BaseTransfer", "/BaseSubscribe")


def issues_by_position(issues: Sequence[BusinessIssue], positions: Sequence[int]) -> dict[int, list[BusinessIssue]]:
    """Issues of one document go to its receipt; issues of the whole message (BaseTransfer) to every receipt."""
    grouped: dict[int, list[BusinessIssue]] = defaultdict(list)
    for issue in issues:
        match = DOCUMENT_STEP.match(issue.field)
        message_wide = match is None or any(part in issue.field for part in MESSAGE_WIDE)
        targets = list(positions) if message_wide or match is None else [int(match.group(1) or 1)]
        for position in targets:
            grouped[position].append(issue)
    return grouped


def issue(code: Code, record: Record, name: str, detail: str) -> BusinessIssue:
    line = record.sourcelines.get(name, record.line)
    return BusinessIssue(code.code, f"{record.path}/{name}", f"{code.zh} ({detail})", line)


def shown(text: str | None) -> str:
    """A message value as a receipt quotes it; an empty or missing element still shows."""
    return text or "(empty)"
