"""Authentication over a session: who a credential belongs to, and in what standing."""

from sqlmodel import Session

from single_window.config import Settings
from single_window.demo import DEMO_ENTERPRISES
from single_window.filings.models import Enterprise
from single_window.identity.principal import FilingStatus
from single_window.identity.service import ENTERPRISE_KEYS, authenticate


def test_an_enterprise_principal_carries_its_filing_status_as_the_enum(
    session: Session, settings: Settings, demo_keys: dict[str, str]
) -> None:
    principal = authenticate(session, settings, demo_keys[DEMO_ENTERPRISES[0].customs_code])
    assert principal.enterprise_status is FilingStatus.ACTIVE


def test_the_columns_authentication_reads_are_those_of_the_filed_enterprises_table() -> None:
    filed = Enterprise.__table__  # type: ignore[attr-defined]
    assert ENTERPRISE_KEYS.name == filed.name
    assert {column.name for column in ENTERPRISE_KEYS.c} <= set(filed.c.keys())
