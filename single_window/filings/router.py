"""Filing endpoints: parse, call one service function, render."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from single_window.errors import Forbidden
from single_window.filings import service
from single_window.filings.models import Enterprise
from single_window.filings.schemas import (
    ApiKeyIssued,
    CreditRatingChange,
    EnterpriseAmendment,
    EnterpriseFiling,
    EnterprisePage,
    EnterprisePublic,
    FilingChangePublic,
    FilingReceipt,
    StatusChange,
    callback_context,
)
from single_window.identity.dependencies import OfficerDep, PrincipalDep, SubmitterDep
from single_window.identity.principal import Principal, PrincipalKind, may_see_enterprise
from single_window.identity.service import authenticate
from single_window.refdata.tables import names_by_code
from single_window.web.dependencies import SessionDep, SettingsDep
from single_window.web.paging import Limit, Offset
from single_window.web.payload import PayloadDep, openapi_body, validate_payload
from single_window.web.rendering import render

router = APIRouter(prefix="/api/v1/enterprises", tags=["filings"])


def present(enterprise: Enterprise) -> EnterprisePublic:
    return EnterprisePublic.model_validate(
        {**enterprise.model_dump(), "district_name": names_by_code("customs_districts")[enterprise.district]}
    )


def _visible_enterprise(session: SessionDep, principal: Principal, customs_code: str) -> Enterprise:
    if not may_see_enterprise(principal, customs_code):
        raise Forbidden(f"you may not see or act for {customs_code}", code="not_your_enterprise")
    return service.get_enterprise(session, customs_code)


def _amendable(customs_code: str, session: SessionDep, principal: SubmitterDep) -> Enterprise:
    """The filing the caller may amend: a dependency ahead of the body's, so whose filing it is is settled first."""
    return _visible_enterprise(session, principal, customs_code)


AmendableDep = Annotated[Enterprise, Depends(_amendable)]


def _filer(request: Request, session: SessionDep, settings: SettingsDep) -> Principal | None:
    """Anyone but a statistician may self-file while open filing is on; otherwise only an officer.

    A dependency ahead of the body's: who may file is settled before what they sent is read.
    """
    scheme, _, secret = request.headers.get("authorization", "").partition(" ")
    principal = authenticate(session, settings, secret.strip()) if scheme.lower() == "bearer" else None
    if principal is not None and principal.kind is PrincipalKind.STATISTICIAN:
        raise Forbidden("statisticians see aggregates only", code="aggregates_only")
    if not settings.open_filing and (principal is None or principal.kind is not PrincipalKind.OFFICER):
        raise Forbidden("self-filing is closed here; ask a customs officer to file", code="filing_closed")
    return principal


FilerDep = Annotated[Principal | None, Depends(_filer)]


@router.post(
    "",
    status_code=201,
    response_model=None,
    responses={201: {"model": FilingReceipt}},
    openapi_extra=openapi_body(EnterpriseFiling),
)
def file_enterprise(
    request: Request, session: SessionDep, settings: SettingsDep, filer: FilerDep, payload: PayloadDep
) -> Response:
    """File an enterprise (企业备案); approved at once when every check passes. The API key is shown once."""
    filing = validate_payload(
        EnterpriseFiling, payload, callback_context(allow_private=settings.allow_private_callbacks)
    )
    enterprise, api_key = service.file_enterprise(session, filing, actor=filer.actor if filer else "self-filing")
    receipt = FilingReceipt(**present(enterprise).model_dump(), api_key=api_key)
    headers = {"Location": f"{router.prefix}/{enterprise.customs_code}"}
    return render(request, receipt, root="enterprise", status_code=201, headers=headers)


@router.get("", response_model=None, responses={200: {"model": EnterprisePage}})
def list_enterprises(
    request: Request,
    session: SessionDep,
    _officer: OfficerDep,
    offset: Offset = 0,
    limit: Limit = 100,
) -> Response:
    """Every filing, for customs officers."""
    enterprises, total = service.list_enterprises(session, offset=offset, limit=limit)
    page = EnterprisePage(items=[present(e) for e in enterprises], total=total, offset=offset, limit=limit)
    return render(request, page, root="enterprises")


@router.get("/{customs_code}", response_model=None, responses={200: {"model": EnterprisePublic}})
def read_enterprise(request: Request, customs_code: str, session: SessionDep, principal: PrincipalDep) -> Response:
    """One filing: the enterprise's own, or any for an officer."""
    return render(request, present(_visible_enterprise(session, principal, customs_code)), root="enterprise")


@router.patch(
    "/{customs_code}",
    response_model=None,
    responses={200: {"model": EnterprisePublic}},
    openapi_extra=openapi_body(EnterpriseAmendment),
)
def amend_enterprise(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    principal: SubmitterDep,
    enterprise: AmendableDep,
    payload: PayloadDep,
) -> Response:
    """Amend a filing; the history keeps who changed what and when."""
    amendment = validate_payload(
        EnterpriseAmendment, payload, callback_context(allow_private=settings.allow_private_callbacks)
    )
    service.amend_enterprise(session, enterprise, amendment, by=principal)
    return render(request, present(enterprise), root="enterprise")


@router.get("/{customs_code}/history", response_model=None, responses={200: {"model": list[FilingChangePublic]}})
def read_history(request: Request, customs_code: str, session: SessionDep, principal: PrincipalDep) -> Response:
    """Every change to a filing, oldest first."""
    enterprise = _visible_enterprise(session, principal, customs_code)
    changes = [FilingChangePublic.model_validate(c.model_dump()) for c in service.filing_history(session, enterprise)]
    return render(request, {"changes": [c.model_dump(mode="json") for c in changes]}, root="history")


@router.put(
    "/{customs_code}/status",
    response_model=None,
    responses={200: {"model": EnterprisePublic}},
    openapi_extra=openapi_body(StatusChange),
)
def change_status(
    request: Request, customs_code: str, session: SessionDep, officer: OfficerDep, payload: PayloadDep
) -> Response:
    """Suspend, reinstate or revoke a filing (officers)."""
    change = validate_payload(StatusChange, payload)
    enterprise = service.get_enterprise(session, customs_code)
    service.change_status(session, enterprise, change, actor=officer.actor)
    return render(request, present(enterprise), root="enterprise")


@router.put(
    "/{customs_code}/credit-rating",
    response_model=None,
    responses={200: {"model": EnterprisePublic}},
    openapi_extra=openapi_body(CreditRatingChange),
)
def rate_credit(
    request: Request, customs_code: str, session: SessionDep, officer: OfficerDep, payload: PayloadDep
) -> Response:
    """Set the credit rating (Art. 29-30) of an enterprise (officers)."""
    change = validate_payload(CreditRatingChange, payload)
    enterprise = service.get_enterprise(session, customs_code)
    service.rate_credit(session, enterprise, change, actor=officer.actor)
    return render(request, present(enterprise), root="enterprise")


@router.post("/{customs_code}/api-key", response_model=None, responses={200: {"model": ApiKeyIssued}})
def rotate_api_key(request: Request, customs_code: str, session: SessionDep, principal: SubmitterDep) -> Response:
    """Issue a new API key; the old one stops working at once. The new key is shown once."""
    enterprise = _visible_enterprise(session, principal, customs_code)
    api_key = service.rotate_api_key(session, enterprise, actor=principal.actor)
    return render(request, ApiKeyIssued(customs_code=customs_code, api_key=api_key), root="apiKey")
