"""What the clearance routes take and answer."""

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from single_window.clearance.models import ClearanceCase, StageWork

# The officer's decisions on an inventory in inspection (500): a detention (501-599) or a return abroad (700).
Decision = Literal["501", "502", "503", "599", "700"]


class InspectionDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Decision


class GuaranteeBalance(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # CNY, five decimals as the tax amounts; an officer sets it, the payment stage draws on it.
    balance: Decimal = Field(ge=0, max_digits=20, decimal_places=5)


class ClockStep(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Forward only, at most ten years at once: a year of activity is simulated by steps.
    seconds: float = Field(gt=0, le=10 * 366 * 86_400)


class ClockPublic(BaseModel):
    business_now: datetime
    offset_seconds: float


class GuaranteePublic(BaseModel):
    assure_code: str
    balance: Decimal


class StageWorkPublic(BaseModel):
    id: int
    case_id: int
    stage: str
    status: str
    attempts: int
    next_attempt_at: datetime | None
    note: str | None

    @classmethod
    def of(cls, work: StageWork) -> "StageWorkPublic":
        assert work.id is not None
        return cls(
            id=work.id,
            case_id=work.case_id,
            stage=work.stage,
            status=work.status,
            attempts=work.attempts,
            next_attempt_at=work.next_attempt_at,
            note=work.note,
        )


class CasePublic(BaseModel):
    id: int
    message_type: str
    status: str
    opened_at: datetime
    status_at: datetime
    released_at: datetime | None
    reason: str | None
    findings: dict[str, Any]
    stages: list[StageWorkPublic]

    @classmethod
    def of(cls, case: ClearanceCase, work: list[StageWork]) -> "CasePublic":
        assert case.id is not None
        return cls(
            id=case.id,
            message_type=case.message_type,
            status=case.status,
            opened_at=case.opened_at,
            status_at=case.status_at,
            released_at=case.released_at,
            reason=case.reason,
            findings=case.findings,
            stages=[StageWorkPublic.of(row) for row in work],
        )


class StageWorkPage(BaseModel):
    items: list[StageWorkPublic]
    total: int
    offset: int
    limit: int
