"""The attack corpus of issue #8: messages that try to be read differently by the checks and by receivers, or to
declare in another enterprise's name. Each names who sends it and how the single window must answer it."""

import base64
import re
import uuid
from dataclasses import dataclass

from single_window.demo import DEMO_ENTERPRISES
from tests.samples import SAMPLES

ORDER = (SAMPLES / "valid" / "CEB311-order.xml").read_text(encoding="utf-8")
ENVELOPE = (SAMPLES / "valid" / "DxpMsg-CEB311-order.xml").read_text(encoding="utf-8")
MESSAGE_GUID, HEAD_GUID = "454F41A8-A710-47B5-9505-C3FAF5E69FAA", "127964DB-F54C-414C-AE39-96F1F0315D2C"
PLATFORM, EBC, LOGISTICS, AGENT = "3301960001", "3301960002", "3301960003", "3301960005"
PLATFORM_USCC = DEMO_ENTERPRISES[0].filing().uscc
TRANSFERS = {
    PLATFORM: ("杭州云仓跨境电商平台有限公司", "DXPENT0000000001"),
    EBC: ("杭州优选跨境贸易有限公司", "DXPENT0000000002"),
    LOGISTICS: ("杭州捷运国际物流有限公司", "DXPLGS0000000003"),
    AGENT: ("杭州通关报关代理有限公司", "DXPENT0000000005"),
}


@dataclass(frozen=True)
class Attack:
    name: str
    sender: str
    body: bytes
    status: int
    # The error code over HTTP: a 4xx code, or the business code of the first breach when the status is 422.
    code: str


def order(*replacements: tuple[str, str], sender: str = PLATFORM) -> str:
    """The valid sample order sent by `sender` under its own BaseTransfer, then with its fields replaced."""
    text = sent_by(ORDER, sender, *TRANSFERS[sender])
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def sent_by(text: str, customs_code: str, name: str, dxp_id: str) -> str:
    """The message under a BaseTransfer of this enterprise's, with guids of its own."""
    transfer = (
        f"<ceb:copCode>{customs_code}</ceb:copCode>\n    <ceb:copName>{name}</ceb:copName>\n"
        f"    <ceb:dxpMode>DXP</ceb:dxpMode>\n    <ceb:dxpId>{dxp_id}</ceb:dxpId>"
    )
    text = re.sub(r"<ceb:copCode>.*?</ceb:dxpId>", transfer, text, count=1, flags=re.DOTALL)
    # A guid of its own for each message and each head: a guid sent twice with another body is refused (409).
    return text.replace(MESSAGE_GUID, str(uuid.uuid4()).upper()).replace(HEAD_GUID, str(uuid.uuid4()).upper())


def field(name: str, value: str) -> tuple[str, str]:
    """Replace the first element `name` of the order, whatever it holds, with `value` (raw XML)."""
    found = re.search(rf"<ceb:{name}>[^<]*</ceb:{name}>", ORDER)
    assert found is not None, name
    return found.group(), f"<ceb:{name}>{value}</ceb:{name}>"


def enveloped(message: str, sender_id: str) -> bytes:
    data = base64.b64encode(message.encode()).decode()
    with_data = re.sub(r"<dxp:Data>.*?</dxp:Data>", f"<dxp:Data>{data}</dxp:Data>", ENVELOPE, flags=re.DOTALL)
    return re.sub(r"<dxp:SenderId>.*?</dxp:SenderId>", f"<dxp:SenderId>{sender_id}</dxp:SenderId>", with_data).encode()


def _attack(name: str, text: str, status: int, code: str, sender: str = PLATFORM) -> Attack:
    return Attack(name, sender, text.encode(), status, code)


