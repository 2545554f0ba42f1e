"""The authenticated caller and the access rules that depend only on who it is."""

from dataclasses import dataclass
from enum import StrEnum


class FilingStatus(StrEnum):
    """Where an enterprise's filing stands; identity reads it on every call, filings sets it."""

    ACTIVE = "active"
    SUSPENDED = "suspended"
    REVOKED = "revoked"


class PrincipalKind(StrEnum):
    ENTERPRISE = "enterprise"
    OFFICER = "officer"
    STATISTICIAN = "statistician"


# statistician_tokens.label is VARCHAR(64): the longest subject any principal has.
STATISTICIAN_LABEL_MAX_LENGTH = 64
# "kind:subject", as the filing history records it.
ACTOR_MAX_LENGTH = max(len(kind) for kind in PrincipalKind) + 1 + STATISTICIAN_LABEL_MAX_LENGTH


@dataclass(frozen=True)
class Principal:
    kind: PrincipalKind
    # The customs code for an enterprise, the token label for a statistician.
    subject: str
    enterprise_status: FilingStatus | None = None

    @property
    def actor(self) -> str:
        return f"{self.kind.value}:{self.subject}"

    def is_enterprise(self, customs_code: str) -> bool:
        return self.kind is PrincipalKind.ENTERPRISE and self.subject == customs_code


OFFICER = Principal(PrincipalKind.OFFICER, "customs")


def may_see_enterprise(principal: Principal, customs_code: str) -> bool:
    """Officers see every filing, an enterprise only its own, a statistician none."""
    return principal.kind is PrincipalKind.OFFICER or principal.is_enterprise(customs_code)
