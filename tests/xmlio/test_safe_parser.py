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
