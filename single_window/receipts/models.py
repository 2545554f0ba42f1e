"""Receipt tables: every receipt issued, and who it was delivered to."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from single_window.db_types import UtcDateTime, utc_now


class Receipt(SQLModel, table=True):
    """One receipt for one business document (or the whole message when it has none)."""

    __tablename__ = "receipts"

    id: int | None = Field(default=None, primary_key=True)
    # The guid of the CEB receipt message, fixed at issue so every fetch shows the same document.
    guid: str = Field(max_length=36)
    message_id: int = Field(foreign_key="messages.id", index=True)
    receipt_type: str = Field(max_length=8)
    position: int
    return_status: str = Field(max_length=10)
    return_time: str = Field(max_length=17)
    return_info: str = Field(max_length=5000)
    # The key fields the receipt echoes (guid, ebpCode, orderNo, preNo, invtNo...), in schema order.
    fields: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime)


class InboxItem(SQLModel, table=True):
    """A receipt or a subscribed copy of data in one enterprise's pull queue.

    The cursor is a per-recipient sequence handed out under a lock on the recipient, so numbers become visible
    in order: an auto-increment id would let a reader pass an id still uncommitted in another transaction.
    """

    __tablename__ = "inbox_items"
    __table_args__ = (UniqueConstraint("recipient_code", "sequence"),)

    id: int | None = Field(default=None, primary_key=True)
    recipient_code: str = Field(max_length=10)
    sequence: int
    kind: str = Field(max_length=8)
    receipt_id: int | None = Field(default=None, foreign_key="receipts.id")
    message_id: int = Field(foreign_key="messages.id")
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime)


class NumberSerial(SQLModel, table=True):
    """The last serial the e-port's numbers (preNo, invtNo) took, on SQLite; PostgreSQL takes them from a sequence.

    One row: SQLite has one writer at a time, so the row is no queue of its own.
    """

    __tablename__ = "number_serials"

    id: int = Field(default=1, primary_key=True)
    last: int = Field(default=0, sa_type=BigInteger)
