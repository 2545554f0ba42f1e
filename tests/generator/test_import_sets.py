"""Import sets: deterministic per seed, unique numbers, arithmetic that adds up, 9610 and 1210 filled as each needs."""

import random
from decimal import Decimal

import pytest

from single_window.generator.import_sets import generate_import_sets
from single_window.refdata.tables import names_by_code
from tests.generator.factories import START, import_sets


def test_the_same_seed_gives_the_same_sets() -> None:
    assert import_sets(seed=21, orders=20) == import_sets(seed=21, orders=20)


def test_another_seed_gives_other_sets() -> None:
    first, second = import_sets(seed=21, orders=5), import_sets(seed=22, orders=5)
    assert {s.order_no for s in first}.isdisjoint(s.order_no for s in second)


def test_order_numbers_and_every_other_key_are_unique_within_a_run() -> None:
    sets = import_sets(seed=23, orders=2000)
    for key in ("order_no", "payment_no", "logistics_no", "cop_no"):
        assert len({getattr(s, key) for s in sets}) == 2000, key
    guids = [guid for s in sets for guid in (s.guids.order, s.guids.payment, s.guids.waybill, s.guids.inventory)]
    assert len(set(guids)) == len(guids)
    assert all(len(guid) == 36 and guid == guid.upper() for guid in guids)


def test_the_paid_amount_is_goods_plus_freight_plus_tax_less_discount() -> None:
    for order in import_sets(seed=24, orders=300):
        assert order.actural_paid == order.goods_value + order.freight + order.tax_total - order.discount
        assert order.goods_value == sum(line.price * line.qty for line in order.lines)


def test_the_tax_is_nine_point_one_percent_of_goods_and_freight_rounded_to_the_cent() -> None:
    for order in import_sets(seed=25, orders=300):
        exact = (order.goods_value + order.freight) * Decimal("0.091")
        assert abs(order.tax_total - exact) <= Decimal("0.005")
        assert order.tax_total.as_tuple().exponent == -2


def test_every_order_stays_under_the_single_transaction_limit_even_with_99_lines() -> None:
    for lines in (None, 99):
        assert max(order.actural_paid for order in import_sets(seed=26, orders=200, lines=lines)) < 5000


def test_a_coupon_never_exceeds_half_the_goods() -> None:
    orders = import_sets(seed=27, orders=500)
    assert any(order.discount for order in orders)
    assert all(order.discount * 2 <= order.goods_value for order in orders)


def test_lines_are_numbered_from_one_and_fixed_when_asked() -> None:
    for order in import_sets(seed=28, orders=50, lines=4):
        assert [line.gnum for line in order.lines] == [1, 2, 3, 4]
    assert {len(order.lines) for order in import_sets(seed=28, orders=300)} == {1, 2, 3, 4, 5}


@pytest.mark.parametrize("lines", [0, 100])
def test_an_order_has_one_to_ninety_nine_lines(lines: int) -> None:
    with pytest.raises(ValueError, match="1 to 99 lines"):
        import_sets(orders=1, lines=lines)


def test_direct_purchases_fly_in_and_bonded_imports_name_their_account_book() -> None:
    orders = import_sets(seed=29, orders=200)
    assert {order.trade_mode for order in orders} == {"9610", "1210"}
    for order in orders:
        if order.trade_mode == "9610":
            assert order.transport is not None
            assert order.ems_no is None
            assert order.shipped_from == order.lines[0].goods.origin
            assert order.times.border_crossed <= order.times.inventory_sent.date()
        else:
            assert order.transport is None
            assert order.ems_no is not None
            assert order.shipped_from == "142"


def test_goods_come_from_abroad_in_known_units() -> None:
    countries, units = names_by_code("customs_countries"), names_by_code("customs_units")
    for order in import_sets(seed=30, orders=300):
        for line in order.lines:
            assert line.goods.origin in countries
            assert line.goods.origin != "142"
            assert line.goods.unit in units
            assert line.price > 0


def test_the_documents_follow_each_other_in_time() -> None:
    for order in import_sets(seed=31, orders=100):
        times = order.times
        assert times.paid < times.ordered < times.payment_sent < times.waybill_sent < times.inventory_sent
        assert times.ordered >= START


def test_no_more_than_999999_orders_are_numbered_in_one_run() -> None:
    with pytest.raises(ValueError, match="at most 999999"):
        generate_import_sets(random.Random(1), 1_000_000, start=START)
