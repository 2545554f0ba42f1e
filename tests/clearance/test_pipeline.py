"""The stages as data: the routes, the queue of each stage's task, the moves between states."""

import pytest

from single_window.clearance.pipeline import ROUTES, Stage, first_stage, next_stage
from single_window.clearance.states import (
    FINAL,
    RECEIPT_INFO,
    TRANSITIONS,
    InventoryStatus,
    TransitionNotAllowed,
    check_transition,
)
from single_window.messages.acknowledge import CLEARANCE_TASK
from single_window.queue import route_by_name


def test_an_acknowledgement_wakes_the_first_stage_of_either_route_by_its_task_name() -> None:
    assert {first_stage("import").task_name, first_stage("export").task_name} == {CLEARANCE_TASK}


@pytest.mark.parametrize("stage", list(Stage))
def test_each_stage_runs_on_a_queue_of_its_own(stage: Stage) -> None:
    assert route_by_name("sw", stage.task_name) == {"queue": f"sw.{stage.value}"}


def test_intake_tasks_stay_on_the_default_queue() -> None:
    assert route_by_name("sw", "messages.acknowledge_accepted") is None


def test_an_import_inventory_is_paid_for_before_logistics_and_an_export_one_is_not_paid_for_at_all() -> None:
    assert next_stage("import", Stage.INSPECTION) is Stage.PAYMENT
    assert next_stage("export", Stage.INSPECTION) is Stage.LOGISTICS
    assert all(next_stage(direction, route[-1]) is None for direction, route in ROUTES.items())


def test_nothing_moves_an_inventory_out_of_a_final_status() -> None:
    assert not [move for move in TRANSITIONS if move[0] in FINAL]


def test_a_released_inventory_cannot_be_inspected() -> None:
    with pytest.raises(TransitionNotAllowed):
        check_transition(InventoryStatus.RELEASED, InventoryStatus.INSPECTION)


def test_every_status_an_inventory_can_reach_has_its_receipt_text_or_is_announced_with_a_reason() -> None:
    reached = {target for _, target in TRANSITIONS}
    assert reached <= set(RECEIPT_INFO)
    assert [status for status, info in RECEIPT_INFO.items() if info is None] == [
        InventoryStatus.REJECTED,
        InventoryStatus.CANCELLED,
    ]