# Values a comment or processing instruction splits: the XSD and receivers read them whole, and so must every reader
# of the service. Each would get another verdict from a reader of the first text node only.
SPLIT_VALUES = [
    # Read as 2, the line adds up (2 x 38.00 = 76.00); read whole, 20 does not.
    _attack("comment-splits-qty", order(field("qty", "2<!---->0")), 422, "-900502"),
    # Read as 3301960001, the platform is filed; read whole, 33019600019 is not.
    _attack("comment-hides-an-unfiled-ebp", order(field("ebpCode", "3301960001<!-- -->9")), 422, "-10102"),
    # Read as 3301960, the transfer names nobody; read whole, it names the sender.
    _attack("comment-inside-cop-code", order(field("copCode", "3301960<!---->001")), 202, ""),
    _attack("pi-inside-order-no", order(field("orderNo", "YC2024<?x?>0315000123")), 202, ""),
    _attack("comment-before-buyer-name", order(field("buyerName", "<!---->张伟")), 202, ""),
    # Read as 370, acturalPaid would not add up; read whole, 370.30 does.
    _attack("comment-inside-acturalPaid", order(field("acturalPaid", "370<!---->.30")), 202, ""),
]
# Declaring in another enterprise's name.
NAMES = [
    _attack("logistics-declares-an-order", order(sender=LOGISTICS), 422, "-10101", LOGISTICS),
    _attack("agent-declares-an-order", order(sender=AGENT), 422, "-10101", AGENT),
    _attack("transfer-names-another-dxp-id", order(field("dxpId", "DXPENT0000000002")), 422, "-900702"),
    _attack("transfer-names-another-cop-code", order(field("copCode", EBC)), 422, "-900701"),
    _attack(
        "envelope-sender-id-of-another", enveloped(order(), "DXPENT0000000002").decode(), 400, "dxp_sender_mismatch"
    ),
]
# Values that look alike but differ, or say nothing.
LOOKALIKES = [
    _attack("blank-order-no", order(field("orderNo", "   ")), 422, "-900902"),
    _attack("blank-buyer-name", order(field("buyerName", " \t ")), 422, "-900902"),
    _attack("ideographic-blank-buyer-name", order(field("buyerName", "\u3000\u3000")), 422, "-900902"),
    _attack("tabs-around-order-no", order(field("orderNo", "\tYC20240315000123\t")), 422, "-900903"),
    _attack("spaces-around-order-no", order(field("orderNo", " YC20240315000123")), 422, "-900903"),
    _attack("key-separator-in-order-no", order(field("orderNo", "YC2024|0315000123")), 422, "-900903"),
    # They look like YC20240315000123 and are other keys: a key is printable ASCII.
    _attack("cyrillic-letter-in-order-no", order(field("orderNo", "Y\u042120240315000123")), 422, "-900903"),
    _attack("fullwidth-digits-in-order-no", order(field("orderNo", "YC２０２４0315000123")), 422, "-900903"),
    _attack("bidi-override-in-order-no", order(field("orderNo", "YC2024\u202e0315000123")), 422, "-900901"),
    _attack("zero-width-in-order-no", order(field("orderNo", "YC2024\u200b0315000123")), 422, "-900901"),
    _attack("bom-in-buyer-name", order(field("buyerName", "张\ufeff伟")), 422, "-900901"),
    _attack("c1-control-in-consignee", order(field("consignee", "张\u0085伟")), 422, "-900901"),
    _attack("bidi-isolate-in-item-name", order(field("itemName", "面霜\u2067x\u2069")), 422, "-900901"),
    _attack("line-separator-in-note", order(field("note", "a\u2028b")), 422, "-900901"),
    # BaseTransfer is stored and forwarded with the order: its values are held to the same rule.
    _attack("bidi-override-in-cop-name", order(field("copName", "杭州云仓\u202e司公限有")), 422, "-900901"),
    _attack("zero-width-in-subscribe-note", order(("订阅订单回执", "订阅\u200b订单回执")), 422, "-900901"),
]
# Handled as stated, not refused: what an attacker might try to get refused, or a legitimate variant.
ACCEPTED = [
    _attack("platform-named-by-its-uscc", order(field("ebpCode", PLATFORM_USCC)), 202, ""),
    _attack("ebc-declares-its-own-order", order(sender=EBC), 202, "", EBC),
    _attack("comment-between-elements", order(("<ceb:orderNo>", "<!-- n -->\n      <ceb:orderNo>")), 202, ""),
    _attack("cdata-value", order(field("buyerName", "<![CDATA[张伟]]>")), 202, ""),
]
CORPUS = SPLIT_VALUES + NAMES + LOOKALIKES + ACCEPTED
