"""Fields whose values the spec fixes to a short list (§3 of messages.md, the PDF tables cited per rule)."""

from collections.abc import Iterator

from single_window.ceb import codes
from single_window.ceb.codes import Code
from single_window.ceb.model import BusinessIssue, Context, Document, Record, issue, shown


def app_type_is_known(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """1 新增, 2 变更, 3 删除."""
    return _one_of(document.head, "appType", frozenset({"1", "2", "3"}), codes.APP_TYPE_INVALID)


def app_type_is_new(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """CEB623 cancellations are only ever added (表3-38: 1-新增)."""
    return _one_of(document.head, "appType", frozenset({"1"}), codes.APP_TYPE_INVALID)


def app_status_is_known(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """1 暂存, 2 申报."""
    return _one_of(document.head, "appStatus", frozenset({"1", "2"}), codes.APP_STATUS_INVALID)


def order_type_is_import(document: Document, context: Context) -> Iterator[BusinessIssue]:
    return _one_of(document.head, "orderType", frozenset({"I"}), codes.ORDER_TYPE_INVALID)


def order_type_is_export(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """E B2C, B B2B, W overseas-warehouse booking."""
    return _one_of(document.head, "orderType", frozenset({"E", "B", "W"}), codes.ORDER_TYPE_INVALID)


def ie_flag_is_import(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """Import messages, and the export returns CEB213/CEB215 ("出口退货填写I")."""
    return _one_of(document.head, "ieFlag", frozenset({"I"}), codes.IE_FLAG_INVALID)


def ie_flag_is_export(document: Document, context: Context) -> Iterator[BusinessIssue]:
    return _one_of(document.head, "ieFlag", frozenset({"E"}), codes.IE_FLAG_INVALID)


def logistics_status_is_signed(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """表3-24: 物流签收状态，限定S."""
    return _one_of(document.head, "logisticsStatus", frozenset({"S"}), codes.LOGISTICS_STATUS_INVALID)


def statistics_flag_is_known(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """表2-38: A 简化申报, B 汇总申报."""
    return _one_of(document.head, "statisticsFlag", frozenset({"A", "B"}), codes.STATISTICS_FLAG_INVALID)


def charge_flags_are_known(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """表2-38: freight and insurance flags, 1 率, 2 单价, 3 总价."""
    flags = frozenset({"1", "2", "3"})
    yield from _one_of(document.head, "fFlag", flags, codes.CHARGE_FLAG_INVALID)
    yield from _one_of(document.head, "iFlag", flags, codes.CHARGE_FLAG_INVALID)


def _one_of(record: Record, name: str, allowed: frozenset[str], code: Code) -> Iterator[BusinessIssue]:
    text = record.texts.get(name)
    if text is not None and text not in allowed:
        yield issue(code, record, name, f"{name} {shown(text)}; allowed {', '.join(sorted(allowed))}")
