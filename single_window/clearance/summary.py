"""The export summary declaration (汇总申报, rules.md §7) as pure rules over plain data.

A summary application (CEB701) names closed inventories of one consignor, or a time range that replaces the list.
Customs takes them all or none (``refusals``), then ``summarise`` groups them: one customs declaration (declSeqNo)
per consignor, transport mode, destination country, exit customs and, with summaryFlag 2, producer; within it one
item (gseqno) per 10-digit tariff code, final destination country, currency and, with itemNameFlag 1, the
inventory's own item name (itemName, or gname where it has none).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Self

from single_window.ceb import codes
from single_window.ceb.codes import Code
from single_window.clearance.facts import Fields, amount, text, whole
from single_window.clearance.mismatch import Mismatch, mismatch
from single_window.clearance.states import InventoryStatus
from single_window.receipts.texts import CHINA_TIME

BY_CONSIGNOR_AND_PRODUCER = "2"  # summaryFlag; 1 is by consignor only
BY_ITEM_NAME = "1"  # itemNameFlag; empty groups by the goods' general class name, which the simulator has not
TIME_FORMAT = "%Y%m%d%H%M%S"


@dataclass(frozen=True, slots=True)
class Grouping:
    by_producer: bool = False
    by_item_name: bool = False


@dataclass(frozen=True, slots=True)
class Window:
    """startTime to endTime (China time, both seconds included): the inventories closed in it are summarised."""

    start: datetime
    end: datetime

    @property
    def after_end(self) -> datetime:
        """The first moment past the window: endTime's second is in it."""
        return self.end + timedelta(seconds=1)


@dataclass(frozen=True, slots=True)
class SummaryApplication:
    """What a CEB701 asks: whose inventories, which ones (or the window that replaces the list), how grouped."""

    ebc_code: str
    invt_nos: tuple[str, ...]
    window: Window | None
    grouping: Grouping

    @classmethod
    def from_fields(cls, head: Fields, lines: Sequence[Fields]) -> Self:
        return cls(
            ebc_code=text(head, "ebcCode"),
            invt_nos=tuple(dict.fromkeys(text(line, "invtNo") for line in lines)),
            window=_window(head),
            grouping=Grouping(
                by_producer=head.get("summaryFlag") == BY_CONSIGNOR_AND_PRODUCER,
                by_item_name=head.get("itemNameFlag") == BY_ITEM_NAME,
            ),
        )


def _window(head: Fields) -> Window | None:
    """Only a pair is a window ("填写须成对"); one time alone leaves the list in force."""
    start, end = head.get("startTime"), head.get("endTime")
    if not (start and end):
        return None
    return Window(_china_time(start), _china_time(end))


def _china_time(value: str) -> datetime:
    return datetime.strptime(value, TIME_FORMAT).replace(tzinfo=CHINA_TIME)


@dataclass(frozen=True, slots=True)
class Standing:
    """What customs holds of an inventory of the consignor: its status, and whether a summary took it already."""

    status: str
    summarised: bool

    @property
    def summarisable(self) -> bool:
        return self.status == InventoryStatus.CLOSED and not self.summarised


def refusals(named: Sequence[str], standings: Mapping[str, Standing]) -> tuple[Mismatch, ...]:
    """Every inventory named that may not be summarised, each with its invtNo; nothing named is a refusal too."""
    if not named:
        return (_refused(codes.NOTHING_TO_SUMMARISE, "SummaryApplyList", ""),)
    return tuple(
        _refused(code, "invtNo", invt_no) for invt_no in named if (code := _refusal(standings.get(invt_no))) is not None
    )


def _refusal(standing: Standing | None) -> Code | None:
    if standing is None:
        return codes.SUMMARY_INVENTORY_NOT_FOUND
    if standing.status != InventoryStatus.CLOSED:
        return codes.SUMMARY_INVENTORY_NOT_CLOSED
    return codes.SUMMARY_INVENTORY_SUMMARISED if standing.summarised else None


def _refused(code: Code, field: str, invt_no: str) -> Mismatch:
    return mismatch(code, field, f"{code.zh}[{invt_no}]" if invt_no else code.zh)


