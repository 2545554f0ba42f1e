"""Which receipts a declaration gets: negative ones naming each rule breach, then 2 and 120 as it goes through."""

import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from single_window.messages.catalogue import MessageType, by_code
from single_window.messages.checks import BusinessIssue
from single_window.messages.documents import Document
from single_window.messages.xsd import EXPORT_XSD, IMPORT_XSD
from single_window.receipts import texts
from single_window.receipts.drafts import draft
from single_window.receipts.service import ReceiptDraft
from single_window.receipts.shapes import return_fields

DOCUMENT_STEP = re.compile(r"^/[^/]+/[^/\[]+(?:\[(\d+)\])?")
MESSAGE_WIDE = ("/BaseTransfer", "/BaseSubscribe")


def receipt_shape(message_type: MessageType) -> tuple[str, ...]:
    receipt_type = by_code(message_type.receipt_code or "")
    assert receipt_type is not None, f"{message_type.code} has no receipt"
    schema = IMPORT_XSD if receipt_type.direction == "import" else EXPORT_XSD
    return return_fields(schema.path, receipt_type.business_element)


def rejection_drafts(
    message_type: MessageType, documents: Sequence[Document], issues: Sequence[BusinessIssue]
) -> list[ReceiptDraft]:
    """One negative receipt per document that breaks a rule; its status is the first breach's code."""
    shape = receipt_shape(message_type)
    time = texts.return_time()
    grouped = issues_by_position(issues, [d.position for d in documents])
    return [
        draft(
            shape,
            position=document.position,
            head=document.head,
            status=grouped[document.position][0].code,
            info=texts.rejection_info([(i.code, i.field, i.message, i.line) for i in grouped[document.position]]),
            time=time,
        )
        for document in documents
        if grouped.get(document.position)
    ]


def issues_by_position(issues: Sequence[BusinessIssue], positions: Sequence[int]) -> dict[int, list[BusinessIssue]]:
    """Issues of one document go to its receipt; issues of the whole message (BaseTransfer) to every receipt."""
    grouped: dict[int, list[BusinessIssue]] = defaultdict(list)
    for issue in issues:
        match = DOCUMENT_STEP.match(issue.field)
        message_wide = match is None or any(part in issue.field for part in MESSAGE_WIDE)
        targets = list(positions) if message_wide or match is None else [int(match.group(1) or 1)]
        for position in targets:
            grouped[position].append(issue)
    return grouped


def acknowledgement_drafts(
    message_type: MessageType, position: int, head: dict[str, str], assigned: dict[str, str], moment: datetime
) -> list[ReceiptDraft]:
    """What the e-port and customs answer a declaration that passed intake: stored (1), or declaring (2) then 120."""
    shape = receipt_shape(message_type)
    receipt_code = message_type.receipt_code or ""
    if head.get("appStatus") == texts.STORED and receipt_code not in texts.NO_STORED_STATUS:
        status, info = texts.STORED, texts.stored_info(head)
        return [draft(shape, position=position, head=head, status=status, info=info, time=texts.return_time(moment))]
    declared = draft(
        shape,
        position=position,
        head=head,
        status=texts.DECLARING,
        info=texts.declared_info(message_type.code, head),
        time=texts.return_time(moment),
        assigned={key: value for key, value in assigned.items() if key == "preNo"},
    )
    stored_by_customs = draft(
        shape,
        position=position,
        head=head,
        status=texts.LOGIC_CHECK_PASSED,
        info=texts.logic_check_passed_info(),
        time=texts.return_time(moment),
        assigned=assigned,
    )
    return [declared, stored_by_customs]
