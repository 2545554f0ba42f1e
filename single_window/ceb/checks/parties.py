"""Who may send a message, and the enterprises it names: filed, and filed in the right role."""

from collections.abc import Iterator

from single_window.ceb import codes
from single_window.ceb.model import BusinessIssue, Context, Document, Message, Party, issue, shown


def transfer_is_sender(message: Message, context: Context) -> Iterator[BusinessIssue]:
    """BaseTransfer names the sender: copCode "需要与接入客户端的企业身份一致" (XSD), dxpId its filed exchange address.

    Both are stored and forwarded with the message. The spec publishes no code for either; one issue at most, since a
    transfer block in another's name gets the other's dxpId too.
    """
    transfer = message.transfer
    if transfer is None:
        return
    cop_code = transfer.texts.get("copCode")
    if cop_code is None or not context.is_sender(cop_code):
        detail = f"copCode {shown(cop_code)} != sender {context.sender_code}"
        yield issue(codes.TRANSFER_NOT_SENDER, transfer, "copCode", detail)
        return
    dxp_id = transfer.texts.get("dxpId")
    filed_dxp_id = context.directory.dxp_id_of(context.sender_code)
    if filed_dxp_id is not None and dxp_id is not None and dxp_id != filed_dxp_id:
        detail = f"dxpId {shown(dxp_id)} != {filed_dxp_id}, filed by sender {context.sender_code}"
        yield issue(codes.TRANSFER_DXP_ID_NOT_SENDER, transfer, "dxpId", detail)


def sender_may_send(message: Message, context: Context) -> Iterator[BusinessIssue]:
    if message.transfer is None or not _may_not_send(context):
        return
    roles = context.roles_of(context.sender_code)
    allowed = context.message_type.senders
    if roles is None:
        detail = f"sender {context.sender_code} is not filed"
        yield issue(codes.INVALID_ENTERPRISE_CODE, message.transfer, "copCode", detail)
    else:
        detail = f"sender {context.sender_code} is {_names(roles)}; {message.root} needs {_names(allowed)}"
        yield issue(codes.INVALID_ENTERPRISE_TYPE, message.transfer, "copCode", detail)


def enterprises_are_filed(document: Document, context: Context) -> Iterator[BusinessIssue]:
    head = document.head
    for name, party in context.message_type.parties.items():
        text = head.texts.get(name)
        if text is None or not _names_an_enterprise(party, text):
            continue
        roles = context.roles_of(text)
        if roles is None:
            yield issue(codes.INVALID_ENTERPRISE_CODE, head, name, f"{name} {shown(text)} is not filed")
        elif roles.isdisjoint(party.roles):
            detail = f"{name} {text} is {_names(roles)}, not {_names(party.roles)}"
            yield issue(codes.INVALID_ENTERPRISE_TYPE, head, name, detail)


def _names_an_enterprise(party: Party, text: str) -> bool:
    """Whether a party field's value is an enterprise code to look up: not the spec's placeholder, not left empty."""
    return text not in party.placeholders and not (party.optional and not text)


def _may_not_send(context: Context) -> bool:
    roles = context.roles_of(context.sender_code)
    return roles is None or roles.isdisjoint(context.message_type.senders)


def _not_filed(name: str, code: str, context: Context) -> bool:
    party = context.message_type.parties[name]
    return bool(code) and _names_an_enterprise(party, code) and context.roles_of(code) is None


def _names(roles: frozenset[str]) -> str:
    return "/".join(sorted(roles)) or "no role"


def sender_is_declarant(document: Document, context: Context) -> Iterator[BusinessIssue]:
    """A document is declared in its declarant's own name: the sender must be the enterprise one of them names.

    Otherwise any sender could take a business key (ebpCode, orderNo) that belongs to another platform.
    """
    fields = context.message_type.declarants
    head = document.head
    named = {name: head.texts.get(name, "") for name in fields}
    if not fields or any(code and context.is_sender(code) for code in named.values()):
        return
    if _may_not_send(context) or any(_not_filed(name, code, context) for name, code in named.items()):
        return  # sender_may_send or enterprises_are_filed refuses the document already, and says why
    stated = ", ".join(f"{name} {shown(code)}" for name, code in named.items())
    declared_by = f"{context.message_type.root} is declared by {' or '.join(fields)}"
    detail = f"{stated}: {declared_by}, not by sender {context.sender_code}"
    yield issue(codes.INVALID_ENTERPRISE_CODE, head, fields[0], detail)
