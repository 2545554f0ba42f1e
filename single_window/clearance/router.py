"""Clearance for officers and declarants: a case's state, inspection decisions, guarantees, the business clock and
the stage work set aside."""

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from single_window import clock
from single_window.clearance import officers
from single_window.clearance.schemas import (
    CasePublic,
    ClockPublic,
    ClockStep,
    GuaranteeBalance,
    GuaranteePublic,
    InspectionDecision,
    StageWorkPage,
    StageWorkPublic,
)
from single_window.errors import Forbidden
from single_window.identity.dependencies import OfficerDep, PrincipalDep
from single_window.identity.principal import may_see_enterprise
from single_window.messages.models import BusinessDocument
from single_window.web.dependencies import SessionDep
from single_window.web.paging import Limit, Offset
from single_window.web.payload import PayloadDep, openapi_body, validate_payload
from single_window.web.rendering import render

router = APIRouter(prefix="/api/v1/clearance", tags=["clearance"])
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1)]
AssureCode = Annotated[str, Path(min_length=1, max_length=18, pattern=r"^[0-9A-Za-z]+$")]


@router.get("/cases/{case_id}", response_model=None, responses={200: {"model": CasePublic}})
def get_case(request: Request, case_id: CaseId, session: SessionDep, principal: PrincipalDep) -> Response:
    """An inventory's clearance: its status, what each stage found and where each stage stands (officers, declarant)."""
    case, work = officers.case_with_work(session, case_id)
    document = session.get(BusinessDocument, case.document_id)
    assert document is not None
    if not may_see_enterprise(principal, document.declarant_code):
        raise Forbidden(f"case {case_id} is not one of your inventories", code="not_your_case")
    return render(request, CasePublic.of(case, work), root="case")


@router.post(
    "/cases/{case_id}/decision",
    response_model=None,
    responses={200: {"model": CasePublic}},
    openapi_extra=openapi_body(InspectionDecision),
)
def decide_inspection(
    request: Request, case_id: CaseId, session: SessionDep, _officer: OfficerDep, payload: PayloadDep
) -> Response:
    """Detain (501-599) or return (700) an inventory in inspection (500); 409 when it is not there (officers)."""
    decision = validate_payload(InspectionDecision, payload)
    officers.decide_inspection(session, case_id, decision.status)
    case, work = officers.case_with_work(session, case_id)
    return render(request, CasePublic.of(case, work), root="case")


@router.put(
    "/guarantees/{assure_code}",
    response_model=None,
    responses={200: {"model": GuaranteePublic}},
    openapi_extra=openapi_body(GuaranteeBalance),
)
def set_guarantee(
    request: Request, assure_code: AssureCode, session: SessionDep, _officer: OfficerDep, payload: PayloadDep
) -> Response:
    """Set a guarantor's balance; inventories held for want of it are looked at again (officers)."""
    guarantee = officers.set_guarantee(session, assure_code, validate_payload(GuaranteeBalance, payload).balance)
    public = GuaranteePublic(assure_code=guarantee.assure_code, balance=guarantee.balance)
    return render(request, public, root="guarantee")


@router.get("/guarantees/{assure_code}", response_model=None, responses={200: {"model": GuaranteePublic}})
def get_guarantee(request: Request, assure_code: AssureCode, session: SessionDep, _officer: OfficerDep) -> Response:
    """A guarantor's balance (officers)."""
    guarantee = officers.guarantee_of(session, assure_code)
    public = GuaranteePublic(assure_code=guarantee.assure_code, balance=guarantee.balance)
    return render(request, public, root="guarantee")


@router.get("/clock", response_model=None, responses={200: {"model": ClockPublic}})
def get_clock(request: Request, session: SessionDep, _officer: OfficerDep) -> Response:
    """The business clock every time rule reads: real time plus the offset officers moved it by (officers)."""
    offset = clock.offset(session)
    public = ClockPublic(business_now=clock.business_now(session), offset_seconds=offset.total_seconds())
    return render(request, public, root="clock")


@router.post(
    "/clock/advance",
    response_model=None,
    responses={200: {"model": ClockPublic}},
    openapi_extra=openapi_body(ClockStep),
)
def advance_clock(request: Request, session: SessionDep, _officer: OfficerDep, payload: PayloadDep) -> Response:
    """Move this sandbox's business clock forward, to simulate waiting windows, years and return periods (officers)."""
    offset = officers.advance_clock(session, validate_payload(ClockStep, payload).seconds)
    public = ClockPublic(business_now=clock.business_now(session), offset_seconds=offset.total_seconds())
    return render(request, public, root="clock")


@router.get("/work/failed", response_model=None, responses={200: {"model": StageWorkPage}})
def list_failed_work(
    request: Request, session: SessionDep, _officer: OfficerDep, offset: Offset = 0, limit: Limit = 100
) -> Response:
    """Stage work set aside after its last attempt, oldest first, with why (officers)."""
    rows, total = officers.list_failed_work(session, offset=offset, limit=limit)
    page = StageWorkPage(items=[StageWorkPublic.of(row) for row in rows], total=total, offset=offset, limit=limit)
    return render(request, page, root="failedWork")


@router.post("/work/{work_id}/requeue", response_model=None, responses={200: {"model": StageWorkPublic}})
def requeue_work(request: Request, work_id: CaseId, session: SessionDep, _officer: OfficerDep) -> Response:
    """Send failed stage work back, its attempts at 0; 409 when it is not failed (officers)."""
    return render(request, StageWorkPublic.of(officers.requeue_work(session, work_id)), root="work")
