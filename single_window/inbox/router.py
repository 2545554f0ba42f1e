"""The enterprise's pull queue of receipts and subscribed data, cursor-paged."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from lxml import etree

from single_window.errors import Forbidden
from single_window.identity.dependencies import PrincipalDep
from single_window.identity.principal import PrincipalKind
from single_window.inbox import service
from single_window.messages.models import Message
from single_window.receipts.models import InboxItem, Receipt
from single_window.receipts.present import receipt_data, receipt_element
from single_window.web.dependencies import SessionDep
from single_window.web.paging import Limit
from single_window.web.rendering import client_wants_xml, render
from single_window.xmlio.safe_parser import parse_xml
from single_window.xmlio.text import document_text

router = APIRouter(prefix="/api/v1/receipts", tags=["receipts"])

Entry = tuple[InboxItem, Receipt | None, Message]


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
    items = [_item_data(entry) for entry in entries]
    return render(request, {"items": items, "next_cursor": next_cursor}, root="receipts")


def _item_data(entry: Entry) -> dict[str, Any]:
    item, receipt, message = entry
    data: dict[str, Any] = {
        "cursor": item.sequence,
        "kind": item.kind,
        "message_guid": message.guid,
        "message_type": message.message_type,
    }
    if receipt is not None:
        data["receipt"] = receipt_data(receipt)
    else:
        data["data"] = document_text(message.body)
    return data


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
