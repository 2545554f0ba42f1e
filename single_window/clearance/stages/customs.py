"""Customs (三单对碰): the inventory against its order, payment and waybill, the positive list, the purchase limits."""

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal

from sqlmodel import Session

from single_window.clearance.facts import InventoryFacts
from single_window.clearance.limits import PurchaseLimits, Treatment, purchase_decision
from single_window.clearance.matching import (
    Documents,
    MatchingOptions,
    awaited_partners,
    match_documents,
    missing_mismatches,
)
from single_window.clearance.mismatch import Mismatch
from single_window.clearance.models import BuyerQuota, ClearanceCase
from single_window.clearance.outcomes import Outcome, Proceed, Reject, Wait
from single_window.clearance.positive_list import (
    PositiveList,
    default_positive_list,
    inventory_positive_list_problems,
)
from single_window.clearance.scenario import SCENARIO_FINDING, Scenario, rejection_text, scenario_finding, scenario_of
from single_window.clearance.stages.partners import Found, find_partners, inventory_document
from single_window.locked_rows import locked_row
from single_window.receipts.texts import CHINA_TIME


@dataclass(frozen=True)
class CustomsPolicy:
    partner_wait: timedelta
    matching: MatchingOptions = field(default_factory=MatchingOptions)
    limits: PurchaseLimits = field(default_factory=PurchaseLimits)
    positive_list: PositiveList = field(default_factory=default_positive_list)


def check_at_customs(session: Session, case: ClearanceCase, now: datetime, policy: CustomsPolicy) -> Outcome:
    scenario = scenario_of(inventory_document(session, case).head.get("note"))
    if scenario.delay is not None and now < case.opened_at + scenario.delay:
        until = case.opened_at + scenario.delay
        return Wait(f"delayed by its scenario until {until.isoformat()}", until=until)
    outcome = _matched(session, case, now, policy)
    if not isinstance(outcome, Proceed) or scenario == Scenario():
        return outcome
    if scenario.reject is not None:
        return Reject((Mismatch(scenario.reject, "note", rejection_text(scenario.reject)),))
    return replace(outcome, findings={**outcome.findings, SCENARIO_FINDING: scenario_finding(scenario)})


def _matched(session: Session, case: ClearanceCase, now: datetime, policy: CustomsPolicy) -> Outcome:
    found = find_partners(session, case)
    awaited = awaited_partners(found.inventory, order=found.order, payment=found.payment, waybill=found.waybill)
    if awaited:
        deadline = case.opened_at + policy.partner_wait
        if now >= deadline:
            return Reject(missing_mismatches(found.inventory, awaited))
        return Wait(f"waiting for its {', '.join(awaited)} until {deadline.isoformat()}", until=deadline)
    mismatches = match_documents(_documents(found), policy.matching)
    if found.inventory.direction == "import":
        mismatches += inventory_positive_list_problems(found.inventory, policy.positive_list)
    if mismatches:
        return Reject(mismatches)
    if found.inventory.direction == "export":
        return Proceed()
    return _within_limits(session, found.inventory, now, policy.limits)


def _documents(found: Found) -> Documents:
    assert found.order is not None
    assert found.payment is not None
    assert found.waybill is not None
    return Documents(found.inventory, found.order, found.payment, found.waybill)


def _within_limits(session: Session, inventory: InventoryFacts, now: datetime, limits: PurchaseLimits) -> Outcome:
    """The buyer's year is locked while it is read and counted: two workers never admit two purchases over it."""
    assert inventory.buyer is not None
    year = now.astimezone(CHINA_TIME).year
    quota = locked_quota(session, inventory.buyer.id_number, year)
    decision = purchase_decision(inventory, quota.used, limits)
    if decision.treatment is Treatment.REJECTED:
        assert decision.rejection is not None
        return Reject((decision.rejection,))
    quota.used += decision.counted
    session.add(quota)
    findings = {"treatment": decision.treatment.value, "counted": str(decision.counted), "quota_year": year}
    return Proceed(findings=findings)


def locked_quota(session: Session, buyer_id_number: str, year: int) -> BuyerQuota:
    key = {"buyer_id_number": buyer_id_number, "year": year}
    return locked_row(session, BuyerQuota, key, {"used": Decimal(0)})
