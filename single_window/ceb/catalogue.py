"""The one table of CEB message types: 42 rows of the 2022-05 edition, each with every fact about its type.

Shape, receipt, business keys, declarants and enterprise fields, rules and the codes they report: a row holds them
all (ceb/model.py names the fields), ceb/import_types.py and ceb/export_types.py write the rows, and everything else
reads them here. tests/ceb/test_catalogue.py walks every row for the facts its kind must have.
"""

from single_window.ceb.export_types import EXPORT
from single_window.ceb.import_types import IMPORT
from single_window.ceb.model import MessageType

ALL: tuple[MessageType, ...] = (*IMPORT, *EXPORT)
_BY_CODE = {message_type.code: message_type for message_type in ALL}
# Only for finding the row of an XML message: CEB311Message is CEB311's root.
_BY_ROOT = {message_type.root: message_type for message_type in ALL}


def by_code(code: str) -> MessageType | None:
    return _BY_CODE.get(code)


def by_root(localname: str) -> MessageType | None:
    return _BY_ROOT.get(localname)


def receipt_of(message_type: MessageType) -> MessageType:
    """The receipt row that answers a declaration row."""
    receipt = _BY_CODE.get(message_type.receipt_code or "")
    if receipt is None:
        raise LookupError(f"{message_type.code} is answered by no receipt")
    return receipt
