"""Goods from the shipped product filings: priced, with bar codes that scan and SKUs that fit the inventory."""

import random
from decimal import Decimal

from single_window.generator.goods import all_goods, ean13, export_pool, import_pool


def _ean13_is_valid(code: str) -> bool:
    weighted = sum(int(digit) * (3 if position % 2 else 1) for position, digit in enumerate(code))
    return len(code) == 13 and code.isdigit() and weighted % 10 == 0


def test_all_8204_filings_are_read() -> None:
    assert len(all_goods()) == 8204


def test_bar_codes_carry_a_valid_check_digit_and_the_origins_prefix() -> None:
    assert all(_ean13_is_valid(goods.bar_code) for goods in all_goods())
    japanese = next(goods for goods in all_goods() if goods.origin == "116")
    assert japanese.bar_code.startswith("49")
    assert ean13("69", 7) == ean13("69", 7)


def test_item_numbers_and_models_fit_their_fields() -> None:
    assert max(len(goods.item_no) for goods in all_goods()) <= 20
    assert max(len(goods.gmodel) for goods in all_goods()) <= 250


def test_a_draw_under_a_budget_never_costs_more_than_the_budget() -> None:
    rng, pool = random.Random(3), import_pool()
    assert all(pool.draw(rng, Decimal(20)).price <= 20 for _ in range(1000))


def test_pools_hold_priced_goods_only() -> None:
    assert all(goods.price > 0 for goods in import_pool().goods)
    assert all(0 < goods.price <= 5000 for goods in export_pool().goods)
