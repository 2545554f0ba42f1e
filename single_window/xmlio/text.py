"""A kept XML document as text, for answers that carry it in JSON or in CDATA: always UTF-8 text."""

from single_window.xmlio.encoding import stored_as_utf8, transcoded
from single_window.xmlio.safe_parser import parse_xml

# Kept documents passed the hardened parser once; the limits only keep a damaged row from costing more than that.
KEPT_DOCUMENT_DEPTH = 256


def document_text(body: bytes) -> str:
    """The document's characters: intake keeps UTF-8 only, but rows kept before it did may be in UTF-16 or GBK."""
    if stored_as_utf8(body):
        # Strict: libxml2 accepted these bytes as UTF-8 at intake, so a decoding error is a damaged row, not a
        # character to replace with U+FFFD behind the reader's back.
        return body.decode("utf-8")
    parse_xml(body, max_bytes=len(body) + 1, max_depth=KEPT_DOCUMENT_DEPTH)
    return transcoded(body).decode("utf-8")
