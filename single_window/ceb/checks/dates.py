"""Times and dates must be real calendar instants, not just 14 or 8 characters."""

from collections.abc import Iterator
from datetime import datetime

from single_window.ceb import codes
from single_window.ceb.model import BusinessIssue, Context, Document, issue, shown

# Every head field the spec formats as YYYYMMDDhhmmss; leaveTime is CEB509, the window pair CEB701.
TIME_FIELDS = ("appTime", "payTime", "logisticsTime", "accountingDate", "leaveTime", "startTime", "endTime")
DATE_FIELDS = ("declTime", "ieDate")


def times_are_real(document: Document, context: Context) -> Iterator[BusinessIssue]:
    for name in TIME_FIELDS:
        text = document.head.texts.get(name)
        if text is not None and not is_real_instant(text, 14):
            yield issue(codes.TIME_INVALID, document.head, name, f"{name} {shown(text)}")


def dates_are_real(document: Document, context: Context) -> Iterator[BusinessIssue]:
    for name in DATE_FIELDS:
        text = document.head.texts.get(name)
        if text is not None and not is_real_instant(text, 8):
            yield issue(codes.DATE_INVALID, document.head, name, f"{name} {shown(text)}")


def is_real_instant(text: str, length: int) -> bool:
    """YYYYMMDD or YYYYMMDDhhmmss naming a moment that exists (no 13th month, no 30 February)."""
    if len(text) != length or not (text.isascii() and text.isdigit()):
        return False
    clock = text[8:].ljust(6, "0")
    try:
        datetime(int(text[:4]), int(text[4:6]), int(text[6:8]), int(clock[:2]), int(clock[2:4]), int(clock[4:]))
    except ValueError:
        return False
    return True
