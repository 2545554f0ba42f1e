"""Message intake and status: parse, call the service, render JSON or CEB XML."""

from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from lxml import etree
from sqlmodel import Session, col, select

from single_window.config import Settings
from single_window.database import reading_phase, writing_phase
from single_window.errors import NotFound, PayloadTooLarge, SingleWindowError, UnsupportedMediaType
from single_window.identity.dependencies import OfficerDep, PrincipalDep, SecretDep, enterprise_submitter
from single_window.identity.principal import Principal
from single_window.messages import failed, service
from single_window.messages.access import may_read_message
from single_window.messages.exceptions import SchemaRejected
from single_window.messages.intake import parse_message
from single_window.messages.models import WITHOUT_BODY, Message
from single_window.messages.schemas import FailedMessagePage, MessageAttemptsPublic
from single_window.receipts import service as receipts
from single_window.receipts.format_receipt import format_receipt_document, format_receipt_fields
from single_window.receipts.present import receipt_data, receipt_element
from single_window.web.dependencies import SessionDep, SettingsDep, run_read_then_write
from single_window.web.paging import Limit, Offset
from single_window.web.payload import read_bounded_body
from single_window.web.rendering import client_wants_xml, is_xml_media_type, render

router = APIRouter(prefix="/api/v1/messages", tags=["messages"])

XML_BODY = {"requestBody": {"required": True, "content": {"application/xml": {"schema": {"type": "string"}}}}}


@dataclass(frozen=True)
class RawMessage:
    """The body as sent, or why it was refused: the refusal is raised after authentication, which answers first."""

    body: bytes = b""
    refusal: SingleWindowError | None = None

    def content(self) -> bytes:
        if self.refusal is not None:
            raise self.refusal
        return self.body


async def raw_message(request: Request, settings: SettingsDep) -> RawMessage:
    if not is_xml_media_type(request.headers.get("content-type", "")):
        return RawMessage(refusal=UnsupportedMediaType("send the CEB message or DxpMsg as application/xml"))
    try:
        return RawMessage(await read_bounded_body(request, settings.max_body_bytes))
    except PayloadTooLarge as refusal:
        return RawMessage(refusal=refusal)


RawMessageDep = Annotated[RawMessage, Depends(raw_message)]


@router.post("", status_code=202, response_model=None, openapi_extra=XML_BODY)
async def receive_message(
    request: Request, session: SessionDep, settings: SettingsDep, secret: SecretDep, message: RawMessageDep
) -> Response:
    """Send a CEB message, raw or in a DxpMsg; 202 acknowledges it, 400 carries a CEB900 for schema errors."""
    judge = partial(_judge, request, session, settings, secret, message)
    return await run_read_then_write(session, judge, partial(_record, request, session))


def _judge(
    request: Request, session: Session, settings: Settings, secret: str, message: RawMessage
) -> service.Verdict | Response:
    """Key lookup, parse, XSD and checks, reading only; a response when the message goes no further."""
    with reading_phase(session):
        sender = enterprise_submitter(session, settings, secret)
        try:
            parsed = parse_message(message.content(), settings)
        except SchemaRejected as rejected:
            return _format_receipt_response(request, rejected)
        return service.judge(session, parsed, sender_code=sender.subject)


def _record(request: Request, session: Session, verdict: service.Verdict, *, wait: bool) -> Response:
    with writing_phase(session, wait=wait):
        answer = service.record(session, verdict)
    return render(request, answer.body, root="response", status_code=answer.status_code)


def _format_receipt_response(request: Request, rejected: SchemaRejected) -> Response:
    fields = format_receipt_fields(
        rejected.issues,
        guid=rejected.original_guid,
        original_type=rejected.original_type,
        cop_msg_id=rejected.cop_msg_id,
    )
    if client_wants_xml(request):
        document = format_receipt_document(fields, rejected.original_body)
        return Response(document, status_code=400, media_type="application/xml")
    body = {"error": rejected.as_dict(), "receipt": {"receipt_type": "CEB900", **fields}}
    return render(request, body, root="response", status_code=400)


@router.get("/failed", response_model=None, responses={200: {"model": FailedMessagePage}})
def list_failed_messages(
    request: Request,
    session: SessionDep,
    _officer: OfficerDep,
    offset: Offset = 0,
    limit: Limit = 100,
) -> Response:
    """The messages the worker set aside, oldest first, with their attempts and why the last one failed (officers)."""
    messages, total = failed.list_failed(session, offset=offset, limit=limit)
    items = [MessageAttemptsPublic.of(message) for message in messages]
    return render(
        request, FailedMessagePage(items=items, total=total, offset=offset, limit=limit), root="failedMessages"
    )


@router.post("/{guid}/requeue", response_model=None, responses={200: {"model": MessageAttemptsPublic}})
def requeue_message(
    request: Request,
    guid: str,
    session: SessionDep,
    _officer: OfficerDep,
    sender_code: Annotated[str | None, Query(max_length=10, description="Whose message, when guids collide.")] = None,
) -> Response:
    """Send a failed message back to the worker's queue, its attempts at 0; 409 when it is not failed (officers)."""
    message = failed.requeue(session, guid, sender_code=sender_code)
    return render(request, MessageAttemptsPublic.of(message), root="message")


@router.get("/{guid}", response_model=None)
def read_message(request: Request, guid: str, session: SessionDep, principal: PrincipalDep) -> Response:
    """A message's status and every receipt issued for it so far."""
    message = _visible_message(session, principal, guid)
    issued = receipts.receipts_of(session, message.id)
    if client_wants_xml(request):
        return Response(_status_document(message, issued), media_type="application/xml")
    return render(
        request, {"message": _message_data(message), "receipts": [receipt_data(r) for r in issued]}, root="response"
    )


def _visible_message(session: Session, principal: Principal, guid: str) -> Message:
    """The caller's own message, one delivered to it, or any for an officer; the same 404 for all others."""
    query = select(Message).where(Message.guid == guid).order_by(col(Message.id)).options(WITHOUT_BODY)
    for message in session.exec(query).all():
        delivered = partial(receipts.has_delivered, session, message.id, principal.subject)
        if may_read_message(principal, message.sender_code, delivered):
            return message
    raise NotFound(f"no message with guid {guid} for you", code="message_not_found")


def _message_data(message: Message) -> dict[str, Any]:
    return {
        "guid": message.guid,
        "message_type": message.message_type,
        "sender_code": message.sender_code,
        "status": message.status,
        "documents": message.document_count,
        "received_at": message.received_at.isoformat(),
        "via_envelope": message.via_envelope,
    }


def _status_document(message: Message, issued: list[Any]) -> bytes:
    root = etree.Element("messageStatus")
    for name, value in _message_data(message).items():
        etree.SubElement(root, name).text = str(value).lower() if isinstance(value, bool) else str(value)
    holder = etree.SubElement(root, "receipts")
    holder.extend(receipt_element(receipt) for receipt in issued)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
