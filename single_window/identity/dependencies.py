"""Bearer authentication and role gates for routes."""

from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from single_window.config import Settings
from single_window.errors import Forbidden, Unauthenticated
from single_window.identity.principal import FilingStatus, Principal, PrincipalKind
from single_window.identity.service import authenticate
from single_window.web.dependencies import SessionDep, SettingsDep

# Dependencies that do no I/O are async: a sync one costs a hop to a worker thread and back on every request.
# current_principal reads the database, so it stays sync and FastAPI runs it in a worker thread.


async def bearer_secret(request: Request) -> str:
    scheme, _, secret = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Unauthenticated("send Authorization: Bearer <key>", code="credential_missing")
    return secret.strip()


SecretDep = Annotated[str, Depends(bearer_secret)]


def current_principal(session: SessionDep, settings: SettingsDep, secret: SecretDep) -> Principal:
    return authenticate(session, settings, secret)


PrincipalDep = Annotated[Principal, Depends(current_principal)]


async def require_officer(principal: PrincipalDep) -> Principal:
    if principal.kind is not PrincipalKind.OFFICER:
        raise Forbidden("only customs officers may do this", code="officer_only")
    return principal


async def require_aggregate_reader(principal: PrincipalDep) -> Principal:
    if principal.kind is PrincipalKind.ENTERPRISE:
        raise Forbidden("statistics are for statisticians and officers", code="statistics_only")
    return principal


async def require_submitter(principal: PrincipalDep) -> Principal:
    return submitter(principal)


OfficerDep = Annotated[Principal, Depends(require_officer)]
AggregateReaderDep = Annotated[Principal, Depends(require_aggregate_reader)]
SubmitterDep = Annotated[Principal, Depends(require_submitter)]


def submitter(principal: Principal) -> Principal:
    """An enterprise whose filing is active; suspended enterprises may read but not submit."""
    if principal.kind is PrincipalKind.STATISTICIAN:
        raise Forbidden("statisticians see aggregates only", code="aggregates_only")
    if principal.enterprise_status is FilingStatus.SUSPENDED:
        raise Forbidden(f"the filing of {principal.subject} is suspended", code="enterprise_suspended")
    return principal


def enterprise_submitter(session: Session, settings: Settings, secret: str) -> Principal:
    """The active enterprise the key belongs to: messages are sent by enterprises, in their own name.

    A plain function for routes that authenticate inside their own worker thread, together with the rest of their
    database work.
    """
    principal = submitter(authenticate(session, settings, secret))
    if principal.kind is not PrincipalKind.ENTERPRISE:
        raise Forbidden("messages are sent by filed enterprises with their own API key", code="enterprise_only")
    return principal
