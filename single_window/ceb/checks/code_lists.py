"""Codes that must exist in the customs reference tables, and the trade modes each direction allows."""

from collections.abc import Collection, Iterator
from functools import cache

from single_window.ceb import codes
from single_window.ceb.codes import Code
from single_window.ceb.model import BusinessIssue, Context, Document, Record, issue, shown
from single_window.filings.schemas import NATIONWIDE_DISTRICT
from single_window.refdata.tables import names_by_code

# Optional fields may be present but empty (unit2 C0..3 in CEB603); an empty mandatory field is an unknown code.
_OPTIONAL = frozenset({"tradeCountry", "unit2"})

IMPORT_TRADE_MODES = frozenset({"9610", "1210"})
EXPORT_TRADE_MODES = frozenset({"9610", "1210", "9710", "9810"})


def currencies_are_known(document: Document, context: Context) -> Iterator[BusinessIssue]:
    known = names_by_code("customs_currencies")
    return _unknown(document, known, ("currency", "fCurrency", "iCurrency"), codes.CURRENCY_UNKNOWN)


def countries_are_known(document: Document, context: Context) -> Iterator[BusinessIssue]:
    return _unknown(document, names_by_code("customs_countries"), ("country", "tradeCountry"), codes.COUNTRY_UNKNOWN)


def units_are_known(document: Document, context: Context) -> Iterator[BusinessIssue]:
    return _unknown(document, names_by_code("customs_units"), ("unit", "unit1", "unit2"), codes.UNIT_UNKNOWN)


def districts_are_known(document: Document, context: Context) -> Iterator[BusinessIssue]:
    return _unknown(document, _declarable_districts(), ("customsCode", "portCode"), codes.DISTRICT_UNKNOWN)


def transport_modes_are_known(document: Document, context: Context) -> Iterator[BusinessIssue]:
    return _unknown(document, names_by_code("transport_modes"), ("trafMode",), codes.TRANSPORT_MODE_UNKNOWN)


def trade_mode_is_import_retail(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """表3-31: 直购进口 9610, 保税进口 1210."""
    return _trade_mode(document.head, IMPORT_TRADE_MODES)


def trade_mode_is_export_retail(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """表2-38: 一般出口 9610, 特殊区域出口 1210, B2B 出口 9710, 出口海外仓 9810."""
    return _trade_mode(document.head, EXPORT_TRADE_MODES)


@cache
def _declarable_districts() -> frozenset[str]:
    # "0000" stands for all of customs in the table; no message is declared to it.
    return frozenset(names_by_code("customs_districts")) - {NATIONWIDE_DISTRICT}


def _unknown(document: Document, known: Collection[str], names: tuple[str, ...], code: Code) -> Iterator[BusinessIssue]:
    for record in (document.head, *document.lines):
        for name in names:
            text = record.texts.get(name)
            if text is None or text in known or (not text and name in _OPTIONAL):
                continue
            yield issue(code, record, name, f"{name} {shown(text)}")


def _trade_mode(head: Record, allowed: frozenset[str]) -> Iterator[BusinessIssue]:
    text = head.texts.get("tradeMode")
    if text is None or text in allowed:
        return
    name = names_by_code("supervision_modes").get(text)
    if name is None:
        yield issue(codes.TRADE_MODE_UNKNOWN, head, "tradeMode", f"tradeMode {shown(text)}")
    else:
        expected = ", ".join(sorted(allowed))
        yield issue(codes.TRADE_MODE_NOT_ALLOWED, head, "tradeMode", f"tradeMode {text} {name}; allowed {expected}")
