"""A hardened XML parser: no DTDs, no entities, no network, bounded size and depth; each value one text node."""

from functools import cache

from lxml import etree

from single_window.errors import BadRequest, FieldError, PayloadTooLarge, body_refused
from single_window.xmlio.encoding import unreadable_encoding
from single_window.xmlio.lines import source_line
from single_window.xmlio.parsers import hardened_parser

# A value's string value is all its text: <qty>3<!---->000</qty> is 3000 to the XSD and every receiver, so it must be
# 3000 to every reader of the tree too, not 3 to one that takes the first text node. Dropped as they are parsed,
# comments and processing instructions leave each value one text node, at no cost. (What must keep them, which C14N
# does, parses the body again for itself: transcoding in encoding.py, a signature check.)
_PARSER = hardened_parser(keep_comments_and_pis=False)


@cache
def _deeper_than(max_depth: int) -> etree.XPath:
    # One XPath step per level runs inside libxml2, so the check costs no Python loop. Compiled once: compiling the
    # 65 steps took longer than running them on a one-order message. lxml locks a compiled XPath while it runs, so
    # threads may share it.
    return etree.XPath("/*" + "/*" * max_depth)


def parse_xml(body: bytes, *, max_bytes: int, max_depth: int) -> etree._Element:
    """Parse untrusted XML or raise a 4xx error that says what is wrong and where."""
    if len(body) > max_bytes:
        raise PayloadTooLarge(f"the document is {len(body)} bytes; the limit is {max_bytes}")
    # Not `not body.strip()`: that copies the whole body (430 KB for 100 orders) only to test it.
    if not body or body.isspace():
        raise BadRequest("the body is empty", code="xml_malformed")
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as error:
        raise _unreadable(error, body) from None
    _refuse_dtd(root)
    _refuse_deep_nesting(root, max_depth)
    return root


def _unreadable(error: etree.XMLSyntaxError, body: bytes) -> BadRequest:
    """Not well-formed; told apart when the cause is the encoding, the commonest mistake of integrators."""
    refusal = unreadable_encoding(error, body)
    if refusal is not None:
        return refusal
    line = error.lineno if isinstance(error.lineno, int) else None
    return body_refused("xml_malformed", "the body is not well-formed XML", str(error.msg), line)


def _refuse_dtd(root: etree._Element) -> None:
    # Entities are never expanded, but a DOCTYPE has no place in a CEB message at all.
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise BadRequest("DOCTYPE declarations are not accepted", code="xml_dtd_forbidden")


def _refuse_deep_nesting(root: etree._Element, max_depth: int) -> None:
    too_deep = _deeper_than(max_depth)(root)
    assert isinstance(too_deep, list)
    if too_deep:
        element = too_deep[0]
        assert isinstance(element, etree._Element)
        detail = FieldError(
            field=element.getroottree().getpath(element),
            code="xml_too_deep",
            message=f"element nested deeper than {max_depth} levels",
            line=source_line(element),
        )
        raise BadRequest(f"the document nests deeper than {max_depth} levels", [detail], "xml_too_deep")
