"""Inspection selection a person can read: key categories, the double-random sample, and goods that may not enter."""

from decimal import Decimal

import pytest

from single_window.ceb import codes
from single_window.clearance.facts import InventoryFacts
from single_window.clearance.risk import (
    InspectionPolicy,
    Selection,
    default_risk_goods,
    draw,
    prohibited_goods,
    risk_goods_from_rows,
    select_for_inspection,
)
from single_window.filings.schemas import CreditRating
from tests.clearance.factories import import_inventory, inventory_line

GENERAL = CreditRating.GENERAL
NO_SAMPLE = InspectionPolicy(sample_rates=dict.fromkeys(CreditRating, Decimal(0)))


def inventory_of(*gcodes: str, guid: str = "INVENTORY-GUID-0001") -> InventoryFacts:
    return import_inventory([inventory_line(gnum, gcode=gcode) for gnum, gcode in enumerate(gcodes, 1)], guid=guid)


def seed_drawing(guid: str, *, below: Decimal | None = None, at_least: Decimal | None = None) -> str:
    """The first seed whose draw for the guid falls on the wanted side of a rate."""
    return next(
        seed
        for seed in map(str, range(10_000))
        if (below is None or draw(seed, guid) < below) and (at_least is None or draw(seed, guid) >= at_least)
    )


def test_cosmetics_are_a_key_category_and_always_inspected_with_the_reason_named() -> None:
    selection = select_for_inspection(inventory_of("3304990010"), GENERAL, seed="s", policy=NO_SAMPLE)
    assert selection == Selection(True, ("key category: cosmetics (HS 33)",))


@pytest.mark.parametrize(
    ("gcode", "reason"),
    [
        ("3004909059", "key category: medicines (HS 30)"),
        ("1901101000", "key category: food (HS 19)"),
        ("0401200000", "key category: food (HS 04)"),
    ],
)
def test_medicines_and_food_are_key_categories(gcode: str, reason: str) -> None:
    assert select_for_inspection(inventory_of(gcode), GENERAL, seed="s", policy=NO_SAMPLE).reasons == (reason,)


@pytest.mark.parametrize("gcode", ["0511100000", "0602100000", "1401100000", "9619001000"])
def test_goods_that_are_clearly_not_food_nor_a_key_category_are_not_selected_for_it(gcode: str) -> None:
    assert select_for_inspection(inventory_of(gcode), GENERAL, seed="s", policy=NO_SAMPLE) == Selection(False, ())


def test_a_category_on_several_lines_is_one_reason_and_each_category_is_named() -> None:
    selection = select_for_inspection(
        inventory_of("3304990010", "3303000010", "1901101000"), GENERAL, seed="s", policy=NO_SAMPLE
    )
    assert selection.reasons == ("key category: cosmetics (HS 33)", "key category: food (HS 19)")


def test_key_categories_can_be_left_to_the_random_sample() -> None:
    policy = InspectionPolicy(sample_rates=NO_SAMPLE.sample_rates, inspect_key_categories=False)
    assert select_for_inspection(inventory_of("3304990010"), GENERAL, seed="s", policy=policy).selected is False


def test_the_random_sample_records_its_rate_rating_and_draw() -> None:
    seed = seed_drawing("INVENTORY-GUID-0001", below=Decimal("0.03"))
    selection = select_for_inspection(inventory_of("9619001000"), GENERAL, seed=seed)
    assert selection.selected is True
    (reason,) = selection.reasons
    assert reason == f"random sample 3.0 % for credit rating general: drew {draw(seed, 'INVENTORY-GUID-0001'):.4f}"


def test_the_credit_rating_sets_the_sampling_rate() -> None:
    guid = "INVENTORY-GUID-0001"
    seed = seed_drawing(guid, below=Decimal("0.30"), at_least=Decimal("0.03"))
    inventory = inventory_of("9619001000", guid=guid)
    assert select_for_inspection(inventory, CreditRating.UNTRUSTWORTHY, seed=seed).selected is True
    assert select_for_inspection(inventory, CreditRating.GENERAL, seed=seed).selected is False
    assert select_for_inspection(inventory, CreditRating.ADVANCED_CERTIFIED, seed=seed).selected is False


def test_the_draw_is_fixed_by_seed_and_guid_and_uniform_over_many_documents() -> None:
    assert draw("seed", "GUID-1") == draw("seed", "GUID-1")
    assert draw("seed", "GUID-1") != draw("other", "GUID-1")
    draws = [draw("seed", f"GUID-{n}") for n in range(10_000)]
    assert all(0 <= value < 1 for value in draws)
    assert 250 <= sum(value < Decimal("0.03") for value in draws) <= 350


@pytest.mark.parametrize(
    ("gcode", "label"),
    [("9302000000", "武器、弹药"), ("3602001000", "炸药"), ("1302110000", "鸦片液汁及浸膏"), ("2939720000", "可卡因")],
)
def test_prohibited_goods_are_a_rejection_with_their_own_code(gcode: str, label: str) -> None:
    (found,) = prohibited_goods(inventory_of("9619001000", gcode))
    assert (found.code, found.field) == (codes.PROHIBITED_GOODS.code, "CEB621/InventoryList[2]/gcode")
    assert found.reason == f"清单第2项商品编码[{gcode}]属于禁止进境物品：{label}"


def test_goods_that_may_enter_are_not_prohibited() -> None:
    assert prohibited_goods(inventory_of("9619001000", "3304990010", "1211200000")) == ()


def test_every_shipped_risk_row_has_a_label_a_basis_and_a_digit_prefix() -> None:
    for row in default_risk_goods():
        assert row.prefix.isdigit(), row
        assert row.label_zh, row
        assert row.label_en, row
        assert row.basis, row


def test_a_table_row_of_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="watch"):
        risk_goods_from_rows(
            [{"tariff_prefix": "91", "kind": "watch", "label_zh": "表", "label_en": "w", "basis": "b"}]
        )


def test_an_inventory_is_sampled_exactly_when_its_draw_falls_under_the_rate() -> None:
    for n in range(300):
        guid = f"GUID-{n}"
        selection = select_for_inspection(inventory_of("9619001000", guid=guid), GENERAL, seed="boundary")
        assert selection.selected == (draw("boundary", guid) < Decimal("0.03")), guid
