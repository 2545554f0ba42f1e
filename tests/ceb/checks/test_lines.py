"""List lines are numbered 1..n without repeats; the second quantity goes with the second unit."""

import pytest

from single_window.ceb import codes
from single_window.ceb.checks.lines import gnum_is_continuous, gnum_is_unique, second_quantity_matches_unit
from single_window.ceb.model import Record
from tests.ceb.checks.factories import codes_of, context, document, order_line, record, run


def _numbered(*gnums: str) -> list[Record]:
    return [order_line(index, gnum=gnum) for index, gnum in enumerate(gnums, start=1)]


@pytest.mark.parametrize(
    ("root", "code"),
    [
        ("CEB311Message", codes.ORDER_DUPLICATE_GNUM),
        ("CEB621Message", codes.INVENTORY_DUPLICATE_GNUM),
        ("CEB711Message", codes.DUPLICATE_GNUM),
    ],
)
def test_a_repeated_gnum_gets_the_spec_code_of_its_message_or_the_project_code(root: str, code: codes.Code) -> None:
    (issue,) = run(gnum_is_unique, document(record(), *_numbered("1", "2", "2")), context(root))
    assert issue.code == code.code
    assert issue.field == "/CEB311Message/Order[1]/OrderList[3]/gnum"
    assert "gnum 2 already used by OrderList[2]" in issue.message


def test_a_repeated_gnum_is_not_also_a_gap() -> None:
    assert run(gnum_is_continuous, document(record(), *_numbered("1", "2", "2"))) == []


@pytest.mark.parametrize("gnums", [("1", "2", "4"), ("0", "1", "2"), ("2", "3"), ("-1",)])
def test_gnums_that_do_not_run_from_one_without_gaps_are_reported(gnums: tuple[str, ...]) -> None:
    assert codes_of(run(gnum_is_continuous, document(record(), *_numbered(*gnums)))) == [codes.GNUM_NOT_CONTINUOUS.code]


@pytest.mark.parametrize("gnums", [("1",), ("1", "2", "3"), ("2", "1", "3"), ("01", "2")])
def test_gnums_one_to_n_in_any_order_pass(gnums: tuple[str, ...]) -> None:
    doc = document(record(), *_numbered(*gnums))
    assert run(gnum_is_continuous, doc) + run(gnum_is_unique, doc) == []


def test_lines_without_a_gnum_are_not_numbered() -> None:
    doc = document(record(), order_line(1, invtNo="A"), order_line(2, invtNo="B"))
    assert run(gnum_is_continuous, doc) + run(gnum_is_unique, doc) == []


@pytest.mark.parametrize(
    ("fields", "reported"),
    [
        ({}, False),
        ({"unit2": ""}, False),
        ({"unit2": "035", "qty2": "0.5"}, False),
        ({"qty2": "3"}, True),
        ({"unit2": "", "qty2": "3"}, True),
        ({"unit2": "035"}, True),
        ({"unit2": "035", "qty2": "0"}, True),
        ({"unit2": "035", "qty2": "-1"}, True),
    ],
)
def test_second_quantity_is_empty_without_second_unit_and_positive_with_one(
    fields: dict[str, str], reported: bool
) -> None:
    issues = run(second_quantity_matches_unit, document(record(), order_line(1, **fields)), context("CEB621Message"))
    assert codes_of(issues) == ([codes.SECOND_QUANTITY_MISMATCH.code] if reported else [])


def test_the_second_quantity_rule_on_a_return_uses_the_spec_code() -> None:
    issues = run(second_quantity_matches_unit, document(record(), order_line(1, qty2="1")), context("CEB625Message"))
    assert codes_of(issues) == [codes.REFUND_SECOND_QUANTITY.code]


def test_a_missing_second_quantity_is_reported_at_its_place_on_the_line() -> None:
    (issue,) = run(
        second_quantity_matches_unit, document(record(), order_line(2, unit2="035")), context("CEB603Message")
    )
    assert issue.field == "/CEB311Message/Order[1]/OrderList[2]/qty2"
    assert issue.line == 140
