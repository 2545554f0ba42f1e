"""A declaration in any encoding libxml2 reads is kept and handed on in UTF-8, its Chinese intact; a lie is refused."""

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from sqlmodel import Session, select

from single_window.ceb.namespaces import CEB_NS
from single_window.messages.models import Message
from tests.messages.test_hostile_input import stored
from tests.messages.test_intake_api import send
from tests.messages.test_offline_cli import run_validate
from tests.samples import SAMPLES

pytestmark = pytest.mark.usefixtures("room_for_large_messages")

PLATFORM = "3301960001"
# The sample order subscribes the e-commerce enterprise (DXPENT0000000002) to its data and receipts.
SUBSCRIBER = "3301960002"
UTF8_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
ORDER = (SAMPLES / "valid" / "CEB311-order.xml").read_text(encoding="utf-8")
ENVELOPE = (SAMPLES / "valid" / "DxpMsg-CEB311-order.xml").read_text(encoding="utf-8")
BOM_LE, BOM_BE, BOM_UTF8 = b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"


def order_for(buyer: str) -> str:
    return ORDER.replace("<ceb:buyerName>张伟</ceb:buyerName>", f"<ceb:buyerName>{buyer}</ceb:buyerName>")


def in_ascii_but_the_buyer(buyer: str) -> str:
    """The order with every other non-ASCII character replaced."""
    in_ascii = re.sub(r"[^\x00-\x7f]", "X", ORDER)
    return in_ascii.replace("<ceb:buyerName>XX</ceb:buyerName>", f"<ceb:buyerName>{buyer}</ceb:buyerName>")


def declaring(text: str, encoding: str | None) -> str:
    """The document with its XML declaration naming another encoding, or without a declaration."""
    declaration = "" if encoding is None else f'<?xml version="1.0" encoding="{encoding}"?>'
    return text.replace(UTF8_DECLARATION + "\n", declaration + "\n" if declaration else "", 1)


def in_envelope(message: bytes) -> str:
    head, _, rest = ENVELOPE.partition("<dxp:Data>")
    return head + "<dxp:Data>" + base64.b64encode(message).decode() + rest[rest.index("</dxp:Data>") :]


ZHANG_SAN = "张三"
# U+20BB7 is outside GBK: GB18030 carries it in four bytes.
BEYOND_GBK = "\U00020bb7野三"

# Each body, and the buyer name a subscriber must read back.
ACCEPTED = {
    "utf-16-le-with-bom": (BOM_LE + declaring(order_for(ZHANG_SAN), "UTF-16").encode("utf-16-le"), ZHANG_SAN),
    "utf-16-be-with-bom": (BOM_BE + declaring(order_for(ZHANG_SAN), "UTF-16").encode("utf-16-be"), ZHANG_SAN),
    # libxml2 reports such a document as UTF-8: only its first bytes tell.
    "utf-16-with-bom-and-no-declaration": (
        BOM_LE + declaring(order_for(ZHANG_SAN), None).encode("utf-16-le"),
        ZHANG_SAN,
    ),
    "gbk": (declaring(order_for(ZHANG_SAN), "GBK").encode("gbk"), ZHANG_SAN),
    "gb2312": (declaring(order_for(ZHANG_SAN), "GB2312").encode("gb2312"), ZHANG_SAN),
    "gb18030": (declaring(order_for(BEYOND_GBK), "GB18030").encode("gb18030"), BEYOND_GBK),
    "iso-8859-1-with-character-references": (
        declaring(order_for(ZHANG_SAN), "ISO-8859-1").encode("latin-1", errors="xmlcharrefreplace"),
        ZHANG_SAN,
    ),
    "utf-8-with-bom": (BOM_UTF8 + order_for(ZHANG_SAN).encode(), ZHANG_SAN),
    # libxml2 lets the byte-order mark overrule the declaration, so the text it reads is intact.
    "utf-8-with-bom-declaring-iso-8859-1": (
        BOM_UTF8 + declaring(order_for(ZHANG_SAN), "ISO-8859-1").encode(),
        ZHANG_SAN,
    ),
    "utf-16-with-bom-declaring-gbk": (BOM_LE + declaring(order_for(ZHANG_SAN), "GBK").encode("utf-16-le"), ZHANG_SAN),
    "utf-16-envelope-carrying-gbk": (
        declaring(in_envelope(declaring(order_for(ZHANG_SAN), "GBK").encode("gbk")), "UTF-16").encode("utf-16"),
        ZHANG_SAN,
    ),
}

