"""How a row of the message-type table is written: a declaration with its facts, a receipt, a notice."""

from collections.abc import Mapping

from single_window.ceb import codes
from single_window.ceb.codes import Code
from single_window.ceb.model import Direction, DocumentRule, KeyCodes, MessageType, Party

# Where the spec names no code of its own for a key already declared or not found (-9008xx, codes.py).
ANY_DOCUMENT = KeyCodes(codes.DOCUMENT_EXISTS, codes.DOCUMENT_NOT_FOUND)
# What the currency fields of import heads and lines mean when left empty: the XSDs fix them to CNY.
CNY: Mapping[str, str] = {"currency": "142"}


def declaration(
    number: int,
    direction: Direction,
    titles: tuple[str, str],
    business: str,
    *,
    head: str | None = None,
    items: str | None = None,
    max_documents: int | None = 100,
    signed: bool = False,
    keys: tuple[str, ...],
    declarants: tuple[str, ...],
    parties: Mapping[str, Party],
    rules: tuple[DocumentRule, ...],
    key_codes: KeyCodes,
    duplicate_gnum: Code | None = None,
    second_quantity: Code | None = None,
    schema_values: Mapping[str, Mapping[str, str]] | None = None,
    inventory: bool = False,
) -> MessageType:
    """A type an enterprise files; its receipt is the next number (311 -> 312, 701 -> 702)."""
    title_zh, title_en = titles
    return MessageType(
        code=f"CEB{number}",
        direction=direction,
        kind="declaration",
        title_zh=title_zh,
        title_en=title_en,
        business_element=business,
        head_element=head,
        list_element=items,
        max_documents=max_documents,
        signature_required=signed,
        schema_values=schema_values or {},
        receipt_code=f"CEB{number + 1}",
        business_keys=keys,
        declarants=declarants,
        parties=parties,
        rules=rules,
        key_codes=key_codes,
        duplicate_gnum_code=duplicate_gnum,
        second_quantity_code=second_quantity,
        inventory=inventory,
    )


def receipt(
    number: int, direction: Direction, titles: tuple[str, str], business: str, *, stored: bool = True
) -> MessageType:
    """The answer to one declaration type, issued by the e-port and customs; `stored`: it may say 1 (暂存)."""
    title_zh, title_en = titles
    return MessageType(
        code=f"CEB{number}",
        direction=direction,
        kind="receipt",
        title_zh=title_zh,
        title_en=title_en,
        business_element=business,
        stored_status=stored,
    )


def notice(
    number: int,
    direction: Direction,
    titles: tuple[str, str],
    business: str,
    *,
    head: str | None = None,
    items: str | None = None,
    max_documents: int | None = 100,
) -> MessageType:
    """A message customs or the platform sends of its own accord: tax bills, the format check, the summary result."""
    title_zh, title_en = titles
    return MessageType(
        code=f"CEB{number}",
        direction=direction,
        kind="notice",
        title_zh=title_zh,
        title_en=title_en,
        business_element=business,
        head_element=head,
        list_element=items,
        max_documents=max_documents,
    )
