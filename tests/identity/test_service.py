"""Authentication over a session: who a credential belongs to, and in what standing."""

from sqlmodel import Session

from single_window.config import Settings
from single_window.demo import DEMO_ENTERPRISES
from single_window.filings.schemas import FilingStatus
from single_window.identity.service import authenticate


def test_an_enterprise_principal_carries_its_filing_status_as_the_enum(
    session: Session, settings: Settings, demo_keys: dict[str, str]
) -> None:
    principal = authenticate(session, settings, demo_keys[DEMO_ENTERPRISES[0].customs_code])
    assert principal.enterprise_status is FilingStatus.ACTIVE
