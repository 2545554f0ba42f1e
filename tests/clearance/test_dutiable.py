"""The dutiable price: freight and insurance shared out by value, the shares adding up to the head exactly."""

from decimal import Decimal

from single_window.clearance.dutiable import apportion, dutiable_prices, dutiable_total
from tests.clearance.factories import import_inventory, inventory_line


def test_one_line_takes_all_the_freight_and_insurance() -> None:
    inventory = import_inventory(freight="10.00", insuredFee="1.50")
    assert dutiable_prices(inventory) == (Decimal("211.50"),)


def test_freight_is_shared_by_value_and_the_last_line_takes_the_remainder() -> None:
    shares = apportion(Decimal("10"), [Decimal("100"), Decimal("100"), Decimal("100")])
    assert shares == (Decimal("3.33333"), Decimal("3.33333"), Decimal("3.33334"))
    assert sum(shares) == Decimal("10")


def test_shares_are_rounded_half_up_at_five_decimals() -> None:
    # Half of 0.00001 is 0.000005: the first share rounds up and the last is what is left.
    assert apportion(Decimal("0.00001"), [Decimal("1"), Decimal("1")]) == (Decimal("0.00001"), Decimal("0.00000"))


def test_gifts_at_price_zero_get_no_share_unless_every_line_is_a_gift() -> None:
    assert apportion(Decimal("6"), [Decimal("0"), Decimal("30")]) == (Decimal("0"), Decimal("6"))
    assert apportion(Decimal("6"), [Decimal("0"), Decimal("0")]) == (Decimal("0"), Decimal("6"))


def test_the_lines_dutiable_prices_add_up_to_the_inventorys_total() -> None:
    lines = [
        inventory_line(1, totalPrice="33.33"),
        inventory_line(2, totalPrice="66.67"),
        inventory_line(3, totalPrice="0.01"),
    ]
    inventory = import_inventory(lines, freight="7.77", insuredFee="0.11")
    assert sum(dutiable_prices(inventory)) == dutiable_total(inventory) == Decimal("107.89")
