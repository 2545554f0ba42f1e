"""Bearer authentication and role gates for routes."""

from typing import Annotated

from fastapi import Depends, Request

from single_window.errors import Forbidden, Unauthenticated
from single_window.filings.schemas import FilingStatus
from single_window.identity.principal import Principal, PrincipalKind
from single_window.identity.service import authenticate
from single_window.web.dependencies import SessionDep, SettingsDep


def current_principal(request: Request, session: SessionDep, settings: SettingsDep) -> Principal:
    scheme, _, secret = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Unauthenticated("send Authorization: Bearer <key>", code="credential_missing")
    return authenticate(session, settings, secret.strip())


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def require_officer(principal: PrincipalDep) -> Principal:
    if principal.kind is not PrincipalKind.OFFICER:
        raise Forbidden("only customs officers may do this", code="officer_only")
    return principal


def require_aggregate_reader(principal: PrincipalDep) -> Principal:
    if principal.kind is PrincipalKind.ENTERPRISE:
        raise Forbidden("statistics are for statisticians and officers", code="statistics_only")
    return principal


def require_submitter(principal: PrincipalDep) -> Principal:
    """An enterprise whose filing is active; suspended enterprises may read but not submit."""
    if principal.kind is PrincipalKind.STATISTICIAN:
        raise Forbidden("statisticians see aggregates only", code="aggregates_only")
    if principal.enterprise_status is FilingStatus.SUSPENDED:
        raise Forbidden(f"the filing of {principal.subject} is suspended", code="enterprise_suspended")
    return principal


OfficerDep = Annotated[Principal, Depends(require_officer)]
AggregateReaderDep = Annotated[Principal, Depends(require_aggregate_reader)]
SubmitterDep = Annotated[Principal, Depends(require_submitter)]


def require_enterprise_submitter(principal: SubmitterDep) -> Principal:
    """An active enterprise: messages are sent by enterprises, in their own name."""
    if principal.kind is not PrincipalKind.ENTERPRISE:
        raise Forbidden("messages are sent by filed enterprises with their own API key", code="enterprise_only")
    return principal


EnterpriseSubmitterDep = Annotated[Principal, Depends(require_enterprise_submitter)]
