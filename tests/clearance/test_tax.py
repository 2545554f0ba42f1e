"""Tax per line as CEB816 carries it: 70 % of VAT and consumption tax within the limits, all of it outside."""

from datetime import date
from decimal import Decimal

import pytest

from single_window.clearance.facts import InventoryFacts
from single_window.clearance.limits import Treatment
from single_window.clearance.rates import load_tax_rates
from single_window.clearance.tax import TaxPolicy, compute_tax
from tests.clearance.factories import import_inventory, inventory_line

TODAY = date(2025, 1, 6)
HEADER = (
    "tariff_prefix,vat_rate,consumption_tax_rate,ct_min_unit_price,ct_price_basis,mfn_tariff_rate,"
    "valid_from,valid_to,note\n"
)


def one_line(total: str, *, freight: str = "0", **line: str) -> InventoryFacts:
    fields = {"totalPrice": total, "price": total, "qty": "1", **line}
    return import_inventory([inventory_line(1, **fields)], freight=freight)


def test_a_thirteen_percent_line_without_consumption_tax_pays_taxprice_times_13_percent_times_70_percent() -> None:
    bill = compute_tax(import_inventory(freight="10.00", insuredFee="1.37"), Treatment.WITHIN_LIMITS, TODAY)
    (line,) = bill.lines
    assert line.tax_price == Decimal("211.37")
    assert line.value_added_tax == line.tax_price * Decimal("0.13") * Decimal("0.7") == Decimal("19.23467")
    assert (line.customs_tax, line.consumption_tax) == (Decimal(0), Decimal(0))


def test_the_head_is_the_sum_of_the_lines_and_freight_is_shared_by_value() -> None:
    lines = [inventory_line(1, totalPrice="100"), inventory_line(2, totalPrice="200", gcode="0401200000")]
    bill = compute_tax(import_inventory(lines, freight="30"), Treatment.WITHIN_LIMITS, TODAY)
    assert [line.tax_price for line in bill.lines] == [Decimal("110.00000"), Decimal("220.00000")]
    # Liquid milk (0401) is a 9 % line: 220 x 9 % x 70 % = 13.86.
    assert [line.value_added_tax for line in bill.lines] == [Decimal("10.01000"), Decimal("13.86000")]
    assert bill.value_added_tax == Decimal("23.87")


def test_each_amount_is_rounded_half_up_on_its_line_at_the_policys_places() -> None:
    table = load_tax_rates(HEADER + "*,0.10,0,,,,,,test\n")
    # 6.35 x 10 % x 70 % = 0.4445: half up gives 0.445 where banker's rounding would give 0.444.
    bill = compute_tax(
        one_line("6.35"), Treatment.WITHIN_LIMITS, TODAY, rates=table, policy=TaxPolicy(places=Decimal("0.001"))
    )
    assert bill.value_added_tax == Decimal("0.445")


def test_the_five_decimals_of_ceb816_keep_what_a_cent_would_round_away() -> None:
    bill = compute_tax(one_line("1.23456"), Treatment.WITHIN_LIMITS, TODAY)
    assert bill.value_added_tax == Decimal("0.11234")


def test_expensive_perfume_pays_consumption_tax_and_comes_to_the_published_23_1_percent() -> None:
    perfume = one_line("1000", gcode="3303000010", unit="142", qty1="0.05", unit1="035")
    bill = compute_tax(perfume, Treatment.WITHIN_LIMITS, TODAY)
    assert bill.consumption_tax == Decimal("123.52941")  # 1000 / 0.85 x 15 % x 70 %
    assert bill.value_added_tax == Decimal("107.05882")  # (1000 + 176.47) x 13 % x 70 %
    assert round((bill.consumption_tax + bill.value_added_tax) / 1000, 3) == Decimal("0.231")
    assert "due: 20.00 >= 10" in bill.lines[0].notes[0]


def test_skin_care_at_exactly_ten_yuan_a_gram_pays_consumption_tax() -> None:
    cream = one_line("500", gcode="3304990010", unit="142", qty1="0.05", unit1="035")
    assert compute_tax(cream, Treatment.WITHIN_LIMITS, TODAY).consumption_tax > 0


def test_cheap_skin_care_under_ten_yuan_a_gram_pays_no_consumption_tax() -> None:
    cream = one_line("100", gcode="3304990010", unit="142", qty1="0.2", unit1="035")
    bill = compute_tax(cream, Treatment.WITHIN_LIMITS, TODAY)
    assert (bill.consumption_tax, bill.value_added_tax) == (Decimal(0), Decimal("9.10000"))
    assert "not due: 0.50 < 10" in bill.lines[0].notes[0]


def test_masks_sold_by_the_sheet_are_measured_per_piece() -> None:
    masks = one_line("100", gcode="3304990099", unit="020", qty="5", unit1="", qty1="")
    line = compute_tax(masks, Treatment.WITHIN_LIMITS, TODAY).lines[0]
    assert line.consumption_tax > 0
    assert "20.00 >= 15" in line.notes[0]


def test_a_conditional_line_with_no_quantity_to_measure_is_charged_and_says_why() -> None:
    lotion = one_line("100", gcode="3304990010", unit="142", unit1="", qty1="")
    line = compute_tax(lotion, Treatment.WITHIN_LIMITS, TODAY).lines[0]
    assert line.consumption_tax > 0
    assert line.notes[0].startswith("consumption tax charged")


def test_a_watch_over_the_single_limit_pays_full_tax_and_notes_the_missing_tariff_rate() -> None:
    watch = one_line("12000", gcode="9102110000", unit="008")
    line = compute_tax(watch, Treatment.FULL_TAX, TODAY).lines[0]
    assert (line.consumption_tax, line.value_added_tax) == (Decimal("3000.00000"), Decimal("1950.00000"))
    assert line.customs_tax == 0
    assert any("no MFN tariff rate" in note for note in line.notes)


def test_a_watch_under_ten_thousand_a_piece_pays_no_consumption_tax() -> None:
    watch = one_line("9000", gcode="9102110000", unit="008")
    assert compute_tax(watch, Treatment.FULL_TAX, TODAY).consumption_tax == 0


def test_outside_the_limits_a_known_mfn_tariff_is_levied_and_taxed_in_turn() -> None:
    table = load_tax_rates(HEADER + "*,0.13,0,,,0.10,,,test\n")
    line = compute_tax(one_line("6000"), Treatment.FULL_TAX, TODAY, rates=table).lines[0]
    assert (line.customs_tax, line.value_added_tax) == (Decimal("600.00000"), Decimal("858.00000"))
    assert compute_tax(one_line("600"), Treatment.WITHIN_LIMITS, TODAY, rates=table).customs_tax == 0


@pytest.mark.parametrize(
    ("on", "vat"), [(date(2018, 4, 30), "0.17"), (date(2018, 5, 1), "0.16"), (date(2019, 4, 1), "0.13")]
)
def test_the_date_picks_the_default_vat_rate_in_force(on: date, vat: str) -> None:
    bill = compute_tax(one_line("100"), Treatment.FULL_TAX, on)
    assert bill.value_added_tax == Decimal(100) * Decimal(vat)


def test_a_rejected_inventory_is_not_taxed() -> None:
    with pytest.raises(ValueError, match="rejected"):
        compute_tax(import_inventory(), Treatment.REJECTED, TODAY)
