"""The entry point: run the business checks that apply to a schema-valid CEB message."""

from collections.abc import Iterator
from itertools import islice

from lxml import etree

from single_window.errors import MAX_FIELD_ERRORS
from single_window.messages.checks.model import BusinessIssue, Context, EnterpriseDirectory, Message
from single_window.messages.checks.reading import localname, read_message
from single_window.messages.checks.registry import DECLARATIONS, MESSAGE_RULES


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
    spec = DECLARATIONS.get(message.root)
    if spec is None or max_issues <= 0:
        return []
    context = Context(root=message.root, sender_code=sender_code, spec=spec, directory=directory)
    return list(islice(_issues(message, context), max_issues))


def _issues(message: Message, context: Context) -> Iterator[BusinessIssue]:
    for message_rule in MESSAGE_RULES:
        yield from message_rule(message, context)
    for document in message.documents:
        for rule in context.spec.rules:
            yield from rule(document, context)
