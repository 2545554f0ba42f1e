"""What a stage decides about a case, as plain data; the drain applies it (clearance/apply.py)."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from single_window.clearance.mismatch import Mismatch, return_info
from single_window.clearance.states import InventoryStatus


@dataclass(frozen=True)
class Notice:
    """A customs notice to issue with the outcome, such as the CEB816 tax bill: its type, head and lines."""

    notice_type: str
    head: Mapping[str, str]
    lines: tuple[Mapping[str, str], ...] = ()


@dataclass(frozen=True)
class Proceed:
    """The stage is done: announce these statuses, then the next stage of the route (if any) takes the case."""

    statuses: tuple[InventoryStatus, ...] = ()
    findings: Mapping[str, Any] = field(default_factory=dict)
    notices: tuple[Notice, ...] = ()


@dataclass(frozen=True)
class Wait:
    """Not yet: announce these statuses, and try again at ``until``, or only when an event wakes it (None)."""

    note: str
    until: datetime | None = None
    statuses: tuple[InventoryStatus, ...] = ()
    findings: Mapping[str, Any] = field(default_factory=dict)
    notices: tuple[Notice, ...] = ()


@dataclass(frozen=True)
class Reject:
    """Customs rejects the inventory (100), naming every rule it broke with the spec's code and Chinese text."""

    mismatches: tuple[Mismatch, ...]

    @property
    def info(self) -> str:
        return return_info(self.mismatches)


@dataclass(frozen=True)
class End:
    """The case ends at a final status other than a rejection: a detention, a return abroad, closing."""

    status: InventoryStatus
    findings: Mapping[str, Any] = field(default_factory=dict)


Outcome = Proceed | Wait | Reject | End
