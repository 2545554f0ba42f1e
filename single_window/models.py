"""Every table model, imported in one place so metadata is complete for create_all and Alembic."""

from sqlmodel import SQLModel

from single_window.clearance.links import DocumentLink
from single_window.clearance.models import BuyerQuota, ClearanceCase, Guarantee, StageWork
from single_window.clock import ClockOffset
from single_window.filings.models import Enterprise, FilingChange
from single_window.identity.models import StatisticianToken
from single_window.inbox.models import CallbackDelivery
from single_window.messages.models import BusinessDocument, Message
from single_window.receipts.models import InboxItem, NumberSerial, Receipt
from single_window.workers_state import WorkerHeartbeat

metadata = SQLModel.metadata

__all__ = [
    "BusinessDocument",
    "BuyerQuota",
    "CallbackDelivery",
    "ClearanceCase",
    "ClockOffset",
    "DocumentLink",
    "Enterprise",
    "FilingChange",
    "Guarantee",
    "InboxItem",
    "Message",
    "NumberSerial",
    "Receipt",
    "StageWork",
    "StatisticianToken",
    "WorkerHeartbeat",
    "metadata",
]
