"""What import messages limit to one value ("限定为…"): CNY, the ID card, one parcel per waybill."""

from collections.abc import Iterator

from single_window.ceb import codes
from single_window.ceb.model import BusinessIssue, Context, Document, issue, shown

CNY = "142"
ID_CARD = "1"


def currency_is_cny(document: Document, context: Context) -> Iterator[BusinessIssue]:
    # The import XSD fixes 142 too; the business check keeps the rule and its code when the schema is bypassed.
    for record in (document.head, *document.lines):
        text = record.texts.get("currency")
        if text is not None and text != CNY:
            yield issue(codes.CURRENCY_NOT_CNY, record, "currency", f"currency {shown(text)}")


def id_type_is_id_card(document: Document, context: Context) -> Iterator[BusinessIssue]:
    for name in ("buyerIdType", "payerIdType"):
        text = document.head.texts.get(name)
        if text is not None and text != ID_CARD:
            yield issue(codes.ID_TYPE_NOT_ID_CARD, document.head, name, f"{name} {shown(text)}")


def pack_no_is_one(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """表3-17, 3-31: one parcel per waybill and per inventory."""
    text = document.head.texts.get("packNo")
    if text is not None and not _is_one(text):
        yield issue(codes.PACK_NO_NOT_ONE, document.head, "packNo", f"packNo {shown(text)}")


def _is_one(text: str) -> bool:
    # xs:int allows "01" and "+1"; the value is what counts.
    try:
        return int(text) == 1
    except ValueError:
        return False
