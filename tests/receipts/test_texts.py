"""Receipts speak China time: 16:00 UTC is already the next day's 00:00 in China (UTC+8)."""

from datetime import UTC, datetime

from single_window.receipts.texts import (
    declaration_sequence_number,
    inventory_number,
    pre_entry_number,
    return_time,
    summary_number,
)

LAST_MOMENT_OF_THE_UTC_DAY = datetime(2026, 12, 31, 16, 0, 0, 123456, tzinfo=UTC)


def test_the_return_time_is_china_time_to_the_millisecond() -> None:
    assert return_time(LAST_MOMENT_OF_THE_UTC_DAY) == "20270101000000123"


def test_a_pre_entry_number_carries_the_china_date() -> None:
    assert pre_entry_number(LAST_MOMENT_OF_THE_UTC_DAY, serial=42) == "B20270101000000042"


def test_an_inventory_number_carries_the_china_year() -> None:
    assert inventory_number("2900", LAST_MOMENT_OF_THE_UTC_DAY, "I", serial=7) == "29002027I000000007"


def test_a_summary_number_is_an_inventory_number_marked_s() -> None:
    assert summary_number("2900", LAST_MOMENT_OF_THE_UTC_DAY, serial=4012) == "29002027S000004012"


def test_a_declaration_sequence_number_has_eighteen_digits_and_the_china_year() -> None:
    assert declaration_sequence_number("2900", LAST_MOMENT_OF_THE_UTC_DAY, serial=4012) == "290020270000004012"


def test_just_before_16_00_utc_it_is_still_the_same_day_in_china() -> None:
    assert return_time(datetime(2026, 12, 31, 15, 59, 59, tzinfo=UTC)) == "20261231235959000"
