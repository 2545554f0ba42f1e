"""Plain data travels to XML and back unchanged."""

from lxml import etree

from single_window.xmlio.codec import from_xml, singular, to_xml


def test_plurals_hold_singular_children() -> None:
    assert [singular(name) for name in ("roles", "errors", "entries", "data")] == ["role", "error", "entry", "item"]


def test_a_mapping_with_lists_and_nested_mappings_round_trips() -> None:
    data = {"name": "企业", "roles": ["ebc", "ebp"], "history": {"kind": "filing"}, "active": "true"}
    assert from_xml(etree.fromstring(to_xml("enterprise", data))) == data


def test_keys_that_are_not_xml_names_travel_as_entry_attributes() -> None:
    data = {"by_district": {"2900": "3", "5100": "1"}}
    document = to_xml("report", data)
    assert b'<entry key="2900">3</entry>' in document
    assert from_xml(etree.fromstring(document)) == data


def test_none_values_are_left_out_and_booleans_are_lowercase() -> None:
    document = etree.fromstring(to_xml("x", {"a": None, "b": True}))
    assert document.find("a") is None
    assert document.findtext("b") == "true"


def test_text_xml_cannot_carry_becomes_the_replacement_character() -> None:
    data = {"name": "a\u0001b\u0000c\ud800d\ufffee", "by_district": {"x\u001fy": "1"}}
    document = etree.fromstring(to_xml("x", data))
    assert document.findtext("name") == "a\ufffdb\ufffdc\ufffdd\ufffde"
    assert document.find("by_district/entry").get("key") == "x\ufffdy"  # type: ignore[union-attr]


def test_tabs_line_breaks_and_astral_characters_travel_unchanged() -> None:
    data = {"reason": "第一行\r\n\t第二行 𠮷"}
    assert from_xml(etree.fromstring(to_xml("x", data))) == data
