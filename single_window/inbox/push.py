"""Push each enterprise's queue to its callback URL, a batch at a time, with back-off; the pull queue stays the
source of truth, so a receiver that is down loses nothing and a cursor says how far pushing got."""

from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from single_window.filings.models import Enterprise
from single_window.inbox.callback_http import PushResult
from single_window.inbox.models import CallbackDelivery, PushStatus
from single_window.inbox.present import item_data
from single_window.inbox.service import pull
from single_window.locked_rows import locked_row
from single_window.queue import wake_later_after_commit
from single_window.receipts.models import InboxItem
from single_window.receipts.service import PUSH_TASK

BATCH = 100
# Ten failed pushes in a row (about 17 minutes of back-off) set a receiver aside for an officer.
MAX_PUSH_ATTEMPTS = 10
LONGEST_WAIT = timedelta(hours=1)
# How long a receiver's cursor is held while its batch is pushed: above the request's timeout.
PUSH_HELD_FOR = timedelta(seconds=30)

Post = Callable[[str, dict[str, Any]], PushResult]
OpenSession = Callable[[], AbstractContextManager[Session]]


def push_due(open_session: OpenSession, post: Post, now: datetime) -> Counter[str]:
    """One batch to every receiver with items past its cursor and no wait pending; what became of each.

    The HTTP request runs between two short transactions, never inside one: a slow receiver must not hold SQLite's
    write lock or a row lock. While it runs, the receiver's cursor waits (next_attempt_at), so no other worker
    pushes the same batch.
    """
    outcomes: Counter[str] = Counter()
    with open_session() as session:
        receivers = _receivers(session)
    for code, url in receivers:
        with open_session() as session:
            batch = _claim_batch(session, code, now)
        if batch is not None:
            result = post(url, {"items": batch.items, "next_cursor": batch.items[-1]["cursor"]})
            with open_session() as session:
                outcomes[_record(session, code, batch, result, now)] += 1
    return outcomes


@dataclass(frozen=True)
class Batch:
    after: int
    items: list[dict[str, Any]]


def _receivers(session: Session) -> list[tuple[str, str]]:
    """Enterprises with a callback URL and something their cursor has not passed."""
    behind = (
        select(Enterprise.customs_code, Enterprise.callback_url)
        .where(col(Enterprise.callback_url).is_not(None))
        .where(
            select(func.max(InboxItem.sequence))
            .where(InboxItem.recipient_code == Enterprise.customs_code)
            .scalar_subquery()
            > func.coalesce(
                select(CallbackDelivery.pushed_through)
                .where(CallbackDelivery.recipient_code == Enterprise.customs_code)
                .scalar_subquery(),
                0,
            )
        )
    )
    return [(code, url) for code, url in session.exec(behind).all() if url]


def _claim_batch(session: Session, code: str, now: datetime) -> Batch | None:
    """The next batch past the receiver's cursor, its cursor held for the push; None when it must wait or is done."""
    delivery = locked_row(session, CallbackDelivery, {"recipient_code": code}, {"updated_at": now})
    waiting = delivery.next_attempt_at is not None and delivery.next_attempt_at > now
    if delivery.status == PushStatus.FAILED or waiting:
        return None
    entries = pull(session, code, after=delivery.pushed_through, limit=BATCH)
    if not entries:
        return None
    delivery.next_attempt_at = now + PUSH_HELD_FOR
    session.add(delivery)
    return Batch(delivery.pushed_through, [item_data(entry) for entry in entries])


def _record(session: Session, code: str, batch: Batch, result: PushResult, now: datetime) -> str:
    delivery = session.get(CallbackDelivery, code, with_for_update=True)
    if delivery is None or delivery.pushed_through != batch.after:
        return "superseded"  # an officer's retry or another worker moved the cursor meanwhile
    delivery.updated_at = now
    if result.delivered:
        delivery.pushed_through = batch.items[-1]["cursor"]
        delivery.attempts, delivery.next_attempt_at, delivery.last_error = 0, None, None
        return "delivered"
    delivery.attempts += 1
    delivery.last_error = (result.problem or "")[:500]
    wait = min(timedelta(seconds=2**delivery.attempts), LONGEST_WAIT)
    delivery.next_attempt_at = now + wait
    if delivery.attempts >= MAX_PUSH_ATTEMPTS:
        delivery.status = PushStatus.FAILED
        return "failed"
    wake_later_after_commit(session, PUSH_TASK, wait.total_seconds())
    return "retrying"


def failed_deliveries(session: Session) -> list[CallbackDelivery]:
    query = select(CallbackDelivery).where(col(CallbackDelivery.status) == PushStatus.FAILED)
    return list(session.exec(query.order_by(col(CallbackDelivery.recipient_code))).all())


def retry_delivery(session: Session, code: str) -> CallbackDelivery | None:
    """Push to a receiver set aside again, from where its cursor stopped; None when it was not set aside."""
    delivery = session.get(CallbackDelivery, code, with_for_update=True)
    if delivery is None or delivery.status != PushStatus.FAILED:
        return None
    delivery.status, delivery.attempts, delivery.next_attempt_at = PushStatus.ACTIVE, 0, None
    session.add(delivery)
    return delivery
