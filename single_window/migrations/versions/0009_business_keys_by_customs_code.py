"""business keys name enterprises by customs code; keys of an inventory number stand in their declarant's name

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 21:40:00.000000

Two changes to the business_key of stored documents, so that what was declared before is found by the keys intake
computes now (single_window/messages/keys.py):
- an enterprise named in a key by its USCC is named by its customs code: a platform that declared under its USCC
  finds its orders again, and nobody declares them a second time under its customs code. A key that would then
  collide with one already stored under the customs code (the same number declared under both spellings before
  this revision) is left as it was, and said on standard error;
- the key of a cancellation, a return or an export cancellation (CEB623, CEB625, CEB605, CEB213: the inventory
  number alone) is prefixed by its declarant's customs code: it stands in that declarant's name.
The downgrade takes the prefix off again; the customs-code spelling stays, and the code before this revision reads it.
"""

import sys
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DOCUMENTS = sa.table(
    'business_documents',
    sa.column('id', sa.Integer),
    sa.column('message_type', sa.String),
    sa.column('business_key', sa.String),
    sa.column('version', sa.Integer),
    sa.column('declarant_code', sa.String),
)
_ENTERPRISES = sa.table('enterprises', sa.column('customs_code', sa.String), sa.column('uscc', sa.String))
# As of this revision: which fields of each type's key name an enterprise (catalogue.py's business keys).
_ENTERPRISE_FIELDS = {
    'CEB311': (0,), 'CEB411': (0,), 'CEB511': (0,), 'CEB513': (0,), 'CEB621': (0,), 'CEB711': (0,),
    'CEB303': (0, 1), 'CEB403': (0,), 'CEB505': (0,), 'CEB507': (0,), 'CEB509': (0,), 'CEB603': (0,),
    'CEB607': (0,), 'CEB215': (0,), 'CEB701': (0,),
}
_IN_DECLARANTS_NAME = ('CEB623', 'CEB625', 'CEB605', 'CEB213')
_SEPARATOR = '|'


def upgrade() -> None:
    bind = op.get_bind()
    customs_code_of = dict(bind.execute(sa.select(_ENTERPRISES.c.uscc, _ENTERPRISES.c.customs_code)).all())
    if customs_code_of:
        _rekey(bind, customs_code_of)
    prefixed = _DOCUMENTS.c.declarant_code + _SEPARATOR + _DOCUMENTS.c.business_key
    bind.execute(
        _DOCUMENTS.update()
        .where(_DOCUMENTS.c.message_type.in_(_IN_DECLARANTS_NAME))
        .values(business_key=prefixed)
    )


def downgrade() -> None:
    prefix_length = sa.func.length(_DOCUMENTS.c.declarant_code) + len(_SEPARATOR)
    op.get_bind().execute(
        _DOCUMENTS.update()
        .where(_DOCUMENTS.c.message_type.in_(_IN_DECLARANTS_NAME))
        .values(business_key=sa.func.substr(_DOCUMENTS.c.business_key, prefix_length + 1))
    )


def _rekey(bind: sa.Connection, customs_code_of: dict[str, str]) -> None:
    # A USCC has 18 characters, a customs code 10: only keys whose first field has 18 (or a CEB303's second) can change.
    spelled_by_uscc = sa.or_(
        sa.func.substr(_DOCUMENTS.c.business_key, 19, 1) == _SEPARATOR, _DOCUMENTS.c.message_type == 'CEB303'
    )
    rows = bind.execute(
        sa.select(_DOCUMENTS.c.id, _DOCUMENTS.c.message_type, _DOCUMENTS.c.business_key, _DOCUMENTS.c.version)
        .where(_DOCUMENTS.c.message_type.in_(_ENTERPRISE_FIELDS), spelled_by_uscc)
    ).all()
    for row in rows:
        key = _canonical(row.business_key, _ENTERPRISE_FIELDS[row.message_type], customs_code_of)
        if key == row.business_key:
            continue
        if _taken(bind, row.message_type, key, row.version):
            print(f'0009: document {row.id} keeps its key {row.business_key!r}: {key!r} is taken', file=sys.stderr)
            continue
        bind.execute(_DOCUMENTS.update().where(_DOCUMENTS.c.id == row.id).values(business_key=key))


def _taken(bind: sa.Connection, message_type: str, key: str, version: int) -> bool:
    same = sa.select(_DOCUMENTS.c.id).where(
        _DOCUMENTS.c.message_type == message_type, _DOCUMENTS.c.business_key == key, _DOCUMENTS.c.version == version
    )
    return bind.execute(same).first() is not None


def _canonical(key: str, enterprise_fields: tuple[int, ...], customs_code_of: dict[str, str]) -> str:
    parts = key.split(_SEPARATOR, max(enterprise_fields) + 1)
    for index in enterprise_fields:
        if index < len(parts):
            parts[index] = customs_code_of.get(parts[index], parts[index])
    return _SEPARATOR.join(parts)
