"""What a stated value may hold: nothing that shows no mark, reorders what is shown, or is blank.

Two keys or names that look the same on screen must be the same value, so every value a client states (a business
key, a name, a filing's field) is refused when it holds:
- a control character other than tab, line feed and carriage return (C0, DEL and the C1 block U+0080-U+009F);
- a format character (Unicode category Cf): bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
  U+061C), zero-width characters (U+200B-U+200D, U+2060), the byte order mark U+FEFF, the soft hyphen U+00AD and
  the rest of the category;
- a line or paragraph separator (U+2028, U+2029);
- a default-ignorable code point (Unicode's Default_Ignorable_Code_Point) outside category Cf: the combining grapheme
  joiner U+034F, the Hangul fillers U+115F, U+1160, U+3164 and U+FFA0, the Khmer inherent vowels U+17B4 and U+17B5,
  the Mongolian free variation selectors U+180B-U+180D and U+180F, and the code points Unicode reserves for more of
  them; and the braille pattern blank U+2800, which is not default-ignorable but shows nothing all the same.
The ideographic space (U+3000) and other visible spaces stay allowed: Chinese names and addresses use them.
So do the variation selectors U+FE00-U+FE0F and U+E0100-U+E01EF, default-ignorable though they are: an emoji's
presentation (U+FE0F) and an ideographic variation sequence (a rare form of a name's character) are chosen with them,
and a business key, where two spellings must not look alike, is printable ASCII anyway.
Private use characters (Co) and unassigned code points (Cn) stay allowed too: GB18030 maps rare characters of
personal and place names to the private use area, and Python's Unicode tables lag the standard (3.11 knows Unicode
14.0), so a character assigned since reads as unassigned here.
"""

import re
import unicodedata
from collections.abc import Iterable

# Category Cf as Unicode 15.1 defines it; tests/test_plain_text.py checks it against the running unicodedata.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_SEPARATOR = "\u2028\u2029"
# Letters, marks and a symbol that show nothing, and that str.isprintable() passes.
_BLANK_GLYPHS = "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u2800\u3164\uffa0"
# Reserved as default-ignorable (DerivedCoreProperties.txt): whatever Unicode assigns there will show nothing.
_RESERVED_IGNORABLE = "\u2065\ufff0-\ufff8\U000e0000\U000e0002-\U000e001f\U000e0080-\U000e00ff\U000e01f0-\U000e0fff"
INVISIBLE = re.compile(f"[{_CONTROL}{_FORMAT}{_SEPARATOR}{_BLANK_GLYPHS}{_RESERVED_IGNORABLE}]")
PRINTABLE_BUT_INVISIBLE = re.compile(f"[{_BLANK_GLYPHS}]")
# A key holding one reads differently depending on who trims, joins or prints it.
TAB_OR_LINE_BREAK = re.compile(r"[\t\r\n]")


def invisible_character(text: str) -> str | None:
    """A description of the first character a reader would not see, e.g. "U+202E RIGHT-TO-LEFT OVERRIDE"."""
    found = _first_invisible(text)
    return None if found is None else described(text, found.start())


def described(text: str, index: int) -> str:
    """The character at `index` as a reader is told of it: code point, name and position counted from 1."""
    character = text[index]
    return f"U+{ord(character):04X} {_name(character)} at position {index + 1}"


def _name(character: str) -> str:
    # unicodedata names neither controls nor the code points it does not know (those reserved as default-ignorable).
    fallback = "control character" if unicodedata.category(character) == "Cc" else "unassigned code point"
    return unicodedata.name(character, fallback)


def _first_invisible(text: str) -> re.Match[str] | None:
    # str.isprintable() runs in C and refuses categories C and Z but the space: all of INVISIBLE but _BLANK_GLYPHS. It
    # passes nearly every value, so only the rest pays for the search over the whole class, whose ranges beyond the BMP
    # make it three times slower than the search for _BLANK_GLYPHS. ASCII (codes, numbers) holds none of those, and
    # isascii() reads a flag.
    if not text.isprintable():
        return INVISIBLE.search(text)
    return None if text.isascii() else PRINTABLE_BUT_INVISIBLE.search(text)


def is_blank(text: str) -> bool:
    """Something was stated, and all of it is white space (the ideographic space U+3000 included)."""
    return text.isspace()


def any_blank(texts: Iterable[str]) -> bool:
    """Whether any of these is blank, in one pass that runs in C: most records of a message have none."""
    return any(map(str.isspace, texts))
