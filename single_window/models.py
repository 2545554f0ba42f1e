"""Every table model, imported in one place so metadata is complete for create_all and Alembic."""

from sqlmodel import SQLModel

from single_window.filings.models import Enterprise, FilingChange
from single_window.identity.models import StatisticianToken
from single_window.messages.models import BusinessDocument, Message
from single_window.receipts.models import InboxItem, NumberSerial, Receipt
from single_window.workers_state import WorkerHeartbeat

metadata = SQLModel.metadata

__all__ = [
    "BusinessDocument",
    "Enterprise",
    "FilingChange",
    "InboxItem",
    "Message",
    "NumberSerial",
    "Receipt",
    "StatisticianToken",
    "WorkerHeartbeat",
    "metadata",
]
