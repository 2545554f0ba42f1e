"""Facts are read exactly from the XML field names; a field the XSD requires and the document lacks is a bug."""

from decimal import Decimal

import pytest

from single_window.clearance.facts import InventoryFacts, LineFacts, PaymentFacts, WaybillFacts
from tests.clearance.factories import (
    export_inventory,
    export_order,
    export_receipt,
    import_inventory,
    import_order,
    import_payment,
    inventory_line,
)


def test_amounts_are_exact_decimals_as_declared() -> None:
    order = import_order(acturalPaid="210.10000")
    assert order.actural_paid == Decimal("210.1")
    assert str(order.actural_paid) == "210.10000"


def test_an_import_order_names_its_buyer_and_consignee_and_an_export_order_neither() -> None:
    assert import_order().buyer is not None
    assert import_order().consignee is not None
    assert (export_order().buyer, export_order().consignee, export_order().actural_paid) == (None, None, None)


def test_an_export_orders_transaction_is_goods_and_freight() -> None:
    assert export_order(goodsValue="200.5", freight="30").goods_and_freight == Decimal("230.5")


def test_a_payment_voucher_pays_amount_paid_and_a_receipt_of_payment_charges() -> None:
    assert import_payment(amountPaid="99.5").amount == Decimal("99.5")
    receipt = export_receipt(charge="88")
    assert (receipt.amount, receipt.pay_transaction_id, receipt.payer) == (Decimal(88), "PAYNO0001", None)


def test_the_ie_flag_says_the_direction_and_only_an_import_inventory_has_a_buyer() -> None:
    assert (import_inventory().direction, export_inventory().direction) == ("import", "export")
    assert import_inventory().buyer is not None
    assert export_inventory().buyer is None


def test_an_optional_waybill_freight_left_out_is_zero() -> None:
    waybill = WaybillFacts.from_fields(
        {"guid": "G", "logisticsCode": "L", "logisticsNo": "N", "orderNo": "O"} | _consignee()
    )
    assert (waybill.freight, waybill.insured_fee) == (Decimal(0), Decimal(0))


def test_a_line_keeps_its_legal_and_second_quantities() -> None:
    line = LineFacts.from_fields(inventory_line(qty1="0.25", unit1="035", qty2="", unit2=""))
    assert (line.qty1, line.unit1, line.qty2, line.unit2) == (Decimal("0.25"), "035", None, "")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"ieFlag": "X"}, "ieFlag"),
        ({"freight": "ten"}, "freight"),
        ({"freight": "NaN"}, "freight"),
    ],
)
def test_a_malformed_field_is_named_in_the_error(fields: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        import_inventory(**fields)


def test_a_missing_mandatory_field_is_named_in_the_error() -> None:
    with pytest.raises(ValueError, match=r"amountPaid|charge"):
        PaymentFacts.from_fields({"guid": "G", "orderNo": "O", "ebpCode": "E"})
    with pytest.raises(ValueError, match="gnum"):
        InventoryFacts.from_fields(_inventory_head(), [{"qty": "1"}])


def _consignee() -> dict[str, str]:
    return {"consignee": "张三", "consigneeTelephone": "1", "consigneeAddress": "地址"}


def _inventory_head() -> dict[str, str]:
    keys = ("guid", "orderNo", "ebpCode", "ebcCode", "logisticsCode", "logisticsNo", "tradeMode")
    return dict.fromkeys(keys, "X") | {"ieFlag": "E", "freight": "0", "insuredFee": "0"}
