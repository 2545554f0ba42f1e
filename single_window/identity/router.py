"""Statistician tokens, issued and revoked by customs officers."""

from typing import Annotated

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from single_window.identity import service
from single_window.identity.dependencies import OfficerDep, PrincipalDep
from single_window.identity.principal import STATISTICIAN_LABEL_MAX_LENGTH
from single_window.web.dependencies import SessionDep
from single_window.web.payload import PayloadDep, openapi_body, validate_payload
from single_window.web.rendering import render

router = APIRouter(prefix="/api/v1", tags=["identity"])


class StatisticianTokenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    label: Annotated[str, Field(min_length=1, max_length=STATISTICIAN_LABEL_MAX_LENGTH, pattern=r"^[A-Za-z0-9_.@-]+$")]


class StatisticianTokenIssued(BaseModel):
    label: str
    token: str


class WhoAmI(BaseModel):
    kind: str
    subject: str


@router.get("/whoami", response_model=None, responses={200: {"model": WhoAmI}})
def who_am_i(request: Request, principal: PrincipalDep) -> Response:
    """The identity behind the bearer credential."""
    return render(request, WhoAmI(kind=principal.kind, subject=principal.subject), root="principal")


@router.post(
    "/statistician-tokens",
    status_code=201,
    response_model=None,
    responses={201: {"model": StatisticianTokenIssued}},
    openapi_extra=openapi_body(StatisticianTokenRequest),
)
def issue_statistician_token(
    request: Request, session: SessionDep, officer: OfficerDep, payload: PayloadDep
) -> Response:
    """Issue a statistician token (officers); it is shown once."""
    wanted = validate_payload(StatisticianTokenRequest, payload)
    token = service.issue_statistician_token(session, label=wanted.label, issued_by=officer.actor)
    issued = StatisticianTokenIssued(label=wanted.label, token=token)
    return render(request, issued, root="statisticianToken", status_code=201)


@router.delete("/statistician-tokens/{label}", status_code=204, response_model=None)
def revoke_statistician_token(label: str, session: SessionDep, _officer: OfficerDep) -> Response:
    """Revoke a statistician token (officers)."""
    service.revoke_statistician_token(session, label=label)
    return Response(status_code=204)
