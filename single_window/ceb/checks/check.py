"""The entry point: run the business checks that apply to a schema-valid CEB message."""

from collections.abc import Iterator
from itertools import islice

from lxml import etree

from single_window.ceb.catalogue import by_root
from single_window.ceb.checks.reading import localname, read_message
from single_window.ceb.checks.registry import MESSAGE_RULES
from single_window.ceb.model import BusinessIssue, Context, EnterpriseDirectory, Message
from single_window.errors import MAX_FIELD_ERRORS


def check_message(
    root: etree._Element, *, sender_code: str, directory: EnterpriseDirectory, max_issues: int = MAX_FIELD_ERRORS
) -> list[BusinessIssue]:
    """The first max_issues business issues, in document order; [] for receipts, notices and non-CEB roots."""
    if localname(root) is None:
        return []
    return check_records(read_message(root), sender_code=sender_code, directory=directory, max_issues=max_issues)


def check_records(
    message: Message, *, sender_code: str, directory: EnterpriseDirectory, max_issues: int = MAX_FIELD_ERRORS
) -> list[BusinessIssue]:
    """The same checks over a message already read into records, for callers that need the records too."""
    message_type = by_root(message.root)
    if message_type is None or message_type.kind != "declaration" or max_issues <= 0:
        return []
    context = Context(message_type=message_type, sender_code=sender_code, directory=directory)
    return list(islice(_issues(message, context), max_issues))


def _issues(message: Message, context: Context) -> Iterator[BusinessIssue]:
    for message_rule in MESSAGE_RULES:
        yield from message_rule(message, context)
    for document in message.documents:
        for rule in context.message_type.rules:
            yield from rule(document, context)
