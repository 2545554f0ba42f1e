"""An item of an enterprise's queue as data: what the pull API answers and what a callback receives."""

from typing import Any

from single_window.messages.models import Message
from single_window.receipts.models import InboxItem, Receipt
from single_window.receipts.present import receipt_data
from single_window.xmlio.text import document_text

Entry = tuple[InboxItem, Receipt | None, Message]


def item_data(entry: Entry) -> dict[str, Any]:
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
