"""The message schemas: compiled once, one libxml2 call per message, issues read only on failure."""

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import files
from itertools import islice
from pathlib import Path
from queue import Empty, SimpleQueue
from typing import cast

from lxml import etree

from single_window.ceb.model import MessageType
from single_window.ceb.namespaces import CEB_NS, DS_NS, DXP_NS, dxp
from single_window.errors import MAX_FIELD_ERRORS, FieldError
from single_window.xmlio.lines import source_line

# Package data: single_window/schemas is the repository's schemas/ (a link in the checkout, files in a wheel). libxml2
# follows the schemas' relative imports on the file system, and an installed package is a directory there.
SCHEMA_DIR = Path(str(files("single_window") / "schemas"))
DXP_MSG = dxp("DxpMsg")


@dataclass(frozen=True)
class SchemaFile:
    name: str
    path: Path
    namespace: str
    description: str


@dataclass(frozen=True)
class SchemaIssue:
    line: int | None
    path: str
    rule: str
    message: str

    def as_field_error(self) -> FieldError:
        return FieldError(field=self.path, code=self.rule, message=self.message, line=self.line)


# Names are paths relative to schemas/, so a client that fetches them from the API resolves the relative
# schemaLocation imports ("../xmldsig/…") to URLs the API also serves.
IMPORT_XSD = SchemaFile(
    "ceb/import-2022-05.xsd", SCHEMA_DIR / "ceb" / "import-2022-05.xsd", CEB_NS, "CEB import messages, 2022-05 edition"
)
EXPORT_XSD = SchemaFile(
    "ceb/export-2022-05.xsd", SCHEMA_DIR / "ceb" / "export-2022-05.xsd", CEB_NS, "CEB export messages, 2022-05 edition"
)
DXP_XSD = SchemaFile(
    "dxp/dxpmsg-2022-05.xsd",
    SCHEMA_DIR / "dxp" / "dxpmsg-2022-05.xsd",
    DXP_NS,
    "DxpMsg terminal-node envelope and DxpRep response",
)
XMLDSIG_XSD = SchemaFile(
    "xmldsig/xmldsig-core-schema.xsd",
    SCHEMA_DIR / "xmldsig" / "xmldsig-core-schema.xsd",
    DS_NS,
    "W3C XML-Signature core schema, imported by the others",
)
SCHEMA_FILES = (IMPORT_XSD, EXPORT_XSD, DXP_XSD, XMLDSIG_XSD)

# libxml2 error type names -> short stable rule codes; anything else is "schema".
RULES = {
    "SCHEMAV_ELEMENT_CONTENT": "content",
    "SCHEMAV_CVC_COMPLEX_TYPE_2_1": "content",
    "SCHEMAV_CVC_COMPLEX_TYPE_2_2": "content",
    "SCHEMAV_CVC_COMPLEX_TYPE_2_3": "content",
    "SCHEMAV_CVC_COMPLEX_TYPE_2_4": "content",
    "SCHEMAV_CVC_WILDCARD": "content",
    "SCHEMAV_CVC_DATATYPE_VALID_1_2_1": "type",
    "SCHEMAV_CVC_DATATYPE_VALID_1_2_2": "type",
    "SCHEMAV_CVC_DATATYPE_VALID_1_2_3": "type",
    "SCHEMAV_CVC_ATTRIBUTE_3": "type",
    "SCHEMAV_CVC_TYPE_1": "type",
    "SCHEMAV_CVC_TYPE_2": "type",
    "SCHEMAV_CVC_LENGTH_VALID": "length",
    "SCHEMAV_CVC_MINLENGTH_VALID": "minLength",
    "SCHEMAV_CVC_MAXLENGTH_VALID": "maxLength",
    "SCHEMAV_CVC_TOTALDIGITS_VALID": "totalDigits",
    "SCHEMAV_CVC_FRACTIONDIGITS_VALID": "fractionDigits",
    "SCHEMAV_CVC_PATTERN_VALID": "pattern",
    "SCHEMAV_CVC_ENUMERATION_VALID": "enumeration",
    "SCHEMAV_CVC_MININCLUSIVE_VALID": "minInclusive",
    "SCHEMAV_CVC_MAXINCLUSIVE_VALID": "maxInclusive",
    "SCHEMAV_CVC_MINEXCLUSIVE_VALID": "minExclusive",
    "SCHEMAV_CVC_MAXEXCLUSIVE_VALID": "maxExclusive",
    "SCHEMAV_CVC_ELT_5_2_2_1": "fixed",
    "SCHEMAV_CVC_ELT_5_2_2_2_1": "fixed",
    "SCHEMAV_CVC_ELT_5_2_2_2_2": "fixed",
    "SCHEMAV_CVC_AU": "fixed",
    "SCHEMAV_CVC_COMPLEX_TYPE_4": "missing-attribute",
    "SCHEMAV_CVC_COMPLEX_TYPE_3_2_1": "unexpected-attribute",
    "SCHEMAV_CVC_COMPLEX_TYPE_3_2_2": "unexpected-attribute",
    "SCHEMAV_CVC_ELT_1": "root",
    "SCHEMAV_DOCUMENT_ELEMENT_MISSING": "root",
}
SINGLE_BLOCKS = frozenset({"Signature"})
# The repeated lines of a business document: OrderList, InventoryList, TaxListRd, SummaryResultList...
LIST_SUFFIXES = ("List", "ListRd")
NAMESPACE_NOISE = {f"{{{CEB_NS}}}": "", f"{{{DXP_NS}}}": "", f"{{{DS_NS}}}": "ds:"}
# libxml2 names the attribute after the element, or in the text of a missing-attribute error.
ATTRIBUTE = re.compile(r"^Element '[^']*', attribute '([^']+)'|: The attribute '([^']+)' is required")
# libxml2 quotes the offending value in full (cut at 64 KB, closing quote lost); 60 characters identify it.
LONG_VALUE = re.compile(r"'([^']{60})[^']+('|$)")
PREFIXED_STEP = re.compile(r"^([^:\[]+:[^\[]+)(\[\d+\])?$")

