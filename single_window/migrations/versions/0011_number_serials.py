"""number serials: one source for the pre-entry and inventory numbers, never the same twice in a day

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 22:40:00.000000

Before this revision an accepted document's number took its id as serial and a rejected one 500,000,000 + its
message's id x 100 + its position, modulo 10^9: the two ranges met once there were five million messages, and a
number could repeat within a day. From here both take serials from one source: a sequence on PostgreSQL (concurrent
transactions never wait for it), a one-row table on SQLite (one writer at a time). The table is made on both, so
the models stay the same everywhere. Serials start past every one the old rule could have given, so no number
issued today repeats.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op


revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As of this revision: the old rule's offset for rejected documents and its documents per message.
_OLD_REJECTION_SERIALS = 500_000_000
_OLD_DOCUMENTS_PER_MESSAGE = 100


def upgrade() -> None:
    op.create_table(
        'number_serials',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('last', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    bind = op.get_bind()
    last = _last_old_serial(bind)
    bind.execute(sa.text('INSERT INTO number_serials (id, last) VALUES (1, :last)'), {'last': last})
    if bind.dialect.name == 'postgresql':
        op.execute(f'CREATE SEQUENCE number_serials_sequence START WITH {last + 1}')


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP SEQUENCE number_serials_sequence')
    op.drop_table('number_serials')


def _last_old_serial(bind: sa.Connection) -> int:
    last_document = bind.execute(sa.text('SELECT max(id) FROM business_documents')).scalar() or 0
    last_message = bind.execute(sa.text('SELECT max(id) FROM messages')).scalar()
    if last_message is None:
        return int(last_document)
    last_rejection = _OLD_REJECTION_SERIALS + (last_message + 1) * _OLD_DOCUMENTS_PER_MESSAGE
    return max(int(last_document), last_rejection)
