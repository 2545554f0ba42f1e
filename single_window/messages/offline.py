"""Offline validation for integrators: the intake's own parser, schemas and business checks, no server."""

from dataclasses import asdict, dataclass
from typing import Any, ClassVar, Literal

from sqlmodel import Session

from single_window.ceb.checks.reading import read_message
from single_window.ceb.documents import documents_of, envelope_of
from single_window.ceb.model import BusinessIssue, EnterpriseDirectory
from single_window.ceb.model import Message as Records
from single_window.config import Settings
from single_window.demo import DEMO_ENTERPRISES, DemoEnterprise
from single_window.errors import MAX_FIELD_ERRORS, SingleWindowError
from single_window.messages.directory import FiledEnterprises
from single_window.messages.duplicates import breaches
from single_window.messages.envelope import check_sender_id
from single_window.messages.exceptions import SchemaRejected
from single_window.messages.intake import ParsedMessage, parse_message
from single_window.messages.keys import keyed_documents

Filings = Literal["database", "demo", "none"]


@dataclass(frozen=True)
class Problem:
    line: int | None
    path: str
    code: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class DemoFilings:
    """The demo enterprises, as a freshly seeded service knows them, by customs code and by USCC."""

    FILINGS: ClassVar[dict[str, DemoEnterprise]] = {
        **{demo.customs_code: demo for demo in DEMO_ENTERPRISES},
        **{demo.filing().uscc: demo for demo in DEMO_ENTERPRISES},
    }

    def roles_of(self, code: str) -> frozenset[str] | None:
        demo = self.FILINGS.get(code)
        return None if demo is None else frozenset({demo.role.value})

    def customs_code_of(self, code: str) -> str | None:
        demo = self.FILINGS.get(code)
        return None if demo is None else demo.customs_code

    def dxp_id_of(self, code: str) -> str | None:
        demo = self.FILINGS.get(code)
        return None if demo is None else demo.dxp_id


class AnyFilings:
    """Every code counts as filed in every role, as an enterprise of its own with no known DXP id: checks everything
    but who is filed."""

    ALL_ROLES = frozenset({"ebc", "ebp", "logistics", "payment", "agent", "site"})

    def roles_of(self, code: str) -> frozenset[str] | None:
        return self.ALL_ROLES

    def customs_code_of(self, code: str) -> str | None:
        return code

    def dxp_id_of(self, code: str) -> str | None:
        return None


def directory_for(filings: Filings, session: Session | None) -> EnterpriseDirectory:
    if filings == "database":
        assert session is not None
        return FiledEnterprises(session)
    return DemoFilings() if filings == "demo" else AnyFilings()


def validate_message(
    body: bytes, settings: Settings, *, directory: EnterpriseDirectory, schema_only: bool, sender: str | None = None
) -> list[Problem]:
    """Every problem the intake would report, without storing anything; [] when the message would be accepted."""
    try:
        parsed = parse_message(body, settings)
    except SchemaRejected as rejected:
        return [Problem(i.line, i.path, i.rule, i.message) for i in rejected.issues]
    except SingleWindowError as refused:
        return _problems_of(refused)
    if schema_only or parsed.message_type.kind != "declaration":
        return []
    records = read_message(parsed.root)
    sender_code = sender or envelope_of(records).cop_code
    try:
        check_sender_id(parsed.transinfo, directory.dxp_id_of(sender_code))
    except SingleWindowError as refused:
        return _problems_of(refused)
    issues = _breaches(parsed, records, sender_code, directory)[:MAX_FIELD_ERRORS]
    return [Problem(i.line, i.field, i.code, i.message) for i in issues]


def _breaches(
    parsed: ParsedMessage, records: Records, sender_code: str, directory: EnterpriseDirectory
) -> list[BusinessIssue]:
    """The service's breaches, the business keys checked within the message: offline, nothing is declared yet."""
    keyed = keyed_documents(
        parsed.message_type, documents_of(records), sender_code=sender_code, customs_code_of=directory.customs_code_of
    )
    return breaches(
        records, parsed.message_type, keyed, sender_code=sender_code, directory=directory, declarant_of=_nothing
    )


def _nothing(key: str) -> None:
    return None


def _problems_of(refused: SingleWindowError) -> list[Problem]:
    if not refused.errors:
        return [Problem(None, "/", refused.code, refused.message)]
    return [Problem(e.line, e.field, e.code, e.message) for e in refused.errors]
