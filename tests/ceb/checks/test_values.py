"""A value a reader would misread is refused: invisible characters, nothing but white space, inexact keys."""

import pytest

from single_window.ceb import codes
from single_window.ceb.checks.values import business_key_is_exact, envelope_values_are_plain, values_are_plain
from single_window.ceb.model import Record
from tests.ceb.checks.factories import codes_of, context, document, message, order_line, record, run


def untrimmed(head: Record, **stated: str) -> Record:
    """The head as reading leaves it when these fields were sent with white space around (or as) their value."""
    texts = {**head.texts, **{name: value.strip(" \t\r\n") for name, value in stated.items()}}
    return Record(head.path, head.line, texts, head.sourcelines, stated)


def test_plain_values_pass() -> None:
    doc = document(record(orderNo="YC1", buyerName="张\u3000伟"), order_line(1, itemName="面霜 220g"))
    assert run(values_are_plain, doc) == []


@pytest.mark.parametrize(
    "character", ["\u202e", "\u2066", "\u200b", "\ufeff", "\x85", "\u00ad", "\u2028", "\u3164", "\u2800"]
)
def test_an_invisible_character_in_a_line_is_reported_at_its_field(character: str) -> None:
    doc = document(record(), order_line(1, itemName=f"面{character}霜"))
    (issue,) = run(values_are_plain, doc)
    assert issue.code == codes.INVISIBLE_CHARACTER.code
    assert issue.field == "/CEB311Message/Order[1]/OrderList[1]/itemName"
    assert f"U+{ord(character):04X}" in issue.message


@pytest.mark.parametrize("stated", ["   ", "\t\n", "\u3000"])
def test_a_value_of_nothing_but_white_space_is_blank(stated: str) -> None:
    head = untrimmed(record(buyerName="x"), buyerName=stated)
    (issue,) = run(values_are_plain, document(head))
    assert issue.code == codes.BLANK_VALUE.code
    assert issue.field.endswith("/buyerName")


def test_an_empty_element_is_not_blank() -> None:
    assert run(values_are_plain, document(record(note=""))) == []


@pytest.mark.parametrize(
    ("stated", "problem"),
    [
        ("", "is empty"),
        ("\tYC1\t", "has white space around it"),
        (" YC1", "has white space around it"),
        ("YC\t1", "holds U+0009 control character at position 3"),
        ("YC|1", "holds '|'"),
    ],
)
def test_a_business_key_field_must_be_stated_exactly(stated: str, problem: str) -> None:
    head = untrimmed(record(ebpCode="3301960001", orderNo=stated.strip(" \t")), orderNo=stated)
    (issue,) = run(business_key_is_exact, document(head))
    assert issue.code == codes.KEY_NOT_EXACT.code
    assert issue.field.endswith("/orderNo")
    assert problem in issue.message


def test_an_exact_key_passes_and_other_fields_may_hold_spaces() -> None:
    head = record(ebpCode="3301960001", orderNo="YC 1", buyerName="Zhang Wei")
    assert codes_of(run(business_key_is_exact, document(head))) == []


@pytest.mark.parametrize(
    ("stated", "named"),
    [
        ("YC２０２４0315", "U+FF12 FULLWIDTH DIGIT TWO at position 3"),
        ("\u0421N20240315", "U+0421 CYRILLIC CAPITAL LETTER ES at position 1"),
        ("YC2024订单0315", "U+8BA2 CJK UNIFIED IDEOGRAPH-8BA2 at position 7"),
        ("SH\u039f1", "U+039F GREEK CAPITAL LETTER OMICRON at position 3"),
    ],
    ids=["full-width digits", "a Cyrillic letter", "CJK", "a Greek letter"],
)
def test_a_business_key_field_beyond_printable_ascii_is_refused_naming_the_character(stated: str, named: str) -> None:
    (issue,) = run(business_key_is_exact, document(record(ebpCode="3301960001", orderNo=stated)))
    assert issue.code == codes.KEY_NOT_EXACT.code
    assert issue.field.endswith("/orderNo")
    assert f"holds {named}; a key is printable ASCII" in issue.message


def test_an_overseas_platform_may_state_the_specs_placeholder_as_its_ebp_code_in_an_export_order_key() -> None:
    head = record("/CEB303Message/Order[1]/OrderHead", ebpCode="无", ebcCode="3301960002", orderNo="EX1")
    assert run(business_key_is_exact, document(head), context("CEB303Message")) == []


def test_the_placeholder_is_no_key_where_the_spec_does_not_name_it() -> None:
    (issue,) = run(business_key_is_exact, document(record(ebpCode="无", orderNo="YC1")))
    assert issue.field.endswith("/ebpCode")


def test_an_invisible_character_in_a_key_is_left_to_the_value_rule_that_names_it() -> None:
    assert run(business_key_is_exact, document(record(ebpCode="3301960001", orderNo="YC\u202e1"))) == []


TRANSFER = "/CEB311Message/BaseTransfer"


def test_an_invisible_character_in_the_transfer_block_is_reported_at_its_field() -> None:
    transfer = record(TRANSFER, copCode="3301960001", copName="杭州\u202e司公限有", dxpId="DXPENT0000000001")
    (issue,) = envelope_values_are_plain(message(transfer), context())
    assert (issue.code, issue.field) == (codes.INVISIBLE_CHARACTER.code, f"{TRANSFER}/copName")
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in issue.message


def test_a_blank_value_in_the_transfer_block_is_reported() -> None:
    transfer = untrimmed(record(TRANSFER, copCode="3301960001", note="x"), note="\u3000 ")
    (issue,) = envelope_values_are_plain(message(transfer), context())
    assert (issue.code, issue.field) == (codes.BLANK_VALUE.code, f"{TRANSFER}/note")


def test_a_plain_transfer_block_and_a_message_without_one_pass() -> None:
    transfer = record(TRANSFER, copCode="3301960001", copName="杭州云仓\u3000有限公司", dxpId="DXPENT0000000001")
    assert list(envelope_values_are_plain(message(transfer), context())) == []
    assert list(envelope_values_are_plain(message(None), context())) == []
