"""Authentication and statistician tokens, as plain functions over a session."""

from sqlalchemy import bindparam, column, table
from sqlmodel import Session, select

from single_window.config import Settings
from single_window.db_types import utc_now
from single_window.errors import Conflict, Forbidden, NotFound, Unauthenticated
from single_window.identity.models import StatisticianToken
from single_window.identity.principal import OFFICER, FilingStatus, Principal, PrincipalKind
from single_window.identity.secrets import (
    ENTERPRISE_KEY_PREFIX,
    STATISTICIAN_TOKEN_PREFIX,
    digest,
    new_secret,
    same_secret,
)

# The three columns of the enterprises table that authentication reads. The table is filings' (filings/models.py),
# which sits above identity: identity names the columns it needs instead of importing the model, and
# tests/identity/test_service.py holds the two to the same names.
ENTERPRISE_KEYS = table("enterprises", column("customs_code"), column("status"), column("api_key_hash"))
_ENTERPRISE_BY_KEY = select(ENTERPRISE_KEYS.c.customs_code, ENTERPRISE_KEYS.c.status).where(
    ENTERPRISE_KEYS.c.api_key_hash == bindparam("key_hash")
)


def authenticate(session: Session, settings: Settings, secret: str) -> Principal:
    if settings.admin_token is not None and same_secret(secret, settings.admin_token.get_secret_value()):
        return OFFICER
    if secret.startswith(ENTERPRISE_KEY_PREFIX):
        return _enterprise_principal(session, secret)
    if secret.startswith(STATISTICIAN_TOKEN_PREFIX):
        return _statistician_principal(session, secret)
    raise Unauthenticated("the credential is not recognised", code="credential_invalid")


def _enterprise_principal(session: Session, secret: str) -> Principal:
    # Core, not the ORM: every request of an enterprise starts here, and only two columns matter.
    found = session.connection().execute(_ENTERPRISE_BY_KEY, {"key_hash": digest(secret)}).first()
    if found is None:
        raise Unauthenticated("the API key is not recognised", code="credential_invalid")
    status = FilingStatus(found.status)
    if status is FilingStatus.REVOKED:
        raise Forbidden(f"the filing of {found.customs_code} is revoked", code="enterprise_revoked")
    return Principal(PrincipalKind.ENTERPRISE, found.customs_code, status)


def _statistician_principal(session: Session, secret: str) -> Principal:
    token = session.exec(select(StatisticianToken).where(StatisticianToken.token_hash == digest(secret))).first()
    if token is None or token.revoked_at is not None:
        raise Unauthenticated("the statistician token is not recognised or was revoked", code="credential_invalid")
    return Principal(PrincipalKind.STATISTICIAN, token.label)


def issue_statistician_token(session: Session, *, label: str, issued_by: str) -> str:
    if session.exec(select(StatisticianToken).where(StatisticianToken.label == label)).first():
        raise Conflict(f"a statistician token labelled {label!r} exists", code="token_label_taken")
    secret = new_secret(STATISTICIAN_TOKEN_PREFIX)
    session.add(StatisticianToken(label=label, token_hash=digest(secret), issued_by=issued_by))
    session.flush()
    return secret


def revoke_statistician_token(session: Session, *, label: str) -> None:
    token = session.exec(select(StatisticianToken).where(StatisticianToken.label == label)).first()
    if token is None:
        raise NotFound(f"no statistician token labelled {label!r}", code="token_not_found")
    token.revoked_at = token.revoked_at or utc_now()
    session.add(token)
    session.flush()


def new_enterprise_key() -> tuple[str, str]:
    """A fresh API key and the digest to store."""
    secret = new_secret(ENTERPRISE_KEY_PREFIX)
    return secret, digest(secret)
