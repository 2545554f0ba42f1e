"""Filing rules as plain functions: what may change, and into what."""

from collections.abc import Mapping
from typing import Any

from single_window.identity.principal import FilingStatus

STATUS_TRANSITIONS: dict[FilingStatus, frozenset[FilingStatus]] = {
    FilingStatus.ACTIVE: frozenset({FilingStatus.SUSPENDED, FilingStatus.REVOKED}),
    FilingStatus.SUSPENDED: frozenset({FilingStatus.ACTIVE, FilingStatus.REVOKED}),
    FilingStatus.REVOKED: frozenset(),
}


# Roles decide which messages an enterprise may send, the district which customs office oversees it.
OFFICER_APPROVED_FIELDS = frozenset({"roles", "district"})


def may_change_status(current: FilingStatus, wanted: FilingStatus) -> bool:
    return wanted in STATUS_TRANSITIONS[current]


def field_changes(current: dict[str, Any], wanted: dict[str, Any]) -> dict[str, list[Any]]:
    """Each field whose value differs, as [old, new]: the shape the history keeps."""
    return {name: [current.get(name), value] for name, value in wanted.items() if current.get(name) != value}


def needing_officer(changes: Mapping[str, object]) -> list[str]:
    """The changed fields only a customs officer may change."""
    return sorted(OFFICER_APPROVED_FIELDS & changes.keys())
