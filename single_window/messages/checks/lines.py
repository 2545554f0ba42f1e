"""List lines: gnum numbering, and the second quantity that goes with the second unit."""

from collections.abc import Iterator, Mapping
from decimal import Decimal

from single_window.messages.checks import codes
from single_window.messages.checks.arithmetic import amount
from single_window.messages.checks.codes import Code
from single_window.messages.checks.model import BusinessIssue, Context, Document, Record, issue

# The spec names the duplicate-gnum code for orders and inventories only.
DUPLICATE_GNUM_CODES: Mapping[str, Code] = {
    "CEB311Message": codes.ORDER_DUPLICATE_GNUM,
    "CEB621Message": codes.INVENTORY_DUPLICATE_GNUM,
}
# -625009 is the spec's code for this rule on returns; other lists get the project code.
SECOND_QUANTITY_CODES: Mapping[str, Code] = {"CEB625Message": codes.REFUND_SECOND_QUANTITY}


def gnum_is_unique(document: Document, context: Context) -> Iterator[BusinessIssue]:
    code = DUPLICATE_GNUM_CODES.get(context.root, codes.DUPLICATE_GNUM)
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
    code = SECOND_QUANTITY_CODES.get(context.root, codes.SECOND_QUANTITY_MISMATCH)
    for line in document.lines:
        unit2 = line.texts.get("unit2", "")
        qty2_text = line.texts.get("qty2", "")
        if not unit2 and qty2_text:
            yield issue(code, line, "qty2", f"qty2 {qty2_text} without unit2")
        elif unit2 and not _positive(amount(line, "qty2")):
            yield issue(code, line, "qty2", f"qty2 {qty2_text or 'missing'} with unit2 {unit2}")


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
