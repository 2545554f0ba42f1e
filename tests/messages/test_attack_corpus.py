"""Issue #8's attack corpus, over HTTP on both databases and through `single-window validate`: each attack is
refused with its code and leaves nothing behind, or is handled as stated."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from single_window.messages.models import BusinessDocument
from tests.factories import file_enterprise
from tests.messages.attacks import (
    CORPUS,
    EBC,
    LOGISTICS,
    ORDER,
    PLATFORM,
    PLATFORM_USCC,
    Attack,
    field,
    order,
    sent_by,
)
from tests.messages.test_hostile_input import stored
from tests.messages.test_offline_cli import run_validate

pytestmark = pytest.mark.usefixtures("room_for_large_messages")


def send(client: TestClient, body: bytes, key: str) -> tuple[int, str]:
    """The status and the code: the error's, or the first business breach's when some documents were rejected."""
    response = client.post(
        "/api/v1/messages",
        content=body,
        headers={"Content-Type": "application/xml", "Accept": "application/json", "Authorization": f"Bearer {key}"},
    )
    answer = response.json()
    error = answer.get("error") or answer.get("rejections")
    if error is None:
        return response.status_code, ""
    codes = [detail["code"] for detail in error.get("errors", [])]
    return response.status_code, codes[0] if error["code"] == "business_rejected" else error["code"]


def documents(session: Session) -> list[BusinessDocument]:
    return list(session.exec(select(BusinessDocument)).all())


@pytest.mark.parametrize("attack", CORPUS, ids=lambda attack: attack.name)
def test_each_attack_is_answered_as_stated_over_http(
    client: TestClient, session: Session, demo_keys: dict[str, str], attack: Attack
) -> None:
    before = stored(session)
    assert send(client, attack.body, demo_keys[attack.sender]) == (attack.status, attack.code)
    if attack.status == 400:
        assert stored(session) == before
    if attack.status != 202:
        assert documents(session) == []


def test_each_attack_gets_the_same_verdict_from_validate(tmp_path: Path) -> None:
    by_sender: dict[str, list[tuple[Path, Attack]]] = {}
    for number, attack in enumerate(CORPUS):
        path = tmp_path / f"{number:02d}-{attack.name}.xml"
        path.write_bytes(attack.body)
        by_sender.setdefault(attack.sender, []).append((path, attack))
    for sender, attacks in by_sender.items():
        _, verdicts = run_validate("--filings", "demo", "--sender", sender, *(str(p) for p, _ in attacks), cwd=tmp_path)
        codes = {Path(verdict["file"]).name: [error["code"] for error in verdict["errors"]] for verdict in verdicts}
        for path, attack in attacks:
            assert codes[path.name][:1] == ([attack.code] if attack.code else []), attack.name


ORIGINAL = order()
COPY_BY_EBC = order(sender=EBC)
CHANGE_BY_EBC = order(field("appType", "2"), field("buyerTelephone", "13900000000"), sender=EBC)
DELETE_BY_EBC = order(field("appType", "3"), sender=EBC)


def batch(*orders: str) -> bytes:
    """One CEB311 holding the Order element of each message, in order, under the first one's transfer block."""
    first = orders[0]
    head, _, rest = first.partition("<ceb:Order>")
    tail = rest[rest.index("</ceb:Order>") + len("</ceb:Order>") :]
    bodies = [text[text.index("<ceb:Order>") : text.index("</ceb:Order>") + len("</ceb:Order>")] for text in orders]
    return (head + "\n  ".join(bodies) + tail).encode()


@pytest.mark.parametrize("second", [CHANGE_BY_EBC, DELETE_BY_EBC], ids=["change", "delete"])
def test_a_refused_copy_does_not_let_the_next_document_of_its_batch_change_the_original(
    client: TestClient, session: Session, demo_keys: dict[str, str], second: str
) -> None:
    assert send(client, ORIGINAL.encode(), demo_keys[PLATFORM]) == (202, "")
    status, _ = send(client, batch(COPY_BY_EBC, second), demo_keys[EBC])
    assert status == 422
    stored_orders = documents(session)
    assert [(d.declarant_code, d.app_type, d.version) for d in stored_orders] == [(PLATFORM, "1", 1)]


