"""The inventory's customs states (rules.md §5, messages.md §6) and the moves between them, as one table.

A move outside the table raises: a stage that tries one has a bug, and no receipt may tell an enterprise a story
customs could not have told.
"""

from enum import StrEnum


class InventoryStatus(StrEnum):
    LOGIC_CHECK_PASSED = "120"  # 海关入库: where intake leaves an accepted inventory
    MANUAL_REVIEW = "300"  # 人工审核
    CONCLUDED = "399"  # 海关审结
    INSPECTION = "500"  # 查验
    DETAINED_FOR_CLEARANCE = "501"  # 扣留移送通关
    DETAINED_FOR_ANTI_SMUGGLING = "502"  # 扣留移送缉私
    DETAINED_FOR_LEGAL = "503"  # 扣留移送法规
    DETAINED_OTHER = "599"  # 其它扣留
    RETURNED_ABROAD = "700"  # 退运
    RELEASED = "800"  # 放行
    CLOSED = "899"  # 结关
    REJECTED = "100"  # 海关退单
    CANCELLED = "cancelled"  # not a receipt status: a CEB623 the customs accepted ends the inventory's clearance


S = InventoryStatus
DETENTIONS = frozenset(
    {S.DETAINED_FOR_CLEARANCE, S.DETAINED_FOR_ANTI_SMUGGLING, S.DETAINED_FOR_LEGAL, S.DETAINED_OTHER}
)
# Where an inventory's clearance ends: nothing moves it on (a return, CEB625, is a document of its own).
FINAL = frozenset({S.CLOSED, S.REJECTED, S.RETURNED_ABROAD, S.CANCELLED, *DETENTIONS})

TRANSITIONS: frozenset[tuple[InventoryStatus, InventoryStatus]] = frozenset(
    {
        (S.LOGIC_CHECK_PASSED, S.REJECTED),
        (S.LOGIC_CHECK_PASSED, S.MANUAL_REVIEW),
        (S.LOGIC_CHECK_PASSED, S.INSPECTION),
        (S.LOGIC_CHECK_PASSED, S.CONCLUDED),
        (S.LOGIC_CHECK_PASSED, S.CANCELLED),
        (S.MANUAL_REVIEW, S.INSPECTION),
        (S.MANUAL_REVIEW, S.CONCLUDED),
        (S.MANUAL_REVIEW, S.REJECTED),
        (S.INSPECTION, S.CONCLUDED),
        (S.INSPECTION, S.RETURNED_ABROAD),
        *((S.INSPECTION, detention) for detention in DETENTIONS),
        (S.CONCLUDED, S.RELEASED),
        (S.CONCLUDED, S.CANCELLED),
        (S.RELEASED, S.CLOSED),
        (S.RELEASED, S.CANCELLED),
    }
)


class TransitionNotAllowed(Exception):
    def __init__(self, current: InventoryStatus, target: InventoryStatus) -> None:
        super().__init__(f"an inventory at {current} cannot move to {target}")
        self.current = current
        self.target = target


def check_transition(current: InventoryStatus, target: InventoryStatus) -> None:
    if (current, target) not in TRANSITIONS:
        raise TransitionNotAllowed(current, target)


# The receipt text at each status. 120 and 800 are the real texts (messages.md §6); for the others no real receipt
# was found, so they say the spec's name of the state and invent no code. A rejection's text is its reason.
RECEIPT_INFO: dict[InventoryStatus, str | None] = {
    S.LOGIC_CHECK_PASSED: "[Code:1800;Desc:逻辑校验通过]",
    S.MANUAL_REVIEW: "人工审核",
    S.CONCLUDED: "海关审结",
    S.INSPECTION: "查验",
    S.DETAINED_FOR_CLEARANCE: "扣留移送通关",
    S.DETAINED_FOR_ANTI_SMUGGLING: "扣留移送缉私",
    S.DETAINED_FOR_LEGAL: "扣留移送法规",
    S.DETAINED_OTHER: "其它扣留",
    S.RETURNED_ABROAD: "退运",
    S.RELEASED: "[Code:2600;Desc:放行]",
    S.CLOSED: "结关",
    S.REJECTED: None,
    S.CANCELLED: None,
}
