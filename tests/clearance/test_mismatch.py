"""Clearance reports the codes of the one table: no clearance module spells a code of its own."""

import re
from pathlib import Path

import pytest

from single_window import clearance
from single_window.ceb import codes
from single_window.clearance.mismatch import Mismatch, mismatch

CLEARANCE_DIR = Path(clearance.__file__).parent
CODE_LITERAL = re.compile(r"""["']-\d{5,6}["']""")


def test_a_mismatch_carries_the_tables_code_with_the_filled_in_reason() -> None:
    found = mismatch(codes.PAYER_NOT_BUYER, "CEB411/payerName", "支付人姓名[李四]与订购人姓名[张三]不一致")
    assert found == Mismatch("-901007", "CEB411/payerName", "支付人姓名[李四]与订购人姓名[张三]不一致")


@pytest.mark.parametrize("path", sorted(CLEARANCE_DIR.glob("*.py")), ids=lambda path: path.name)
def test_no_clearance_module_spells_a_code(path: Path) -> None:
    assert CODE_LITERAL.findall(path.read_text(encoding="utf-8")) == []
