"""Accept or reject a schema-valid declaration: idempotency, business checks, storage, receipts, enqueue."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from single_window.messages.checks import BusinessIssue, check_message
from single_window.messages.directory import FiledEnterprises
from single_window.messages.documents import Document, read_documents, read_envelope
from single_window.messages.duplicates import key_issues
from single_window.messages.exceptions import guid_reused, not_a_declaration
from single_window.messages.intake import ParsedMessage
from single_window.messages.models import BusinessDocument, Message
from single_window.queue import enqueue_after_commit
from single_window.receipts import service as receipts
from single_window.receipts.builder import rejection_drafts

ACCEPTED, REJECTED = "accepted", "rejected"
ACKNOWLEDGE_TASK = "messages.acknowledge"
MAX_ISSUES = 25


@dataclass(frozen=True)
class Answer:
    status_code: int
    body: dict[str, Any]


def receive(session: Session, parsed: ParsedMessage, *, sender_code: str) -> Answer:
    """The answer to a declaration; the same guid and body always get the same answer."""
    digest = hashlib.sha256(parsed.body).hexdigest()
    earlier = _earlier_answer(session, parsed.guid, digest)
    if earlier is not None:
        return earlier
    if parsed.message_type.kind != "declaration":
        raise not_a_declaration(parsed.message_type.code)
    directory = FiledEnterprises(session)
    documents = read_documents(parsed.root, parsed.message_type)
    issues = _issues(session, parsed, documents, sender_code, directory)
    message = _store_message(session, parsed, sender_code, digest, documents, issues)
    recipients = _receipt_recipients(parsed, sender_code, directory)
    message.recipients = recipients
    if issues:
        receipts.issue(session, message, _receipt_code(parsed), rejection_drafts(parsed, documents, issues), recipients)
    else:
        _store_documents(session, message, parsed, documents)
        receipts.share_data(session, message, _data_recipients(parsed, directory))
        enqueue_after_commit(session, ACKNOWLEDGE_TASK, message_id=message.id)
    return Answer(message.answer_status, message.answer)


def _earlier_answer(session: Session, guid: str, digest: str) -> Answer | None:
    earlier = session.exec(select(Message).where(Message.guid == guid)).first()
    if earlier is None:
        return None
    if earlier.body_sha256 != digest:
        raise guid_reused(guid)
    return Answer(earlier.answer_status, earlier.answer)


def _issues(
    session: Session,
    parsed: ParsedMessage,
    documents: Sequence[Document],
    sender_code: str,
    directory: FiledEnterprises,
) -> list[BusinessIssue]:
    issues = check_message(parsed.root, sender_code=sender_code, directory=directory, max_issues=MAX_ISSUES)
    if issues:
        # Like the real system: the logic check first; what is already declared only matters for a sound message.
        return issues
    message_type = parsed.message_type
    issues = list(
        key_issues(
            message_type,
            documents,
            is_declared=lambda key: _is_declared(session, message_type.code, key),
            business_element=message_type.business_element,
        )
    )
    return issues[:MAX_ISSUES]


def _is_declared(session: Session, message_code: str, key: str) -> bool:
    latest = session.exec(
        select(BusinessDocument.app_type)
        .where(BusinessDocument.message_type == message_code, BusinessDocument.business_key == key)
        .order_by(col(BusinessDocument.version).desc())
    ).first()
    return latest is not None and latest != "3"


def _store_message(
    session: Session,
    parsed: ParsedMessage,
    sender_code: str,
    digest: str,
    documents: Sequence[Document],
    issues: Sequence[BusinessIssue],
) -> Message:
    status = REJECTED if issues else ACCEPTED
    status_code, answer = _answer(parsed, status, len(documents), issues)
    message = Message(
        guid=parsed.guid,
        message_type=parsed.message_type.code,
        sender_code=sender_code,
        body_sha256=digest,
        body=parsed.body,
        via_envelope=parsed.transinfo is not None,
        cop_msg_id=parsed.transinfo.cop_msg_id if parsed.transinfo else None,
        status=status,
        document_count=len(documents),
        answer_status=status_code,
        answer=answer,
    )
    session.add(message)
    try:
        session.flush()
    except IntegrityError:
        # The same guid committed by a concurrent request between our lookup and this insert.
        raise guid_reused(parsed.guid) from None
    return message


def _answer(
    parsed: ParsedMessage, status: str, documents: int, issues: Sequence[BusinessIssue]
) -> tuple[int, dict[str, Any]]:
    message = {
        "guid": parsed.guid,
        "message_type": parsed.message_type.code,
        "status": status,
        "documents": documents,
        "receipts_url": f"/api/v1/messages/{parsed.guid}",
    }
    if not issues:
        return 202, {"acknowledgement": message}
    errors = [{"field": i.field, "code": i.code, "message": i.message, "line": i.line} for i in issues]
    error = {
        "status": 422,
        "code": "business_rejected",
        "message": f"{parsed.message_type.code} rejected by {len(issues)} business rule breaches; receipts issued",
        "errors": [{k: v for k, v in e.items() if v is not None} for e in errors],
    }
    return 422, {"error": error, "acknowledgement": message}


def _store_documents(session: Session, message: Message, parsed: ParsedMessage, documents: Sequence[Document]) -> None:
    assert message.id is not None
    keys = parsed.message_type.business_keys
    for document in documents:
        key = document.key(keys)
        version = _next_version(session, parsed.message_type.code, key)
        session.add(
            BusinessDocument(
                message_id=message.id,
                message_type=parsed.message_type.code,
                position=document.position,
                business_key=key,
                version=version,
                head_guid=document.guid,
                app_type=document.app_type,
                head=document.head,
                lines=document.lines,
            )
        )
    session.flush()


def _next_version(session: Session, message_code: str, key: str) -> int:
    query = select(func.max(BusinessDocument.version)).where(
        BusinessDocument.message_type == message_code, BusinessDocument.business_key == key
    )
    return (session.exec(query).one() or 0) + 1


def _receipt_code(parsed: ParsedMessage) -> str:
    assert parsed.message_type.receipt_code is not None
    return parsed.message_type.receipt_code


def _receipt_recipients(parsed: ParsedMessage, sender_code: str, directory: FiledEnterprises) -> list[str]:
    return [sender_code, *_subscribers(parsed, directory, receipts.WANTS_RECEIPTS)]


def _data_recipients(parsed: ParsedMessage, directory: FiledEnterprises) -> list[str]:
    return _subscribers(parsed, directory, receipts.WANTS_DATA)


def _subscribers(parsed: ParsedMessage, directory: FiledEnterprises, statuses: frozenset[str]) -> list[str]:
    wanted = {s.dxp_address for s in read_envelope(parsed.root).subscriptions if s.status in statuses}
    by_dxp = directory.codes_for_dxp_ids(wanted)
    return [by_dxp[dxp] for dxp in sorted(wanted) if dxp in by_dxp]