REFUSED = {
    "gbk-declared-as-utf-8": (order_for(ZHANG_SAN).encode("gbk"), "xml_encoding_invalid"),
    "gbk-without-declaration": (declaring(order_for(ZHANG_SAN), None).encode("gbk"), "xml_encoding_invalid"),
    # Bytes GBK cannot read: libxml2 stops.
    "utf-8-declared-as-gbk": (declaring(order_for(ZHANG_SAN), "GBK").encode(), "xml_encoding_mismatch"),
    # Bytes GBK reads as other characters: libxml2 reads 寮犱笁 for 张三 without complaint.
    "utf-8-declared-as-gbk-reading-as-mojibake": (
        declaring(in_ascii_but_the_buyer(ZHANG_SAN), "GBK").encode(),
        "xml_encoding_mismatch",
    ),
    # What .NET writes through a StringWriter and then sends as UTF-8.
    "utf-8-declared-as-utf-16": (declaring(order_for(ZHANG_SAN), "utf-16").encode(), "xml_encoding_mismatch"),
    "an-encoding-libxml2-cannot-read": (
        declaring(order_for("Zhang"), "x-unknown-8").encode(),
        "xml_encoding_unsupported",
    ),
    "utf-16-envelope-carrying-a-lie": (
        declaring(in_envelope(declaring(order_for(ZHANG_SAN), "GBK").encode()), "UTF-16").encode("utf-16"),
        "xml_encoding_mismatch",
    ),
}


def auth(code: str, demo_keys: dict[str, str], accept: str = "application/json") -> dict[str, str]:
    return {"Authorization": f"Bearer {demo_keys[code]}", "Accept": accept}


def buyer_name(document: etree._Element) -> str | None:
    return document.findtext(f".//{{{CEB_NS}}}buyerName")


def stored_body(session: Session) -> bytes:
    return session.exec(select(Message.body)).one()


def pulled_data(client: TestClient, demo_keys: dict[str, str]) -> str:
    items: list[dict[str, Any]] = client.get("/api/v1/receipts", headers=auth(SUBSCRIBER, demo_keys)).json()["items"]
    [data] = [item["data"] for item in items if item["kind"] == "data"]
    assert isinstance(data, str)
    return data


def pulled_declaration(client: TestClient, demo_keys: dict[str, str]) -> etree._Element:
    queue = etree.fromstring(
        client.get("/api/v1/receipts", headers=auth(SUBSCRIBER, demo_keys, "application/xml")).content
    )
    [declaration] = [item[0] for item in queue if item.get("kind") == "data"]
    return declaration


def assert_plain_utf8_text(text: str) -> None:
    assert "\x00" not in text
    assert "\ufffd" not in text
    assert text.startswith(("<?xml version='1.0' encoding='UTF-8'?>", UTF8_DECLARATION))


@pytest.mark.parametrize("case", ACCEPTED, ids=str)
def test_a_declaration_in_another_encoding_is_stored_in_utf8_with_its_chinese_intact(
    client: TestClient, session: Session, demo_keys: dict[str, str], case: str
) -> None:
    body, buyer = ACCEPTED[case]
    status, content = send(client, body, demo_keys[PLATFORM])
    assert status == 202, content
    stored_text = stored_body(session).decode("utf-8")
    assert_plain_utf8_text(stored_text)
    assert buyer_name(etree.fromstring(stored_text.encode())) == buyer


@pytest.mark.parametrize("case", ACCEPTED, ids=str)
def test_a_subscriber_pulls_the_declaration_in_utf8_json_and_xml_whatever_it_was_sent_in(
    client: TestClient, session: Session, demo_keys: dict[str, str], case: str
) -> None:
    body, buyer = ACCEPTED[case]
    assert send(client, body, demo_keys[PLATFORM])[0] == 202
    data = pulled_data(client, demo_keys)
    assert_plain_utf8_text(data)
    assert buyer in data
    assert buyer_name(etree.fromstring(data.encode())) == buyer
    assert buyer_name(pulled_declaration(client, demo_keys)) == buyer


