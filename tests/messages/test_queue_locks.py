"""A message that fills two sets of queues (rejection receipts, shared data) holds them all at once, in order."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event

from tests.messages.attacks import EBC, LOGISTICS, PLATFORM, field, order
from tests.messages.test_attack_corpus import batch, send

DATA_FOR_LOGISTICS = (
    "</ceb:BaseSubscribe>",
    "</ceb:BaseSubscribe>\n  <ceb:BaseSubscribe><ceb:status>DATA</ceb:status><ceb:dxpMode>DXP</ceb:dxpMode>"
    "<ceb:dxpAddress>DXPLGS0000000003</ceb:dxpAddress></ceb:BaseSubscribe>",
)


@pytest.fixture
def queue_locks(engine: Engine) -> Iterator[list[set[str]]]:
    """The enterprise codes each statement that locks enterprise rows locked, in order."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time and no row locks")
    seen: list[set[str]] = []

    def capture(_c: object, _cursor: object, statement: str, parameters: object, *_: object) -> None:
        if "FOR UPDATE" in statement and "enterprises" in statement:
            assert isinstance(parameters, dict)
            seen.append({value for value in parameters.values() if isinstance(value, str)})

    event.listen(engine, "before_cursor_execute", capture)
    yield seen
    event.remove(engine, "before_cursor_execute", capture)


def test_rejection_receipts_and_shared_data_lock_every_queue_in_the_first_statement(
    client: TestClient, demo_keys: dict[str, str], queue_locks: list[set[str]]
) -> None:
    good = order(DATA_FOR_LOGISTICS)
    bad = order(DATA_FOR_LOGISTICS, field("totalPrice", "1.00"))
    status, _ = send(client, batch(good, bad), demo_keys[PLATFORM])
    assert status == 202
    assert queue_locks[0] == {PLATFORM, EBC, LOGISTICS}
