"""Generate the CEB 2022-05 message schemas from the field tables of the official XSDs.

The tables in ``fields-import.md`` and ``fields-export.md`` (kept in the shared spec
directory) list every element of the official 2022-05 import and export schemas in
schema order. This script parses them mechanically and writes
``schemas/ceb/import-2022-05.xsd`` and ``schemas/ceb/export-2022-05.xsd``, structured
like the official files: one global element per message root and per entity, inline
complex types where a table says "(inline)", references with ``ref``.

Usage::

    .venv/bin/python scripts/generate_schemas.py [--spec-dir ../shared/spec] [--out-dir schemas/ceb]
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from lxml import etree

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC_DIR = REPO_ROOT.parent / "shared" / "spec"
DEFAULT_OUT_DIR = REPO_ROOT / "schemas" / "ceb"
XMLDSIG_LOCATION = "../xmldsig/xmldsig-core-schema.xsd"

XS_NS = "http://www.w3.org/2001/XMLSchema"
CEB_NS = "http://www.chinaport.gov.cn/ceb"
DS_NS = "http://www.w3.org/2000/09/xmldsig#"
NSMAP = {"xs": XS_NS, "ceb": CEB_NS, "ds": DS_NS}
ANY_XML_TYPE_NAME = "XMLElement"
ANY_XML_TYPE = f"ceb:{ANY_XML_TYPE_NAME}"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


@dataclass(frozen=True)
class ValueConstraint:
    """A constraint of the official XSDs that the field tables do not carry."""

    fixed: str | None = None
    default: str | None = None
    collapse_whitespace: bool = False


@dataclass(frozen=True)
class Target:
    source: str
    output: str
    title: str
    constraints: Mapping[tuple[str, str], ValueConstraint]


_CNY = ValueConstraint(fixed="142")
_COLLAPSE = ValueConstraint(collapse_whitespace=True)

# fixed/default values and whiteSpace="collapse" facets of the official 2022-05 XSDs,
# keyed by (entity, field). The generator fails if a key no longer matches a table row.
IMPORT_CONSTRAINTS: Mapping[tuple[str, str], ValueConstraint] = {
    ("OrderHead", "currency"): _CNY,
    ("OrderList", "currency"): _CNY,
    ("PaymentHead", "currency"): _CNY,
    ("LogisticsHead", "currency"): _CNY,
    ("InventoryHead", "currency"): _CNY,
    ("InventoryList", "currency"): _CNY,
}
EXPORT_CONSTRAINTS: Mapping[tuple[str, str], ValueConstraint] = {
    ("OrderHead", "appStatus"): ValueConstraint(default="1"),
    ("OrderHead", "freight"): ValueConstraint(default="0"),
    ("Receipts", "appStatus"): ValueConstraint(default="1"),
    ("Logistics", "appStatus"): ValueConstraint(default="2"),
    ("Logistics", "goodsInfo"): _COLLAPSE,
    ("ArrivalHead", "appStatus"): ValueConstraint(default="1"),
    ("ArrivalHead", "trafMode"): _COLLAPSE,
    ("ArrivalHead", "domesticTrafNo"): _COLLAPSE,
    ("DepartureHead", "trafMode"): _COLLAPSE,
    ("InventoryHead", "trafMode"): _COLLAPSE,
    ("InventoryHead", "POD"): _COLLAPSE,
    ("InventoryHead", "fFlag"): ValueConstraint(fixed="3"),
    ("InventoryHead", "iFlag"): ValueConstraint(fixed="3"),
    ("InventoryHead", "wrapType"): _COLLAPSE,
    ("InventoryList", "gmodel"): _COLLAPSE,
    ("InventoryList", "barCode"): _COLLAPSE,
    ("InvtCancel", "reason"): _COLLAPSE,
    ("WayBillHead", "trafMode"): _COLLAPSE,
    ("WayBillHead", "trafName"): _COLLAPSE,
    ("WayBillHead", "voyageNo"): _COLLAPSE,
    ("SummaryApplyHead", "appStatus"): ValueConstraint(default="2"),
}

TARGETS = (
    Target(
        "fields-import.md",
        "import-2022-05.xsd",
        "CEB import messages 2022-05 (海关跨境进口业务节点报文定义202205)",
        IMPORT_CONSTRAINTS,
    ),
    Target(
        "fields-export.md",
        "export-2022-05.xsd",
        "CEB export messages 2022-05 (海关跨境出口业务节点报文定义202205)",
        EXPORT_CONSTRAINTS,
    ),
)


class BlockKind(Enum):
    MESSAGE = "message"
    INLINE = "inline"
    ENTITY = "entity"


@dataclass(frozen=True)
class FieldRow:
    name: str
    type_code: str
    required: bool
    max_occurs: str
    doc: str


@dataclass(frozen=True)
class Attribute:
    name: str
    type_code: str
    required: bool
    note: str


@dataclass
class Block:
    """One table of a spec file: a message root, an inline element or a global entity."""

    key: str
    kind: BlockKind
    doc: str
    rows: list[FieldRow] = field(default_factory=list)
    attributes: list[Attribute] = field(default_factory=list)


MESSAGE_HEADING = re.compile(r"^#### (?P<key>CEB\d{3}Message) — (?P<doc>.*?)\s*$")
INLINE_HEADING = re.compile(r"^\*\*(?P<key>[\w/]+)\*\* \(inline\)\s*$")
ENTITY_HEADING = re.compile(r"^\*\*(?P<key>\w+)\*\* — (?P<doc>.*?)\s*$")
ROOT_ATTRIBUTES = re.compile(r"^Root attributes: (?P<list>.*)$")
ATTRIBUTE = re.compile(r"`(?P<name>\w+)` \((?P<type>[^,)]+), (?P<use>required|optional)(?P<note>[^)]*)\)")
ROW = re.compile(r"^\| `(?P<name>[^`]+)` \| (?P<type>[^|]+?) \| (?P<card>[^|]+?) \| (?P<doc>.*?)\s*\|$")
CARDINALITY = re.compile(r"^(?P<use>[MO])(?: \(\.\.(?P<max>\d+|unbounded|∞)\))?$")
STRING_EXACT = re.compile(r"^C(?P<length>\d+)$")
STRING_RANGE = re.compile(r"^C(?P<min>\d+)\.\.(?P<max>\d+)$")
DECIMAL = re.compile(r"^N(?P<total>\d+),(?P<fraction>\d+)$")
INTEGER = re.compile(r"^int\((?P<total>\d+)\)$")


class SpecError(ValueError):
    """The field tables contain something this generator does not understand."""


def parse_spec(text: str) -> dict[str, Block]:
    blocks: dict[str, Block] = {}
    current: Block | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        heading = _parse_heading(line)
        if heading is not None:
            if heading.key in blocks:
                raise SpecError(f"line {number}: table {heading.key} appears twice")
            blocks[heading.key] = current = heading
        elif (attributes := ROOT_ATTRIBUTES.match(line)) is not None:
            _require_block(current, number).attributes.extend(_parse_attributes(attributes["list"]))
        elif (row := ROW.match(line)) is not None:
            _require_block(current, number).rows.append(_parse_row(row, number))
    return blocks


def _parse_heading(line: str) -> Block | None:
    if (match := MESSAGE_HEADING.match(line)) is not None:
        return Block(match["key"], BlockKind.MESSAGE, match["doc"])
    if (match := INLINE_HEADING.match(line)) is not None:
        return Block(match["key"], BlockKind.INLINE, "")
    if (match := ENTITY_HEADING.match(line)) is not None:
        return Block(match["key"], BlockKind.ENTITY, match["doc"])
    return None


def _require_block(block: Block | None, number: int) -> Block:
    if block is None:
        raise SpecError(f"line {number}: table row before any table heading")
    return block


def _parse_attributes(text: str) -> Iterator[Attribute]:
    for match in ATTRIBUTE.finditer(text):
        note = match["note"].strip(" ,")
        yield Attribute(match["name"], match["type"], match["use"] == "required", note)


def _parse_row(row: re.Match[str], number: int) -> FieldRow:
    cardinality = CARDINALITY.match(row["card"])
    if cardinality is None:
        raise SpecError(f"line {number}: unknown cardinality {row['card']!r}")
    max_occurs = cardinality["max"] or "1"
    return FieldRow(
        name=row["name"],
        type_code=row["type"],
        required=cardinality["use"] == "M",
        max_occurs="unbounded" if max_occurs == "∞" else max_occurs,
        doc=row["doc"],
    )


def xs(tag: str) -> str:
    return f"{{{XS_NS}}}{tag}"


def _documented(parent: etree._Element, tag: str, doc: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, xs(tag), attributes)
    if doc:
        annotation = etree.SubElement(element, xs("annotation"))
        etree.SubElement(annotation, xs("documentation")).text = doc
    return element


def _occurs(row: FieldRow) -> dict[str, str]:
    occurs = {} if row.required else {"minOccurs": "0"}
    if row.max_occurs != "1":
        occurs["maxOccurs"] = row.max_occurs
    return occurs


def _simple_type(parent: etree._Element, type_code: str, collapse_whitespace: bool = False) -> None:
    """Append the anonymous xs:simpleType that a table type code stands for."""
    base, facets = _facets(type_code)
    restriction = etree.SubElement(etree.SubElement(parent, xs("simpleType")), xs("restriction"), base=base)
    if collapse_whitespace:
        etree.SubElement(restriction, xs("whiteSpace"), value="collapse")
    for facet, value in facets:
        etree.SubElement(restriction, xs(facet), value=value)


def _facets(type_code: str) -> tuple[str, list[tuple[str, str]]]:
    if type_code == "C":
        return "xs:string", []
    if (match := STRING_EXACT.match(type_code)) is not None:
        return "xs:string", [("length", match["length"])]
    if (match := STRING_RANGE.match(type_code)) is not None:
        minimum = [("minLength", match["min"])] if match["min"] != "0" else []
        return "xs:string", [*minimum, ("maxLength", match["max"])]
    if (match := DECIMAL.match(type_code)) is not None:
        return "xs:decimal", [("totalDigits", match["total"]), ("fractionDigits", match["fraction"])]
    if (match := INTEGER.match(type_code)) is not None:
        return "xs:int", [("totalDigits", match["total"])]
    raise SpecError(f"unknown type code {type_code!r}")


class SchemaWriter:
    """Turns the parsed tables of one spec file into an xs:schema element."""

    def __init__(self, blocks: Mapping[str, Block], constraints: Mapping[tuple[str, str], ValueConstraint]):
        self.blocks = blocks
        self.constraints = constraints
        self.used_constraints: set[tuple[str, str]] = set()
        self.uses_any_xml = False

    def schema(self, title: str) -> etree._Element:
        root = etree.Element(
            xs("schema"),
            nsmap=NSMAP,
            targetNamespace=CEB_NS,
            elementFormDefault="qualified",
            attributeFormDefault="unqualified",
        )
        annotation = etree.SubElement(root, xs("annotation"))
        etree.SubElement(annotation, xs("documentation")).text = title
        etree.SubElement(root, xs("import"), namespace=DS_NS, schemaLocation=XMLDSIG_LOCATION)
        for block in self._blocks(BlockKind.MESSAGE):
            self._message(root, block)
        for block in self._blocks(BlockKind.ENTITY):
            entity = _documented(root, "element", block.doc, name=block.key)
            self._sequence(entity, block)
        if self.uses_any_xml:
            _any_xml_type(root)
        self._check_constraints_used()
        return root

    def _blocks(self, kind: BlockKind) -> Iterable[Block]:
        return (block for block in self.blocks.values() if block.kind is kind)

    def _message(self, root: etree._Element, block: Block) -> None:
        element = _documented(root, "element", block.doc, name=block.key)
        complex_type = self._sequence(element, block)
        for attribute in block.attributes:
            use = "required" if attribute.required else "optional"
            declaration = _documented(complex_type, "attribute", attribute.note, name=attribute.name, use=use)
            _simple_type(declaration, attribute.type_code)

    def _sequence(self, element: etree._Element, block: Block) -> etree._Element:
        complex_type = etree.SubElement(element, xs("complexType"))
        sequence = etree.SubElement(complex_type, xs("sequence"))
        for row in block.rows:
            self._row(sequence, block.key, row)
        return complex_type

    def _row(self, sequence: etree._Element, block_key: str, row: FieldRow) -> None:
        if row.type_code == "ref":
            etree.SubElement(sequence, xs("element"), {"ref": self._reference(row.name), **_occurs(row)})
        elif row.type_code == "complex":
            element = etree.SubElement(sequence, xs("element"), {"name": row.name, **_occurs(row)})
            self._sequence(element, self._inline_block(f"{block_key}/{row.name}"))
        elif row.type_code == ANY_XML_TYPE:
            self.uses_any_xml = True
            _documented(sequence, "element", row.doc, name=row.name, type=ANY_XML_TYPE, **_occurs(row))
        elif row.type_code == "xs:int":
            _documented(sequence, "element", row.doc, name=row.name, type="xs:int", **_occurs(row))
        else:
            self._simple_element(sequence, block_key, row)

    def _simple_element(self, sequence: etree._Element, block_key: str, row: FieldRow) -> None:
        constraint = self._constraint(block_key, row.name)
        values = {"fixed": constraint.fixed, "default": constraint.default}
        attributes = {name: value for name, value in values.items() if value is not None}
        element = _documented(sequence, "element", row.doc, name=row.name, **_occurs(row), **attributes)
        _simple_type(element, row.type_code, constraint.collapse_whitespace)

    def _constraint(self, block_key: str, name: str) -> ValueConstraint:
        key = (block_key, name)
        if key not in self.constraints:
            return ValueConstraint()
        self.used_constraints.add(key)
        return self.constraints[key]

    def _reference(self, name: str) -> str:
        prefix, _, local = name.partition(":")
        entity = self.blocks.get(local)
        if prefix == "ceb" and (entity is None or entity.kind is not BlockKind.ENTITY):
            raise SpecError(f"{name} is referenced but has no entity table")
        if prefix not in NSMAP:
            raise SpecError(f"reference {name!r} has no known namespace prefix")
        return name

    def _inline_block(self, key: str) -> Block:
        block = self.blocks.get(key)
        if block is None or block.kind is not BlockKind.INLINE:
            raise SpecError(f"inline element {key} has no (inline) table")
        return block

    def _check_constraints_used(self) -> None:
        unused = set(self.constraints) - self.used_constraints
        if unused:
            raise SpecError(f"constraints match no table row: {sorted(unused)}")


def _any_xml_type(root: etree._Element) -> None:
    complex_type = _documented(root, "complexType", "XML格式字符实体", name=ANY_XML_TYPE_NAME)
    sequence = etree.SubElement(complex_type, xs("sequence"))
    etree.SubElement(sequence, xs("any"), namespace="##any", processContents="skip", minOccurs="0")


def generate(spec_dir: Path, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for target in TARGETS:
        blocks = parse_spec((spec_dir / target.source).read_text(encoding="utf-8"))
        root = SchemaWriter(blocks, target.constraints).schema(target.title)
        root.addprevious(
            etree.Comment(f" Generated by scripts/generate_schemas.py from {target.source}. Do not edit. ")
        )
        path = out_dir / target.output
        document = etree.tostring(etree.ElementTree(root), encoding="UTF-8", pretty_print=True)
        path.write_bytes(XML_DECLARATION + document)
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec-dir", type=Path, default=DEFAULT_SPEC_DIR, help="directory of fields-*.md")
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR, help="where the XSDs are written")
    arguments = parser.parse_args()
    for path in generate(arguments.spec_dir, arguments.out_dir):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
