"""What customs answers a document clearance takes whole (a summary application, a cancellation, a return): its
receipt, and any notices, to its sender and subscribers."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from single_window.ceb.catalogue import by_code, receipt_of
from single_window.ceb.model import MessageType
from single_window.clearance.states import InventoryStatus
from single_window.messages.models import WITHOUT_BODY, BusinessDocument, Message
from single_window.receipts import service as receipts
from single_window.receipts import texts
from single_window.receipts.drafts import draft
from single_window.receipts.shapes import receipt_schema, return_fields


@dataclass(frozen=True)
class Answers:
    """What customs sends about one application (its receipt, its notices), to its sender and subscribers."""

    session: Session
    document: BusinessDocument
    message_type: MessageType
    now: datetime
    recipients: Sequence[str]

    @classmethod
    def to(cls, session: Session, document: BusinessDocument, now: datetime) -> "Answers":
        message = session.get(Message, document.message_id, options=[WITHOUT_BODY])
        assert message is not None
        message_type = by_code(document.message_type)
        assert message_type is not None
        return cls(session, document, message_type, now, message.recipients)

    @property
    def customs_code(self) -> str:
        return str(self.document.head.get("customsCode", ""))

    def receipt(self, status: InventoryStatus, info: str, *, sum_no: str | None = None) -> None:
        """The application's receipt (it speaks the inventory's statuses: 100, 399), with the sumNo once it has one."""
        answer = draft(
            return_fields(*receipt_schema(self.message_type)),
            position=self.document.position,
            head=self.document.head,
            status=status,
            info=info,
            time=texts.return_time(self.now),
            assigned={"sumNo": sum_no} if sum_no else None,
        )
        self.issue(receipt_of(self.message_type).code, [answer])

    def issue(self, receipt_type: str, drafts: Sequence[receipts.ReceiptDraft]) -> None:
        receipts.issue(self.session, self.document.message_id, receipt_type, drafts, self.recipients)
