"""The export summary (rules.md §7): closed inventories are taken all or none, then grouped into customs declarations
by consignor, transport, destination, exit customs (and producer), and into items by tariff line, final destination
and currency (and item name)."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from single_window.ceb import codes
from single_window.clearance.summary import (
    Grouping,
    ResultLine,
    Standing,
    SummaryApplication,
    refusals,
    summarise,
)
from tests.clearance.factories import closed_inventory, closed_line

BY_CONSIGNOR = Grouping()
CLOSED = Standing("899", summarised=False)


def application(lines: tuple[str, ...] = ("29912026E000000001",), **head: str) -> SummaryApplication:
    fields = {"ebcCode": "3301960012", "summaryFlag": "1", "itemNameFlag": "", **head}
    return SummaryApplication.from_fields(fields, [{"invtNo": invt_no} for invt_no in lines])


def test_inventories_sharing_consignor_transport_destination_and_exit_customs_are_one_declaration() -> None:
    (declaration,) = summarise([closed_inventory("E1"), closed_inventory("E2")], BY_CONSIGNOR)
    assert declaration.invt_nos == ("E1", "E2")


@pytest.mark.parametrize(
    ("field", "other"),
    [("ebcCode", "3301960099"), ("trafMode", "2"), ("country", "303"), ("portCode", "2992")],
)
def test_another_consignor_transport_destination_or_exit_customs_makes_a_declaration_of_its_own(
    field: str, other: str
) -> None:
    declarations = summarise([closed_inventory("E1"), closed_inventory("E2", **{field: other})], BY_CONSIGNOR)
    assert [declaration.invt_nos for declaration in declarations] == [("E1",), ("E2",)]


def test_producers_are_told_apart_only_when_the_application_summarises_by_producer() -> None:
    inventories = [closed_inventory("E1"), closed_inventory("E2", ownerCode="3301960077")]
    assert len(summarise(inventories, BY_CONSIGNOR)) == 1
    assert len(summarise(inventories, Grouping(by_producer=True))) == 2


def test_lines_of_one_tariff_line_final_destination_and_currency_are_one_item_across_inventories() -> None:
    first = closed_inventory("E1", [closed_line(1), closed_line(2, gcode="8516799000")])
    second = closed_inventory("E2", [closed_line(1, gcode="8516799000"), closed_line(2)])
    (declaration,) = summarise([first, second], BY_CONSIGNOR)
    assert [(line.invt_no, line.gnum, line.gseqno) for line in declaration.lines] == [
        ("E1", 1, 1),
        ("E1", 2, 2),
        ("E2", 1, 2),
        ("E2", 2, 1),
    ]
    assert [item.gcode for item in declaration.items] == ["9619001000", "8516799000"]


@pytest.mark.parametrize(("field", "other"), [("gcode", "8516799000"), ("country", "303"), ("currency", "142")])
def test_another_tariff_line_final_destination_or_currency_is_another_item(field: str, other: str) -> None:
    inventory = closed_inventory("E1", [closed_line(1), closed_line(2, **{field: other})])
    (declaration,) = summarise([inventory], BY_CONSIGNOR)
    assert [line.gseqno for line in declaration.lines] == [1, 2]


def test_item_names_part_items_only_when_the_application_summarises_by_item_name() -> None:
    inventory = closed_inventory("E1", [closed_line(1), closed_line(2, itemName="成人纸尿裤")])
    (by_class,) = summarise([inventory], BY_CONSIGNOR)
    (by_name,) = summarise([inventory], Grouping(by_item_name=True))
    assert [line.gseqno for line in by_class.lines] == [1, 1]
    assert [line.gseqno for line in by_name.lines] == [1, 2]


def test_a_line_without_an_item_name_goes_by_its_goods_name() -> None:
    assert closed_line(itemName="", gname="电热水壶").item_name == "电热水壶"


def test_a_declaration_weighs_what_its_inventories_weigh() -> None:
    inventories = [closed_inventory("E1"), closed_inventory("E2", grossWeight="2.25", netWeight="0.00001")]
    (declaration,) = summarise(inventories, BY_CONSIGNOR)
    assert (declaration.gross_weight, declaration.net_weight) == (Decimal("3.75"), Decimal("1.20001"))


def test_each_result_line_names_its_inventory_waybill_line_number_and_tariff_line() -> None:
    (declaration,) = summarise([closed_inventory("E1", logisticsNo="JYE2611020001")], BY_CONSIGNOR)
    assert declaration.lines == (ResultLine("E1", "JYE2611020001", 1, 1, "9619001000"),)


def test_declarations_come_in_the_order_of_their_first_inventory() -> None:
    inventories = [closed_inventory("E1", country="303"), closed_inventory("E2"), closed_inventory("E3", country="303")]
    assert [d.invt_nos for d in summarise(inventories, BY_CONSIGNOR)] == [("E1", "E3"), ("E2",)]


def test_closed_inventories_not_yet_summarised_are_not_refused() -> None:
    assert refusals(["E1", "E2"], {"E1": CLOSED, "E2": CLOSED}) == ()


def test_every_inventory_not_found_not_closed_or_summarised_already_is_refused_with_its_number() -> None:
    standings = {"E1": CLOSED, "E2": Standing("800", summarised=False), "E3": Standing("899", summarised=True)}
    refused = refusals(["E1", "E2", "E3", "E4"], standings)
    assert [(m.code, m.reason) for m in refused] == [
        (codes.SUMMARY_INVENTORY_NOT_CLOSED.code, f"{codes.SUMMARY_INVENTORY_NOT_CLOSED.zh}[E2]"),
        (codes.SUMMARY_INVENTORY_SUMMARISED.code, f"{codes.SUMMARY_INVENTORY_SUMMARISED.zh}[E3]"),
        (codes.SUMMARY_INVENTORY_NOT_FOUND.code, f"{codes.SUMMARY_INVENTORY_NOT_FOUND.zh}[E4]"),
    ]


def test_an_application_naming_nothing_is_refused_with_901304() -> None:
    assert [m.code for m in refusals([], {})] == [codes.NOTHING_TO_SUMMARISE.code]


def test_an_application_names_each_inventory_once_and_reads_its_flags() -> None:
    read = application(("E1", "E2", "E1"), summaryFlag="2", itemNameFlag="1")
    assert read.invt_nos == ("E1", "E2")
    assert read.grouping == Grouping(by_producer=True, by_item_name=True)
    assert read.window is None


def test_a_time_range_is_china_time_and_holds_its_last_second() -> None:
    window = application(startTime="20261101000000", endTime="20261130235959").window
    assert window is not None
    assert window.start == datetime(2026, 10, 31, 16, tzinfo=UTC)
    assert window.after_end == datetime(2026, 11, 30, 16, tzinfo=UTC)


def test_a_start_without_an_end_is_no_time_range() -> None:
    assert application(startTime="20261101000000").window is None
