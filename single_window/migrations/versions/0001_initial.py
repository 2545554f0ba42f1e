"""initial schema: filings, identity, worker heartbeats

Revision ID: 0001
Revises:
Create Date: 2026-11-25 15:26:45.105429
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

import single_window.db_types
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('enterprises',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customs_code', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('uscc', sqlmodel.sql.sqltypes.AutoString(length=18), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('district', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
    sa.Column('dxp_id', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('callback_url', sqlmodel.sql.sqltypes.AutoString(length=2083), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('credit_rating', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('api_key_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('filed_at', single_window.db_types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', single_window.db_types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('api_key_hash'),
    sa.UniqueConstraint('customs_code'),
    sa.UniqueConstraint('dxp_id'),
    sa.UniqueConstraint('uscc')
    )
    op.create_table('statistician_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('issued_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('issued_at', single_window.db_types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', single_window.db_types.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('label'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_table('worker_heartbeats',
    sa.Column('worker', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('beats', sa.Integer(), nullable=False),
    sa.Column('last_beat_at', single_window.db_types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('worker')
    )
    op.create_table('filing_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enterprise_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('changed_at', single_window.db_types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprises.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('filing_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_filing_changes_enterprise_id'), ['enterprise_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('filing_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_filing_changes_enterprise_id'))

    op.drop_table('filing_changes')
    op.drop_table('worker_heartbeats')
    op.drop_table('statistician_tokens')
    op.drop_table('enterprises')
