"""Accept or reject a schema-valid declaration: idempotency, business checks, storage, receipts, enqueue."""

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from single_window import clock
from single_window.ceb.checks.reading import read_message
from single_window.ceb.documents import Document, documents_of, envelope_of
from single_window.ceb.model import BusinessIssue, issues_by_position
from single_window.ceb.model import Message as Records
from single_window.errors import MAX_FIELD_ERRORS
from single_window.messages import storage
from single_window.messages.directory import FiledEnterprises
from single_window.messages.duplicates import DELETE, breaches
from single_window.messages.envelope import check_sender_id
from single_window.messages.exceptions import declaration_in_progress, guid_reused, not_a_declaration
from single_window.messages.intake import ParsedMessage
from single_window.messages.keys import keyed_documents
from single_window.messages.models import MessageStatus
from single_window.messages.storage import DeclaredVersion, NewDocument
from single_window.queue import wake_after_commit
from single_window.receipts import service as receipts
from single_window.receipts.builder import rejection_drafts
from single_window.receipts.serials import take_serials

ACKNOWLEDGE_TASK = "messages.acknowledge_accepted"


@dataclass(frozen=True)
class Answer:
    status_code: int
    body: dict[str, Any]


@dataclass(frozen=True)
class Verdict:
    """What the checks decided of a declaration, from reads alone; recording it is intake's only write."""

    parsed: ParsedMessage
    sender_code: str
    digest: str
    documents: list[Document]
    keys: list[str]
    declared: dict[str, DeclaredVersion]
    # Every breach, in document order; a document with one is rejected, the others are accepted.
    issues: list[BusinessIssue]
    # The breaches of each rejected document, by position: what its receipt says.
    breaches: dict[int, list[BusinessIssue]]
    recipients: list[str]
    data_subscribers: list[str]

    @property
    def rejected_positions(self) -> frozenset[int]:
        return frozenset(self.breaches)

    @property
    def accepted(self) -> list[tuple[Document, str]]:
        """The sound documents with their business keys."""
        pairs = zip(self.documents, self.keys, strict=True)
        return [(document, key) for document, key in pairs if document.position not in self.rejected_positions]


def receive(session: Session, parsed: ParsedMessage, *, sender_code: str) -> Answer:
    """The answer to a declaration; the same guid and body from the same sender always get the same answer."""
    return record(session, judge(session, parsed, sender_code=sender_code))


def judge(session: Session, parsed: ParsedMessage, *, sender_code: str) -> Verdict:
    """Check a declaration against the filings and what is already declared, reading only."""
    if parsed.message_type.kind != "declaration":
        raise not_a_declaration(parsed.message_type.code)
    records = read_message(parsed.root)
    documents = documents_of(records)
    directory = FiledEnterprises(session)
    directory.prefetch({sender_code} | _party_codes(parsed, documents))
    check_sender_id(parsed.transinfo, directory.dxp_id_of(sender_code))
    keyed = keyed_documents(
        parsed.message_type, documents, sender_code=sender_code, customs_code_of=directory.customs_code_of
    )
    keys = [document.key for document in keyed]
    declared = storage.latest_versions(session, parsed.message_type.code, set(keys))
    declarant_of = partial(_live_declarant, declared)
    issues = breaches(
        records, parsed.message_type, keyed, sender_code=sender_code, directory=directory, declarant_of=declarant_of
    )
    subscribers = _subscribers(records, directory)
    return Verdict(
        parsed=parsed,
        sender_code=sender_code,
        digest=hashlib.sha256(parsed.body).hexdigest(),
        documents=documents,
        keys=keys,
        declared=declared,
        issues=issues,
        breaches=dict(issues_by_position(issues, [d.position for d in documents])),
        recipients=[sender_code, *subscribers(receipts.WANTS_RECEIPTS)],
        data_subscribers=subscribers(receipts.WANTS_DATA),
    )


def record(session: Session, verdict: Verdict) -> Answer:
    """Store the message with its answer, then its documents or its rejection receipts.

    What is declared may have changed since the verdict was reached in an earlier transaction: the same business
    key declared meanwhile fails the documents' unique version (409, send again), and the same guid stored
    meanwhile gets the answer given to it.
    """
    parsed, sender_code = verdict.parsed, verdict.sender_code
    accepted = verdict.accepted
    status = MessageStatus.ACCEPTED if accepted else MessageStatus.REJECTED
    status_code, answer = _answer(verdict, status)
    message_id = storage.insert_message(
        session,
        {
            "guid": parsed.guid,
            "message_type": parsed.message_type.code,
            "sender_code": sender_code,
            "body_sha256": verdict.digest,
            "body": parsed.body,
            "via_envelope": parsed.transinfo is not None,
            "cop_msg_id": parsed.transinfo.cop_msg_id if parsed.transinfo else None,
            "status": status.value,
            "document_count": len(verdict.documents),
            "answer_status": status_code,
            "answer": answer,
            "recipients": verdict.recipients,
        },
    )
    if message_id is None:
        # Stored already: a replay, or the same message from a concurrent request that committed first.
        return _earlier_answer(session, sender_code, parsed.guid, verdict.digest)
    if verdict.issues and accepted and verdict.data_subscribers:
        # Rejection receipts and shared data fill two sets of queues: held at once, in order, they cannot deadlock.
        receipts.hold_queues(session, sorted({*verdict.recipients, *verdict.data_subscribers}))
    if verdict.issues:
        rejected = sorted(verdict.breaches)
        serials = dict(zip(rejected, take_serials(session, len(rejected)), strict=True))
        moment = clock.business_now(session)
        drafts = rejection_drafts(parsed.message_type, verdict.documents, verdict.breaches, moment, serials=serials)
        receipts.issue(session, message_id, _receipt_code(parsed), drafts, verdict.recipients)
    if accepted:
        _store_documents(session, message_id, verdict, accepted)
        receipts.share_data(session, message_id, verdict.data_subscribers)
        wake_after_commit(session, ACKNOWLEDGE_TASK)
    return Answer(status_code, answer)


