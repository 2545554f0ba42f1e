"""Which receipts a declaration gets: negative ones naming each rule breach, then 2 and 120 as it goes through."""

from collections.abc import Mapping, Sequence
from datetime import datetime

from single_window.ceb.catalogue import receipt_of
from single_window.ceb.documents import Document
from single_window.ceb.model import BusinessIssue, MessageType
from single_window.receipts import texts
from single_window.receipts.drafts import draft
from single_window.receipts.numbers import assign_numbers
from single_window.receipts.service import ReceiptDraft
from single_window.receipts.shapes import receipt_schema, required_fields, return_fields

# Numbers the e-port gives at once; the customs inventory number comes with 120 unless the schema wants it sooner.
EARLY_NUMBERS = frozenset({"preNo"})


def rejection_drafts(
    message_type: MessageType,
    documents: Sequence[Document],
    breaches_by_position: Mapping[int, Sequence[BusinessIssue]],
    moment: datetime,
    *,
    serials: Mapping[int, int],
) -> list[ReceiptDraft]:
    """One negative receipt per document with breaches (grouped by issues_by_position); status: the first's code."""
    drafts = []
    for document in documents:
        breaches = breaches_by_position.get(document.position)
        if not breaches:
            continue
        assigned = assign_numbers(message_type, document.head, moment, serial=serials[document.position])
        info = texts.rejection_info([(i.code, i.field, i.message, i.line) for i in breaches])
        drafts.append(
            _draft(message_type, document.position, document.head, breaches[0].code, info, moment, assigned, False)
        )
    return drafts


def acknowledgement_drafts(
    message_type: MessageType, position: int, head: Mapping[str, str], assigned: Mapping[str, str], moment: datetime
) -> list[ReceiptDraft]:
    """What the e-port and customs answer a declaration that passed intake: stored (1), or declaring (2) then 120."""
    if head.get("appStatus") == texts.STORED and receipt_of(message_type).stored_status:
        return [_draft(message_type, position, head, texts.STORED, texts.stored_info(head), moment, assigned, False)]
    declared_info = texts.declared_info(message_type, head)
    return [
        _draft(message_type, position, head, texts.DECLARING, declared_info, moment, assigned, False),
        _draft(
            message_type,
            position,
            head,
            texts.LOGIC_CHECK_PASSED,
            texts.logic_check_passed_info(),
            moment,
            assigned,
            True,
        ),
    ]


def _draft(
    message_type: MessageType,
    position: int,
    head: Mapping[str, str],
    status: str,
    info: str,
    moment: datetime,
    assigned: Mapping[str, str],
    all_numbers: bool,
) -> ReceiptDraft:
    schema_path, element = receipt_schema(message_type)
    shown = EARLY_NUMBERS | required_fields(schema_path, element)
    numbers = dict(assigned) if all_numbers else {k: v for k, v in assigned.items() if k in shown}
    return draft(
        return_fields(schema_path, element),
        position=position,
        head=head,
        status=status,
        info=info,
        time=texts.return_time(moment),
        assigned=numbers,
    )