# lxml keeps one error log per compiled schema, so threads sharing one read each other's errors (seen in a test:
# wrong error counts in 4 % of runs). A compiled schema is lent to one validation at a time; a copy is compiled
# (~15 ms, ~2 MB) only when every copy is out, so a single-threaded worker compiles each schema exactly once.
_idle: dict[str, SimpleQueue[etree.XMLSchema]] = {schema_file.name: SimpleQueue() for schema_file in SCHEMA_FILES}


def schema_files() -> list[SchemaFile]:
    return list(SCHEMA_FILES)


def validate(root: etree._Element, message_type: MessageType) -> list[SchemaIssue]:
    """Validate a CEB message against the schema of its direction; at most 25 issues, in document order."""
    if root.tag != message_type.tag:
        return [_wrong_root(root, message_type.root)]
    return _validate(root, IMPORT_XSD if message_type.direction == "import" else EXPORT_XSD)


def validate_envelope(root: etree._Element) -> list[SchemaIssue]:
    """Validate a DxpMsg envelope (DxpRep, the platform's answer, is not accepted from clients)."""
    if root.tag != DXP_MSG:
        return [_wrong_root(root, "DxpMsg")]
    return _validate(root, DXP_XSD)


def _validate(root: etree._Element, schema_file: SchemaFile) -> list[SchemaIssue]:
    with _borrowed(schema_file) as schema:
        if schema.validate(root):
            return []
        errors = cast("Iterable[etree._LogEntry]", schema.error_log)  # lxml-stubs declare _ErrorLog without __iter__
        return [_issue(root, error) for error in islice(errors, MAX_FIELD_ERRORS)]


@contextmanager
def _borrowed(schema_file: SchemaFile) -> Iterator[etree.XMLSchema]:
    idle = _idle[schema_file.name]
    try:
        schema = idle.get_nowait()
    except Empty:
        schema = _compile(schema_file)
    try:
        yield schema
    finally:
        idle.put(schema)


def _compile(schema_file: SchemaFile) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(schema_file.path), parser))


def _wrong_root(root: etree._Element, expected: str) -> SchemaIssue:
    message = f"the root element is {root.tag}, not {expected}"
    return SchemaIssue(source_line(root), f"/{etree.QName(root).localname}", "root", _clean(message))


def _issue(root: etree._Element, error: etree._LogEntry) -> SchemaIssue:
    path = _element_path(root, error.path or "")
    attribute = ATTRIBUTE.search(error.message)
    if attribute:
        path = f"{path.rstrip('/')}/@{attribute.group(1) or attribute.group(2)}"
    line = error.line if error.line > 0 else None
    return SchemaIssue(line, path, RULES.get(error.type_name, "schema"), _clean(error.message))


def _element_path(root: etree._Element, libxml2_path: str) -> str:
    """The element's path by local names: libxml2 writes the document's prefixes, and "*" for a default namespace."""
    steps = libxml2_path.split("/")[2:]  # the first step is the validated root itself
    try:
        found = root.xpath("/".join([".", *map(_prefix_free, steps)]))
    except etree.XPathError:
        found = None
    if isinstance(found, list) and found and isinstance(found[0], etree._Element):
        return _path_of(found[0], root)
    return re.sub(r"(?<=/)[^/:\[]+:", "", libxml2_path) or "/"


def _prefix_free(step: str) -> str:
    # "ceb:Order[2]" becomes "*[name()='ceb:Order'][2]": the prefixes are the document's, not ours to bind.
    prefixed = PREFIXED_STEP.match(step)
    return f"*[name()='{prefixed.group(1)}']{prefixed.group(2) or ''}" if prefixed else step


def _path_of(element: etree._Element, root: etree._Element) -> str:
    steps = []
    node = element
    while node is not root:
        parent = node.getparent()
        assert parent is not None, "the element lies under the validated root"
        siblings = list(parent.iterchildren(node.tag))
        numbered = len(siblings) > 1 or _always_numbered(node, parent, root)
        steps.append(etree.QName(node).localname + (f"[{siblings.index(node) + 1}]" if numbered else ""))
        node = parent
    steps.append(etree.QName(root).localname)
    return "/" + "/".join(reversed(steps))


def _always_numbered(node: etree._Element, parent: etree._Element, root: etree._Element) -> bool:
    """Business documents and their list lines carry their number even when alone, as business issues do.

    One path style for both kinds of error: ``/CEB311Message/Order[1]/OrderList[1]/qty``.
    """
    name = etree.QName(node).localname
    if etree.QName(root).namespace != CEB_NS:
        return False
    if parent is root:
        return name not in SINGLE_BLOCKS and not name.startswith(("Base", "Extend"))
    return parent.getparent() is root and name.endswith(LIST_SUFFIXES)


def _clean(message: str) -> str:
    for noise, replacement in NAMESPACE_NOISE.items():
        message = message.replace(noise, replacement)
    return LONG_VALUE.sub(r"'\1…\2", message)
