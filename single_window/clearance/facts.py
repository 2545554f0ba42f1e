"""What the clearance rules read of a declared document: plain, typed facts built from its XML field names.

Each ``from_fields`` takes a stored document's head fields and list lines (XML local names to text) of a message that
passed the XSD and the intake checks, so a missing mandatory field or a malformed number is a programming error here,
not a declarant's: it raises ``ValueError`` naming the field.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Self

from single_window.ceb.model import Direction

Fields = Mapping[str, str]
IE_FLAGS: dict[str, Direction] = {"I": "import", "E": "export"}


def text(fields: Fields, name: str) -> str:
    try:
        return fields[name]
    except KeyError:
        raise ValueError(f"field {name} is missing") from None


def amount(fields: Fields, name: str, *, default: Decimal | None = None) -> Decimal:
    """An N19,5 field, exact; an absent or empty optional field is ``default`` (waybill freight: "无则填0")."""
    value = fields.get(name, "")
    if value == "" and default is not None:
        return default
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"field {name} is not a number: {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"field {name} is not a finite number: {value!r}")
    return number


def whole(fields: Fields, name: str) -> int:
    value = text(fields, name)
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"field {name} is not an integer: {value!r}") from None


@dataclass(frozen=True, slots=True)
class Person:
    """A buyer (订购人) or payer (支付人): the identity customs compares between documents."""

    id_type: str
    id_number: str
    name: str
    telephone: str


@dataclass(frozen=True, slots=True)
class Consignee:
    name: str
    telephone: str
    address: str


@dataclass(frozen=True, slots=True)
class LineFacts:
    """One list line of an order or an inventory; ``gname`` and ``gcode`` are empty on orders."""

    gnum: int
    item_no: str
    item_name: str
    gname: str
    gcode: str
    unit: str
    qty: Decimal
    price: Decimal
    total_price: Decimal
    # The legal and second quantities (inventories only): what a price per gram or per piece is measured in.
    unit1: str = ""
    qty1: Decimal | None = None
    unit2: str = ""
    qty2: Decimal | None = None

    @classmethod
    def from_fields(cls, line: Fields) -> Self:
        return cls(
            gnum=whole(line, "gnum"),
            item_no=line.get("itemNo", ""),
            item_name=line.get("itemName", ""),
            gname=line.get("gname", ""),
            gcode=line.get("gcode", ""),
            unit=line.get("unit", ""),
            qty=amount(line, "qty"),
            price=amount(line, "price"),
            total_price=amount(line, "totalPrice"),
            unit1=line.get("unit1", ""),
            qty1=_optional_amount(line, "qty1"),
            unit2=line.get("unit2", ""),
            qty2=_optional_amount(line, "qty2"),
        )


def _optional_amount(fields: Fields, name: str) -> Decimal | None:
    return None if fields.get(name, "") == "" else amount(fields, name)


def _lines(lines: Sequence[Fields]) -> tuple[LineFacts, ...]:
    return tuple(LineFacts.from_fields(line) for line in lines)


def _buyer(head: Fields) -> Person:
    return Person(
        id_type=text(head, "buyerIdType"),
        id_number=text(head, "buyerIdNumber"),
        name=text(head, "buyerName"),
        telephone=text(head, "buyerTelephone"),
    )


@dataclass(frozen=True, slots=True)
class OrderFacts:
    """An order: CEB311 (import) or CEB303 (export, which names neither buyer nor consignee nor payment)."""

    guid: str
    order_no: str
    ebp_code: str
    ebc_code: str
    goods_value: Decimal
    freight: Decimal
    lines: tuple[LineFacts, ...]
    # Import only: what was paid, by whom, delivered to whom.
    actural_paid: Decimal | None = None
    buyer: Person | None = None
    consignee: Consignee | None = None
    pay_code: str = ""
    pay_transaction_id: str = ""

    @property
    def goods_and_freight(self) -> Decimal:
        """What an export order's transaction comes to: the goods (FOB) and the freight (表2-3)."""
        return self.goods_value + self.freight

    @classmethod
    def from_fields(cls, head: Fields, lines: Sequence[Fields]) -> Self:
        imported = "acturalPaid" in head
        return cls(
            guid=text(head, "guid"),
            order_no=text(head, "orderNo"),
            ebp_code=text(head, "ebpCode"),
            ebc_code=text(head, "ebcCode"),
            goods_value=amount(head, "goodsValue"),
            freight=amount(head, "freight"),
            lines=_lines(lines),
            actural_paid=amount(head, "acturalPaid") if imported else None,
            buyer=_buyer(head) if imported else None,
            consignee=_consignee(head) if imported else None,
            pay_code=head.get("payCode", ""),
            pay_transaction_id=head.get("payTransactionId", ""),
        )


