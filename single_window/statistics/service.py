"""Aggregate queries; every result is a count over a group, never a row of its own."""

from collections import Counter

from sqlalchemy import func
from sqlmodel import Session, select

from single_window.filings.models import Enterprise


def filing_counts(session: Session) -> dict[str, dict[str, int]]:
    """Filed enterprises counted by district, status, credit rating and role."""
    counts: dict[str, dict[str, int]] = {}
    for dimension in ("district", "status", "credit_rating"):
        column = getattr(Enterprise, dimension)
        rows = session.exec(select(column, func.count()).group_by(column).order_by(column)).all()
        counts[dimension] = {str(value): total for value, total in rows}
    roles = Counter(role for roles in session.exec(select(Enterprise.roles)).all() for role in roles)
    counts["role"] = dict(sorted(roles.items()))
    return counts
