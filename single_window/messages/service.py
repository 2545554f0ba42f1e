"""Accept or reject a schema-valid declaration: idempotency, business checks, storage, receipts, enqueue."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from single_window.db_types import utc_now
from single_window.errors import MAX_FIELD_ERRORS
from single_window.messages import storage
from single_window.messages.checks import BusinessIssue, check_records
from single_window.messages.checks.model import Message as Records
from single_window.messages.checks.reading import read_message
from single_window.messages.checks.registry import DECLARATIONS
from single_window.messages.directory import FiledEnterprises
from single_window.messages.documents import Document, documents_of, read_envelope
from single_window.messages.duplicates import DELETE, key_issues
from single_window.messages.exceptions import declaration_in_progress, guid_reused, not_a_declaration
from single_window.messages.intake import ParsedMessage
from single_window.messages.models import MessageStatus
from single_window.messages.storage import DeclaredVersion, NewDocument
from single_window.queue import wake_after_commit
from single_window.receipts import service as receipts
from single_window.receipts.builder import rejection_drafts

ACKNOWLEDGE_TASK = "messages.acknowledge_accepted"
REJECTION_SERIALS = 500_000_000


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
    issues: list[BusinessIssue]
    recipients: list[str]
    data_subscribers: list[str]


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
    keys = [document.key(parsed.message_type.business_keys) for document in documents]
    declared = storage.latest_versions(session, parsed.message_type.code, set(keys))
    return Verdict(
        parsed=parsed,
        sender_code=sender_code,
        digest=hashlib.sha256(parsed.body).hexdigest(),
        documents=documents,
        keys=keys,
        declared=declared,
        issues=_issues(records, parsed, documents, sender_code, directory, declared),
        recipients=[sender_code, *_subscribers(parsed, directory, receipts.WANTS_RECEIPTS)],
        data_subscribers=_subscribers(parsed, directory, receipts.WANTS_DATA),
    )


def record(session: Session, verdict: Verdict) -> Answer:
    """Store the message with its answer, then its documents or its rejection receipts.

    What is declared may have changed since the verdict was reached in an earlier transaction: the same business
    key declared meanwhile fails the documents' unique version (409, send again), and the same guid stored
    meanwhile gets the answer given to it.
    """
    parsed, sender_code, issues = verdict.parsed, verdict.sender_code, verdict.issues
    status = MessageStatus.REJECTED if issues else MessageStatus.ACCEPTED
    status_code, answer = _answer(parsed, len(verdict.documents), issues)
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
    if issues:
        # Serials for the pre-entry numbers of rejected documents, apart from the document ids used on acceptance.
        first_serial = REJECTION_SERIALS + message_id * 100
        drafts = rejection_drafts(parsed.message_type, verdict.documents, issues, utc_now(), first_serial=first_serial)
        receipts.issue(session, message_id, _receipt_code(parsed), drafts, verdict.recipients)
    else:
        _store_documents(session, message_id, verdict)
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
    fields = DECLARATIONS[parsed.message_type.root].parties
    return {document.head[name] for document in documents for name in fields if document.head.get(name)}


def _issues(
    records: Records,
    parsed: ParsedMessage,
    documents: Sequence[Document],
    sender_code: str,
    directory: FiledEnterprises,
    declared: dict[str, DeclaredVersion],
) -> list[BusinessIssue]:
    issues = check_records(records, sender_code=sender_code, directory=directory, max_issues=MAX_FIELD_ERRORS)
    if issues:
        # Like the real system: the logic check first; what is already declared only matters for a sound message.
        return issues
    breaches = key_issues(
        parsed.message_type, documents, sender_code=sender_code, declarant_of=lambda key: _live_declarant(declared, key)
    )
    return list(breaches)[:MAX_FIELD_ERRORS]


def _live_declarant(declared: dict[str, DeclaredVersion], key: str) -> str | None:
    """Who declared the live document under this key; None when there is none or it was deleted."""
    latest = declared.get(key)
    return None if latest is None or latest.app_type == DELETE else latest.declarant_code


def _answer(parsed: ParsedMessage, documents: int, issues: Sequence[BusinessIssue]) -> tuple[int, dict[str, Any]]:
    acknowledgement = {
        "guid": parsed.guid,
        "message_type": parsed.message_type.code,
        "status": (MessageStatus.REJECTED if issues else MessageStatus.ACCEPTED).value,
        "documents": documents,
        "receipts_url": f"/api/v1/messages/{parsed.guid}",
    }
    if not issues:
        return 202, {"acknowledgement": acknowledgement}
    error = {
        "status": 422,
        "code": "business_rejected",
        "message": f"{parsed.message_type.code} rejected by {len(issues)} business rule breaches; receipts issued",
        "errors": [_issue_data(issue) for issue in issues],
    }
    return 422, {"error": error, "acknowledgement": acknowledgement}


def _issue_data(issue: BusinessIssue) -> dict[str, Any]:
    data = {"field": issue.field, "code": issue.code, "message": issue.message, "line": issue.line}
    return {key: value for key, value in data.items() if value is not None}


def _store_documents(session: Session, message_id: int, verdict: Verdict) -> None:
    declared = dict(verdict.declared)
    new_documents = []
    for document, key in zip(verdict.documents, verdict.keys, strict=True):
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


def _subscribers(parsed: ParsedMessage, directory: FiledEnterprises, statuses: frozenset[str]) -> list[str]:
    wanted = {s.dxp_address for s in read_envelope(parsed.root).subscriptions if s.status in statuses}
    by_dxp = directory.codes_for_dxp_ids(wanted)
    return [by_dxp[dxp] for dxp in sorted(wanted) if dxp in by_dxp]
