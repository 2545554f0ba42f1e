"""Codes must exist in the customs reference tables; each direction allows its own trade modes."""

import pytest

from single_window.ceb import codes
from single_window.ceb.checks.code_lists import (
    countries_are_known,
    currencies_are_known,
    districts_are_known,
    trade_mode_is_export_retail,
    trade_mode_is_import_retail,
    transport_modes_are_known,
    units_are_known,
)
from tests.ceb.checks.factories import codes_of, document, order_line, record, run


def test_an_unknown_export_currency_is_reported_at_its_field() -> None:
    (issue,) = run(currencies_are_known, document(record("/CEB303Message/Order[1]/OrderHead", currency="999")))
    assert issue.code == codes.CURRENCY_UNKNOWN.code
    assert issue.field == "/CEB303Message/Order[1]/OrderHead/currency"
    assert issue.line == 11
    assert issue.message == "币制代码不存在 (currency 999)"


def test_freight_and_insurance_currencies_are_checked_too() -> None:
    head = record(currency="502", fCurrency="142", iCurrency="XXX")
    assert [issue.field.rsplit("/", 1)[1] for issue in run(currencies_are_known, document(head))] == ["iCurrency"]


def test_known_codes_pass() -> None:
    head = record(currency="502", country="116", customsCode="2900", portCode="2991", trafMode="5")
    line = order_line(1, unit="140", unit1="035", unit2="", country="502", tradeCountry="")
    doc = document(head, line)
    rules = (currencies_are_known, countries_are_known, units_are_known, districts_are_known, transport_modes_are_known)
    assert [issue for rule in rules for issue in run(rule, doc)] == []


def test_an_unknown_origin_country_on_a_line_is_reported() -> None:
    (issue,) = run(countries_are_known, document(record(), order_line(1, country="116"), order_line(2, country="000")))
    assert issue.field == "/CEB311Message/Order[1]/OrderList[2]/country"


@pytest.mark.parametrize(("name", "empty_is_fine"), [("tradeCountry", True), ("country", False)])
def test_an_empty_optional_country_is_fine_but_an_empty_mandatory_one_is_not(name: str, empty_is_fine: bool) -> None:
    issues = run(countries_are_known, document(record(), order_line(1, **{name: ""})))
    assert (issues == []) == empty_is_fine


def test_an_unknown_unit_is_reported_and_an_empty_second_unit_is_not() -> None:
    issues = run(units_are_known, document(record(), order_line(1, unit="999", unit1="035", unit2="")))
    assert codes_of(issues) == [codes.UNIT_UNKNOWN.code]


def test_the_nationwide_district_is_no_place_to_declare_to() -> None:
    issues = run(districts_are_known, document(record(customsCode="0000", portCode="2991")))
    assert codes_of(issues) == [codes.DISTRICT_UNKNOWN.code]


def test_an_unknown_transport_mode_is_reported() -> None:
    assert codes_of(run(transport_modes_are_known, document(record(trafMode="B")))) == [
        codes.TRANSPORT_MODE_UNKNOWN.code
    ]


@pytest.mark.parametrize("mode", ["9610", "1210"])
def test_import_allows_direct_purchase_and_bonded_import(mode: str) -> None:
    assert run(trade_mode_is_import_retail, document(record(tradeMode=mode))) == []


def test_general_trade_on_an_import_inventory_is_not_allowed_and_named() -> None:
    (issue,) = run(trade_mode_is_import_retail, document(record(tradeMode="0110")))
    assert issue.code == codes.TRADE_MODE_NOT_ALLOWED.code
    assert "0110 一般贸易" in issue.message


def test_a_trade_mode_missing_from_the_table_is_unknown_rather_than_not_allowed() -> None:
    assert codes_of(run(trade_mode_is_import_retail, document(record(tradeMode="9999")))) == [
        codes.TRADE_MODE_UNKNOWN.code
    ]


@pytest.mark.parametrize(
    ("mode", "allowed"), [("9610", True), ("1210", True), ("9710", True), ("9810", True), ("1239", False)]
)
def test_export_allows_the_four_retail_and_b2b_modes(mode: str, allowed: bool) -> None:
    assert (run(trade_mode_is_export_retail, document(record(tradeMode=mode))) == []) == allowed


def test_b2b_export_modes_are_not_allowed_on_import() -> None:
    assert codes_of(run(trade_mode_is_import_retail, document(record(tradeMode="9710")))) == [
        codes.TRADE_MODE_NOT_ALLOWED.code
    ]
