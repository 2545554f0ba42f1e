"""What a clearance rule reports: the code, the field at fault and the text customs puts in returnInfo."""

from dataclasses import dataclass

from single_window.ceb.codes import Code


@dataclass(frozen=True, slots=True)
class Mismatch:
    code: str
    field: str
    reason: str


def mismatch(code: Code, field: str, reason: str) -> Mismatch:
    return Mismatch(code.code, field, reason)
