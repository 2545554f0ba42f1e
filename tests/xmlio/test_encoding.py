"""UTF-8 passes through untouched; every other encoding becomes UTF-8 with the same infoset; a lie is refused."""

from pathlib import Path

import pytest
from lxml import etree

from single_window.ceb.catalogue import by_root
from single_window.ceb.xsd import validate
from single_window.errors import BadRequest
from single_window.xmlio.encoding import utf8_document
from single_window.xmlio.safe_parser import parse_xml
from tests.samples import samples

CEB_SAMPLES = [p for p in samples("valid") + samples("customs-issued") if not p.name.startswith("DxpMsg")]
UTF8_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'


def parse(body: bytes) -> etree._Element:
    return parse_xml(body, max_bytes=len(body) + 1, max_depth=64)


def as_utf8(body: bytes) -> bytes:
    return utf8_document(parse(body), body)


def refusal(body: bytes) -> BadRequest:
    with pytest.raises(BadRequest) as refused:
        as_utf8(body)
    return refused.value


def declaring(text: str, encoding: str) -> str:
    return text.replace(UTF8_DECLARATION, f'<?xml version="1.0" encoding="{encoding}"?>', 1)


@pytest.mark.parametrize(
    "body",
    [
        b"<a>\xe5\xbc\xa0</a>",
        b'<?xml version="1.0" encoding="UTF-8"?><a/>',
        b"<?xml version='1.0' encoding='utf-8'?><a/>",
    ],
    ids=["no-declaration", "UTF-8", "utf-8"],
)
def test_a_utf8_document_is_kept_as_the_very_same_bytes_without_a_copy(body: bytes) -> None:
    assert as_utf8(body) is body


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "gb18030"])
@pytest.mark.parametrize("sample", CEB_SAMPLES, ids=lambda p: p.stem)
def test_every_sample_sent_in_another_encoding_becomes_utf8_with_the_same_canonical_form_and_schema_verdict(
    sample: Path, encoding: str
) -> None:
    original = sample.read_bytes()
    sent = declaring(original.decode("utf-8"), encoding.upper()).encode(encoding)
    kept = as_utf8(sent)
    assert kept.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    reread = parse(kept)
    assert etree.tostring(reread, method="c14n") == etree.tostring(parse(original), method="c14n")
    message_type = by_root(etree.QName(reread).localname)
    assert message_type is not None
    assert validate(reread, message_type) == []


def canonical(body: bytes) -> bytes:
    """C14N of the whole document, as a signature check reads it: comments and processing instructions included."""
    tree = etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True)).getroottree()
    return etree.tostring(tree, method="c14n")


WITH_COMMENTS_AND_PIS = (
    '<?xml version="1.0" encoding="{}"?>\n<?erp batch="7"?>\n<a><!-- 来自ERP --><b>张<?x?>三</b></a>'
)


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "gb18030"])
def test_a_transcoded_document_keeps_its_comments_and_processing_instructions(encoding: str) -> None:
    body = WITH_COMMENTS_AND_PIS.format(encoding.upper()).encode(encoding)
    kept = as_utf8(body)
    assert b"<?erp batch" in kept
    assert canonical(kept) == canonical(body)


def test_a_utf16_document_without_a_declaration_is_told_by_its_byte_order_mark() -> None:
    # libxml2 reports this document's encoding as UTF-8.
    body = "<a>张三</a>".encode("utf-16")
    assert as_utf8(body) == "<?xml version='1.0' encoding='UTF-8'?>\n<a>张三</a>".encode()


def test_a_utf8_byte_order_mark_is_dropped_and_a_contrary_declaration_with_it() -> None:
    body = b"\xef\xbb\xbf" + '<?xml version="1.0" encoding="ISO-8859-1"?><a>张三</a>'.encode()
    assert as_utf8(body) == "<?xml version='1.0' encoding='UTF-8'?>\n<a>张三</a>".encode()


def test_utf8_bytes_that_read_as_mojibake_under_the_name_gbk_are_refused_as_a_mismatch() -> None:
    body = '<?xml version="1.0" encoding="GBK"?><a>张三</a>'.encode()
    assert parse(body).text == "寮犱笁"
    error = refusal(body)
    assert error.code == "xml_encoding_mismatch"
    assert "names GBK but the bytes are UTF-8" in error.errors[0].message


def test_an_ascii_document_under_another_ascii_compatible_name_is_only_relabelled() -> None:
    body = b'<?xml version="1.0" encoding="ISO-8859-1"?><a>&#24352;</a>'
    assert as_utf8(body) == "<?xml version='1.0' encoding='UTF-8'?>\n<a>张</a>".encode()


UNREADABLE = {
    "unsupported": (b'<?xml version="1.0" encoding="x-unknown"?><a/>', "xml_encoding_unsupported"),
    "ebcdic": (b'<?xml version="1.0" encoding="EBCDIC"?><a/>', "xml_encoding_unsupported"),
    "gbk-as-utf-8": ('<?xml version="1.0" encoding="UTF-8"?><a>张三</a>'.encode("gbk"), "xml_encoding_invalid"),
    "gbk-undeclared": ("<a>张三</a>".encode("gbk"), "xml_encoding_invalid"),
    "bad-gbk": (b'<?xml version="1.0" encoding="GBK"?><a>\x81\x20</a>', "xml_encoding_invalid"),
    "utf-8-as-utf-16": (b'<?xml version="1.0" encoding="utf-16"?><a/>', "xml_encoding_mismatch"),
    # Its last byte and the "<" after it make no GBK character: libxml2 stops there.
    "utf-8-as-gbk": ('<?xml version="1.0" encoding="GBK"?><a>中</a>'.encode(), "xml_encoding_mismatch"),
    "malformed": (b"<a><b></a>", "xml_malformed"),
}


@pytest.mark.parametrize("case", UNREADABLE, ids=str)
def test_a_document_libxml2_cannot_read_is_refused_with_the_reason(case: str) -> None:
    body, code = UNREADABLE[case]
    with pytest.raises(BadRequest) as refused:
        parse(body)
    assert (refused.value.code, refused.value.errors[0].code) == (code, code)
