"""Message failures with stable codes; a schema failure carries what its CEB900 receipt needs."""

from dataclasses import dataclass, field

from single_window.ceb.xsd import SchemaIssue
from single_window.errors import BadRequest, Conflict, FieldError


@dataclass
class SchemaRejected(BadRequest):
    """The XSD refused the message: answered with a CEB900-style format receipt."""

    issues: list[SchemaIssue] = field(default_factory=list)
    original_guid: str = ""
    original_type: str = ""
    cop_msg_id: str = ""
    original_body: bytes = b""


def schema_rejected(
    issues: list[SchemaIssue], *, guid: str, root_name: str, cop_msg_id: str, body: bytes
) -> SchemaRejected:
    details = [
        FieldError(field=issue.path, code=issue.rule, message=issue.message, line=issue.line) for issue in issues
    ]
    return SchemaRejected(
        f"the {root_name} does not pass the 2022-05 schema ({len(issues)} errors shown)",
        details,
        "schema_invalid",
        issues=issues,
        original_guid=guid,
        original_type=root_name,
        cop_msg_id=cop_msg_id,
        original_body=body,
    )


def wrong_namespace(namespace: str | None) -> BadRequest:
    return BadRequest(
        f"the root element is in namespace {namespace or '(none)'}; CEB messages use http://www.chinaport.gov.cn/ceb",
        code="wrong_namespace",
    )


def unknown_root(name: str) -> BadRequest:
    return BadRequest(f"{name} is not a CEB message of the 2022-05 set", code="unknown_message_type")


def not_a_declaration(code: str) -> BadRequest:
    return BadRequest(f"{code} is sent by customs or the e-port, not by enterprises", code="not_a_declaration")


def guid_reused(guid: str) -> Conflict:
    detail = FieldError(field="guid", code="guid_reused", message=f"{guid} was already used for a different message")
    return Conflict("this guid was already sent with a different body", [detail], "guid_reused")


def declaration_in_progress(message_code: str) -> Conflict:
    return Conflict(
        f"another {message_code} with the same business key was declared at this moment; send again for a verdict",
        code="declaration_in_progress",
    )


def message_not_failed(guid: str, status: str) -> Conflict:
    return Conflict(
        f"message {guid} is {status}: only a failed message goes back to the queue", code="message_not_failed"
    )


def message_ambiguous(guid: str) -> Conflict:
    return Conflict(
        f"several enterprises' failed messages carry guid {guid}: name one with sender_code", code="message_ambiguous"
    )
