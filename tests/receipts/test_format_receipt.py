"""CEB900 carries the original message intact, whatever its encoding or CDATA content."""

from lxml import etree

from single_window.ceb.namespaces import CEB_NS
from single_window.ceb.xsd import SchemaIssue
from single_window.receipts.format_receipt import format_receipt_document, format_receipt_fields


def original_of(document: bytes) -> str:
    return etree.fromstring(document).findtext(f"{{{CEB_NS}}}MessageReturn/{{{CEB_NS}}}oriBizMessage", "")


def fields() -> dict[str, str]:
    issue = SchemaIssue(3, "/CEB311Message/Order/OrderHead/orderNo", "minLength", "too short")
    return format_receipt_fields([issue], guid="G" * 36, original_type="CEB311Message", cop_msg_id="")


def test_a_cdata_section_in_the_original_round_trips() -> None:
    body = b"<a><note><![CDATA[x ]]> y]]></note></a>"
    assert original_of(format_receipt_document(fields(), body)) == body.decode()


def test_an_original_in_gbk_is_read_in_gbk() -> None:
    body = '<?xml version="1.0" encoding="GBK"?><a>订单</a>'.encode("gbk")
    assert "订单" in original_of(format_receipt_document(fields(), body))


def test_the_original_carried_as_text_declares_utf8_not_the_encoding_it_came_in() -> None:
    body = '<?xml version="1.0" encoding="GBK"?><a>订单</a>'.encode("gbk")
    assert original_of(format_receipt_document(fields(), body)) == "<?xml version='1.0' encoding='UTF-8'?>\n<a>订单</a>"


def test_an_original_in_utf16_without_a_declaration_is_read_by_its_byte_order_mark() -> None:
    body = "<a>订单</a>".encode("utf-16")
    assert original_of(format_receipt_document(fields(), body)).endswith("<a>订单</a>")


def test_the_receipt_names_the_rule_and_line() -> None:
    assert fields()["returnStatus"] == "-0002"
    assert "line 3 /CEB311Message/Order/OrderHead/orderNo [minLength]" in fields()["returnInfo"]
