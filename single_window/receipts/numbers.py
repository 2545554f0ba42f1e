"""The numbers the e-port and customs give a declaration: pre-entry number first, inventory number at 120."""

from collections.abc import Mapping
from datetime import datetime

from single_window.ceb.model import MessageType
from single_window.receipts import texts
from single_window.receipts.shapes import receipt_schema, return_fields


def assign_numbers(
    message_type: MessageType, head: Mapping[str, str], moment: datetime, *, serial: int
) -> dict[str, str]:
    """``preNo`` for every type whose receipt carries one, ``invtNo`` for inventories; the declared ones stand."""
    schema_path, element = receipt_schema(message_type)
    shape = return_fields(schema_path, element)
    assigned: dict[str, str] = {}
    if "preNo" in shape:
        assigned["preNo"] = head.get("preNo") or texts.pre_entry_number(moment, serial)
    if message_type.inventory:
        ie_flag = "I" if message_type.direction == "import" else "E"
        assigned["invtNo"] = head.get("invtNo") or texts.inventory_number(
            head.get("customsCode", ""), moment, ie_flag, serial
        )
    return assigned
