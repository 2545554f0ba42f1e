"""Values a reader would misread: characters that show nothing, values of nothing but white space, inexact keys."""

import re
from collections.abc import Iterator

from single_window.ceb import codes
from single_window.ceb.model import KEY_SEPARATOR, BusinessIssue, Context, Document, Message, Record, issue
from single_window.plain_text import any_blank, described, invisible_character, is_blank

# Keys that look alike must be alike, and beyond ASCII they need not be: a Cyrillic С passes for a Latin C, a
# full-width ０ for 0, and no list of such pairs is ever complete. So a key holds printable ASCII only.
NOT_PRINTABLE_ASCII = re.compile("[^ -~]")


def values_are_plain(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """Two values that look the same on screen must be the same value, and a stated value must state something."""
    for record in (document.head, *document.lines):
        yield from _plain(record)


def envelope_values_are_plain(message: Message, context: Context) -> Iterator[BusinessIssue]:
    """BaseTransfer (copName, dxpId, note…) and BaseSubscribe are stored and forwarded with the documents: the same
    rule holds for them."""
    for record in (*([message.transfer] if message.transfer else []), *message.subscriptions):
        yield from _plain(record)


def business_key_is_exact(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """A key is compared as stated: refused rather than trimmed, so the stored key is the one every receiver reads."""
    head = document.head
    for name in context.message_type.business_keys:
        stated = head.untrimmed.get(name, head.texts.get(name, ""))
        problem = None if _left_to_others(name, stated, context) else _inexact(stated)
        if problem:
            yield issue(codes.KEY_NOT_EXACT, head, name, f"{name} {stated!r} {problem}")


def _plain(record: Record) -> Iterator[BusinessIssue]:
    yield from _invisible(record)
    yield from _blank(record)


def _invisible(record: Record) -> Iterator[BusinessIssue]:
    # One search over the record's values finds the rare record that needs a look field by field.
    if invisible_character("".join(record.texts.values())) is None:
        return
    for name, value in record.texts.items():
        found = invisible_character(value)
        if found:
            yield issue(codes.INVISIBLE_CHARACTER, record, name, f"{name} holds {found}")


def _blank(record: Record) -> Iterator[BusinessIssue]:
    stated = {**record.texts, **record.untrimmed} if record.untrimmed else record.texts
    if not any_blank(stated.values()):
        return
    for name, value in stated.items():
        if is_blank(value):
            yield issue(codes.BLANK_VALUE, record, name, f"{name} is nothing but white space")


def _left_to_others(name: str, stated: str, context: Context) -> bool:
    # The spec's own word for "no code" (an overseas platform's ebpCode "无", 表2-3) is not a key anyone typed, and an
    # invisible character is values_are_plain's to report (-900901): one breach, one code.
    party = context.message_type.parties.get(name)
    return (party is not None and stated in party.placeholders) or invisible_character(stated) is not None


def _inexact(stated: str) -> str | None:
    if not stated.strip():
        return "is empty"
    if stated != stated.strip():
        return "has white space around it"
    outside = NOT_PRINTABLE_ASCII.search(stated)
    if outside:
        return f"holds {described(stated, outside.start())}; a key is printable ASCII (U+0020-U+007E)"
    if KEY_SEPARATOR in stated:
        return f"holds {KEY_SEPARATOR!r}, which separates the fields of a business key"
    return None