@dataclass(frozen=True, slots=True)
class ClosedLine:
    gnum: int
    gcode: str
    country: str  # 最终目的国
    currency: str
    item_name: str

    @classmethod
    def from_fields(cls, line: Fields) -> Self:
        return cls(
            gnum=whole(line, "gnum"),
            gcode=text(line, "gcode"),
            country=text(line, "country"),
            currency=text(line, "currency"),
            item_name=line.get("itemName") or text(line, "gname"),
        )


@dataclass(frozen=True, slots=True)
class ClosedInventory:
    """A closed export inventory (CEB603) as the summary reads it."""

    invt_no: str
    logistics_no: str
    ebc_code: str
    owner_code: str
    traf_mode: str
    country: str  # 运抵国
    port_code: str
    gross_weight: Decimal
    net_weight: Decimal
    lines: tuple[ClosedLine, ...]

    @classmethod
    def from_fields(cls, head: Fields, lines: Sequence[Fields]) -> Self:
        return cls(
            invt_no=text(head, "invtNo"),
            logistics_no=text(head, "logisticsNo"),
            ebc_code=text(head, "ebcCode"),
            owner_code=text(head, "ownerCode"),
            traf_mode=text(head, "trafMode"),
            country=text(head, "country"),
            port_code=text(head, "portCode"),
            gross_weight=amount(head, "grossWeight"),
            net_weight=amount(head, "netWeight"),
            lines=tuple(ClosedLine.from_fields(line) for line in lines),
        )


@dataclass(frozen=True, slots=True)
class DeclarationKey:
    """What the inventories of one customs declaration share; owner_code is empty unless grouped by producer."""

    ebc_code: str
    traf_mode: str
    country: str
    port_code: str
    owner_code: str


@dataclass(frozen=True, slots=True)
class ItemKey:
    """What the inventory lines of one declaration item share; item_name is empty unless grouped by it."""

    gcode: str
    country: str
    currency: str
    item_name: str


@dataclass(frozen=True, slots=True)
class ResultLine:
    """One inventory line in a declaration: SummaryResultList maps it to its item, gseqno."""

    invt_no: str
    logistics_no: str
    gseqno: int
    gnum: int
    gcode: str


@dataclass(frozen=True, slots=True)
class SummaryDeclaration:
    key: DeclarationKey
    items: tuple[ItemKey, ...]  # item n is gseqno n + 1
    lines: tuple[ResultLine, ...]
    gross_weight: Decimal
    net_weight: Decimal

    @property
    def invt_nos(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(line.invt_no for line in self.lines))


def summarise(inventories: Sequence[ClosedInventory], grouping: Grouping) -> tuple[SummaryDeclaration, ...]:
    """The declarations in the order their first inventory comes, items numbered in the order their first line comes."""
    groups: dict[DeclarationKey, list[ClosedInventory]] = {}
    for inventory in inventories:
        groups.setdefault(declaration_key(inventory, grouping), []).append(inventory)
    return tuple(_declaration(key, members, grouping) for key, members in groups.items())


def declaration_key(inventory: ClosedInventory, grouping: Grouping) -> DeclarationKey:
    return DeclarationKey(
        ebc_code=inventory.ebc_code,
        traf_mode=inventory.traf_mode,
        country=inventory.country,
        port_code=inventory.port_code,
        owner_code=inventory.owner_code if grouping.by_producer else "",
    )


def item_key(line: ClosedLine, grouping: Grouping) -> ItemKey:
    return ItemKey(
        gcode=line.gcode,  # C10: the 10-digit code
        country=line.country,
        currency=line.currency,
        item_name=line.item_name if grouping.by_item_name else "",
    )


def _declaration(key: DeclarationKey, inventories: Sequence[ClosedInventory], grouping: Grouping) -> SummaryDeclaration:
    items: dict[ItemKey, int] = {}
    lines = []
    for inventory in inventories:
        for line in inventory.lines:
            gseqno = items.setdefault(item_key(line, grouping), len(items) + 1)
            lines.append(ResultLine(inventory.invt_no, inventory.logistics_no, gseqno, line.gnum, line.gcode))
    return SummaryDeclaration(
        key=key,
        items=tuple(items),
        lines=tuple(lines),
        gross_weight=sum((inventory.gross_weight for inventory in inventories), Decimal(0)),
        net_weight=sum((inventory.net_weight for inventory in inventories), Decimal(0)),
    )
