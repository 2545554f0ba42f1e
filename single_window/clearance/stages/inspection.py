"""Inspection: prohibited goods refused, risk selection with its reasons, and an inspection that passes in time.

A selected inventory goes to 500 and passes by itself after the inspection time, unless an officer or a scenario
decided a detention (501-599) or a return abroad (700) first, which the case's findings then carry.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import Session, select

from single_window.clearance.facts import InventoryFacts
from single_window.clearance.models import ClearanceCase
from single_window.clearance.outcomes import End, Outcome, Proceed, Reject, Wait
from single_window.clearance.risk import InspectionPolicy, prohibited_goods, select_for_inspection
from single_window.clearance.scenario import Scenario, scenario_of
from single_window.clearance.stages.partners import inventory_document
from single_window.clearance.states import InventoryStatus
from single_window.filings.models import Enterprise
from single_window.filings.schemas import CreditRating

DECISION_FINDING = "decision"
RISK_FINDING = "risk"


@dataclass(frozen=True)
class InspectionStagePolicy:
    inspection_time: timedelta
    seed: str
    risk: InspectionPolicy = field(default_factory=InspectionPolicy)


def inspect(session: Session, case: ClearanceCase, now: datetime, policy: InspectionStagePolicy) -> Outcome:
    if case.status == InventoryStatus.INSPECTION:
        return _inspected(case, now, policy)
    document = inventory_document(session, case)
    inventory = InventoryFacts.from_fields(document.head, document.lines)
    prohibited = prohibited_goods(inventory)
    if prohibited:
        return Reject(prohibited)
    rating = credit_rating(session, inventory.ebc_code)
    selection = select_for_inspection(inventory, rating, seed=policy.seed, policy=policy.risk)
    scenario = scenario_of(document.head.get("note"))
    reasons = [*selection.reasons, *_scenario_reasons(scenario)]
    findings: dict[str, object] = {RISK_FINDING: reasons}
    if not reasons:
        return Proceed(findings=findings)
    if scenario.decision is not None:
        findings[DECISION_FINDING] = scenario.decision
    passes_at = now + policy.inspection_time
    note = f"in inspection until {passes_at.isoformat()}"
    return Wait(note, until=passes_at, statuses=(InventoryStatus.INSPECTION,), findings=findings)


def _scenario_reasons(scenario: Scenario) -> list[str]:
    if scenario.decision is not None:
        return [f"scenario: inspected, then {scenario.decision}"]
    return ["scenario: inspected"] if scenario.inspect else []


def _inspected(case: ClearanceCase, now: datetime, policy: InspectionStagePolicy) -> Outcome:
    decision = case.findings.get(DECISION_FINDING)
    if decision is not None:
        return End(InventoryStatus(decision))
    passes_at = case.status_at + policy.inspection_time
    if now < passes_at:
        return Wait(f"in inspection until {passes_at.isoformat()}", until=passes_at)
    return Proceed()


def credit_rating(session: Session, customs_code: str) -> CreditRating:
    """The enterprise's rating as officers filed it; an enterprise customs does not know is rated general."""
    query = select(Enterprise.credit_rating).where(Enterprise.customs_code == customs_code)
    found = session.exec(query).first()
    return CreditRating(found) if found is not None else CreditRating.GENERAL
