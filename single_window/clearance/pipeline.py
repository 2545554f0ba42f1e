"""The stages an inventory goes through, in order for each direction, and the queue each stage's task runs on.

A stage is a row here and a handler (clearance/handlers.py), never a branch in the drain: the drain asks this table
what comes next.
"""

from enum import StrEnum

from single_window.ceb.model import Direction

# Tasks named "clearance.<stage>" go to the queue "<broker queue>.<stage>" (queue.py routes them by name), so an
# operator can give one stage more workers.
TASK_PREFIX = "clearance."


class Stage(StrEnum):
    CUSTOMS = "customs"  # 三单对碰, the positive list, the purchase limits
    INSPECTION = "inspection"  # risk selection, inspection and its outcome
    PAYMENT = "payment"  # the payment's agreement with the order, the tax charged to the guarantee
    LOGISTICS = "logistics"  # release, the waybill's signature, closing

    @property
    def task_name(self) -> str:
        return f"{TASK_PREFIX}{self.value}"


ROUTES: dict[Direction, tuple[Stage, ...]] = {
    "import": (Stage.CUSTOMS, Stage.INSPECTION, Stage.PAYMENT, Stage.LOGISTICS),
    # Export pays no tax here: its receipt of payment (CEB403) is matched by customs.
    "export": (Stage.CUSTOMS, Stage.INSPECTION, Stage.LOGISTICS),
}


def first_stage(direction: Direction) -> Stage:
    return ROUTES[direction][0]


def next_stage(direction: Direction, stage: Stage) -> Stage | None:
    route = ROUTES[direction]
    position = route.index(stage)
    return route[position + 1] if position + 1 < len(route) else None
