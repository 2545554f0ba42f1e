"""appType against what is already declared: 1 must be new, 2 and 3 must find a document the sender may change."""

import sys
from collections.abc import Callable, Iterator, Sequence

from single_window.ceb import codes
from single_window.ceb.checks.check import check_records
from single_window.ceb.model import BusinessIssue, EnterpriseDirectory, KeyCodes, MessageType, issues_by_position
from single_window.ceb.model import Message as Records
from single_window.messages.keys import KeyedDocument

NEW, CHANGE, DELETE = "1", "2", "3"


def breaches(
    records: Records,
    message_type: MessageType,
    keyed: Sequence[KeyedDocument],
    *,
    sender_code: str,
    directory: EnterpriseDirectory,
    declarant_of: Callable[[str], str | None],
) -> list[BusinessIssue]:
    """Every breach of a declaration, not the first 25: each document's verdict depends on its own.

    Like the real system: the logic checks first; what is already declared only matters for a sound document.
    """
    issues = check_records(records, sender_code=sender_code, directory=directory, max_issues=sys.maxsize)
    failed = issues_by_position(issues, [document.position for document in keyed])
    sound = [document for document in keyed if document.position not in failed]
    return issues + list(key_issues(message_type, sound, sender_code=sender_code, declarant_of=declarant_of))


def key_issues(
    message_type: MessageType,
    keyed: Sequence[KeyedDocument],
    *,
    sender_code: str,
    declarant_of: Callable[[str], str | None],
) -> Iterator[BusinessIssue]:
    """One issue per document whose appType does not fit what is declared, here or in this very message.

    Changing or deleting needs a live document the sender declared, or one under a key that names the sender as its
    declarant (see keys.py): another enterprise's is "not found". Only a document that passes counts for the ones
    after it in the same message: a refused copy declares nothing.
    """
    key_codes = message_type.key_codes
    if key_codes is None:
        raise LookupError(f"{message_type.code} is no declaration: it has no business keys to check")
    live_in_message: dict[str, str | None] = {}
    for document in keyed:
        key = document.key
        declarant = live_in_message[key] if key in live_in_message else declarant_of(key)
        may_change = declarant is not None and (declarant == sender_code or sender_code in document.owners)
        code = _breach(document.document.app_type, declarant, may_change, key_codes)
        if code is None:
            live_in_message[key] = None if document.document.app_type == DELETE else sender_code
        else:
            path = f"/{message_type.root}/{message_type.business_element}[{document.position}]"
            yield BusinessIssue(code.code, path, f"{code.zh} ({' '.join(message_type.business_keys)}: {key})", None)


def _breach(app_type: str, declarant: str | None, may_change: bool, key_codes: KeyCodes) -> codes.Code | None:
    if app_type == NEW and declarant is not None:
        return key_codes.exists
    if app_type in (CHANGE, DELETE) and not may_change:
        return key_codes.missing
    return None
