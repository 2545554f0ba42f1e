"""Which handler runs each stage, with its policy from the settings: the one table the drain reads."""

from datetime import timedelta
from functools import partial

from single_window.clearance.pipeline import Stage
from single_window.clearance.stages.customs import CustomsPolicy, check_at_customs
from single_window.clearance.stages.inspection import InspectionStagePolicy, inspect
from single_window.clearance.stages.logistics import release_and_close
from single_window.clearance.stages.payment import PaymentPolicy, charge_tax
from single_window.clearance.work import Handler
from single_window.config import Settings


def handlers(settings: Settings) -> dict[Stage, Handler]:
    customs = CustomsPolicy(partner_wait=timedelta(seconds=settings.partner_wait_seconds))
    inspection = InspectionStagePolicy(timedelta(seconds=settings.inspection_seconds), seed=settings.risk_seed)
    payment = PaymentPolicy(default_guarantee=settings.default_guarantee_cny)
    return {
        Stage.CUSTOMS: partial(check_at_customs, policy=customs),
        Stage.INSPECTION: partial(inspect, policy=inspection),
        Stage.PAYMENT: partial(charge_tax, policy=payment),
        Stage.LOGISTICS: release_and_close,
    }
