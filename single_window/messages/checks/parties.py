"""Who may send a message, and the enterprises it names: filed, and filed in the right role."""

from collections.abc import Iterator

from single_window.messages.checks import codes
from single_window.messages.checks.model import BusinessIssue, Context, Document, Message, issue, shown


def transfer_is_sender(message: Message, context: Context) -> Iterator[BusinessIssue]:
    """BaseTransfer/copCode "需要与接入客户端的企业身份一致" (XSD); the spec publishes no code for it."""
    transfer = message.transfer
    cop_code = None if transfer is None else transfer.texts.get("copCode")
    if transfer is not None and cop_code != context.sender_code:
        detail = f"copCode {shown(cop_code)} != sender {context.sender_code}"
        yield issue(codes.TRANSFER_NOT_SENDER, transfer, "copCode", detail)


def sender_may_send(message: Message, context: Context) -> Iterator[BusinessIssue]:
    if message.transfer is None:
        return
    roles = context.roles_of(context.sender_code)
    allowed = context.spec.senders
    if roles is None:
        detail = f"sender {context.sender_code} is not filed"
        yield issue(codes.INVALID_ENTERPRISE_CODE, message.transfer, "copCode", detail)
    elif roles.isdisjoint(allowed):
        detail = f"sender {context.sender_code} is {_names(roles)}; {message.root} needs {_names(allowed)}"
        yield issue(codes.INVALID_ENTERPRISE_TYPE, message.transfer, "copCode", detail)


def enterprises_are_filed(document: Document, context: Context) -> Iterator[BusinessIssue]:
    head = document.head
    for name, party in context.spec.parties.items():
        text = head.texts.get(name)
        if text is None or text in party.placeholders or (party.optional and not text):
            continue
        roles = context.roles_of(text)
        if roles is None:
            yield issue(codes.INVALID_ENTERPRISE_CODE, head, name, f"{name} {shown(text)} is not filed")
        elif roles.isdisjoint(party.roles):
            detail = f"{name} {text} is {_names(roles)}, not {_names(party.roles)}"
            yield issue(codes.INVALID_ENTERPRISE_TYPE, head, name, detail)


def _names(roles: frozenset[str]) -> str:
    return "/".join(sorted(roles)) or "no role"
