"""Every generated message passes the service's schema and business checks, and the four documents agree."""

from decimal import Decimal

import pytest
from lxml import etree

from single_window.ceb import xsd
from single_window.ceb.catalogue import by_root
from single_window.ceb.checks.check import check_message
from single_window.generator import ceb311_message, ceb411_message, ceb511_message, ceb621_message
from single_window.messages.offline import DemoFilings
from tests.generator.factories import all_of, cop_code, import_sets, messages, parse, text

# (seed, orders per message, lines): a few seeds at 1 and 100 orders per message, 1 and 99 lines, and at random.
CASES = [
    *((seed, 1, lines) for seed in (1, 2, 3) for lines in (None, 1, 99)),
    *((seed, 100, lines) for seed in (4, 5) for lines in (None, 1)),
    (6, 100, 99),
]


@pytest.mark.parametrize("direction", ["import", "export"])
@pytest.mark.parametrize(("seed", "per_message", "lines"), CASES)
def test_every_generated_message_passes_the_schema_and_the_business_checks(
    direction: str, seed: int, per_message: int, lines: int | None
) -> None:
    orders = 3 if per_message == 1 else per_message
    for name, body in messages(direction, seed, orders, per_message=per_message, lines=lines):
        root = parse(body)
        message_type = by_root(etree.QName(root).localname)
        assert message_type is not None, name
        assert xsd.validate(root, message_type) == [], name
        assert check_message(root, sender_code=cop_code(root), directory=DemoFilings()) == [], name


def test_a_message_of_a_hundred_orders_carries_a_hundred_documents() -> None:
    root = parse(ceb311_message(import_sets(orders=100)))
    assert len(all_of(root, "Order")) == 100


def test_a_message_of_more_than_a_hundred_orders_is_refused() -> None:
    with pytest.raises(ValueError, match="1 to 100"):
        ceb311_message(import_sets(orders=101))


def test_order_payment_waybill_and_inventory_name_the_same_order_and_enterprises() -> None:
    (order_set,) = import_sets(seed=9, orders=1)
    order = parse(ceb311_message([order_set]))
    payment, waybill, inventory = (
        parse(build([order_set])) for build in (ceb411_message, ceb511_message, ceb621_message)
    )
    order_no = text(order, "Order/OrderHead/orderNo")
    assert text(payment, "Payment/PaymentHead/orderNo") == order_no
    assert text(waybill, "Logistics/LogisticsHead/orderNo") == order_no
    assert text(inventory, "Inventory/InventoryHead/orderNo") == order_no
    for field in ("ebpCode", "ebcCode"):
        assert text(inventory, f"Inventory/InventoryHead/{field}") == text(order, f"Order/OrderHead/{field}")
    assert text(payment, "Payment/PaymentHead/ebpCode") == text(order, "Order/OrderHead/ebpCode")
    assert text(inventory, "Inventory/InventoryHead/logisticsNo") == text(
        waybill, "Logistics/LogisticsHead/logisticsNo"
    )


def test_the_payment_pays_exactly_what_the_order_says_was_paid() -> None:
    for order_set in import_sets(seed=10, orders=20):
        order, payment = parse(ceb311_message([order_set])), parse(ceb411_message([order_set]))
        assert text(payment, "Payment/PaymentHead/amountPaid") == text(order, "Order/OrderHead/acturalPaid")
        assert text(payment, "Payment/PaymentHead/payTransactionId") == text(order, "Order/OrderHead/payTransactionId")
        assert text(payment, "Payment/PaymentHead/payerIdNumber") == text(order, "Order/OrderHead/buyerIdNumber")


def test_the_waybill_delivers_to_the_consignee_of_the_order() -> None:
    (order_set,) = import_sets(seed=11, orders=1)
    order, waybill = parse(ceb311_message([order_set])), parse(ceb511_message([order_set]))
    for field in ("consignee", "consigneeTelephone", "consigneeAddress"):
        assert text(waybill, f"Logistics/LogisticsHead/{field}") == text(order, f"Order/OrderHead/{field}")


def test_inventory_lines_match_the_order_lines_one_to_one() -> None:
    (order_set,) = import_sets(seed=12, orders=1, lines=7)
    order, inventory = parse(ceb311_message([order_set])), parse(ceb621_message([order_set]))
    order_lines, inventory_lines = all_of(order, "Order/OrderList"), all_of(inventory, "Inventory/InventoryList")
    assert len(order_lines) == len(inventory_lines) == 7
    for order_line, inventory_line, line in zip(order_lines, inventory_lines, order_set.lines, strict=True):
        assert text(inventory_line, "gnum") == text(order_line, "gnum") == str(line.gnum)
        assert text(inventory_line, "gname") == text(order_line, "itemName")
        assert text(inventory_line, "gcode") == line.goods.hs_code
        for field in ("qty", "unit", "price", "totalPrice", "country", "currency"):
            assert text(inventory_line, field) == text(order_line, field), field


def test_every_total_price_is_price_times_qty_to_the_cent() -> None:
    root = parse(ceb311_message(import_sets(seed=13, orders=50)))
    for line in all_of(root, "Order/OrderList"):
        price, qty, total = (Decimal(text(line, name)) for name in ("price", "qty", "totalPrice"))
        assert total == price * qty
        assert total.as_tuple().exponent == -2
