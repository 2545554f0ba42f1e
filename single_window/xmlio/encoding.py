"""One encoding kept and handed on, UTF-8, whatever encoding an XML document was sent in.

What libxml2 2.14 (lxml 6.0) reports as ``docinfo.encoding``, which is why the bytes are looked at too:

- no declaration, or one naming UTF-8: ``UTF-8`` (or the name as declared, ``utf-8``, ``UTF8``);
- a UTF-8 byte-order mark: ``UTF-8``, even under a declaration naming another encoding (the mark wins);
- UTF-16 LE or BE with a byte-order mark and a declaration: the declared name (``UTF-16``), or the detected one
  (``UTF-16LE``) when the declaration names another; *without a declaration: ``UTF-8``*;
- GBK, GB2312, GB18030, ISO-8859-1 and the other encodings its iconv reads: the declared name;
- a name it cannot read (``x-unknown``, ``EBCDIC``): no tree, error ``ERR_UNSUPPORTED_ENCODING``;
- bytes that are not valid in the declared encoding (GBK under UTF-8 or under no declaration): no tree,
  ``ERR_INVALID_ENCODING``; UTF-8 bytes under ``utf-16`` (what .NET's StringWriter writes): no tree, a syntax
  error in the declaration; UTF-8 bytes under ``GBK``: a tree of mojibake, read without complaint.
"""

import re
from typing import cast

from lxml import etree

from single_window.errors import BadRequest, body_refused
from single_window.xmlio.parsers import hardened_parser

UTF8_NAMES = frozenset({"UTF-8", "UTF8"})
UTF8_BOM = b"\xef\xbb\xbf"
# Valid UTF-8 holds neither NUL nor the bytes FE and FF. Every UTF-16 and UTF-32 document has one of them in its
# first four bytes: its byte-order mark (FF FE, FE FF, 00 00 FE FF), or the NUL half of its first "<".
WIDE_FORM_MARKS = frozenset(b"\x00\xfe\xff")
# Read from the raw bytes, only where no tree says it: a declaration is ASCII in every encoding but the wide ones.
DECLARED_ENCODING = re.compile(rb"""<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']""")
DECLARATION_LIMIT = 200
# How a UTF-8 document without a byte-order mark begins; EBCDIC, whose declaration this cannot read, begins otherwise.
ASCII_START = re.compile(rb"[ \t\r\n]*<")
# Used only on bodies the hardened parser of safe_parser.py has already read (its DTD refused, its depth bounded).
_KEEPING_COMMENTS_AND_PIS = hardened_parser(keep_comments_and_pis=True)


def utf8_document(root: etree._Element, body: bytes) -> bytes:
    """The document as UTF-8 bytes: ``body`` itself when libxml2 read it as UTF-8 without a byte-order mark.

    Anything else is parsed again and re-serialised (the same infoset, comments and processing instructions included,
    so the same XSD verdict and the same canonical form for signatures), with a declaration that says UTF-8 and no
    byte-order mark. A declaration naming another encoding over bytes that are UTF-8 is refused: libxml2 read mojibake
    that no check should pass on.
    """
    as_utf8 = read_as_utf8(root, body)
    # Not even a UTF-8 byte-order mark is kept: libxml2 lets it overrule a declaration naming another encoding, which
    # a reader of the bytes without the mark (the JSON text has none) would then believe.
    if as_utf8 and not body.startswith(UTF8_BOM):
        return body
    if not as_utf8 and _utf8_text(body):
        raise _mismatch(root.getroottree().docinfo.encoding or "", body)
    return transcoded(body)


def transcoded(body: bytes) -> bytes:
    """A document libxml2 reads, as UTF-8 under a UTF-8 declaration, its comments and processing instructions kept.

    Not from the tree the checks read: the hardened parser drops both, so that each value is one text node, while
    C14N keeps them and a signature over the stored body covers them. Only bodies not in UTF-8 pay for a second parse.
    """
    whole = etree.fromstring(body, _KEEPING_COMMENTS_AND_PIS)
    return etree.tostring(whole.getroottree(), encoding="UTF-8", xml_declaration=True)


def read_as_utf8(root: etree._Element, body: bytes) -> bool:
    return (root.getroottree().docinfo.encoding or "UTF-8").upper() in UTF8_NAMES and not _wide_form(body)


def stored_as_utf8(body: bytes) -> bool:
    """Whether kept bytes read as UTF-8 without parsing them: no byte-order mark, no wide form, no other name."""
    if not ASCII_START.match(body) or _wide_form(body):
        return False
    declared = declared_encoding(body)
    return declared is None or declared.upper() in UTF8_NAMES


def declared_encoding(body: bytes) -> str | None:
    declared = DECLARED_ENCODING.match(body, 0, DECLARATION_LIMIT)
    return declared.group(1).decode("ascii") if declared else None


def unreadable_encoding(error: etree.XMLSyntaxError, body: bytes) -> BadRequest | None:
    """Why libxml2 could not read the document, when the reason is its encoding; None for any other reason."""
    line = error.lineno if isinstance(error.lineno, int) else None
    if _libxml2_code(error) == etree.ErrorTypes.ERR_UNSUPPORTED_ENCODING:
        message = f"{error.msg}; send UTF-8 (or UTF-16, GBK, GB18030, with a declaration naming it)"
        return body_refused("xml_encoding_unsupported", "the document's encoding cannot be read", message, line)
    declared = declared_encoding(body)
    if declared is not None and _misnamed(declared, body):
        return _mismatch(declared, body)
    if _libxml2_code(error) == etree.ErrorTypes.ERR_INVALID_ENCODING:
        message = "bytes not valid in the encoding the XML declaration names (UTF-8 when it names none)"
        return body_refused("xml_encoding_invalid", "the document is not in the encoding it declares", message, line)
    return None


def _libxml2_code(error: etree.XMLSyntaxError) -> int:
    # lxml gives every parse error libxml2's number as `code`; lxml-stubs leave the attribute out.
    return cast(int, getattr(error, "code", 0))


def _misnamed(declared: str, body: bytes) -> bool:
    """A declaration that cannot be true of these bytes: UTF-8 text under another name, or a wide name over narrow."""
    if declared.upper().startswith(("UTF-16", "UTF-32")):
        return not _wide_form(body)
    return declared.upper() not in UTF8_NAMES and _utf8_text(body)


def _wide_form(body: bytes) -> bool:
    return not WIDE_FORM_MARKS.isdisjoint(body[:4])


def _utf8_text(body: bytes) -> bool:
    """Bytes that are UTF-8 beyond ASCII: read under another name, their non-ASCII text would be mojibake."""
    if _wide_form(body) or body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _mismatch(declared: str, body: bytes) -> BadRequest:
    actually = "UTF-8" if _utf8_text(body) else f"not {declared} (no byte-order mark, no NUL bytes)"
    message = f"the XML declaration names {declared} but the bytes are {actually}; declare the encoding they are in"
    return body_refused("xml_encoding_mismatch", "the document is not in the encoding it declares", message, 1)
