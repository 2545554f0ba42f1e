"""message attempts: counted before the work, so a message that kills the worker is set aside; why it failed

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-09 10:00:00.000000

The worker claims a message before working on it (status in_progress, attempts + 1, claimed_at), and sets it aside
as failed with a reason after its last attempt; the environment's faults (the database, the disk) count no attempt,
so database_failures goes. Messages set aside before this revision get a reason saying so.
The downgrade sends claimed messages back to accepted (the code before this revision knows no claim) and brings
database_failures back at 0.
On SQLite the columns are added and dropped in place (ALTER TABLE ... DROP COLUMN, SQLite 3.35 and later), never by
copying the table: with foreign keys on, dropping the old copy of messages would fail on the documents under it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

import single_window.db_types
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# This revision's own copies: the application's statuses may change after it.
FAILED = 'failed'
IN_PROGRESS = 'in_progress'
ACCEPTED = 'accepted'
EARLIER_REASON = 'set aside before revision 0010 counted attempts: see the worker log of the time'

messages = sa.table(
    'messages',
    sa.column('status', sa.String),
    sa.column('failure_reason', sa.String),
)


def upgrade() -> None:
    with op.batch_alter_table('messages', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('attempts', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(
            sa.Column('claimed_at', single_window.db_types.UtcDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column('failure_reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True)
        )
        batch_op.add_column(sa.Column('failed_at', single_window.db_types.UtcDateTime(timezone=True), nullable=True))
        batch_op.drop_column('database_failures')
    op.execute(messages.update().where(messages.c.status == FAILED).values(failure_reason=EARLIER_REASON))


def downgrade() -> None:
    op.execute(messages.update().where(messages.c.status == IN_PROGRESS).values(status=ACCEPTED))
    with op.batch_alter_table('messages', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('database_failures', sa.Integer(), server_default='0', nullable=False))
        batch_op.drop_column('failed_at')
        batch_op.drop_column('failure_reason')
        batch_op.drop_column('claimed_at')
        batch_op.drop_column('attempts')
