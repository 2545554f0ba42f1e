"""Amounts add up exactly; quantities are positive; prices are not negative."""

import pytest

from single_window.ceb import codes
from single_window.ceb.checks.arithmetic import (
    actural_paid_adds_up,
    amount,
    price_is_not_negative,
    qty_is_positive,
    total_price_is_price_times_qty,
)
from tests.ceb.checks.factories import codes_of, document, order_line, record, run


def _order_head(paid: str) -> dict[str, str]:
    return {"goodsValue": "334.00", "freight": "10", "discount": "5.00", "taxTotal": "31.3", "acturalPaid": paid}


@pytest.mark.parametrize("paid", ["370.30", "370.3", "370.30000"])
def test_actural_paid_equal_to_goods_plus_freight_plus_tax_minus_discount_passes(paid: str) -> None:
    assert run(actural_paid_adds_up, document(record(**_order_head(paid)))) == []


def test_actural_paid_off_by_a_cent_is_reported_with_the_sum() -> None:
    (issue,) = run(actural_paid_adds_up, document(record(**_order_head("370.31"))))
    assert issue.code == codes.ACTURAL_PAID_MISMATCH.code
    assert issue.field == "/CEB311Message/Order[1]/OrderHead/acturalPaid"
    assert "acturalPaid 370.31 != goodsValue 334.00 + freight 10 + taxTotal 31.3 - discount 5.00" in issue.message


def test_actural_paid_is_not_checked_when_an_operand_is_missing() -> None:
    head = _order_head("1")
    del head["taxTotal"]
    assert run(actural_paid_adds_up, document(record(**head))) == []


def test_total_price_wrong_is_reported_in_the_style_of_a_receipt() -> None:
    (issue,) = run(
        total_price_is_price_times_qty, document(record(), order_line(3, qty="3", price="3.00", totalPrice="10.00"))
    )
    assert issue.field == "/CEB311Message/Order[1]/OrderList[3]/totalPrice"
    assert issue.message == "商品总价不等于单价乘以数量 (totalPrice 10.00 != price 3.00 x qty 3)"


@pytest.mark.parametrize(
    ("qty", "price", "total"),
    [
        ("3", "19.73", "59.19"),
        ("2", "0", "0"),
        ("1.5", "0.33333", "0.50000"),
        ("0.5", "0.00001", "0.00001"),
        # 38 significant digits: more than Decimal's default context keeps.
        ("12345678901234.12345", "12345678901234.12345", "152415787532377393674843470.68984"),
    ],
)
def test_total_price_compares_exactly_at_five_decimals(qty: str, price: str, total: str) -> None:
    assert (
        run(total_price_is_price_times_qty, document(record(), order_line(1, qty=qty, price=price, totalPrice=total)))
        == []
    )


def test_total_price_truncated_instead_of_rounded_is_reported() -> None:
    line = order_line(1, qty="1.5", price="0.33333", totalPrice="0.49999")
    assert codes_of(run(total_price_is_price_times_qty, document(record(), line))) == [codes.TOTAL_PRICE_MISMATCH.code]


@pytest.mark.parametrize(
    ("qty", "reported"), [("1", False), ("0.001", False), ("0", True), ("-1", True), ("0.00000", True)]
)
def test_quantity_must_be_positive(qty: str, reported: bool) -> None:
    issues = run(qty_is_positive, document(record(), order_line(1, qty=qty)))
    assert codes_of(issues) == ([codes.QTY_NOT_POSITIVE.code] if reported else [])


@pytest.mark.parametrize(("price", "reported"), [("0", False), ("38.00", False), ("-0.01", True)])
def test_a_gift_may_cost_nothing_but_no_price_is_negative(price: str, reported: bool) -> None:
    issues = run(price_is_not_negative, document(record(), order_line(1, price=price)))
    assert codes_of(issues) == ([codes.PRICE_NEGATIVE.code] if reported else [])


@pytest.mark.parametrize("text", ["abc", "NaN", "Infinity", ""])
def test_a_value_that_is_not_a_finite_number_is_left_to_the_schema(text: str) -> None:
    assert amount(record(qty=text), "qty") is None
    assert run(qty_is_positive, document(record(), order_line(1, qty=text))) == []
