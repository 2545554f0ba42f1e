"""What a clearance rule reports: the code, the field at fault and the text customs puts in returnInfo."""

from collections.abc import Iterable
from dataclasses import dataclass

from single_window.ceb.codes import Code
from single_window.receipts.texts import capped_info


@dataclass(frozen=True, slots=True)
class Mismatch:
    code: str
    field: str
    reason: str


def mismatch(code: Code, field: str, reason: str) -> Mismatch:
    return Mismatch(code.code, field, reason)


def return_info(mismatches: Iterable[Mismatch]) -> str:
    """``[Code:…;Desc:…]`` per rule broken, capped at returnInfo's 1000 characters."""
    return capped_info("".join(f"[Code:{m.code};Desc:{m.reason}]" for m in mismatches))
