"""The rate table: every shipped row sound, the longest prefix first, the date picking the version."""

import csv
import io
import itertools
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from single_window.clearance.rates import DEFAULT_PREFIX, default_tax_rates, load_tax_rates, rates_for

SHARED = Path(__file__).resolve().parents[3] / "shared" / "refdata" / "tax_rates.csv"
HEADER = (
    "tariff_prefix,vat_rate,consumption_tax_rate,ct_min_unit_price,ct_price_basis,mfn_tariff_rate,"
    "valid_from,valid_to,note\n"
)
TODAY = date(2025, 1, 6)


def test_every_shipped_row_has_rates_between_zero_and_one_dates_in_order_and_a_note() -> None:
    for versions in default_tax_rates().values():
        for rate in versions:
            assert 0 <= rate.vat_rate < 1, rate.prefix
            assert 0 <= rate.consumption_tax_rate < 1, rate.prefix
            assert rate.valid_from is None or rate.valid_to is None or rate.valid_from <= rate.valid_to
            assert rate.note, rate.prefix


@pytest.mark.skipif(not SHARED.is_file(), reason="the shared refdata directory is not available")
def test_every_row_of_the_shared_table_is_shipped_with_its_rates_in_force_today_and_its_note() -> None:
    shipped = default_tax_rates()
    for row in csv.DictReader(io.StringIO(SHARED.read_text(encoding="utf-8"), newline="")):
        current = [rate for rate in shipped[row["tariff_prefix"]] if rate.in_force(TODAY)]
        assert {(rate.vat_rate, rate.consumption_tax_rate, rate.note) for rate in current} == {
            (Decimal(row["vat_rate"]), Decimal(row["consumption_tax_rate"]), row["note"])
        }, row["tariff_prefix"]


def test_the_default_vat_history_leaves_no_day_uncovered_nor_covered_twice() -> None:
    versions = sorted(default_tax_rates()[DEFAULT_PREFIX], key=lambda rate: rate.valid_from or date.min)
    assert [rate.vat_rate for rate in versions] == [Decimal("0.17"), Decimal("0.16"), Decimal("0.13")]
    for before, after in itertools.pairwise(versions):
        assert before.valid_to is not None
        assert after.valid_from == before.valid_to + timedelta(days=1)


def test_the_longest_prefix_wins() -> None:
    table = default_tax_rates()
    assert rates_for("1512110000", TODAY, table)[0].vat_rate == Decimal("0.09")  # 15121100, not 1512
    assert rates_for("1512190000", TODAY, table)[0].vat_rate == Decimal("0.13")
    assert rates_for("9619001000", TODAY, table)[0].prefix == DEFAULT_PREFIX


def test_a_price_dependent_row_is_data_one_row_per_basis() -> None:
    versions = rates_for("3304990010", TODAY, default_tax_rates())
    assert [(rate.ct_price_basis, rate.ct_min_unit_price) for rate in versions] == [
        ("g_ml", Decimal(10)),
        ("piece", Decimal(15)),
    ]


def test_a_specific_prefix_before_its_rates_held_is_an_error_not_the_default() -> None:
    with pytest.raises(LookupError, match="0401"):
        rates_for("0401200000", date(2019, 3, 31), default_tax_rates())


def test_an_officers_table_is_read_from_csv_text_and_a_basis_needs_its_minimum() -> None:
    table = load_tax_rates(HEADER + "*,0.13,0,,,,,,default\n33,0.13,0.3,,,0.05,2020-01-01,,test\n")
    assert rates_for("3300000000", TODAY, table)[0].mfn_tariff_rate == Decimal("0.05")
    with pytest.raises(ValueError, match="basis"):
        load_tax_rates(HEADER + "*,0.13,0.15,10,,,,,no basis\n")
    with pytest.raises(ValueError, match="kg"):
        load_tax_rates(HEADER + "*,0.13,0.15,10,kg,,,,unknown basis\n")
