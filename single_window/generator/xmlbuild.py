"""Building CEB documents with lxml: leaves in schema order, the transfer block, a placeholder signature."""

import base64
import hashlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from lxml import etree

from single_window.ceb.namespaces import CEB_NS, DS_NS, ceb
from single_window.generator.model import OrderSet
from single_window.generator.numbers import compact
from single_window.generator.parties import Enterprises, Party

NSMAP = {"ceb": CEB_NS}
MAX_DOCUMENTS = 100  # every declaration carries its business element 1..100 times (XSD)
# Message guids derive from the documents they carry, so a seed gives the same files and no two messages share one.
MESSAGE_GUIDS = uuid.UUID("6F0B6C52-3F4E-4C52-9D0B-2C1B5E7A0C11")
# The DER opening of the sample certificates (SEQUENCE, tbsCertificate, version 3, an 8-byte serial follows).
CERTIFICATE_HEAD = base64.b64decode("MIICtDCCAligAwIBAgII")
SM2_SM3 = "http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3"
SM3 = "http://www.chinaport.gov.cn/2022/04/xmldsig#sm3"
C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
GOODS_INFO_LENGTH = 200  # goodsInfo C0..200 in CEB511 and CEB505

Fields = Iterable[tuple[str, str | None]]


def message_root(code: str, document_guids: Sequence[str]) -> etree._Element:
    if not 1 <= len(document_guids) <= MAX_DOCUMENTS:
        raise ValueError(f"a {code} message carries 1 to {MAX_DOCUMENTS} documents, not {len(document_guids)}")
    name = f"{code}:{','.join(document_guids)}"
    message_guid = str(uuid.uuid5(MESSAGE_GUIDS, name)).upper()
    return etree.Element(ceb(f"{code}Message"), attrib={"guid": message_guid, "version": "1.0"}, nsmap=NSMAP)


def element(parent: etree._Element, name: str, fields: Fields = ()) -> etree._Element:
    """A CEB element with one leaf per field in the order given; a None value leaves an optional field out."""
    node = etree.SubElement(parent, ceb(name))
    for leaf, value in fields:
        if value is not None:
            etree.SubElement(node, ceb(leaf)).text = value
    return node


def base_transfer(root: etree._Element, sender: Party) -> None:
    fields = (("copCode", sender.code), ("copName", sender.name), ("dxpMode", "DXP"), ("dxpId", sender.dxp_id))
    element(root, "BaseTransfer", fields)


def placeholder_signature(root: etree._Element, signer: Party) -> None:
    """An enveloped ds:Signature of the shape the single window expects (SM2/SM3, certificate in KeyInfo).

    The digest is a real SHA-256 of the canonical message (SM3 is also 32 bytes) and the certificate is the same
    for every message of a signer, but nothing is signed: the service checks that the signature is there, not that
    it verifies.
    """
    digest = hashlib.sha256(etree.tostring(root, method="c14n")).digest()
    value = hashlib.sha256(digest + b"r").digest() + hashlib.sha256(digest + b"s").digest()  # SM2: r || s
    signature = etree.SubElement(root, f"{{{DS_NS}}}Signature", nsmap={"ds": DS_NS})
    signed_info = _ds(signature, "SignedInfo")
    _ds(signed_info, "CanonicalizationMethod", Algorithm=C14N)
    _ds(signed_info, "SignatureMethod", Algorithm=SM2_SM3)
    reference = _ds(signed_info, "Reference", URI="")
    _ds(_ds(reference, "Transforms"), "Transform", Algorithm=ENVELOPED)
    _ds(reference, "DigestMethod", Algorithm=SM3)
    _ds(reference, "DigestValue").text = base64.b64encode(digest).decode()
    _ds(signature, "SignatureValue").text = base64.b64encode(value).decode()
    key_info = _ds(signature, "KeyInfo")
    serial, certificate = _certificate(signer)
    _ds(key_info, "KeyName").text = serial
    _ds(_ds(key_info, "X509Data"), "X509Certificate").text = base64.b64encode(certificate).decode()


@dataclass(frozen=True)
class BusinessDocument:
    """One business element: flat (its fields directly), or a head with repeated lines under it."""

    element: str
    fields: Fields
    head: str | None = None
    line_element: str = ""
    lines: Sequence[Fields] = ()


def declaration(
    code: str, guids: Sequence[str], documents: Sequence[BusinessDocument], sender: Party, *, signed: bool = False
) -> bytes:
    """A whole declaration: the documents in order, then the transfer block and, when signed, the signature."""
    root = message_root(code, guids)
    for document in documents:
        if document.head is None:
            element(root, document.element, document.fields)
            continue
        node = element(root, document.element)
        element(node, document.head, document.fields)
        for line in document.lines:
            element(node, document.line_element, line)
    base_transfer(root, sender)
    if signed:
        placeholder_signature(root, sender)
    return serialize(root)


def serialize(root: etree._Element) -> bytes:
    # Spelled out: lxml's own declaration uses single quotes, the official samples and real clients double ones.
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8", pretty_print=True)


def money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def parties_of(sets: Sequence[OrderSet]) -> Enterprises:
    """One message has one sender: every set in it names the same enterprises."""
    parties = sets[0].parties
    if any(s.parties != parties for s in sets):
        raise ValueError("the orders of one message must name the same enterprises")
    return parties


def goods_info(order: OrderSet) -> str:
    return "；".join(f"{line.goods.name}×{line.qty}" for line in order.lines)[:GOODS_INFO_LENGTH]


def app_fields(guid: str, sent: datetime) -> Fields:
    """The opening of every declaration: guid, appType 1 (新增), appTime, appStatus 2 (申报)."""
    return (("guid", guid), ("appType", "1"), ("appTime", compact(sent)), ("appStatus", "2"))


def _ds(parent: etree._Element, name: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{DS_NS}}}{name}", attrib=attributes)


def _certificate(signer: Party) -> tuple[str, bytes]:
    """A certificate-sized DER-looking blob derived from the signer's code: one 'card' per enterprise."""
    seed = hashlib.sha256(signer.code.encode()).digest()
    serial = seed[:8]
    body = b"".join(hashlib.sha256(seed + bytes([block])).digest() for block in range(21))
    return serial[:4].hex(), CERTIFICATE_HEAD + serial + body
