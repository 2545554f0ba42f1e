"""Import messages are in CNY, identify buyers by ID card, and carry one parcel per waybill."""

import pytest

from single_window.ceb import codes
from single_window.ceb.checks.import_limits import currency_is_cny, id_type_is_id_card, pack_no_is_one
from tests.ceb.checks.factories import codes_of, document, order_line, record, run


def test_cny_on_head_and_lines_passes() -> None:
    assert run(currency_is_cny, document(record(currency="142"), order_line(1, currency="142"))) == []


def test_a_foreign_currency_on_an_import_line_is_reported_at_that_line() -> None:
    (issue,) = run(currency_is_cny, document(record(currency="142"), order_line(1, currency="502")))
    assert issue.code == codes.CURRENCY_NOT_CNY.code
    assert issue.field == "/CEB311Message/Order[1]/OrderList[1]/currency"


@pytest.mark.parametrize("name", ["buyerIdType", "payerIdType"])
def test_an_identity_other_than_the_id_card_is_reported(name: str) -> None:
    assert codes_of(run(id_type_is_id_card, document(record(**{name: "2"})))) == [codes.ID_TYPE_NOT_ID_CARD.code]
    assert run(id_type_is_id_card, document(record(**{name: "1"}))) == []


@pytest.mark.parametrize(
    ("pack_no", "reported"), [("1", False), ("01", False), ("+1", False), ("2", True), ("0", True)]
)
def test_an_import_waybill_or_inventory_carries_exactly_one_parcel(pack_no: str, reported: bool) -> None:
    issues = run(pack_no_is_one, document(record(packNo=pack_no)))
    assert codes_of(issues) == ([codes.PACK_NO_NOT_ONE.code] if reported else [])