def _earlier_answer(session: Session, sender_code: str, guid: str, digest: str) -> Answer:
    earlier = storage.earlier_answer(session, sender_code, guid)
    assert earlier is not None, "the insert found this sender's guid taken"
    if earlier.body_sha256 != digest:
        raise guid_reused(guid)
    return Answer(earlier.status_code, earlier.body)


def _party_codes(parsed: ParsedMessage, documents: Sequence[Document]) -> set[str]:
    """Every enterprise code the checks will look up, for one query instead of one per code."""
    fields = parsed.message_type.parties
    return {document.head[name] for document in documents for name in fields if document.head.get(name)}


def _live_declarant(declared: dict[str, DeclaredVersion], key: str) -> str | None:
    """Who declared the live document under this key; None when there is none or it was deleted."""
    latest = declared.get(key)
    return None if latest is None or latest.app_type == DELETE else latest.declarant_code


def _answer(verdict: Verdict, status: MessageStatus) -> tuple[int, dict[str, Any]]:
    parsed, issues = verdict.parsed, verdict.issues
    rejected = len(verdict.rejected_positions)
    acknowledgement = {
        "guid": parsed.guid,
        "message_type": parsed.message_type.code,
        "status": status.value,
        "documents": len(verdict.documents),
        "accepted": len(verdict.documents) - rejected,
        "rejected": rejected,
        "receipts_url": f"/api/v1/messages/{parsed.guid}",
    }
    if not issues:
        return 202, {"acknowledgement": acknowledgement}
    breaches = {
        "status": 422,
        "code": "business_rejected",
        "message": f"{parsed.message_type.code}: {rejected} of {len(verdict.documents)} documents rejected by "
        f"{len(issues)} business rule breaches; receipts issued",
        "errors": [_issue_data(issue) for issue in issues[:MAX_FIELD_ERRORS]],
    }
    if status is MessageStatus.REJECTED:
        return 422, {"error": breaches, "acknowledgement": acknowledgement}
    # Some documents went through: the message is accepted, and the breaches say which did not.
    return 202, {"acknowledgement": acknowledgement, "rejections": breaches}


def _issue_data(issue: BusinessIssue) -> dict[str, Any]:
    data = {"field": issue.field, "code": issue.code, "message": issue.message, "line": issue.line}
    return {key: value for key, value in data.items() if value is not None}


def _store_documents(
    session: Session, message_id: int, verdict: Verdict, accepted: Sequence[tuple[Document, str]]
) -> None:
    declared = dict(verdict.declared)
    new_documents = []
    for document, key in accepted:
        version = declared[key].version + 1 if key in declared else 1
        # The same key twice in one message (declared, then changed) gets two versions.
        declared[key] = DeclaredVersion(version, document.app_type, verdict.sender_code)
        new_documents.append(
            NewDocument(
                document.position, key, version, document.guid, document.app_type, document.head, document.lines
            )
        )
    code = verdict.parsed.message_type.code
    try:
        storage.insert_documents(session, message_id, code, verdict.sender_code, new_documents)
    except IntegrityError:
        # Another message declared the same business key since the verdict, or at the same moment; it came first.
        raise declaration_in_progress(code) from None


def _receipt_code(parsed: ParsedMessage) -> str:
    assert parsed.message_type.receipt_code is not None
    return parsed.message_type.receipt_code


def _subscribers(records: Records, directory: FiledEnterprises) -> Callable[[frozenset[str]], list[str]]:
    """The filed subscribers by what they subscribe to: the DXP ids looked up once."""
    subscriptions = envelope_of(records).subscriptions
    by_dxp = directory.codes_for_dxp_ids({s.dxp_address for s in subscriptions})

    def wanting(statuses: frozenset[str]) -> list[str]:
        wanted = {s.dxp_address for s in subscriptions if s.status in statuses}
        return [by_dxp[dxp] for dxp in sorted(wanted) if dxp in by_dxp]

    return wanting
