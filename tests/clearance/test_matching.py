"""Three-document comparison: what must agree between the inventory, the order, the payment and the waybill."""

from decimal import Decimal

import pytest

from single_window.ceb import codes
from single_window.clearance.matching import (
    LINKS,
    MatchingOptions,
    awaited_partners,
    match_documents,
    missing_mismatches,
    partner_key,
    refund_mismatches,
)
from single_window.clearance.mismatch import Mismatch
from tests.clearance.factories import (
    export_documents,
    export_inventory,
    export_order,
    export_receipt,
    export_waybill,
    import_documents,
    import_inventory,
    import_order,
    import_payment,
    import_waybill,
    inventory_line,
    order_line,
    refund,
)


def codes_of(found: tuple[Mismatch, ...]) -> list[str]:
    return [mismatch.code for mismatch in found]


def test_documents_that_agree_have_no_mismatch_in_either_direction() -> None:
    assert match_documents(import_documents()) == ()
    assert match_documents(export_documents()) == ()


def test_an_order_paid_other_than_its_payment_says_both_amounts_as_customs_does() -> None:
    found = match_documents(import_documents(payment=import_payment(amountPaid="209.99")))
    assert found == (
        Mismatch(
            codes.PAID_NOT_PAYMENT.code, "CEB411/amountPaid", "订单实际支付金额[210.00]与支付单支付金额[209.99]不一致"
        ),
    )


def test_amounts_equal_in_value_but_not_in_writing_agree() -> None:
    assert match_documents(import_documents(payment=import_payment(amountPaid="210.00000"))) == ()


def test_a_configured_tolerance_lets_a_small_difference_pass_and_no_more() -> None:
    options = MatchingOptions(tolerance=Decimal("0.01"))
    assert match_documents(import_documents(payment=import_payment(amountPaid="209.99")), options) == ()
    assert match_documents(import_documents(payment=import_payment(amountPaid="209.98")), options) != ()


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("ebcCode", "9999999999", codes.INVENTORY_ORDER_MISMATCH),
        ("buyerIdNumber", "330106199001019999", codes.INVENTORY_BUYER_MISMATCH),
        ("buyerName", "李四", codes.INVENTORY_BUYER_MISMATCH),
        ("buyerTelephone", "13900000000", codes.INVENTORY_BUYER_MISMATCH),
    ],
)
def test_an_inventory_that_names_another_enterprise_or_buyer_than_its_order_is_refused(
    field: str, value: str, code: codes.Code
) -> None:
    found = match_documents(import_documents(inventory=import_inventory(**{field: value})))
    assert codes_of(found) == [code.code]
    assert found[0].field == f"CEB621/{field}"
    assert value in found[0].reason


def test_an_order_delivered_elsewhere_than_its_waybill_names_each_consignee_field() -> None:
    waybill = import_waybill(consigneeAddress="上海市", consigneeTelephone="13911111111")
    found = match_documents(import_documents(waybill=waybill))
    assert [mismatch.field for mismatch in found] == ["CEB511/consigneeTelephone", "CEB511/consigneeAddress"]
    assert set(codes_of(found)) == {codes.WAYBILL_CONSIGNEE_MISMATCH.code}


def test_a_waybill_for_another_order_is_reported() -> None:
    found = match_documents(import_documents(waybill=import_waybill(orderNo="ORD0002")))
    assert codes_of(found) == [codes.WAYBILL_ORDER_MISMATCH.code]


def test_a_waybill_under_another_number_than_the_inventorys_is_reported() -> None:
    found = match_documents(import_documents(waybill=import_waybill(logisticsNo="YT0002")))
    assert found[0].reason == "物流运单物流运单编号[YT0002]与清单物流运单编号[YT0001]不一致"


def test_the_orders_payment_serial_must_be_the_vouchers_when_the_order_states_one() -> None:
    assert codes_of(match_documents(import_documents(order=import_order(payTransactionId="PAY0009")))) == [
        codes.PAYMENT_ORDER_MISMATCH.code
    ]
    assert match_documents(import_documents(order=import_order(payTransactionId="", payCode=""))) == ()


def test_a_payer_who_is_not_the_buyer_is_refused_unless_configured_otherwise() -> None:
    documents = import_documents(payment=import_payment(payerName="李四", payerIdNumber="330106199001019999"))
    assert codes_of(match_documents(documents)) == [codes.PAYER_NOT_BUYER.code] * 2
    assert match_documents(documents, MatchingOptions(payer_must_be_buyer=False)) == ()


def test_inventory_lines_must_be_the_orders_lines_one_to_one() -> None:
    order = import_order([order_line(1), order_line(2)], goodsValue="400.00", acturalPaid="210.00")
    inventory = import_inventory([inventory_line(1), inventory_line(3)])
    found = match_documents(import_documents(order=order, inventory=inventory))
    assert [mismatch.reason for mismatch in found] == [
        "清单表体序号[3]在电子订单中不存在",
        "电子订单表体序号[2]在清单中不存在",
    ]
    assert set(codes_of(found)) == {codes.INVENTORY_LINES_NOT_ORDER_LINES.code}


