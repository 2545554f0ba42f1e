"""What officers get back about the worker's attempts at messages; the table models live apart in models.py."""

from datetime import datetime

from pydantic import BaseModel

from single_window.messages.models import Message


class MessageAttemptsPublic(BaseModel):
    guid: str
    message_type: str
    sender_code: str
    status: str
    documents: int
    attempts: int
    # Why its last attempt failed: the exception's class and text, or that the worker stopped in every attempt.
    reason: str | None
    received_at: datetime
    # When it was set aside; none once sent back.
    failed_at: datetime | None

    @classmethod
    def of(cls, message: Message) -> "MessageAttemptsPublic":
        return cls(
            guid=message.guid,
            message_type=message.message_type,
            sender_code=message.sender_code,
            status=message.status,
            documents=message.document_count,
            attempts=message.attempts,
            reason=message.failure_reason,
            received_at=message.received_at,
            failed_at=message.failed_at,
        )


class FailedMessagePage(BaseModel):
    items: list[MessageAttemptsPublic]
    total: int
    offset: int
    limit: int
