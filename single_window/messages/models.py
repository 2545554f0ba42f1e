"""Message tables: every accepted or business-rejected CEB message, and the business documents it carried."""

from datetime import datetime
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import JSON, Column, Index, UniqueConstraint, text
from sqlalchemy.orm import QueryableAttribute, defer
from sqlmodel import Field, SQLModel

from single_window.db_types import Lz4Bytes, UtcDateTime, utc_now


class MessageStatus(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    # Claimed by a worker, its attempt counted; see attempts.py for the moves between these states.
    IN_PROGRESS = "in_progress"
    ACKNOWLEDGED = "acknowledged"
    # Set aside after its last attempt failed or stopped the worker: logged, listed for officers, who may send it back.
    FAILED = "failed"


# Enough of an exception's text for an officer to recognise it; a traceback goes to the log.
FAILURE_REASON_CHARACTERS = 500


class Message(SQLModel, table=True):
    """One CEB message as received; the sender's guid is the idempotency key."""

    __tablename__ = "messages"
    # Per sender: another enterprise can neither take a guid away from you nor replay your answer.
    # By status: the worker finds the accepted messages waiting for it, oldest first.
    __table_args__ = (UniqueConstraint("sender_code", "guid"), Index("ix_messages_status_id", "status", "id"))

    id: int | None = Field(default=None, primary_key=True)
    guid: str = Field(max_length=36, index=True)
    message_type: str = Field(max_length=8, index=True)
    sender_code: str = Field(max_length=10, index=True)
    body_sha256: str = Field(max_length=64)
    # The CEB message itself, out of its DxpMsg when it came in one: a retry in a fresh envelope is the same message.
    body: bytes = Field(sa_column=Column(Lz4Bytes, nullable=False))
    via_envelope: bool = False
    cop_msg_id: str | None = Field(default=None, max_length=255)
    status: str = Field(max_length=16)
    document_count: int
    # Who gets this message's receipts: the sender, then its BaseSubscribe subscribers (RET or ALL).
    recipients: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # The answer given the first time, replayed verbatim when the same guid and body come again.
    answer_status: int
    answer: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    received_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime)
    # The worker's attempts at it, each counted before its work starts (attempts.py); an officer's requeue resets it.
    attempts: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # When the current or last attempt began: a claim older than any task may run has lost its worker.
    claimed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    # Why its last attempt failed, for an officer; kept when it is sent back, until an attempt succeeds.
    failure_reason: str | None = Field(default=None, max_length=FAILURE_REASON_CHARACTERS)
    failed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


# Loads a message without its body, for readers that do not show it: lz4 would decompress up to half a megabyte.
# (SQLModel types the attribute as its value; the loader option needs the attribute.)
WITHOUT_BODY = defer(cast(QueryableAttribute[bytes], Message.body))


class DocumentStatus(StrEnum):
    DECLARED = "declared"
    # Customs answered 120: waiting for clearance to take it (an inventory opens a case, a partner wakes the cases
    # that wait for it). The only status the partial index holds, so intake pays no index write for it.
    ACKNOWLEDGED = "acknowledged"
    IN_CLEARANCE = "in_clearance"


class BusinessDocument(SQLModel, table=True):
    """One order, payment, waybill, inventory...; appType 2 adds a version, 3 marks it deleted."""

    __tablename__ = "business_documents"
    __table_args__ = (
        UniqueConstraint("message_type", "business_key", "version"),
        Index(
            "ix_business_documents_acknowledged",
            "id",
            sqlite_where=text("status = 'acknowledged'"),
            postgresql_where=text("status = 'acknowledged'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="messages.id", index=True)
    message_type: str = Field(max_length=8)
    position: int
    # Looked up with its message type, by the unique constraint's index: an index of its own cost a page write per
    # document for nothing.
    business_key: str = Field(max_length=200)
    version: int = 1
    head_guid: str = Field(max_length=36)
    # Who declared it: the declarant, or the enterprise its key names (keys.py), may change or delete it.
    declarant_code: str = Field(max_length=10)
    app_type: str = Field(max_length=1)
    status: str = Field(max_length=16, default=DocumentStatus.DECLARED)
    head: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    lines: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime)
