"""The hardened parser refuses what a CEB message never contains."""

import pytest

from single_window.errors import BadRequest, PayloadTooLarge
from single_window.xmlio.safe_parser import parse_xml


def parse(body: bytes, *, max_bytes: int = 10_000, max_depth: int = 10) -> str:
    return str(parse_xml(body, max_bytes=max_bytes, max_depth=max_depth).tag)


def test_a_plain_document_parses() -> None:
    assert parse(b"<ceb:CEB311Message xmlns:ceb='http://www.chinaport.gov.cn/ceb'/>") == (
        "{http://www.chinaport.gov.cn/ceb}CEB311Message"
    )


def test_a_document_exactly_at_the_depth_limit_parses() -> None:
    assert parse(b"<a>" * 10 + b"</a>" * 10) == "a"


def test_one_level_deeper_is_refused_with_the_path() -> None:
    with pytest.raises(BadRequest) as refused:
        parse(b"<a>" * 11 + b"</a>" * 11)
    assert refused.value.code == "xml_too_deep"
    assert refused.value.errors[0].field == "/a" * 11


def test_a_doctype_without_entities_is_still_refused() -> None:
    with pytest.raises(BadRequest, match="DOCTYPE"):
        parse(b"<!DOCTYPE a><a/>")


def test_an_oversized_document_is_refused_before_parsing() -> None:
    with pytest.raises(PayloadTooLarge):
        parse(b"<a>" + b"x" * 20_000 + b"</a>")


def test_a_truncated_document_is_malformed() -> None:
    with pytest.raises(BadRequest) as refused:
        parse(b"<a><b>text</b>")
    assert refused.value.code == "xml_malformed"


def test_a_body_of_whitespace_only_is_empty() -> None:
    with pytest.raises(BadRequest, match="empty") as refused:
        parse(b" \r\n\t ")
    assert refused.value.code == "xml_malformed"


def test_each_depth_limit_holds_when_several_are_in_use() -> None:
    body = b"<a>" * 9 + b"</a>" * 9
    assert parse(body, max_depth=9) == "a"
    with pytest.raises(BadRequest):
        parse(body, max_depth=8)
    assert parse(body, max_depth=9) == "a"


SPLIT_VALUES = {
    "comment-inside": b"<m><q>3<!---->000</q></m>",
    "comment-first": b"<m><q><!-- x -->3000</q></m>",
    "processing-instruction": b"<m><q>3<?pi x?>000</q></m>",
    "utf-16": '<?xml version="1.0" encoding="UTF-16"?><m><q>3<!---->000</q></m>'.encode("utf-16"),
    "gbk": '<?xml version="1.0" encoding="GBK"?><m><q>张<!---->三</q></m>'.encode("gbk"),
    "namespaced": b"<c:m xmlns:c='urn:c'><c:h><c:q>3<!---->000</c:q></c:h></c:m>",
}


@pytest.mark.parametrize("body", SPLIT_VALUES.values(), ids=SPLIT_VALUES.keys())
def test_a_value_split_by_a_comment_or_processing_instruction_is_refused_with_its_path(body: bytes) -> None:
    with pytest.raises(BadRequest) as refused:
        parse(body)
    assert refused.value.code == "xml_markup_in_value"
    assert refused.value.errors[0].field.endswith("/q")
    assert refused.value.errors[0].line == 1


def test_comments_between_elements_and_around_the_root_are_fine() -> None:
    assert parse(b"<?xml version='1.0'?><!-- head --><m><!-- between --><q>3000</q><?pi x?></m><!-- tail -->") == "m"


def test_a_cdata_section_is_part_of_the_one_value() -> None:
    root = parse_xml(b"<m><q>3<![CDATA[000]]></q></m>", max_bytes=100, max_depth=5)
    assert root.findtext("q") == "3000"
