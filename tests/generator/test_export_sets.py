"""Export sets: deterministic, trade mode and order type agree, real destinations, charge = goods + freight."""

from decimal import Decimal

from single_window.generator.export_sets import CNY_PER_USD, ORDER_TYPES, in_currency
from single_window.refdata.tables import names_by_code
from tests.generator.factories import export_sets


def test_the_same_seed_gives_the_same_sets() -> None:
    assert export_sets(seed=41, orders=20) == export_sets(seed=41, orders=20)


def test_order_numbers_are_unique_within_a_run() -> None:
    sets = export_sets(seed=42, orders=2000)
    for key in ("order_no", "payment_no", "logistics_no", "cop_no"):
        assert len({getattr(s, key) for s in sets}) == 2000, key


def test_each_trade_mode_comes_with_its_order_type() -> None:
    sets = export_sets(seed=43, orders=300)
    assert {s.trade_mode for s in sets} == {"9610", "9710", "9810"}
    assert all(s.order_type == ORDER_TYPES[s.trade_mode] for s in sets)


def test_goods_go_to_countries_of_the_customs_table_in_dollars_or_yuan() -> None:
    countries = names_by_code("customs_countries")
    sets = export_sets(seed=44, orders=300)
    assert {s.currency for s in sets} == {"502", "142"}
    assert all(s.destination in countries for s in sets)


def test_the_receipt_of_payment_collects_goods_and_freight() -> None:
    for order in export_sets(seed=45, orders=200):
        assert order.charge == order.goods_value + order.freight
        assert all(line.total == line.price * line.qty for line in order.lines)


def test_dollar_prices_convert_at_the_fixed_rate_and_never_fall_below_a_cent() -> None:
    assert in_currency(CNY_PER_USD * 3, "502") == Decimal("3.00")
    assert in_currency(Decimal("0.01"), "502") == Decimal("0.01")
    assert in_currency(Decimal("12.345"), "142") == Decimal("12.35")


def test_a_parcel_is_one_package_and_business_shipments_are_cartons() -> None:
    for order in export_sets(seed=46, orders=200):
        if order.trade_mode == "9610":
            assert order.pack_no == 1
        else:
            assert order.pack_no >= len(order.lines)


def test_goods_leave_by_air_or_for_an_overseas_warehouse_by_sea() -> None:
    for order in export_sets(seed=47, orders=200):
        assert order.transport.traf_mode == ("2" if order.trade_mode == "9810" else "5")
        assert order.times.border_crossed >= order.times.inventory_sent.date()
