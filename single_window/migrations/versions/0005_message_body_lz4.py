"""message bodies compressed with lz4 on PostgreSQL

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 19:10:00.000000

A CEB311 of a hundred orders is about 420 KB: PostgreSQL's default TOAST compression (pglz) took about 5 ms of
server CPU to store one, lz4 (PostgreSQL 14 and later, when built with it) a fraction of that. Elsewhere, and on
SQLite, nothing changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _lz4_available() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return False
    query = sa.text(
        "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
    )
    return bind.execute(query).first() is not None


def upgrade() -> None:
    if _lz4_available():
        op.execute('ALTER TABLE messages ALTER COLUMN body SET COMPRESSION lz4')


def downgrade() -> None:
    if _lz4_available():
        op.execute('ALTER TABLE messages ALTER COLUMN body SET COMPRESSION default')
