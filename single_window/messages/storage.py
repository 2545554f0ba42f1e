"""Intake's statements, in SQLAlchemy Core: one round trip each, built once, on the session's own connection.

Intake is the hot path (a target of 1,000 messages a second on two cores): the ORM's unit of work, identity map
and per-row model construction cost more than the checks themselves, and none of it is needed to write rows
that nothing in the request reads back.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Dialect, String, Table, bindparam, func, select, text
from sqlalchemy.dialects import postgresql
from sqlmodel import Session

from single_window.database import json_text
from single_window.db_types import utc_now
from single_window.filings.models import Enterprise
from single_window.identity.principal import FilingStatus
from single_window.messages.models import BusinessDocument, Message

MESSAGES: Table = Message.__table__  # type: ignore[attr-defined]
DOCUMENTS: Table = BusinessDocument.__table__  # type: ignore[attr-defined]
ENTERPRISES: Table = Enterprise.__table__  # type: ignore[attr-defined]

_EARLIER_ANSWER = select(MESSAGES.c.body_sha256, MESSAGES.c.answer_status, MESSAGES.c.answer).where(
    MESSAGES.c.sender_code == bindparam("sender_code"), MESSAGES.c.guid == bindparam("guid")
)
_DECLARED_COLUMNS = (DOCUMENTS.c.business_key, DOCUMENTS.c.version, DOCUMENTS.c.app_type, DOCUMENTS.c.declarant_code)
_DECLARED = {
    # One array parameter on PostgreSQL: with a hundred IN parameters, the generic plan it settles on for a prepared
    # statement after five runs scanned the whole type's documents (17 ms for a hundred keys; 0.6 ms this way).
    "postgresql": select(*_DECLARED_COLUMNS).where(
        DOCUMENTS.c.message_type == bindparam("message_type"),
        DOCUMENTS.c.business_key == func.any(bindparam("keys", type_=postgresql.ARRAY(String))),
    ),
    "sqlite": select(*_DECLARED_COLUMNS).where(
        DOCUMENTS.c.message_type == bindparam("message_type"),
        DOCUMENTS.c.business_key.in_(bindparam("keys", expanding=True)),
    ),
}
_ACTIVE_ENTERPRISES = select(
    ENTERPRISES.c.customs_code, ENTERPRISES.c.uscc, ENTERPRISES.c.roles, ENTERPRISES.c.dxp_id
).where(
    (ENTERPRISES.c.customs_code.in_(bindparam("codes", expanding=True)))
    | (ENTERPRISES.c.uscc.in_(bindparam("uscc_codes", expanding=True))),
    ENTERPRISES.c.status == FilingStatus.ACTIVE.value,
)
_ACTIVE_BY_DXP_ID = select(ENTERPRISES.c.dxp_id, ENTERPRISES.c.customs_code).where(
    ENTERPRISES.c.dxp_id.in_(bindparam("dxp_ids", expanding=True)), ENTERPRISES.c.status == FilingStatus.ACTIVE.value
)

# What intake sets; the id and what the worker keeps (attempts, claims, failures) come from the database's defaults.
_WORKERS_COLUMNS = frozenset({"id", "attempts", "claimed_at", "failure_reason", "failed_at"})
_MESSAGE_COLUMNS = [column for column in MESSAGES.c if column.name not in _WORKERS_COLUMNS]
# Text, not the dialects' insert() with on_conflict_do_nothing(): SQLAlchemy gives those no cache key, so they were
# compiled anew for every message. PostgreSQL and SQLite (3.24+) take the same ON CONFLICT clause.
_INSERT_MESSAGE = (
    text(
        f"INSERT INTO {MESSAGES.name} ({', '.join(column.name for column in _MESSAGE_COLUMNS)}) "
        f"VALUES ({', '.join(':' + column.name for column in _MESSAGE_COLUMNS)}) "
        "ON CONFLICT (sender_code, guid) DO NOTHING RETURNING id"
    )
    .bindparams(*(bindparam(column.name, type_=column.type) for column in _MESSAGE_COLUMNS))
    .columns(MESSAGES.c.id)
)


@dataclass(frozen=True)
class StoredAnswer:
    body_sha256: str
    status_code: int
    body: dict[str, Any]


@dataclass(frozen=True)
class DeclaredVersion:
    """The latest version of a business key: its number, its appType and who declared it."""

    version: int
    app_type: str
    declarant_code: str


@dataclass(frozen=True)
class FiledEnterprise:
    """What the checks need of an active filing: who it is, what it may do, and its exchange address."""

    customs_code: str
    roles: frozenset[str]
    dxp_id: str


@dataclass(frozen=True)
class NewDocument:
    position: int
    business_key: str
    version: int
    head_guid: str
    app_type: str
    head: dict[str, str]
    lines: list[dict[str, str]]


def earlier_answer(session: Session, sender_code: str, guid: str) -> StoredAnswer | None:
    row = session.connection().execute(_EARLIER_ANSWER, {"sender_code": sender_code, "guid": guid}).first()
    return None if row is None else StoredAnswer(row.body_sha256, row.answer_status, row.answer)


def latest_versions(session: Session, message_type: str, keys: Iterable[str]) -> dict[str, DeclaredVersion]:
    """The latest version of each key, in one query for the whole message."""
    connection = session.connection()
    rows = connection.execute(_DECLARED[connection.dialect.name], {"message_type": message_type, "keys": list(keys)})
    latest: dict[str, DeclaredVersion] = {}
    for key, version, app_type, declarant in rows:
        if key not in latest or version > latest[key].version:
            latest[key] = DeclaredVersion(version, app_type, declarant)
    return latest


def active_filings(session: Session, codes: Iterable[str]) -> dict[str, FiledEnterprise]:
    """The active enterprises among these codes, each found by customs code and by USCC."""
    wanted = list(codes)
    rows = session.connection().execute(_ACTIVE_ENTERPRISES, {"codes": wanted, "uscc_codes": wanted})
    filings: dict[str, FiledEnterprise] = {}
    for customs_code, uscc, roles, dxp_id in rows:
        filings[customs_code] = filings[uscc] = FiledEnterprise(customs_code, frozenset(roles), dxp_id)
    return filings


def active_codes_by_dxp_id(session: Session, dxp_ids: Iterable[str]) -> dict[str, str]:
    rows = session.connection().execute(_ACTIVE_BY_DXP_ID, {"dxp_ids": list(dxp_ids)})
    return {row.dxp_id: row.customs_code for row in rows}


def insert_message(session: Session, values: dict[str, Any]) -> int | None:
    """The new message's id; None when the sender already stored this guid (a replay, or a race just lost).

    ON CONFLICT instead of a look-up first: a replay is rare, and on PostgreSQL the insert waits for a concurrent
    transaction holding the same key and then sees its row, with no savepoint to roll back to.
    """
    return session.connection().execute(_INSERT_MESSAGE, {"received_at": utc_now(), **values}).scalar()


def insert_documents(
    session: Session, message_id: int, message_type: str, declarant_code: str, documents: Sequence[NewDocument]
) -> None:
    """Every document of the message in one executemany, its parameters made here rather than by SQLAlchemy.

    For a hundred documents SQLAlchemy's per-row parameter processing cost a third of the insert (1.45 ms with it,
    1.0 ms without): the values are plain, but for the two JSON columns and the one timestamp.
    """
    connection = session.connection()
    insert = _document_insert(connection.dialect)
    created_at = insert.created_at(utc_now())
    rows = [
        (
            message_id,
            message_type,
            document.position,
            document.business_key,
            document.version,
            document.head_guid,
            declarant_code,
            document.app_type,
            "declared",
            json_text(document.head),
            json_text(document.lines),
            created_at,
        )
        for document in documents
    ]
    connection.exec_driver_sql(insert.sql, rows)


# The order of insert_documents' tuples.
_DOCUMENT_COLUMNS = (
    "message_id",
    "message_type",
    "position",
    "business_key",
    "version",
    "head_guid",
    "declarant_code",
    "app_type",
    "status",
    "head",
    "lines",
    "created_at",
)
# Positional markers by DB-API paramstyle: SQLite's and psycopg's.
_MARKERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


@dataclass(frozen=True)
class _DocumentInsert:
    sql: str
    # The dialect's own processing of the timestamp (SQLite stores text, PostgreSQL a timestamptz).
    created_at: Callable[[datetime], Any]


@cache
def _document_insert(dialect: Dialect) -> _DocumentInsert:
    marker = _MARKERS[dialect.paramstyle]
    sql = (
        f"INSERT INTO {DOCUMENTS.name} ({', '.join(_DOCUMENT_COLUMNS)}) "
        f"VALUES ({', '.join(marker for _ in _DOCUMENT_COLUMNS)})"
    )
    # The dialect's implementation of the column type: the bare type's processor is the generic DateTime's, which
    # left SQLite's driver to write the timestamp in a format of its own.
    processor = DOCUMENTS.c.created_at.type.dialect_impl(dialect).bind_processor(dialect)
    return _DocumentInsert(sql, processor or (lambda moment: moment))
