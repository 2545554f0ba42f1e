"""Every declaration row has its senders, its enterprise fields and its rules; no other row has any."""

from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from single_window.ceb import codes
from single_window.ceb.catalogue import ALL
from single_window.ceb.checks.check import check_message
from single_window.ceb.checks.reading import read_message
from single_window.ceb.checks.registry import EVERY_DECLARATION
from single_window.ceb.import_types import IMPORT
from single_window.ceb.model import MessageType
from single_window.ceb.namespaces import CEB_NS
from single_window.demo import DEMO_ENTERPRISES
from single_window.messages.offline import DemoFilings
from tests.ceb.checks.factories import parse
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


IMPORT_ROOTS = {message_type.root for message_type in IMPORT}
DECLARATIONS = {message_type.root: message_type for message_type in ALL if message_type.kind == "declaration"}


def test_exactly_the_declarations_of_the_schemas_are_registered() -> None:
    assert len(_roots_with_transfer()) == 19
    assert set(DECLARATIONS) == _roots_with_transfer()


@pytest.mark.parametrize(("root", "spec"), DECLARATIONS.items())
def test_every_enterprise_field_of_a_declaration_exists_in_its_sample(root: str, spec: MessageType) -> None:
    head = read_message(parse(_valid_sample(root))).documents[0].head
    assert set(spec.parties) <= set(head.texts), root


@pytest.mark.parametrize(("root", "spec"), DECLARATIONS.items())
def test_no_rule_is_listed_twice_and_every_declaration_has_senders(root: str, spec: MessageType) -> None:
    assert len(spec.rules) == len(set(spec.rules)), root
    assert spec.senders, root


@pytest.mark.parametrize(
    ("root", "roles"),
    [
        # Not the "entrusted" express operators the XSD's title names: no filing records who entrusted them.
        ("CEB311Message", {"ebp", "ebc"}),
        ("CEB411Message", {"payment"}),
        ("CEB511Message", {"logistics"}),
        ("CEB621Message", {"agent", "ebc"}),
        ("CEB711Message", {"site"}),
        ("CEB403Message", {"ebc", "payment"}),
        ("CEB607Message", {"logistics", "agent"}),
        ("CEB215Message", {"site", "logistics"}),
        ("CEB701Message", {"agent"}),
    ],
)
def test_senders_are_the_roles_the_spec_names(root: str, roles: set[str]) -> None:
    assert DECLARATIONS[root].senders == roles


def test_the_guarantor_may_be_the_platform_the_e_commerce_or_the_logistics_enterprise() -> None:
    assert DECLARATIONS["CEB621Message"].parties["assureCode"].roles == {"ebp", "ebc", "logistics"}


def test_unregistered_overseas_platforms_and_producers_file_placeholder_codes_on_export_only() -> None:
    parties = DECLARATIONS["CEB603Message"].parties
    assert parties["ebpCode"].placeholders == frozenset({"无"})
    assert parties["ownerCode"].placeholders == frozenset({"NO"})
    imports = [spec for root, spec in DECLARATIONS.items() if root in IMPORT_ROOTS]
    assert imports
    assert all(not party.placeholders for spec in imports for party in spec.parties.values())


@pytest.mark.parametrize("root", sorted(DECLARATIONS))
def test_every_declaration_names_its_declarants_among_its_enterprise_fields(root: str) -> None:
    spec = DECLARATIONS[root]
    assert spec.declarants
    assert set(spec.declarants) <= set(spec.parties)


@pytest.mark.parametrize("root", sorted(DECLARATIONS))
def test_every_declaration_runs_the_value_and_name_rules(root: str) -> None:
    assert set(EVERY_DECLARATION) <= set(DECLARATIONS[root].rules)


@pytest.mark.parametrize("root", sorted(DECLARATIONS))
def test_an_enterprise_that_may_send_the_type_but_is_named_by_no_declarant_field_is_refused(root: str) -> None:
    """For every type: its valid sample, sent under its own transfer block by each demo enterprise that holds a
    sender role but is not a declarant of that document, gets -10102; a declarant gets no such issue."""
    message = parse(_valid_sample(root))
    head = read_message(message).documents[0].head.texts
    named = {head.get(name) for name in DECLARATIONS[root].declarants}
    for demo in DEMO_ENTERPRISES:
        if demo.role not in DECLARATIONS[root].senders:
            continue
        _transfer_of(message, demo.customs_code, demo.dxp_id)
        issues = check_message(message, sender_code=demo.customs_code, directory=DemoFilings(), max_issues=100)
        declared_in_another_name = [i for i in issues if i.code == codes.INVALID_ENTERPRISE_CODE.code]
        assert bool(declared_in_another_name) == (demo.customs_code not in named), (root, demo.customs_code)


def _transfer_of(message: etree._Element, cop_code: str, dxp_id: str) -> None:
    transfer = message.find(f"{{{CEB_NS}}}BaseTransfer")
    assert transfer is not None
    for name, value in (("copCode", cop_code), ("dxpId", dxp_id)):
        element = transfer.find(f"{{{CEB_NS}}}{name}")
        assert element is not None
        element.text = value
