"""worker beats, wider filing actor

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 16:55:57.032656
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

import single_window.db_types
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('worker_beats',
    sa.Column('beat_id', sa.Uuid(), nullable=False),
    sa.Column('worker', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('beat_at', single_window.db_types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('beat_id')
    )
    with op.batch_alter_table('worker_beats', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_worker_beats_beat_at'), ['beat_at'], unique=False)

    with op.batch_alter_table('filing_changes', schema=None) as batch_op:
        batch_op.alter_column('actor',
               existing_type=sa.VARCHAR(length=64),
               type_=sqlmodel.sql.sqltypes.AutoString(length=77),
               existing_nullable=False)



def downgrade() -> None:
    with op.batch_alter_table('filing_changes', schema=None) as batch_op:
        batch_op.alter_column('actor',
               existing_type=sqlmodel.sql.sqltypes.AutoString(length=77),
               type_=sa.VARCHAR(length=64),
               existing_nullable=False)

    with op.batch_alter_table('worker_beats', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_worker_beats_beat_at'))

    op.drop_table('worker_beats')
