"""Purchase limits: 5,000 CNY a transaction, 26,000 a buyer a year, the single indivisible item taxed in full."""

from decimal import Decimal

import pytest

from single_window.ceb import codes
from single_window.clearance.limits import PurchaseLimits, Treatment, purchase_decision, returned_amount
from tests.clearance.factories import export_inventory, import_inventory, inventory_line, refund

NOTHING_USED = Decimal(0)


def test_a_purchase_within_both_limits_is_taxed_at_seventy_percent_and_counts_its_dutiable_total() -> None:
    decision = purchase_decision(import_inventory(freight="10.00", insuredFee="1.00"), NOTHING_USED)
    assert (decision.treatment, decision.counted, decision.rejection) == (Treatment.WITHIN_LIMITS, Decimal("211"), None)


def test_exactly_five_thousand_is_within_the_single_limit() -> None:
    decision = purchase_decision(import_inventory([inventory_line(totalPrice="4990")], freight="10"), NOTHING_USED)
    assert decision.treatment == Treatment.WITHIN_LIMITS


def test_several_items_over_the_single_limit_are_rejected_with_621005() -> None:
    inventory = import_inventory([inventory_line(totalPrice="4995.00")], freight="5.01")
    decision = purchase_decision(inventory, NOTHING_USED)
    assert decision.treatment == Treatment.REJECTED
    assert decision.counted == 0
    assert decision.rejection is not None
    assert decision.rejection.code == codes.OVER_SINGLE_LIMIT.code
    assert decision.rejection.reason == "清单[INVENTORY-GUID-0001]的购买金额超过单笔限额[5000]"


def test_one_indivisible_item_over_the_single_limit_is_taxed_in_full_and_counts_towards_the_year() -> None:
    inventory = import_inventory([inventory_line(qty="1", price="8000", totalPrice="8000")], freight="0")
    decision = purchase_decision(inventory, Decimal("18000"))
    assert (decision.treatment, decision.counted) == (Treatment.FULL_TAX, Decimal("8000"))


def test_one_item_over_the_single_limit_that_breaks_the_year_is_rejected_with_621018() -> None:
    inventory = import_inventory([inventory_line(qty="1", price="8000", totalPrice="8000")], freight="0")
    decision = purchase_decision(inventory, Decimal("18000.01"))
    assert decision.rejection is not None
    assert decision.rejection.code == codes.OVER_ANNUAL_LIMIT.code


def test_two_of_one_item_are_not_a_single_indivisible_item() -> None:
    inventory = import_inventory([inventory_line(qty="2", price="4000", totalPrice="8000")], freight="0")
    decision = purchase_decision(inventory, NOTHING_USED)
    assert decision.rejection is not None
    assert decision.rejection.code == codes.OVER_SINGLE_LIMIT.code


def test_a_purchase_that_would_pass_the_annual_limit_says_what_the_buyer_used_as_the_spec_words_it() -> None:
    decision = purchase_decision(import_inventory(), Decimal("25800.00"))
    assert decision.rejection is not None
    assert decision.rejection.reason == (
        "清单[INVENTORY-GUID-0001]中购买人[张三]已用购买额度为[25800.00]，本次购买将超过年度限额[26000]"
    )


def test_reaching_the_annual_limit_exactly_is_allowed() -> None:
    assert purchase_decision(import_inventory(), Decimal("25790.00")).treatment == Treatment.WITHIN_LIMITS


def test_the_limits_are_parameters() -> None:
    before_2019 = PurchaseLimits(per_transaction=Decimal(2000), per_year=Decimal(20000))
    inventory = import_inventory([inventory_line(totalPrice="2500")], freight="0")
    assert purchase_decision(inventory, NOTHING_USED).treatment == Treatment.WITHIN_LIMITS
    assert purchase_decision(inventory, NOTHING_USED, before_2019).treatment == Treatment.REJECTED


def test_an_export_inventory_has_no_buyer_to_limit() -> None:
    with pytest.raises(ValueError, match="import"):
        purchase_decision(export_inventory(), NOTHING_USED)


def test_a_full_return_gives_back_everything_the_purchase_counted() -> None:
    inventory = import_inventory(
        [inventory_line(1, totalPrice="100"), inventory_line(2, totalPrice="200", qty="4")],
        freight="10",
        insuredFee="1",
    )
    whole = refund([(1, "9619001000", "2"), (2, "9619001000", "4")])
    assert returned_amount(whole, inventory) == purchase_decision(inventory, NOTHING_USED).counted == Decimal("311")


def test_a_partial_return_gives_back_the_returned_share_of_the_lines_dutiable_price() -> None:
    inventory = import_inventory([inventory_line(1, qty="3", totalPrice="100")], freight="0.5")
    # 100.5 / 3 = 33.5 exactly; one of three back.
    assert returned_amount(refund([(1, "9619001000", "1")]), inventory) == Decimal("33.50000")


def test_a_return_that_does_not_fit_its_inventory_gives_nothing_back_but_an_error() -> None:
    with pytest.raises(ValueError, match=r"未找到表体序号为\[9\]"):
        returned_amount(refund([(9, "9619001000", "1")]), import_inventory())