@pytest.mark.parametrize(
    ("field", "value", "reported"),
    [
        ("gname", "成人纸尿裤", "gname"),
        ("qty", "3", "qty"),
        ("price", "99.00", "price"),
        ("totalPrice", "198.00", "totalPrice"),
    ],
)
def test_an_inventory_line_must_name_and_price_the_goods_as_the_order_line(
    field: str, value: str, reported: str
) -> None:
    found = match_documents(import_documents(inventory=import_inventory([inventory_line(1, **{field: value})])))
    assert [(mismatch.code, mismatch.field) for mismatch in found] == [
        (codes.INVENTORY_LINE_MISMATCH.code, f"CEB621/InventoryList[1]/{reported}")
    ]
    assert found[0].reason.startswith("清单第1项")


def test_an_export_receipt_must_charge_the_orders_goods_and_freight_unless_configured_otherwise() -> None:
    documents = export_documents(payment=export_receipt(charge="200.00"))
    assert codes_of(match_documents(documents)) == [codes.CHARGE_NOT_ORDER_AMOUNT.code]
    assert match_documents(documents, MatchingOptions(charge_must_be_order_amount=False)) == ()


def test_an_export_waybill_that_names_a_consignor_must_name_the_inventorys() -> None:
    assert codes_of(match_documents(export_documents(waybill=export_waybill(ebcCode="X")))) == [
        codes.WAYBILL_INVENTORY_MISMATCH.code
    ]
    assert match_documents(export_documents(waybill=export_waybill(ebcCode=""))) == ()


def test_export_lines_are_matched_by_the_enterprises_item_number() -> None:
    inventory = export_inventory([inventory_line(1, itemNo="SKU-OTHER")])
    found = match_documents(export_documents(inventory=inventory))
    assert [mismatch.field for mismatch in found] == ["CEB603/InventoryList[1]/itemNo"]


def test_an_export_receipt_for_another_enterprise_is_reported() -> None:
    found = match_documents(export_documents(payment=export_receipt(ebcCode="X"), order=export_order()))
    assert codes_of(found) == [codes.RECEIPT_ORDER_MISMATCH.code]


def test_partners_are_found_by_the_spec_linking_keys() -> None:
    assert LINKS["import"]["payment"].message_code == "CEB411"
    assert partner_key(import_inventory(), "order") == ("3301960001", "ORD0001")
    assert partner_key(import_inventory(), "waybill") == ("3301960004", "YT0001")
    assert partner_key(export_inventory(), "payment") == ("3301960012", "EXP0001")


def test_an_inventory_waits_for_the_partners_not_yet_declared() -> None:
    inventory = import_inventory()
    assert awaited_partners(inventory, order=import_order(), payment=None, waybill=None) == ("payment", "waybill")
    assert awaited_partners(inventory, order=import_order(), payment=import_payment(), waybill=import_waybill()) == ()


def test_a_partner_under_another_key_is_still_awaited() -> None:
    inventory = import_inventory()
    found = awaited_partners(inventory, order=import_order(orderNo="ORD9"), payment=import_payment(), waybill=None)
    assert found == ("order", "waybill")


def test_partners_that_never_came_are_rejected_with_the_spec_codes_where_it_has_them() -> None:
    found = missing_mismatches(import_inventory(), ("order", "payment", "waybill"))
    assert codes_of(found) == [codes.ORDER_MISSING.code, codes.PAYMENT_MISSING.code, codes.WAYBILL_MISSING.code]
    assert found[0].reason == "[3301960001|ORD0001]订单信息查询不存在"
    assert codes_of(missing_mismatches(export_inventory(), ("payment",))) == [codes.RECEIPT_MISSING.code]


def test_a_return_of_a_line_not_on_the_inventory_is_refused_with_625209() -> None:
    found = refund_mismatches(refund([(2, "9619001000", "1"), (1, "3304990010", "1")]), import_inventory())
    assert codes_of(found) == [codes.REFUND_LINE_NOT_IN_INVENTORY.code] * 2
    assert (
        found[0].reason == "退货申请单[REFUND-GUID-0001],在关联的清单中未找到表体序号为[2],商品编号为[9619001000]的数据"
    )


def test_a_return_may_take_back_part_or_all_of_a_line_but_not_more() -> None:
    assert refund_mismatches(refund([(1, "9619001000", "1")]), import_inventory()) == ()
    assert refund_mismatches(refund([(1, "9619001000", "2")]), import_inventory()) == ()
    found = refund_mismatches(refund([(1, "9619001000", "3")]), import_inventory())
    assert codes_of(found) == [codes.REFUND_QTY_OVER_INVENTORY.code]
