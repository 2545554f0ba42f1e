"""One order's documents as plain data: the order, its payment, its waybill and its inventory agree by construction."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from single_window.generator.goods import CENT, Goods
from single_window.generator.numbers import Transport
from single_window.generator.parties import Enterprises
from single_window.generator.people import Buyer

GRAM = Decimal("0.001")
# rules.md §4: within the limits the duty is 0 and VAT (13 %) and consumption tax (0 for these goods) are levied at
# 70 %: (0 + 13 % + 0) x 70 % = 9.1 % of the dutiable price, goods plus freight (insurance is 0 here).
IMPORT_TAX_RATE = Decimal("0.091")


@dataclass(frozen=True)
class Line:
    gnum: int
    goods: Goods
    qty: int
    price: Decimal  # in the set's currency, two decimals

    @property
    def total(self) -> Decimal:
        # Two decimals times a whole quantity: exact, so totalPrice = price x qty holds digit for digit.
        return self.price * self.qty


@dataclass(frozen=True)
class Guids:
    """The head guid of each of the four documents of one order."""

    order: str
    payment: str
    waybill: str
    inventory: str


@dataclass(frozen=True)
class Timeline:
    paid: datetime
    ordered: datetime
    payment_sent: datetime
    waybill_sent: datetime
    inventory_sent: datetime
    border_crossed: date  # ieDate: the import arrival, or the export departure


@dataclass(frozen=True)
class OrderSet:
    """What an import and an export set share: who, what, when, and the numbers that link the documents."""

    parties: Enterprises
    order_no: str
    guids: Guids
    lines: tuple[Line, ...]
    freight: Decimal
    times: Timeline
    trade_mode: str
    currency: str
    payment_no: str
    logistics_no: str
    cop_no: str

    @property
    def goods_value(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal("0.00"))

    @property
    def gross_weight(self) -> Decimal:
        return _kilograms(sum(line.goods.gross_weight * line.qty for line in self.lines))

    @property
    def net_weight(self) -> Decimal:
        return _kilograms(sum(line.goods.net_weight * line.qty for line in self.lines))

    def net_weight_of(self, line: Line) -> Decimal:
        """The legal first quantity in kilograms (unit1 035): the filings carry no per-tariff legal unit."""
        return _kilograms(line.goods.net_weight * line.qty)


@dataclass(frozen=True)
class ImportSet(OrderSet):
    """CEB311, CEB411, CEB511, CEB621 of one retail import order, in CNY (currency 142)."""

    buyer: Buyer
    discount: Decimal
    transport: Transport | None  # 9610 direct purchase only
    ems_no: str | None  # 1210 bonded import only: the bonded area's account book

    @property
    def tax_total(self) -> Decimal:
        return ((self.goods_value + self.freight) * IMPORT_TAX_RATE).quantize(CENT, ROUND_HALF_UP)

    @property
    def actural_paid(self) -> Decimal:
        """表3-3: goodsValue + freight + taxTotal - discount; the payment's amountPaid is the same figure."""
        return self.goods_value + self.freight + self.tax_total - self.discount

    @property
    def shipped_from(self) -> str:
        """Inventory head country: where a direct purchase departs (its first line's origin); 142 when bonded."""
        return self.lines[0].goods.origin if self.trade_mode == "9610" else "142"


@dataclass(frozen=True)
class ExportSet(OrderSet):
    """CEB303, CEB403, CEB505, CEB603 of one export order, in CNY (142) or USD (502)."""

    order_type: str
    destination: str
    pack_no: int
    transport: Transport

    @property
    def charge(self) -> Decimal:
        """The receipt of payment collects the goods (FOB) and the freight the order states."""
        return self.goods_value + self.freight


def _kilograms(weight: Decimal | int) -> Decimal:
    # A parcel weighs at least a gram even when the filings list a few hundred milligrams.
    return max(Decimal(weight).quantize(GRAM, ROUND_HALF_UP), GRAM)
