"""business documents lose the index on business_key alone

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 21:10:00.000000

Every look-up by business key names the message type too, which the unique (message_type, business_key, version)
index serves. The keys are random, so each of a 100-order message's documents dirtied a page of the redundant
index as well: about a hundred more 4 KB pages to write per message on SQLite.
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('business_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_business_documents_business_key'))


def downgrade() -> None:
    with op.batch_alter_table('business_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_business_documents_business_key'), ['business_key'], unique=False)
