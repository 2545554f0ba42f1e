"""Receipt contents for one business document: the receipt's fields in schema order, filled from the head."""

from collections.abc import Mapping, Sequence

from single_window.receipts.service import ReceiptDraft

STATUS_FIELDS = ("returnStatus", "returnTime", "returnInfo")


def draft(
    shape: Sequence[str],
    *,
    position: int,
    head: Mapping[str, str],
    status: str,
    info: str,
    time: str,
    assigned: Mapping[str, str] | None = None,
) -> ReceiptDraft:
    """Every field the receipt element has: status fields given, numbers assigned, the rest echoed from the head."""
    known = {**head, **(assigned or {}), "returnStatus": status, "returnTime": time, "returnInfo": info}
    fields = {name: known[name] for name in shape if known.get(name)}
    return ReceiptDraft(position=position, return_status=status, return_info=info, return_time=time, fields=fields)
