import unicodedata

import pytest

from single_window.plain_text import INVISIBLE, PRINTABLE_BUT_INVISIBLE, any_blank, invisible_character, is_blank

# Default_Ignorable_Code_Point in Unicode 15.1's DerivedCoreProperties.txt, which unicodedata does not expose.
DEFAULT_IGNORABLE = [
    *[(0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F)],
    *[(0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF)],
    *[(0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF)],
]
VARIATION_SELECTORS = [(0xFE00, 0xFE0F), (0xE0100, 0xE01EF)]
BRAILLE_PATTERN_BLANK = 0x2800


def _within(code_point: int, ranges: list[tuple[int, int]]) -> bool:
    return any(first <= code_point <= last for first, last in ranges)


def _default_ignorable_but_not_a_variation_selector(code_point: int) -> bool:
    return _within(code_point, DEFAULT_IGNORABLE) and not _within(code_point, VARIATION_SELECTORS)


def _should_be_refused(code_point: int) -> bool:
    character = chr(code_point)
    category = unicodedata.category(character)
    return (
        (category == "Cc" and character not in "\t\n\r")
        or category in {"Cf", "Zl", "Zp"}
        or _default_ignorable_but_not_a_variation_selector(code_point)
        or code_point == BRAILLE_PATTERN_BLANK
    )


def test_the_invisible_class_is_controls_formats_separators_and_default_ignorables_but_variation_selectors() -> None:
    # Code points newer than the running Python's Unicode tables are unassigned (Cn) here: refusing them is fine, unless
    # Unicode reserves them as default-ignorable, which must be refused.
    wrong = [
        f"U+{code_point:04X}"
        for code_point in range(0x110000)
        if bool(INVISIBLE.match(chr(code_point))) != _should_be_refused(code_point)
        and (unicodedata.category(chr(code_point)) != "Cn" or _within(code_point, DEFAULT_IGNORABLE))
    ]
    assert wrong == []


def test_every_invisible_character_python_calls_printable_is_in_the_class_the_fast_path_searches() -> None:
    missed = [
        f"U+{code_point:04X}"
        for code_point in range(0x110000)
        if chr(code_point).isprintable()
        and INVISIBLE.match(chr(code_point))
        and not PRINTABLE_BUT_INVISIBLE.match(chr(code_point))
    ]
    assert missed == []


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("ORD\u202e1", "U+202E RIGHT-TO-LEFT OVERRIDE at position 4"),
        ("\u200bORD1", "U+200B ZERO WIDTH SPACE at position 1"),
        ("ORD1\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE at position 5"),
        ("张\x85三", "U+0085 control character at position 2"),
        ("a\u2028b", "U+2028 LINE SEPARATOR at position 2"),
        ("张\u3164", "U+3164 HANGUL FILLER at position 2"),
        ("\uffa0", "U+FFA0 HALFWIDTH HANGUL FILLER at position 1"),
        ("ORD\u034f1", "U+034F COMBINING GRAPHEME JOINER at position 4"),
        ("\u115f\u1160", "U+115F HANGUL CHOSEONG FILLER at position 1"),
        ("a\u17b5", "U+17B5 KHMER VOWEL INHERENT AA at position 2"),
        ("面霜\u180f", "U+180F MONGOLIAN FREE VARIATION SELECTOR FOUR at position 3"),
        ("\u2800\u2800", "U+2800 BRAILLE PATTERN BLANK at position 1"),
        ("a\U000e0002", "U+E0002 unassigned code point at position 2"),
    ],
)
def test_an_invisible_character_is_described_by_code_point_name_and_position(text: str, described: str) -> None:
    assert invisible_character(text) == described


@pytest.mark.parametrize(
    "text",
    [
        "ORD1",
        "张\u3000三",
        "No. 5, Lane 3\n",
        "tab\there",
        # An emoji's presentation and an ideographic variation sequence choose a glyph; the base character shows.
        "爱心\u2764\ufe0f",
        "葛\U000e0100城",
        # Private use: GB18030 maps rare characters of names there.
        "王\ue816",
    ],
)
def test_visible_text_and_xml_whitespace_pass(text: str) -> None:
    assert invisible_character(text) is None


def test_blank_means_stated_and_all_white_space() -> None:
    assert is_blank(" \t\u3000")
    assert not is_blank("")
    assert not is_blank(" a ")


def test_any_blank_finds_one_blank_among_many() -> None:
    assert any_blank(["YC1", "", "\u3000"])
    assert not any_blank(["YC1", "", "a b"])
