"""From raw bytes to a schema-valid CEB message: hardened parse, envelope, namespace, type, XSD."""

from dataclasses import dataclass

from lxml import etree

from single_window.ceb import xsd
from single_window.ceb.catalogue import by_root
from single_window.ceb.model import MessageType
from single_window.ceb.namespaces import CEB_NS, DXP_NS
from single_window.config import Settings
from single_window.messages.envelope import TransInfo, check_msg_type, unwrap
from single_window.messages.exceptions import schema_rejected, unknown_root, wrong_namespace
from single_window.xmlio.encoding import utf8_document
from single_window.xmlio.safe_parser import parse_xml

DXP_MSG = f"{{{DXP_NS}}}DxpMsg"


@dataclass(frozen=True)
class ParsedMessage:
    root: etree._Element
    message_type: MessageType
    # The CEB message's own bytes, without the envelope it may have come in, in UTF-8 whatever it was sent in.
    body: bytes
    transinfo: TransInfo | None

    @property
    def guid(self) -> str:
        return self.root.get("guid", "")


def parse_message(body: bytes, settings: Settings) -> ParsedMessage:
    """Raise a 4xx for anything that is not a schema-valid CEB message, raw or in a DxpMsg."""
    root = _parse(body, settings)
    transinfo = None
    if root.tag == DXP_MSG:
        transinfo, body = unwrap(root)
        root = _parse(body, settings)
        check_msg_type(transinfo, etree.QName(root).localname)
    # Any encoding libxml2 reads is accepted (enterprise systems still write GBK and UTF-16), only UTF-8 is kept: the
    # digest, the stored body and what subscribers pull in JSON and XML hold the characters the checks read. A UTF-8
    # body passes through as it is, without a copy (see xmlio/encoding.py).
    body = utf8_document(root, body)
    message_type = _message_type(root)
    issues = xsd.validate(root, message_type)
    if issues:
        raise schema_rejected(
            issues,
            guid=root.get("guid", ""),
            root_name=message_type.root,
            cop_msg_id=transinfo.cop_msg_id if transinfo else "",
            body=body,
        )
    return ParsedMessage(root=root, message_type=message_type, body=body, transinfo=transinfo)


def _parse(body: bytes, settings: Settings) -> etree._Element:
    return parse_xml(body, max_bytes=settings.max_body_bytes, max_depth=settings.max_xml_depth)


def _message_type(root: etree._Element) -> MessageType:
    name = etree.QName(root)
    if name.namespace != CEB_NS:
        raise wrong_namespace(name.namespace)
    message_type = by_root(name.localname)
    if message_type is None:
        raise unknown_root(name.localname)
    return message_type