def test_the_real_platform_can_still_change_and_delete_its_own_order_after_an_attempt(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    assert send(client, ORIGINAL.encode(), demo_keys[PLATFORM]) == (202, "")
    send(client, batch(COPY_BY_EBC, CHANGE_BY_EBC), demo_keys[EBC])
    change = order(field("appType", "2"), field("buyerTelephone", "13900000000"))
    delete = order(field("appType", "3"))
    assert send(client, batch(change, delete), demo_keys[PLATFORM]) == (202, "")
    assert [d.app_type for d in documents(session)] == ["1", "2", "3"]


def test_an_express_operator_cannot_take_a_platforms_order_number(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    assert send(client, order(sender=LOGISTICS).encode(), demo_keys[LOGISTICS]) == (422, "-10101")
    assert send(client, ORIGINAL.encode(), demo_keys[PLATFORM]) == (202, "")
    assert [d.declarant_code for d in documents(session)] == [PLATFORM]


def test_a_platform_takes_back_an_order_number_another_ecommerce_enterprise_declared_under_it(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    filed, headers = file_enterprise(
        client, roles=["ebc"], name="自助备案的另一家电商企业有限公司", dxp_id="DXPENT0000009009"
    )
    squatter = filed["customs_code"]
    key = headers["Authorization"].removeprefix("Bearer ")

    def by_squatter(*replacements: tuple[str, str]) -> bytes:
        text = sent_by(ORDER, squatter, filed["name"], filed["dxp_id"])
        for old, new in (field("ebcCode", squatter), *replacements):
            text = text.replace(old, new, 1)
        return text.encode()

    assert send(client, by_squatter(), key) == (202, "")
    assert send(client, ORIGINAL.encode(), demo_keys[PLATFORM]) == (422, "-301010")
    taken_back = order(field("appType", "2"), field("buyerTelephone", "13900000000"))
    assert send(client, taken_back.encode(), demo_keys[PLATFORM]) == (202, "")
    assert send(client, by_squatter(field("appType", "2")), key) == (422, "-301009")
    assert send(client, by_squatter(field("appType", "3")), key) == (422, "-301009")
    assert [(d.declarant_code, d.app_type) for d in documents(session)] == [(squatter, "1"), (PLATFORM, "2")]
    assert send(client, order(field("appType", "3")).encode(), demo_keys[PLATFORM]) == (202, "")


def test_a_value_split_by_a_processing_instruction_is_stored_whole(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    body = order(field("orderNo", "YC2024<?x?>0315000123"), field("buyerName", "张<!---->伟")).encode()
    assert send(client, body, demo_keys[PLATFORM]) == (202, "")
    (stored_order,) = documents(session)
    assert stored_order.business_key == f"{PLATFORM}|YC20240315000123"
    assert stored_order.head["buyerName"] == "张伟"


def test_a_platform_named_by_its_uscc_declares_the_same_order_number_as_by_its_customs_code(
    client: TestClient, session: Session, demo_keys: dict[str, str]
) -> None:
    assert send(client, ORIGINAL.encode(), demo_keys[PLATFORM]) == (202, "")
    by_uscc = order(field("ebpCode", PLATFORM_USCC), sender=EBC)
    assert send(client, by_uscc.encode(), demo_keys[EBC]) == (422, "-301010")
    change_by_uscc = order(field("ebpCode", PLATFORM_USCC), field("appType", "2"))
    assert send(client, change_by_uscc.encode(), demo_keys[PLATFORM]) == (202, "")
    assert [(d.business_key, d.version) for d in documents(session)] == [
        (f"{PLATFORM}|YC20240315000123", 1),
        (f"{PLATFORM}|YC20240315000123", 2),
    ]


def test_validate_checks_business_keys_within_the_message_as_the_service_does(tmp_path: Path) -> None:
    twice = tmp_path / "twice.xml"
    twice.write_bytes(batch(ORIGINAL, ORIGINAL))
    changed_first = tmp_path / "changed-first.xml"
    changed_first.write_bytes(batch(order(field("appType", "2")), ORIGINAL))
    _, verdicts = run_validate("--filings", "demo", str(twice), str(changed_first), cwd=tmp_path)
    codes = {Path(verdict["file"]).name: [(e["path"], e["code"]) for e in verdict["errors"]] for verdict in verdicts}
    assert codes == {
        "twice.xml": [("/CEB311Message/Order[2]", "-301010")],
        "changed-first.xml": [("/CEB311Message/Order[1]", "-301009")],
    }


def test_a_subscriber_address_with_a_trailing_ideographic_space_subscribes_nobody(
    client: TestClient, demo_keys: dict[str, str]
) -> None:
    # The sample order subscribes the e-commerce enterprise, DXPENT0000000002: an address that only looks like it
    # names no filed enterprise.
    body = order(field("dxpAddress", "DXPENT0000000002\u3000")).encode()
    assert send(client, body, demo_keys[PLATFORM]) == (202, "")
    queue = client.get("/api/v1/receipts", headers={"Authorization": f"Bearer {demo_keys[EBC]}"})
    assert queue.json()["items"] == []
