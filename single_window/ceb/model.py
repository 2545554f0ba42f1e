"""The row of the message-type table, the plain records the business checks read, the issue they report, and what
a rule is. One module: a type's row lists its rules, a rule reads the row through its context."""

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, Protocol

from single_window.ceb.codes import Code
from single_window.ceb.namespaces import ceb
from single_window.filings.schemas import Role

Direction = Literal["import", "export"]
Kind = Literal["declaration", "receipt", "notice"]
_NO_VALUES: Mapping[str, Mapping[str, str]] = {}
# What joins the fields of a business key into one stored key (messages/keys.py); no key field may hold it.
KEY_SEPARATOR = "|"


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
class KeyCodes:
    """What a declaration answers appType 1 for a key already declared, and 2 or 3 for a key it cannot find."""

    exists: Code
    missing: Code


@dataclass(frozen=True, eq=False)
class MessageType:
    """One CEB message type and every fact the service holds about it; ceb/catalogue.py has the 42 rows.

    Found by code (CEB311); the root element (CEB311Message) follows from the code and finds the row of an XML
    message. Receipts and notices leave the declaration's facts empty. Rows compare by identity: there is one of each.
    """

    code: str
    direction: Direction
    kind: Kind
    title_zh: str
    title_en: str
    # The shape: the repeated business element, its head and list when it nests them, how many a message carries.
    business_element: str
    head_element: str | None = None
    list_element: str | None = None
    max_documents: int | None = 100
    signature_required: bool = False
    # An empty element whose XSD declaration has a default or fixed value means that value (<fFlag/> in a CEB603 is
    # "3"), by the element that holds it; reading.py fills them in, test_reading holds them to the XSDs.
    schema_values: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: _NO_VALUES)
    # A receipt's: whether 1 (暂存, stored at the e-port) is among its statuses (spec §4.9 lists 2, 3, 4, 100, 120
    # only for CEB312, 412, 512 and 514).
    stored_status: bool = False
    # A declaration's: its receipt, the head fields that identify one document (rules.md §2, §9), who declares it
    # and which enterprises it names, its rules, and the codes its checks report.
    receipt_code: str | None = None
    business_keys: tuple[str, ...] = ()
    # A document's business key belongs to its declarants: the sender must be the enterprise in one of these fields.
    declarants: tuple[str, ...] = ()
    parties: Mapping[str, Party] = field(default_factory=dict)
    rules: tuple["DocumentRule", ...] = ()
    key_codes: KeyCodes | None = None
    # For the lines it numbers and the second quantities it checks: the spec's code where it names one.
    duplicate_gnum_code: Code | None = None
    second_quantity_code: Code | None = None
    # An inventory: customs gives each document an invtNo, and its receipts speak of a 清单.
    inventory: bool = False

    @property
    def root(self) -> str:
        return f"{self.code}Message"

    @property
    def tag(self) -> str:
        return ceb(self.root)

    @property
    def fields_element(self) -> str:
        """The element whose children are the head fields: the head, or the business element when it is flat."""
        return self.head_element or self.business_element

    @cached_property
    def senders(self) -> frozenset[Role]:
        """Who may send a type follows from who may declare it: the roles of its declarant fields, and no others."""
        return frozenset(role for name in self.declarants for role in self.parties[name].roles)


@dataclass
class Context:
    message_type: MessageType
    sender_code: str
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
