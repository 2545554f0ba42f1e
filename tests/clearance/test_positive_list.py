"""The positive list: goods off the list are refused, and so is a trade mode the line does not allow."""

import importlib.util
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from single_window.ceb import codes
from single_window.clearance.positive_list import (
    default_positive_list,
    inventory_positive_list_problems,
    positive_list_from_rows,
    positive_list_problem,
)
from single_window.refdata.tables import rows
from tests.clearance.factories import import_inventory, inventory_line

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_positive_list.py"


def listed(code: str = "96190010", modes: str = "9610 1210", cap: str = "") -> dict[str, str]:
    return {"tariff_code_8": code, "name_zh": "纸尿裤", "allowed_trade_modes": modes, "annual_weight_cap_kg": cap}


def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_positive_list", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_goods_on_the_list_may_come_in_by_either_import_trade_mode() -> None:
    table = positive_list_from_rows([listed()])
    assert positive_list_problem("9619001000", "9610", table) is None
    assert positive_list_problem("9619001000", "1210", table) is None


def test_goods_off_the_list_are_refused_with_the_code_named() -> None:
    problem = positive_list_problem("9301100000", "9610", positive_list_from_rows([listed()]))
    assert problem is not None
    assert (problem.code, problem.field) == (codes.NOT_ON_POSITIVE_LIST.code, "gcode")
    assert problem.reason == "商品编码[9301100000]不在跨境电子商务零售进口商品清单内"


def test_a_line_limited_to_bonded_import_refuses_direct_purchase() -> None:
    table = positive_list_from_rows([listed("03061100", modes="1210")])
    problem = positive_list_problem("0306110000", "9610", table)
    assert problem is not None
    assert problem.code == codes.TRADE_MODE_NOT_ON_POSITIVE_LIST.code
    assert "[1210]" in problem.reason
    assert positive_list_problem("0306110000", "1210", table) is None


def test_an_inventory_reports_each_line_off_the_list_by_its_gnum() -> None:
    lines = [inventory_line(1, gcode="9619001000"), inventory_line(2, gcode="9301100000")]
    found = inventory_positive_list_problems(import_inventory(lines), positive_list_from_rows([listed()]))
    assert [problem.field for problem in found] == ["CEB621/InventoryList[2]/gcode"]


def test_a_weight_cap_is_read_as_kilograms() -> None:
    table = positive_list_from_rows([listed("10063020", cap="20")])
    assert table["10063020"].annual_weight_cap_kg == Decimal(20)


def test_a_row_that_is_not_an_eight_digit_line_is_refused() -> None:
    with pytest.raises(ValueError, match="8-digit"):
        positive_list_from_rows([listed("9619")])


def test_the_shipped_stand_in_lists_every_sample_good_and_the_2016_fragment() -> None:
    table = default_positive_list()
    assert all(row["hs_code"][:8] in table for row in rows("sample_goods"))
    assert table["04090000"].name_zh == "天然蜂蜜"
    assert table["04079090"].remark.startswith("列入《进出口野生动植物种商品目录》")
    assert all(line.allowed_trade_modes == {"9610", "1210"} for line in table.values())


def test_the_shipped_stand_in_is_what_the_build_script_gives() -> None:
    shipped = SCRIPT.parents[1] / "single_window" / "refdata" / "data" / "positive_list.csv"
    assert shipped.read_bytes() == build_script().build().encode("utf-8")