def _consignee(head: Fields) -> Consignee:
    return Consignee(
        name=text(head, "consignee"),
        telephone=text(head, "consigneeTelephone"),
        address=text(head, "consigneeAddress"),
    )


@dataclass(frozen=True, slots=True)
class PaymentFacts:
    """A payment voucher (CEB411, ``amountPaid``) or an export receipt of payment (CEB403, ``charge``)."""

    guid: str
    order_no: str
    ebp_code: str
    ebc_code: str
    pay_code: str
    pay_transaction_id: str
    amount: Decimal
    payer: Person | None = None

    @classmethod
    def from_fields(cls, head: Fields, lines: Sequence[Fields] = ()) -> Self:
        imported = "amountPaid" in head
        return cls(
            guid=text(head, "guid"),
            order_no=text(head, "orderNo"),
            ebp_code=text(head, "ebpCode"),
            ebc_code=head.get("ebcCode", ""),
            pay_code=head.get("payCode", ""),
            pay_transaction_id=head.get("payTransactionId", head.get("payNo", "")),
            amount=amount(head, "amountPaid" if imported else "charge"),
            payer=_payer(head) if imported else None,
        )


def _payer(head: Fields) -> Person:
    return Person(
        id_type=text(head, "payerIdType"),
        id_number=text(head, "payerIdNumber"),
        name=text(head, "payerName"),
        telephone=head.get("telephone", ""),
    )


@dataclass(frozen=True, slots=True)
class WaybillFacts:
    """A waybill: CEB511 (import, names its order and consignee) or CEB505 (export, may name the ebcCode)."""

    guid: str
    logistics_code: str
    logistics_no: str
    freight: Decimal
    insured_fee: Decimal
    order_no: str = ""
    ebc_code: str = ""
    consignee: Consignee | None = None

    @classmethod
    def from_fields(cls, head: Fields, lines: Sequence[Fields] = ()) -> Self:
        imported = "orderNo" in head
        return cls(
            guid=text(head, "guid"),
            logistics_code=text(head, "logisticsCode"),
            logistics_no=text(head, "logisticsNo"),
            freight=amount(head, "freight", default=Decimal(0)),
            insured_fee=amount(head, "insuredFee", default=Decimal(0)),
            order_no=head.get("orderNo", ""),
            ebc_code=head.get("ebcCode", ""),
            consignee=_consignee(head) if imported else None,
        )


@dataclass(frozen=True, slots=True)
class InventoryFacts:
    """An inventory (申报清单): CEB621 (import, names the buyer) or CEB603 (export)."""

    guid: str
    direction: Direction
    order_no: str
    ebp_code: str
    ebc_code: str
    logistics_code: str
    logistics_no: str
    trade_mode: str
    freight: Decimal
    insured_fee: Decimal
    lines: tuple[LineFacts, ...]
    buyer: Person | None = None
    invt_no: str = ""

    @classmethod
    def from_fields(cls, head: Fields, lines: Sequence[Fields]) -> Self:
        direction = _direction(text(head, "ieFlag"))
        return cls(
            guid=text(head, "guid"),
            direction=direction,
            order_no=text(head, "orderNo"),
            ebp_code=text(head, "ebpCode"),
            ebc_code=text(head, "ebcCode"),
            logistics_code=text(head, "logisticsCode"),
            logistics_no=text(head, "logisticsNo"),
            trade_mode=text(head, "tradeMode"),
            freight=amount(head, "freight"),
            insured_fee=amount(head, "insuredFee"),
            lines=_lines(lines),
            buyer=_buyer(head) if direction == "import" else None,
            invt_no=head.get("invtNo", ""),
        )


def _direction(ie_flag: str) -> Direction:
    try:
        return IE_FLAGS[ie_flag]
    except KeyError:
        raise ValueError(f"field ieFlag is neither I nor E: {ie_flag!r}") from None


@dataclass(frozen=True, slots=True)
class RefundLineFacts:
    gnum: int
    gcode: str
    qty: Decimal


@dataclass(frozen=True, slots=True)
class RefundFacts:
    """An import return (CEB625): the original inventory's number and the lines asked back."""

    guid: str
    invt_no: str
    lines: tuple[RefundLineFacts, ...]

    @classmethod
    def from_fields(cls, head: Fields, lines: Sequence[Fields]) -> Self:
        refund_lines = (
            RefundLineFacts(whole(line, "gnum"), text(line, "gcode"), amount(line, "qty")) for line in lines
        )
        return cls(guid=text(head, "guid"), invt_no=text(head, "invtNo"), lines=tuple(refund_lines))
