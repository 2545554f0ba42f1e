"""Every declaration type is registered with its senders, its enterprise fields and its rules; nothing else is."""

from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from single_window.messages.checks.model import MessageSpec
from single_window.messages.checks.reading import read_message
from single_window.messages.checks.registry import DECLARATIONS
from tests.messages.checks.factories import parse
from tests.samples import samples

SCHEMAS = sorted((Path(__file__).resolve().parents[3] / "schemas" / "ceb").glob("*.xsd"))
XS = {"xs": "http://www.w3.org/2001/XMLSchema"}


@cache
def _roots_with_transfer() -> frozenset[str]:
    """The message roots that carry a BaseTransfer: the declarations (receipts and notices carry none)."""
    names: set[str] = set()
    for schema in SCHEMAS:
        found = etree.parse(str(schema)).xpath(
            "/xs:schema/xs:element[.//xs:element[@ref='ceb:BaseTransfer']]/@name", namespaces=XS
        )
        assert isinstance(found, list)
        names.update(str(name) for name in found)
    return frozenset(names)


def _valid_sample(root: str) -> Path:
    (path,) = [path for path in samples("valid") if path.name.startswith(root.removesuffix("Message") + "-")]
    return path


def test_exactly_the_declarations_of_the_schemas_are_registered() -> None:
    assert len(_roots_with_transfer()) == 19
    assert set(DECLARATIONS) == _roots_with_transfer()


@pytest.mark.parametrize(("root", "spec"), DECLARATIONS.items())
def test_every_enterprise_field_of_a_declaration_exists_in_its_sample(root: str, spec: MessageSpec) -> None:
    head = read_message(parse(_valid_sample(root))).documents[0].head
    assert set(spec.parties) <= set(head.texts), root


@pytest.mark.parametrize(("root", "spec"), DECLARATIONS.items())
def test_no_rule_is_listed_twice_and_every_declaration_has_senders(root: str, spec: MessageSpec) -> None:
    assert len(spec.rules) == len(set(spec.rules)), root
    assert spec.senders, root
