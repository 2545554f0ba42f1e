"""Message tables: every accepted or business-rejected CEB message, and the business documents it carried."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from single_window.db_types import UtcDateTime, utc_now


class Message(SQLModel, table=True):
    """One CEB message as received; its guid is the idempotency key."""

    __tablename__ = "messages"

    id: int | None = Field(default=None, primary_key=True)
    guid: str = Field(max_length=36, unique=True)
    message_type: str = Field(max_length=8, index=True)
    sender_code: str = Field(max_length=10, index=True)
    body_sha256: str = Field(max_length=64)
    body: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
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


class BusinessDocument(SQLModel, table=True):
    """One order, payment, waybill, inventory...; appType 2 adds a version, 3 marks it deleted."""

    __tablename__ = "business_documents"
    __table_args__ = (UniqueConstraint("message_type", "business_key", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="messages.id", index=True)
    message_type: str = Field(max_length=8)
    position: int
    business_key: str = Field(max_length=200, index=True)
    version: int = 1
    head_guid: str = Field(max_length=36)
    app_type: str = Field(max_length=1)
    status: str = Field(max_length=16, default="declared")
    head: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    lines: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime)
