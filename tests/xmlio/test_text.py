"""A kept document reads as UTF-8 text: as it is when it is UTF-8, re-read when an older row kept other bytes."""

import pytest

from single_window.xmlio.text import document_text

UTF8_TEXT = "<?xml version='1.0' encoding='UTF-8'?>\n<a>张三</a>"


@pytest.mark.parametrize(
    "text", ['<?xml version="1.0" encoding="UTF-8"?>\n<a>张三</a>', "\n<a>张三</a>"], ids=["declared", "undeclared"]
)
def test_a_utf8_document_reads_as_its_own_text(text: str) -> None:
    assert document_text(text.encode()) == text


@pytest.mark.parametrize(
    "body",
    [
        '<?xml version="1.0" encoding="UTF-16"?>\n<a>张三</a>'.encode("utf-16"),
        "<a>张三</a>".encode("utf-16"),
        '<?xml version="1.0" encoding="GBK"?>\n<a>张三</a>'.encode("gbk"),
        b"\xef\xbb\xbf" + "<a>张三</a>".encode(),
    ],
    ids=["utf-16", "utf-16-undeclared", "gbk", "utf-8-with-bom"],
)
def test_a_document_kept_in_another_form_reads_as_utf8_text_with_its_characters(body: bytes) -> None:
    assert document_text(body) == UTF8_TEXT


def test_a_document_kept_in_another_encoding_reads_with_its_comments_and_processing_instructions() -> None:
    body = '<?xml version="1.0" encoding="GBK"?>\n<?erp batch="7"?>\n<a><!-- 来自ERP -->张三</a>'.encode("gbk")
    text = document_text(body)
    assert text.startswith("<?xml version='1.0' encoding='UTF-8'?>")
    assert '<?erp batch="7"?>' in text
    assert "<a><!-- 来自ERP -->张三</a>" in text
