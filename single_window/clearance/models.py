"""Clearance tables: one case per inventory, one row of work per (case, stage), and the balances the stages keep."""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from single_window.db_types import ExactDecimal, UtcDateTime, utc_now


class ClearanceCase(SQLModel, table=True):
    """An accepted inventory on its way through customs; its status is the last one its receipts announced."""

    __tablename__ = "clearance_cases"
    __table_args__ = (Index("ix_clearance_cases_order_link", "order_link"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="business_documents.id", unique=True)
    message_type: str = Field(max_length=8)
    status: str = Field(max_length=16)
    # Business-clock times (clock.py): the waiting window runs from opened_at, the return window from released_at.
    opened_at: datetime = Field(sa_type=UtcDateTime)
    status_at: datetime = Field(sa_type=UtcDateTime)
    released_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    # How a partner document that arrives later finds the inventories waiting for it: the order's and payment's
    # (ebpCode, orderNo), the waybill's (logisticsCode, logisticsNo), each joined by the catalogue's separator.
    order_link: str = Field(max_length=120)
    waybill_link: str = Field(max_length=120, index=True)
    # What the stages found, for the next stages and for an officer: the tax, the risk selection's reasons...
    findings: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    reason: str | None = Field(default=None, max_length=1000)


class WorkStatus(StrEnum):
    PENDING = "pending"  # due at next_attempt_at; with none, it waits for an event (a partner, a balance) to wake it
    IN_PROGRESS = "in_progress"
    DONE = "done"
    FAILED = "failed"  # set aside after its last attempt; an officer may send it back


class StageWork(SQLModel, table=True):
    """One stage's work on one case: idempotent per (case, stage), attempts counted before the work."""

    __tablename__ = "clearance_stage_work"
    __table_args__ = (
        UniqueConstraint("case_id", "stage"),
        # A stage's drain finds its due rows, oldest due first.
        Index("ix_clearance_stage_work_due", "stage", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="clearance_cases.id")
    stage: str = Field(max_length=16)
    status: str = Field(max_length=16, default=WorkStatus.PENDING)
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    claimed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    # Why it waits (partners missing, guarantee exhausted...) or why its last attempt failed.
    note: str | None = Field(default=None, max_length=1000)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime)


class BuyerQuota(SQLModel, table=True):
    """What a buyer has used of the annual limit in one calendar year (China time); locked while it is checked."""

    __tablename__ = "clearance_buyer_quotas"

    buyer_id_number: str = Field(max_length=60, primary_key=True)
    year: int = Field(primary_key=True)
    used: Decimal = Field(default=Decimal(0), sa_type=ExactDecimal)


class Guarantee(SQLModel, table=True):
    """The guarantor's (assureCode) balance that the tax is charged to; an officer sets it."""

    __tablename__ = "clearance_guarantees"

    assure_code: str = Field(max_length=18, primary_key=True)
    balance: Decimal = Field(default=Decimal(0), sa_type=ExactDecimal)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime)
