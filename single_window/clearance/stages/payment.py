"""Payment: the tax of an import inventory, charged to its guarantor's guarantee; an exhausted one holds it."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from single_window.clearance.facts import InventoryFacts
from single_window.clearance.limits import Treatment
from single_window.clearance.models import ClearanceCase, Guarantee
from single_window.clearance.outcomes import Outcome, Proceed, Wait
from single_window.clearance.rates import RateTable, default_tax_rates
from single_window.clearance.stages.partners import inventory_document
from single_window.clearance.states import InventoryStatus
from single_window.clearance.tax import TaxBill, TaxPolicy, compute_tax
from single_window.locked_rows import locked_row
from single_window.receipts.texts import CHINA_TIME

TAX_FINDING = "tax"


@dataclass(frozen=True)
class PaymentPolicy:
    default_guarantee: Decimal
    tax: TaxPolicy = field(default_factory=TaxPolicy)
    rates: RateTable = field(default_factory=default_tax_rates)


def charge_tax(session: Session, case: ClearanceCase, now: datetime, policy: PaymentPolicy) -> Outcome:
    document = inventory_document(session, case)
    inventory = InventoryFacts.from_fields(document.head, document.lines)
    treatment = Treatment(case.findings["treatment"])
    bill = compute_tax(inventory, treatment, now.astimezone(CHINA_TIME).date(), rates=policy.rates, policy=policy.tax)
    total = bill.customs_tax + bill.value_added_tax + bill.consumption_tax
    assure_code = str(document.head.get("assureCode", ""))
    guarantee = locked_guarantee(session, assure_code, policy.default_guarantee)
    if guarantee.balance < total:
        note = f"the guarantee of {assure_code} holds {guarantee.balance} CNY, less than the tax of {total} CNY"
        return Wait(f"{note}: waiting for an officer to raise it")
    guarantee.balance -= total
    guarantee.updated_at = now
    session.add(guarantee)
    return Proceed(statuses=(InventoryStatus.CONCLUDED,), findings={TAX_FINDING: tax_finding(bill, assure_code)})


def locked_guarantee(session: Session, assure_code: str, opening_balance: Decimal) -> Guarantee:
    return locked_row(session, Guarantee, {"assure_code": assure_code}, {"balance": opening_balance})


def tax_finding(bill: TaxBill, assure_code: str) -> dict[str, Any]:
    """The bill as the case keeps it (JSON): what the CEB816 at release will say."""
    return {
        "assureCode": assure_code,
        "customsTax": str(bill.customs_tax),
        "valueAddedTax": str(bill.value_added_tax),
        "consumptionTax": str(bill.consumption_tax),
        "lines": [
            {
                "gnum": str(line.gnum),
                "gcode": line.gcode,
                "taxPrice": str(line.tax_price),
                "customsTax": str(line.customs_tax),
                "valueAddedTax": str(line.value_added_tax),
                "consumptionTax": str(line.consumption_tax),
            }
            for line in bill.lines
        ],
    }
