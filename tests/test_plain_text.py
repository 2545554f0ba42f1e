import unicodedata

import pytest

from single_window.plain_text import INVISIBLE, any_blank, invisible_character, is_blank


def _should_be_refused(character: str) -> bool:
    category = unicodedata.category(character)
    return (category == "Cc" and character not in "\t\n\r") or category in {"Cf", "Zl", "Zp"}


def test_the_invisible_class_is_every_control_format_and_separator_character() -> None:
    # Code points newer than the running Python's Unicode tables are unassigned (Cn) here: refusing them is fine.
    wrong = [
        f"U+{code_point:04X}"
        for code_point in range(0x110000)
        if bool(INVISIBLE.match(chr(code_point))) != _should_be_refused(chr(code_point))
        and unicodedata.category(chr(code_point)) != "Cn"
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("ORD\u202e1", "U+202E RIGHT-TO-LEFT OVERRIDE at position 4"),
        ("\u200bORD1", "U+200B ZERO WIDTH SPACE at position 1"),
        ("ORD1\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE at position 5"),
        ("张\x85三", "U+0085 control character at position 2"),
        ("a\u2028b", "U+2028 LINE SEPARATOR at position 2"),
    ],
)
def test_an_invisible_character_is_described_by_code_point_name_and_position(text: str, described: str) -> None:
    assert invisible_character(text) == described


@pytest.mark.parametrize("text", ["ORD1", "张\u3000三", "No. 5, Lane 3\n", "tab\there"])
def test_visible_text_and_xml_whitespace_pass(text: str) -> None:
    assert invisible_character(text) is None


def test_blank_means_stated_and_all_white_space() -> None:
    assert is_blank(" \t\u3000")
    assert not is_blank("")
    assert not is_blank(" a ")


def test_any_blank_finds_one_blank_among_many() -> None:
    assert any_blank(["YC1", "", "\u3000"])
    assert not any_blank(["YC1", "", "a b"])
