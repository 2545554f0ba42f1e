"""A freshly seeded service accepts every generated message, sent in file order by the enterprise it names."""

import json

import pytest
from fastapi.testclient import TestClient

from tests.generator.factories import cop_code, messages, parse

pytestmark = pytest.mark.usefixtures("room_for_large_messages")


@pytest.mark.parametrize("direction", ["import", "export"])
def test_the_service_accepts_every_generated_message(
    client: TestClient, demo_keys: dict[str, str], direction: str
) -> None:
    for name, body in messages(direction, seed=51, orders=6, per_message=3, lines=None):
        key = demo_keys[cop_code(parse(body))]
        response = client.post(
            "/api/v1/messages",
            content=body,
            headers={"Content-Type": "application/xml", "Accept": "application/json", "Authorization": f"Bearer {key}"},
        )
        assert response.status_code == 202, (name, response.text)
        assert json.loads(response.content)["acknowledgement"]["documents"] == 3
