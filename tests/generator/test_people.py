"""Buyers: GB 11643 check characters, real birth dates, mobile numbers, districts that exist in the list."""

import random
from datetime import date, datetime

import pytest

from single_window.generator.people import DISTRICTS, id_check_digit, is_valid_id_number, make_buyer

TODAY = date(2025, 1, 6)


@pytest.mark.parametrize(
    ("number", "check"),
    [
        ("11010519491231002", "X"),  # the worked example of GB 11643-1999
        ("33010619900307651", "2"),  # the buyer of sample_declarations/valid/CEB311-order.xml
        ("44030519850101001", "X"),  # weighted sum 189, mod 11 = 2
        ("11010119900307001", "1"),  # weighted sum 154, mod 11 = 0
    ],
)
def test_the_check_character_follows_gb_11643(number: str, check: str) -> None:
    assert id_check_digit(number) == check


@pytest.mark.parametrize("bad", ["1101051949123100", "110105194912310021", "1101051949123100A"])
def test_the_check_character_needs_exactly_seventeen_digits(bad: str) -> None:
    with pytest.raises(ValueError, match="17 digits"):
        id_check_digit(bad)


def test_a_changed_digit_breaks_the_check() -> None:
    assert is_valid_id_number("11010519491231002X")
    assert not is_valid_id_number("11010519491231003X")
    assert not is_valid_id_number("11010519491231002")


def test_every_generated_buyer_has_a_valid_id_number_of_an_adult_born_on_a_real_day() -> None:
    rng = random.Random(5)
    codes = {district.code for district in DISTRICTS}
    for _ in range(500):
        buyer = make_buyer(rng, TODAY)
        assert is_valid_id_number(buyer.id_number), buyer.id_number
        assert buyer.id_number[:6] in codes
        born = datetime.strptime(buyer.id_number[6:14], "%Y%m%d").date()
        assert 20 <= (TODAY - born).days // 365 <= 60


def test_every_generated_buyer_has_a_mobile_number_and_an_address_in_the_named_district() -> None:
    rng = random.Random(6)
    by_code = {district.code: district for district in DISTRICTS}
    for _ in range(200):
        buyer = make_buyer(rng, TODAY)
        assert len(buyer.telephone) == 11
        assert buyer.telephone.startswith("1")
        assert buyer.telephone.isdigit()
        district = by_code[buyer.district]
        assert buyer.address.startswith(f"{district.province}{district.city}{district.name}")
        assert 2 <= len(buyer.name) <= 3
