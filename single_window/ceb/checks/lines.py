"""List lines: gnum numbering, and the second quantity that goes with the second unit."""

from collections.abc import Iterator
from decimal import Decimal

from single_window.ceb import codes
from single_window.ceb.checks.arithmetic import amount
from single_window.ceb.codes import Code
from single_window.ceb.model import BusinessIssue, Context, Document, Record, issue


def gnum_is_unique(document: Document, context: Context) -> Iterator[BusinessIssue]:
    code = _stated(context.message_type.duplicate_gnum_code, context, "duplicate_gnum_code")
    seen: dict[int, Record] = {}
    for line, gnum in _numbered(document):
        first = seen.setdefault(gnum, line)
        if first is not line:
            yield issue(code, line, "gnum", f"gnum {gnum} already used by {first.path.rpartition('/')[2]}")


def gnum_is_continuous(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """Numbered 1, 2, 3…: with n lines every gnum lies in 1..n; with uniqueness that is exactly 1..n."""
    numbered = list(_numbered(document))
    for line, gnum in numbered:
        if not 1 <= gnum <= len(numbered):
            yield issue(codes.GNUM_NOT_CONTINUOUS, line, "gnum", f"gnum {gnum} outside 1..{len(numbered)}")


def second_quantity_matches_unit(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """When the second unit is empty the second quantity is empty; when it is set the quantity is positive."""
    code = _stated(context.message_type.second_quantity_code, context, "second_quantity_code")
    for line in document.lines:
        unit2 = line.texts.get("unit2", "")
        qty2_text = line.texts.get("qty2", "")
        if not unit2 and qty2_text:
            yield issue(code, line, "qty2", f"qty2 {qty2_text} without unit2")
        elif unit2 and not _positive(amount(line, "qty2")):
            yield issue(code, line, "qty2", f"qty2 {qty2_text or 'missing'} with unit2 {unit2}")


def _stated(code: Code | None, context: Context, name: str) -> Code:
    # Every row that runs the rule states its code; tests/ceb/test_catalogue.py holds each row to it.
    if code is None:
        raise LookupError(f"{context.message_type.code} runs a rule that reports its {name}, and states none")
    return code


def _numbered(document: Document) -> Iterator[tuple[Record, int]]:
    for line in document.lines:
        text = line.texts.get("gnum")
        if text is not None:
            try:
                yield line, int(text)
            except ValueError:
                continue


def _positive(number: Decimal | None) -> bool:
    return number is not None and number > 0
