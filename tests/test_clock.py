"""One business clock: real time plus what officers moved it by, read by clearance and by every receipt."""

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from single_window import clock
from single_window.config import Settings
from single_window.receipts.texts import CHINA_TIME
from tests.clearance.flows import clear_everything, inventory_receipts, one_set, sent_sets
from tests.conftest import officer

pytestmark = pytest.mark.usefixtures("room_for_large_messages")


def test_the_clock_moves_only_forward(session: Session) -> None:
    assert clock.advance(session, timedelta(days=2)) == timedelta(days=2)
    assert clock.advance(session, timedelta(hours=1)) == timedelta(days=2, hours=1)
    with pytest.raises(ValueError, match="only moves forward"):
        clock.advance(session, timedelta(seconds=-1))


def test_receipts_and_numbers_carry_the_business_clock(
    client: TestClient, demo_keys: dict[str, str], session: Session, settings: Settings
) -> None:
    assert client.post("/api/v1/clearance/clock/advance", json={"seconds": 400 * 86_400}, headers=officer()).is_success
    expected_year = str((clock.business_now(session)).astimezone(CHINA_TIME).year)
    sent_sets(client, demo_keys, one_set())
    clear_everything(session, settings)
    ((declared, *_),) = inventory_receipts(session).values()
    assert declared.return_time.startswith(expected_year)
    assert declared.fields["preNo"][1:5] == expected_year
