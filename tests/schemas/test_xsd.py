"""The message schemas compile offline and accept exactly the sample messages they should."""

import base64
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from lxml import etree

REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = REPO_ROOT / "schemas"
CEB_SCHEMAS = (SCHEMA_DIR / "ceb" / "import-2022-05.xsd", SCHEMA_DIR / "ceb" / "export-2022-05.xsd")
MESSAGE_SCHEMAS = (*CEB_SCHEMAS, SCHEMA_DIR / "dxp" / "dxpmsg-2022-05.xsd")
ALL_SCHEMAS = sorted(SCHEMA_DIR.rglob("*.xsd"))
VALID_SAMPLES = sorted(
    [
        *(REPO_ROOT / "sample_declarations" / "valid").glob("*.xml"),
        *(REPO_ROOT / "sample_declarations" / "customs-issued").glob("*.xml"),
    ]
)
INVALID_SAMPLES = sorted((REPO_ROOT / "sample_declarations" / "invalid-schema").glob("*.xml"))
SPEC_DIR = REPO_ROOT.parent / "shared" / "spec"
GENERATOR = REPO_ROOT / "scripts" / "generate_schemas.py"

XS_NS = "http://www.w3.org/2001/XMLSchema"
MESSAGE_ROOT = re.compile(r"CEB\d{3}Message")
DXP_DATA = "{http://www.chinaport.gov.cn/dxp}Data"
PARSER = etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False)


@cache
def lxml_schema(path: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path), PARSER))


@cache
def xmlschema_schema(path: Path) -> Any:
    return xmlschema.XMLSchema10(str(path), allow="local")


@cache
def global_elements(path: Path) -> frozenset[str]:
    names = etree.parse(str(path), PARSER).xpath("/xs:schema/xs:element/@name", namespaces={"xs": XS_NS})
    assert isinstance(names, list)
    return frozenset(str(name) for name in names)


def ceb_message_roots() -> list[str]:
    names = [name for path in CEB_SCHEMAS for name in global_elements(path)]
    return [name for name in names if MESSAGE_ROOT.fullmatch(name)]


def schema_for(document: etree._ElementTree) -> Path:
    """The message schema that declares the document's root element."""
    root_name = etree.QName(document.getroot()).localname
    matches = [path for path in MESSAGE_SCHEMAS if root_name in global_elements(path)]
    assert len(matches) == 1, f"{root_name} is declared by {matches}"
    return matches[0]


def lxml_errors(document: etree._ElementTree) -> list[str]:
    schema = lxml_schema(schema_for(document))
    if schema.validate(document):
        return []
    return str(schema.error_log).splitlines()


def xmlschema_errors(document: etree._ElementTree) -> list[str]:
    return [str(error.reason) for error in xmlschema_schema(schema_for(document)).iter_errors(document)]


def parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), PARSER)


def embedded_message(envelope: etree._ElementTree) -> etree._ElementTree:
    data = envelope.getroot().find(DXP_DATA)
    assert data is not None
    assert data.text is not None
    return etree.ElementTree(etree.fromstring(base64.b64decode(data.text), PARSER))


@pytest.mark.parametrize("path", ALL_SCHEMAS, ids=lambda path: path.name)
def test_every_schema_compiles_with_lxml(path: Path) -> None:
    assert isinstance(lxml_schema(path), etree.XMLSchema)


@pytest.mark.parametrize("path", ALL_SCHEMAS, ids=lambda path: path.name)
def test_every_schema_compiles_with_xmlschema_as_xsd_1_0_and_1_1(path: Path) -> None:
    assert xmlschema_schema(path).validity == "valid"
    assert xmlschema.XMLSchema11(str(path), allow="local").validity == "valid"


def test_the_ceb_schemas_declare_the_42_message_types_of_2022_05() -> None:
    roots = ceb_message_roots()
    assert len(roots) == len(set(roots)) == 42


def test_there_is_one_valid_sample_per_message_type_and_a_dxp_envelope() -> None:
    sample_roots = [etree.QName(parse(path).getroot()).localname for path in VALID_SAMPLES]
    assert sorted(sample_roots) == sorted([*ceb_message_roots(), "DxpMsg"])


@pytest.mark.parametrize("path", VALID_SAMPLES, ids=lambda path: path.name)
def test_valid_sample_is_accepted_by_lxml_and_xmlschema(path: Path) -> None:
    document = parse(path)
    assert lxml_errors(document) == []
    assert xmlschema_errors(document) == []


@pytest.mark.parametrize("path", [path for path in VALID_SAMPLES if path.name.startswith("DxpMsg")])
def test_dxp_envelope_carries_a_valid_ceb_message(path: Path) -> None:
    message = embedded_message(parse(path))
    assert lxml_errors(message) == []
    assert xmlschema_errors(message) == []


@pytest.mark.parametrize("path", INVALID_SAMPLES, ids=lambda path: path.name)
def test_invalid_sample_is_rejected_by_lxml_and_xmlschema(path: Path) -> None:
    document = parse(path)
    assert lxml_errors(document) != []
    assert xmlschema_errors(document) != []


@pytest.mark.skipif(not SPEC_DIR.is_dir(), reason="the shared spec directory is not available")
def test_committed_ceb_schemas_are_what_the_generator_writes(tmp_path: Path) -> None:
    command = [sys.executable, str(GENERATOR), "--spec-dir", str(SPEC_DIR), "--out-dir", str(tmp_path)]
    subprocess.run(command, check=True, capture_output=True)
    for path in CEB_SCHEMAS:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), f"{path.name} is out of date"
