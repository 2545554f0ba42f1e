"""The unified social credit code (统一社会信用代码) of GB 32100-2015."""

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


def check_character(first_17: str) -> str:
    """The 18th character that GB 32100-2015 derives from the first 17."""
    total = sum(CHARSET.index(char) * weight for char, weight in zip(first_17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """Why ``code`` is not a valid USCC, or None when it is."""
    if len(code) != LENGTH:
        return f"must be {LENGTH} characters, got {len(code)}"
    strangers = sorted({char for char in code if char not in CHARSET})
    if strangers:
        return f"contains characters outside GB 32100-2015: {''.join(strangers)}"
    if not code[2:8].isdigit():
        return "characters 3-8 must be the 6-digit administrative division code"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"check character is {code[17]}, GB 32100-2015 gives {expected}"
    return None
