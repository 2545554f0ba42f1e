"""Accept or reject a schema-valid declaration: idempotency, business checks, storage, receipts, enqueue."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from single_window.db_types import utc_now
from single_window.errors import MAX_FIELD_ERRORS
from single_window.messages.checks import BusinessIssue, check_records
from single_window.messages.checks.model import Message as Records
from single_window.messages.checks.reading import read_message
from single_window.messages.directory import FiledEnterprises
from single_window.messages.documents import Document, documents_of, read_envelope
from single_window.messages.duplicates import DELETE, key_issues
from single_window.messages.exceptions import declaration_in_progress, guid_reused, not_a_declaration
from single_window.messages.intake import ParsedMessage
from single_window.messages.models import BusinessDocument, Message, MessageStatus
from single_window.queue import enqueue_after_commit
from single_window.receipts import service as receipts
from single_window.receipts.builder import rejection_drafts

ACKNOWLEDGE_TASK = "messages.acknowledge"
REJECTION_SERIALS = 500_000_000


@dataclass(frozen=True)
class Answer:
    status_code: int
    body: dict[str, Any]


def receive(session: Session, parsed: ParsedMessage, *, sender_code: str) -> Answer:
    """The answer to a declaration; the same guid and body from the same sender always get the same answer."""
    digest = hashlib.sha256(parsed.body).hexdigest()
    earlier = _earlier_answer(session, sender_code, parsed.guid, digest)
    if earlier is not None:
        return earlier
    if parsed.message_type.kind != "declaration":
        raise not_a_declaration(parsed.message_type.code)
    records = read_message(parsed.root)
    documents = documents_of(records)
    directory = FiledEnterprises(session)
    directory.prefetch({sender_code} | _party_codes(parsed, documents))
    declared = _declared(
        session, parsed.message_type.code, {d.key(parsed.message_type.business_keys) for d in documents}
    )
    issues = _issues(records, parsed, documents, sender_code, directory, declared)
    recipients = [sender_code, *_subscribers(parsed, directory, receipts.WANTS_RECEIPTS)]
    message = _insert_message(session, parsed, sender_code, digest, documents, issues, recipients)
    if isinstance(message, Answer):
        return message
    if issues:
        assert message.id is not None
        # Serials for the pre-entry numbers of rejected documents, apart from the document ids used on acceptance.
        first_serial = REJECTION_SERIALS + message.id * 100
        drafts = rejection_drafts(parsed.message_type, documents, issues, utc_now(), first_serial=first_serial)
        receipts.issue(session, message, _receipt_code(parsed), drafts, message.recipients)
    else:
        _store_documents(session, message, parsed, documents, sender_code, declared)
        receipts.share_data(session, message, _subscribers(parsed, directory, receipts.WANTS_DATA))
        enqueue_after_commit(session, ACKNOWLEDGE_TASK, message_id=message.id)
    return Answer(message.answer_status, message.answer)


def _earlier_answer(session: Session, sender_code: str, guid: str, digest: str) -> Answer | None:
    query = select(Message).where(Message.sender_code == sender_code, Message.guid == guid)
    earlier = session.exec(query).first()
    if earlier is None:
        return None
    if earlier.body_sha256 != digest:
        raise guid_reused(guid)
    return Answer(earlier.answer_status, earlier.answer)


@dataclass(frozen=True)
class Declared:
    """The latest version of a business key: its number, its appType and who declared it."""

    version: int
    app_type: str
    declarant_code: str


def _party_codes(parsed: ParsedMessage, documents: Sequence[Document]) -> set[str]:
    fields = parsed.message_type.enterprise_fields
    return {document.head[name] for document in documents for name in fields if document.head.get(name)}


def _declared(session: Session, message_code: str, keys: set[str]) -> dict[str, Declared]:
    """The latest version of each key, in one query for the whole message."""
    rows = session.exec(
        select(
            BusinessDocument.business_key,
            BusinessDocument.version,
            BusinessDocument.app_type,
            BusinessDocument.declarant_code,
        ).where(BusinessDocument.message_type == message_code, col(BusinessDocument.business_key).in_(keys))
    ).all()
    latest: dict[str, Declared] = {}
    for key, version, app_type, declarant in rows:
        if key not in latest or version > latest[key].version:
            latest[key] = Declared(version, app_type, declarant)
    return latest


def _issues(
    records: Records,
    parsed: ParsedMessage,
    documents: Sequence[Document],
    sender_code: str,
    directory: FiledEnterprises,
    declared: dict[str, Declared],
) -> list[BusinessIssue]:
    issues = check_records(records, sender_code=sender_code, directory=directory, max_issues=MAX_FIELD_ERRORS)
    if issues:
        # Like the real system: the logic check first; what is already declared only matters for a sound message.
        return issues
    breaches = key_issues(
        parsed.message_type, documents, sender_code=sender_code, declarant_of=lambda key: _live_declarant(declared, key)
    )
    return list(breaches)[:MAX_FIELD_ERRORS]


def _live_declarant(declared: dict[str, Declared], key: str) -> str | None:
    """Who declared the live document under this key; None when there is none or it was deleted."""
    latest = declared.get(key)
    return None if latest is None or latest.app_type == DELETE else latest.declarant_code


def _insert_message(
    session: Session,
    parsed: ParsedMessage,
    sender_code: str,
    digest: str,
    documents: Sequence[Document],
    issues: Sequence[BusinessIssue],
    recipients: list[str],
) -> Message | Answer:
    """The new message row, or the answer already given when the same message won a race to be stored."""
    status_code, answer = _answer(parsed, len(documents), issues)
    message = Message(
        guid=parsed.guid,
        message_type=parsed.message_type.code,
        sender_code=sender_code,
        body_sha256=digest,
        body=parsed.body,
        via_envelope=parsed.transinfo is not None,
        cop_msg_id=parsed.transinfo.cop_msg_id if parsed.transinfo else None,
        status=MessageStatus.REJECTED if issues else MessageStatus.ACCEPTED,
        document_count=len(documents),
        answer_status=status_code,
        answer=answer,
        recipients=recipients,
    )
    try:
        with session.begin_nested():
            session.add(message)
    except IntegrityError:
        # A concurrent request stored this sender's guid between our lookup and this insert.
        earlier = _earlier_answer(session, sender_code, parsed.guid, digest)
        if earlier is None:
            raise
        return earlier
    return message


def _answer(parsed: ParsedMessage, documents: int, issues: Sequence[BusinessIssue]) -> tuple[int, dict[str, Any]]:
    acknowledgement = {
        "guid": parsed.guid,
        "message_type": parsed.message_type.code,
        "status": MessageStatus.REJECTED if issues else MessageStatus.ACCEPTED,
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


def _store_documents(
    session: Session,
    message: Message,
    parsed: ParsedMessage,
    documents: Sequence[Document],
    sender_code: str,
    declared: dict[str, Declared],
) -> None:
    assert message.id is not None
    code = parsed.message_type.code
    try:
        with session.begin_nested():
            for document in documents:
                key = document.key(parsed.message_type.business_keys)
                version = declared[key].version + 1 if key in declared else 1
                declared[key] = Declared(version, document.app_type, sender_code)
                session.add(
                    BusinessDocument(
                        message_id=message.id,
                        message_type=code,
                        position=document.position,
                        business_key=key,
                        version=version,
                        head_guid=document.guid,
                        declarant_code=sender_code,
                        app_type=document.app_type,
                        head=document.head,
                        lines=document.lines,
                    )
                )
    except IntegrityError:
        # Another message declared the same business key at the same moment; its commit came first.
        raise declaration_in_progress(code) from None


def _receipt_code(parsed: ParsedMessage) -> str:
    assert parsed.message_type.receipt_code is not None
    return parsed.message_type.receipt_code


def _subscribers(parsed: ParsedMessage, directory: FiledEnterprises, statuses: frozenset[str]) -> list[str]:
    wanted = {s.dxp_address for s in read_envelope(parsed.root).subscriptions if s.status in statuses}
    by_dxp = directory.codes_for_dxp_ids(wanted)
    return [by_dxp[dxp] for dxp in sorted(wanted) if dxp in by_dxp]
