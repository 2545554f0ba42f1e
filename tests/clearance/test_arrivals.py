"""What clearance does with each acknowledged type is one table: every row a declaration, every inventory in it."""

from single_window.ceb.catalogue import ALL, by_code
from single_window.clearance.arrivals import TAKES


def test_clearance_takes_only_declarations() -> None:
    for code in TAKES:
        row = by_code(code)
        assert row is not None, code
        assert row.kind == "declaration", code


def test_every_inventory_opens_a_case_and_the_summary_application_is_taken() -> None:
    assert {row.code for row in ALL if row.inventory} | {"CEB701"} <= set(TAKES)
