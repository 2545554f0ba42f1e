"""Factories with keyword defaults: each call gives codes no other call gives."""

import itertools
from typing import Any

from fastapi.testclient import TestClient

from single_window.filings.uscc import check_character
from single_window.messages.models import Message

_serials = itertools.count(1)


def valid_uscc(serial: int) -> str:
    first_17 = f"91330108MA{serial:07d}"
    return first_17 + check_character(first_17)


def filing_payload(**overrides: Any) -> dict[str, Any]:
    serial = next(_serials)
    payload: dict[str, Any] = {
        "name": f"测试跨境电商企业{serial}有限公司",
        "uscc": valid_uscc(serial),
        "customs_code": f"44019{serial:05d}",
        "roles": ["ebc"],
        "district": "5100",
        "dxp_id": f"DXPENT{serial:010d}",
    }
    payload.update(overrides)
    return payload


def bearer(api_key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_key}"}


def file_enterprise(client: TestClient, **overrides: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """File an enterprise through the API; returns its receipt and its auth headers."""
    response = client.post("/api/v1/enterprises", json=filing_payload(**overrides))
    assert response.status_code == 201, response.text
    receipt = response.json()
    return receipt, bearer(receipt["api_key"])


def message_row(**overrides: Any) -> Message:
    """An accepted CEB311 as intake stores it, for tests that write rows under it without going through intake."""
    values: dict[str, Any] = {
        "guid": f"4CDE1CFD-EDED-46B1-946C-{next(_serials):012d}",
        "message_type": "CEB311",
        "sender_code": "3301960001",
        "body_sha256": "0" * 64,
        "body": b"<x/>",
        "status": "accepted",
        "document_count": 1,
        "answer_status": 202,
        "answer": {},
    }
    values.update(overrides)
    return Message(**values)
