"""messages, business documents, receipts, inbox

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 16:28:04.875450
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

import single_window.db_types
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('message_type', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('sender_code', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('body_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('body', sa.LargeBinary(), nullable=False),
    sa.Column('via_envelope', sa.Boolean(), nullable=False),
    sa.Column('cop_msg_id', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('document_count', sa.Integer(), nullable=False),
    sa.Column('recipients', sa.JSON(), nullable=False),
    sa.Column('answer_status', sa.Integer(), nullable=False),
    sa.Column('answer', sa.JSON(), nullable=False),
    sa.Column('received_at', single_window.db_types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('sender_code', 'guid')
    )
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_messages_guid'), ['guid'], unique=False)
        batch_op.create_index(batch_op.f('ix_messages_message_type'), ['message_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_messages_sender_code'), ['sender_code'], unique=False)

    op.create_table('business_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('message_type', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('business_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('head_guid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('declarant_code', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('app_type', sqlmodel.sql.sqltypes.AutoString(length=1), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('head', sa.JSON(), nullable=False),
    sa.Column('lines', sa.JSON(), nullable=False),
    sa.Column('created_at', single_window.db_types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['messages.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('message_type', 'business_key', 'version')
    )
    with op.batch_alter_table('business_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_business_documents_business_key'), ['business_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_business_documents_message_id'), ['message_id'], unique=False)

    op.create_table('receipts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('receipt_type', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('return_status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('return_time', sqlmodel.sql.sqltypes.AutoString(length=17), nullable=False),
    sa.Column('return_info', sqlmodel.sql.sqltypes.AutoString(length=5000), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('created_at', single_window.db_types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['messages.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_receipts_message_id'), ['message_id'], unique=False)

    op.create_table('inbox_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient_code', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('receipt_id', sa.Integer(), nullable=True),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('created_at', single_window.db_types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['messages.id'], ),
    sa.ForeignKeyConstraint(['receipt_id'], ['receipts.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('recipient_code', 'sequence')
    )


def downgrade() -> None:
    op.drop_table('inbox_items')
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_receipts_message_id'))

    op.drop_table('receipts')
    with op.batch_alter_table('business_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_business_documents_message_id'))
        batch_op.drop_index(batch_op.f('ix_business_documents_business_key'))

    op.drop_table('business_documents')
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_messages_sender_code'))
        batch_op.drop_index(batch_op.f('ix_messages_message_type'))
        batch_op.drop_index(batch_op.f('ix_messages_guid'))

    op.drop_table('messages')
