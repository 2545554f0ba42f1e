"""What a stated value may hold: nothing that shows no mark, reorders what is shown, or is blank.

Two keys or names that look the same on screen must be the same value, so every value a client states (a business
key, a name, a filing's field) is refused when it holds:
- a control character other than tab, line feed and carriage return (C0, DEL and the C1 block U+0080-U+009F);
- a format character (Unicode category Cf): bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
  U+061C), zero-width characters (U+200B-U+200D, U+2060), the byte order mark U+FEFF, the soft hyphen U+00AD and
  the rest of the category;
- a line or paragraph separator (U+2028, U+2029).
The ideographic space (U+3000) and other visible spaces stay allowed: Chinese names and addresses use them.
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
INVISIBLE = re.compile(f"[{_CONTROL}{_FORMAT}{_SEPARATOR}]")
# A key holding one reads differently depending on who trims, joins or prints it.
TAB_OR_LINE_BREAK = re.compile(r"[\t\r\n]")


def invisible_character(text: str) -> str | None:
    """A description of the first character a reader would not see, e.g. "U+202E RIGHT-TO-LEFT OVERRIDE"."""
    # What str.isprintable() refuses (categories C and Z but the space) holds all of INVISIBLE; it runs in C and passes
    # nearly every value (letters, digits, CJK, punctuation), so only the rest pays for the search.
    found = None if text.isprintable() else INVISIBLE.search(text)
    if found is None:
        return None
    character = found.group()
    name = unicodedata.name(character, "control character")
    return f"U+{ord(character):04X} {name} at position {found.start() + 1}"


def is_blank(text: str) -> bool:
    """Something was stated, and all of it is white space (the ideographic space U+3000 included)."""
    return text.isspace()


def any_blank(texts: Iterable[str]) -> bool:
    """Whether any of these is blank, in one pass that runs in C: most records of a message have none."""
    return any(map(str.isspace, texts))
