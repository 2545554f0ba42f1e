"""CEB900: the format-check receipt the platform returns for a message the schema refuses."""

from collections.abc import Sequence

from lxml import etree

from single_window.ceb.namespaces import CEB_NS, DEFAULT_CEB_NSMAP
from single_window.ceb.xsd import SchemaIssue
from single_window.receipts.texts import return_time
from single_window.receipts.xml import VERSION, new_guid
from single_window.xmlio.text import document_text

# Exchange-platform code 0002: 数据包不能通过schema验证 (spec §7); negative marks a format error.
SCHEMA_FAILURE_STATUS = "-0002"
SCHEMA_FAILURE_TEXT = "[Code:0002;Desc:数据包不能通过schema验证]"
RETURN_INFO_LIMIT = 5000


def format_receipt_fields(
    issues: Sequence[SchemaIssue], *, guid: str, original_type: str, cop_msg_id: str
) -> dict[str, str]:
    """The MessageReturn fields, in schema order; oriBizMessage is added as CDATA by the XML writer."""
    return {
        "guid": guid if len(guid) == 36 else new_guid(),
        "returnStatus": SCHEMA_FAILURE_STATUS,
        "returnInfo": _return_info(issues),
        "returnTime": return_time(),
        "oriCopMsgId": cop_msg_id,
        "oriMessageType": original_type[:15],
    }


def _return_info(issues: Sequence[SchemaIssue]) -> str:
    lines = [SCHEMA_FAILURE_TEXT] + [
        f"line {issue.line or '?'} {issue.path} [{issue.rule}] {issue.message}" for issue in issues
    ]
    text = "\n".join(lines)
    return text if len(text) <= RETURN_INFO_LIMIT else text[: RETURN_INFO_LIMIT - 3] + "..."


def format_receipt_document(fields: dict[str, str], original_body: bytes) -> bytes:
    root = etree.Element(f"{{{CEB_NS}}}CEB900Message", nsmap=DEFAULT_CEB_NSMAP, guid=new_guid(), version=VERSION)
    message_return = etree.SubElement(root, f"{{{CEB_NS}}}MessageReturn")
    for name, value in fields.items():
        etree.SubElement(message_return, f"{{{CEB_NS}}}{name}").text = value
    original = etree.SubElement(message_return, f"{{{CEB_NS}}}oriBizMessage")
    # lxml splits a "]]>" inside the text into two CDATA sections itself.
    original.text = etree.CDATA(document_text(original_body))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
