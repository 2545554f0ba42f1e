"""appType against what is already declared: 1 must be new, 2 and 3 must find the sender's own document."""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from single_window.messages.catalogue import MessageType
from single_window.messages.checks import BusinessIssue, codes
from single_window.messages.documents import Document

NEW, CHANGE, DELETE = "1", "2", "3"


@dataclass(frozen=True)
class KeyCodes:
    exists: codes.Code
    missing: codes.Code


KEY_CODES: dict[str, KeyCodes] = {
    "CEB311": KeyCodes(codes.ORDER_EXISTS, codes.ORDER_NOT_FOUND),
    "CEB411": KeyCodes(codes.PAYMENT_EXISTS, codes.PAYMENT_NOT_FOUND),
    "CEB511": KeyCodes(codes.WAYBILL_EXISTS, codes.WAYBILL_NOT_FOUND),
    "CEB513": KeyCodes(codes.WAYBILL_STATUS_EXISTS, codes.WAYBILL_STATUS_NOT_FOUND),
    "CEB621": KeyCodes(codes.INVENTORY_EXISTS, codes.INVENTORY_NOT_FOUND),
    "CEB623": KeyCodes(codes.CANCELLATION_EXISTS, codes.DOCUMENT_NOT_FOUND),
    "CEB625": KeyCodes(codes.REFUND_EXISTS, codes.DOCUMENT_NOT_FOUND),
}
DEFAULT_KEY_CODES = KeyCodes(codes.DOCUMENT_EXISTS, codes.DOCUMENT_NOT_FOUND)


def key_issues(
    message_type: MessageType,
    keyed: Sequence[tuple[Document, str]],
    *,
    sender_code: str,
    declarant_of: Callable[[str], str | None],
) -> Iterator[BusinessIssue]:
    """One issue per document whose appType does not fit what is declared, here or in this very message.

    Changing or deleting needs a live document the sender itself declared: another enterprise's is "not found". Only
    a document that passes counts for the ones after it in the same message: a refused copy declares nothing.
    """
    key_codes = KEY_CODES.get(message_type.code, DEFAULT_KEY_CODES)
    live_in_message: dict[str, str | None] = {}
    for document, key in keyed:
        declarant = live_in_message[key] if key in live_in_message else declarant_of(key)
        code = _breach(document.app_type, declarant, sender_code, key_codes)
        if code is None:
            live_in_message[key] = None if document.app_type == DELETE else sender_code
        else:
            path = f"/{message_type.root}/{message_type.business_element}[{document.position}]"
            yield BusinessIssue(code.code, path, f"{code.zh} ({' '.join(message_type.business_keys)}: {key})", None)


def _breach(app_type: str, declarant: str | None, sender_code: str, key_codes: KeyCodes) -> codes.Code | None:
    if app_type == NEW and declarant is not None:
        return key_codes.exists
    if app_type in (CHANGE, DELETE) and declarant != sender_code:
        return key_codes.missing
    return None
