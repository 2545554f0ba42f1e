"""The enterprise's pull queue of receipts and subscribed data, cursor-paged."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from lxml import etree
from pydantic import BaseModel

from single_window.errors import Conflict, Forbidden
from single_window.identity.dependencies import OfficerDep, PrincipalDep
from single_window.identity.principal import PrincipalKind
from single_window.inbox import push, service
from single_window.inbox.models import CallbackDelivery
from single_window.inbox.present import Entry, item_data
from single_window.messages.models import Message
from single_window.queue import wake_after_commit
from single_window.receipts.present import receipt_element
from single_window.receipts.service import PUSH_TASK
from single_window.web.dependencies import SessionDep
from single_window.web.paging import Limit
from single_window.web.rendering import client_wants_xml, render
from single_window.xmlio.safe_parser import parse_xml

router = APIRouter(prefix="/api/v1/receipts", tags=["receipts"])


@router.get("", response_model=None)
def pull_receipts(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    after: Annotated[int, Query(ge=0, le=2**31 - 1, description="the cursor of the last item already read")] = 0,
    limit: Limit = 100,
) -> Response:
    """Receipts (and subscribed data) for the calling enterprise after the cursor, oldest first."""
    if principal.kind is not PrincipalKind.ENTERPRISE:
        raise Forbidden("the receipt queue belongs to an enterprise", code="enterprise_only")
    entries = service.pull(session, principal.subject, after=after, limit=limit)
    next_cursor = entries[-1][0].sequence if entries else after
    if client_wants_xml(request):
        return Response(_queue_document(entries, next_cursor), media_type="application/xml")
    items = [item_data(entry) for entry in entries]
    return render(request, {"items": items, "next_cursor": next_cursor}, root="receipts")


def _queue_document(entries: list[Entry], next_cursor: int | None) -> bytes:
    root = etree.Element("receipts", next_cursor=str(next_cursor))
    for item, receipt, message in entries:
        holder = etree.SubElement(
            root,
            "item",
            cursor=str(item.sequence),
            kind=item.kind,
            message_guid=message.guid,
            message_type=message.message_type,
        )
        holder.append(receipt_element(receipt) if receipt is not None else _stored_declaration(message))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _stored_declaration(message: Message) -> etree._Element:
    # Stored bodies passed the hardened parser at intake; re-parse with the same limits.
    return parse_xml(message.body, max_bytes=len(message.body) + 1, max_depth=256)


class PushPublic(BaseModel):
    recipient_code: str
    pushed_through: int
    status: str
    attempts: int
    last_error: str | None

    @classmethod
    def of(cls, delivery: CallbackDelivery) -> "PushPublic":
        return cls(
            recipient_code=delivery.recipient_code,
            pushed_through=delivery.pushed_through,
            status=delivery.status,
            attempts=delivery.attempts,
            last_error=delivery.last_error,
        )


class PushList(BaseModel):
    items: list[PushPublic]


@router.get("/pushes/failed", response_model=None, responses={200: {"model": PushList}})
def list_failed_pushes(request: Request, session: SessionDep, _officer: OfficerDep) -> Response:
    """Receivers whose callback URL failed every push of its last attempts, and why (officers)."""
    items = [PushPublic.of(delivery) for delivery in push.failed_deliveries(session)]
    return render(request, PushList(items=items), root="failedPushes")


@router.post("/pushes/{customs_code}/retry", response_model=None, responses={200: {"model": PushPublic}})
def retry_pushes(
    request: Request,
    customs_code: Annotated[str, Path(min_length=10, max_length=10, pattern=r"^[0-9A-Z]{10}$")],
    session: SessionDep,
    _officer: OfficerDep,
) -> Response:
    """Push to a receiver set aside again, from where it stopped; 409 when it was not set aside (officers)."""
    delivery = push.retry_delivery(session, customs_code)
    if delivery is None:
        raise Conflict(f"pushes to {customs_code} were not set aside", code="push_not_failed")
    wake_after_commit(session, PUSH_TASK)
    return render(request, PushPublic.of(delivery), root="push")
