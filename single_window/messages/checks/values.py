"""Values a reader would misread: characters that show nothing, values of nothing but white space, inexact keys."""

from collections.abc import Iterator

from single_window.messages.catalogue import by_root
from single_window.messages.checks import codes
from single_window.messages.checks.model import BusinessIssue, Context, Document, Record, issue
from single_window.plain_text import TAB_OR_LINE_BREAK, any_blank, invisible_character, is_blank

# documents.Document.key joins a key's fields with it: a field holding it could pass for another key.
KEY_SEPARATOR = "|"


def values_are_plain(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """Two values that look the same on screen must be the same value, and a stated value must state something."""
    for record in (document.head, *document.lines):
        yield from _invisible(record)
        yield from _blank(record)


def business_key_is_exact(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """A key is compared as stated: refused rather than trimmed, so the stored key is the one every receiver reads."""
    message_type = by_root(context.root)
    head = document.head
    for name in message_type.business_keys if message_type else ():
        stated = head.untrimmed.get(name, head.texts.get(name, ""))
        problem = _inexact(stated)
        if problem:
            yield issue(codes.KEY_NOT_EXACT, head, name, f"{name} {stated!r} {problem}")


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


def _inexact(stated: str) -> str | None:
    if not stated.strip():
        return "is empty"
    if stated != stated.strip():
        return "has white space around it"
    if TAB_OR_LINE_BREAK.search(stated):
        return "holds a tab or line break"
    if KEY_SEPARATOR in stated:
        return f"holds {KEY_SEPARATOR!r}, which separates the fields of a business key"
    return None
