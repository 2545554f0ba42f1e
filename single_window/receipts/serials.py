"""Serials for the numbers the e-port gives (preNo, invtNo): one source for intake's rejections and the worker's
acknowledgements, so no two documents get the same number on the same day.

The numbers keep nine digits of a serial: they repeat only after a thousand million serials, never within a day.
"""

from sqlalchemy import text
from sqlmodel import Session

# A sequence hands numbers to concurrent transactions without making them wait for one another; not transactional:
# a rolled-back transaction's serials are never handed out again, which is all a serial needs.
_FROM_SEQUENCE = text("SELECT nextval('number_serials_sequence') FROM generate_series(1, :count)")
# SQLite: the writing transaction holds the one write lock, so the row it moves is its own until it commits.
_FROM_ROW = text("UPDATE number_serials SET last = last + :count WHERE id = 1 RETURNING last")


def take_serials(session: Session, count: int) -> list[int]:
    """`count` serials no one took before."""
    if count <= 0:
        return []
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        return list(connection.execute(_FROM_SEQUENCE, {"count": count}).scalars())
    last = connection.execute(_FROM_ROW, {"count": count}).scalar_one()
    return list(range(last - count + 1, last + 1))