def canonical(body: bytes) -> bytes:
    """C14N of the whole document, as a signature check reads it: comments and processing instructions included."""
    tree = etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True)).getroottree()
    return etree.tostring(tree, method="c14n")


def with_comments_and_pis(text: str) -> str:
    """The order with a processing instruction before its root, a comment in it and one inside a value."""
    text = text.replace("\n<ceb:CEB311Message", '\n<?erp batch="7"?>\n<ceb:CEB311Message', 1)
    text = text.replace("<ceb:Order>", "<ceb:Order>\n    <!-- 来自ERP -->", 1)
    return text.replace(f"<ceb:buyerName>{ZHANG_SAN}</ceb:buyerName>", "<ceb:buyerName>张<?x?>三</ceb:buyerName>", 1)


@pytest.mark.parametrize("encoding", ["gbk", "utf-16"])
def test_a_transcoded_declaration_is_stored_with_its_comments_and_processing_instructions(
    client: TestClient, session: Session, demo_keys: dict[str, str], encoding: str
) -> None:
    body = with_comments_and_pis(declaring(order_for(ZHANG_SAN), encoding.upper())).encode(encoding)
    status, content = send(client, body, demo_keys[PLATFORM])
    assert status == 202, content
    kept = stored_body(session)
    assert b'<?erp batch="7"?>' in kept
    assert canonical(kept) == canonical(body)


@pytest.mark.parametrize("case", REFUSED, ids=str)
def test_an_encoding_that_is_unreadable_or_lies_is_refused_with_its_code_and_nothing_is_stored(
    client: TestClient, session: Session, demo_keys: dict[str, str], case: str
) -> None:
    body, code = REFUSED[case]
    before = stored(session)
    status, content = send(client, body, demo_keys[PLATFORM])
    assert (status, json.loads(content)["error"]["code"]) == (400, code)
    assert stored(session) == before


def test_a_schema_invalid_utf16_message_gets_a_ceb900_carrying_its_text_intact(
    client: TestClient, demo_keys: dict[str, str]
) -> None:
    invalid = order_for(ZHANG_SAN).replace("<ceb:orderNo>YC20240315000123</ceb:orderNo>", "")
    body = BOM_LE + declaring(invalid, None).encode("utf-16-le")
    status, content = send(client, body, demo_keys[PLATFORM], accept="application/xml")
    assert status == 400, content
    original = etree.fromstring(content).findtext(f".//{{{CEB_NS}}}oriBizMessage", "")
    assert_plain_utf8_text(original)
    assert buyer_name(etree.fromstring(original.encode())) == ZHANG_SAN


@pytest.mark.parametrize("encoding", ["utf-16", "gbk"])
def test_a_body_kept_in_another_encoding_before_intake_transcoded_is_still_pulled_as_utf8_text(
    client: TestClient, session: Session, demo_keys: dict[str, str], encoding: str
) -> None:
    text = order_for(ZHANG_SAN)
    assert send(client, text.encode(), demo_keys[PLATFORM])[0] == 202
    message = session.exec(select(Message)).one()
    message.body = declaring(text, encoding.upper()).encode(encoding)
    session.add(message)
    session.commit()
    data = pulled_data(client, demo_keys)
    assert_plain_utf8_text(data)
    assert buyer_name(etree.fromstring(data.encode())) == ZHANG_SAN
    assert buyer_name(pulled_declaration(client, demo_keys)) == ZHANG_SAN


def test_single_window_validate_gives_each_encoding_the_verdict_intake_gives(tmp_path: Path) -> None:
    files = {}
    for case, (body, _) in ACCEPTED.items():
        files[case] = tmp_path / f"{case}.xml"
        files[case].write_bytes(body)
    for case, (body, _) in REFUSED.items():
        files[case] = tmp_path / f"{case}.xml"
        files[case].write_bytes(body)
    status, verdicts = run_validate("--filings", "demo", *map(str, files.values()), cwd=tmp_path)
    by_case = {Path(v["file"]).stem: v for v in verdicts}
    assert status == 1
    assert {case: by_case[case]["valid"] for case in ACCEPTED} == dict.fromkeys(ACCEPTED, True)
    assert {case: [e["code"] for e in by_case[case]["errors"]] for case in REFUSED} == {
        case: [code] for case, (_, code) in REFUSED.items()
    }
