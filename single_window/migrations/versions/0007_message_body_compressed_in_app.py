"""message bodies stored as lz4 frames by the application, on every database

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 21:00:00.000000

Bodies written before stay as they are: the column type reads both. On PostgreSQL the frames are kept out of
line without a second compression (STORAGE EXTERNAL). The downgrade turns the frames back into plain bodies, which
the code before this revision reads.
"""

from collections.abc import Sequence

import lz4.frame
import sqlalchemy as sa

from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MESSAGES = sa.table('messages', sa.column('id', sa.Integer), sa.column('body', sa.LargeBinary))
_BATCH = 500
# As of this revision: a migration keeps its own copy, whatever the application's column type becomes.
LZ4_FRAME_MAGIC = b'\x04\x22\x4d\x18'


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('ALTER TABLE messages ALTER COLUMN body SET STORAGE EXTERNAL')


def downgrade() -> None:
    bind = op.get_bind()
    framed = sa.func.substr(_MESSAGES.c.body, 1, len(LZ4_FRAME_MAGIC)) == LZ4_FRAME_MAGIC
    while rows := bind.execute(sa.select(_MESSAGES.c.id, _MESSAGES.c.body).where(framed).limit(_BATCH)).all():
        bind.execute(
            sa.update(_MESSAGES).where(_MESSAGES.c.id == sa.bindparam('row_id')),
            [{'row_id': row.id, 'body': lz4.frame.decompress(bytes(row.body))} for row in rows],
        )
    if bind.dialect.name == 'postgresql':
        op.execute('ALTER TABLE messages ALTER COLUMN body SET STORAGE EXTENDED')
