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
    "comments-and-cdata": b"<m><q>3<!--a--><![CDATA[0]]><!--b-->00</q></m>",
    "processing-instruction": b"<m><q>3<?pi x?>000</q></m>",
    "utf-16": '<?xml version="1.0" encoding="UTF-16"?><m><q>3<!---->000</q></m>'.encode("utf-16"),
    "gbk": '<?xml version="1.0" encoding="GBK"?><m><q>3<!--张三-->000</q></m>'.encode("gbk"),
}


@pytest.mark.parametrize("body", SPLIT_VALUES.values(), ids=SPLIT_VALUES.keys())
def test_a_value_split_by_comments_or_processing_instructions_is_one_text_node_as_the_schema_reads_it(
    body: bytes,
) -> None:
    value = parse_xml(body, max_bytes=1000, max_depth=5)[0]
    assert (value.text, len(value)) == ("3000", 0)


def test_comments_and_instructions_around_elements_leave_no_node_behind() -> None:
    root = parse_xml(b"<?pi x?><!-- a --><m><!-- b --><q>3</q><?pi y?></m><!-- c -->", max_bytes=1000, max_depth=5)
    assert [child.tag for child in root] == ["q"]
    assert root.getprevious() is None
