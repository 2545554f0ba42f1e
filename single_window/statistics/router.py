"""Statistics endpoints, open to statisticians and officers only."""

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from single_window.identity.dependencies import AggregateReaderDep
from single_window.statistics.service import filing_counts
from single_window.web.dependencies import SessionDep
from single_window.web.rendering import render

router = APIRouter(prefix="/api/v1/statistics", tags=["statistics"])


class FilingStatistics(BaseModel):
    total: int
    by_district: dict[str, int]
    by_status: dict[str, int]
    by_credit_rating: dict[str, int]
    by_role: dict[str, int]


@router.get("/filings", response_model=None, responses={200: {"model": FilingStatistics}})
def filing_statistics(request: Request, session: SessionDep, _reader: AggregateReaderDep) -> Response:
    """How many enterprises are filed, by district, status, credit rating and role."""
    counts = filing_counts(session)
    report = FilingStatistics(
        total=sum(counts["status"].values()),
        by_district=counts["district"],
        by_status=counts["status"],
        by_credit_rating=counts["credit_rating"],
        by_role=counts["role"],
    )
    return render(request, report, root="filingStatistics")
