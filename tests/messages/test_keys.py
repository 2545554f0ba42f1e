"""Business keys: enterprises by customs code, owned by the declarant they name, or in the declarant's own name."""

from single_window.ceb.catalogue import ALL, by_code
from single_window.ceb.documents import Document
from single_window.messages.keys import KeyedDocument, keyed_documents, owner_fields

USCC = {"91330108MA2CFY001B": "3301960001"}


def keyed(code: str, sender: str = "3301960005", **head: str) -> KeyedDocument:
    message_type = by_code(code)
    assert message_type is not None
    (document,) = keyed_documents(
        message_type, [Document(1, head)], sender_code=sender, customs_code_of=lambda value: USCC.get(value)
    )
    return document


def test_an_order_is_keyed_by_its_platform_and_number_and_owned_by_the_platform() -> None:
    order = keyed("CEB311", sender="3301960002", ebpCode="3301960001", ebcCode="3301960002", orderNo="YC1")
    assert (order.key, order.owners) == ("3301960001|YC1", frozenset({"3301960001"}))


def test_a_platform_named_by_its_uscc_keys_the_same_order() -> None:
    assert keyed("CEB311", ebpCode="91330108MA2CFY001B", orderNo="YC1").key == "3301960001|YC1"


def test_a_field_that_names_no_enterprise_is_never_rewritten() -> None:
    assert keyed("CEB311", ebpCode="3301960001", orderNo="91330108MA2CFY001B").key.endswith("|91330108MA2CFY001B")


def test_an_inventory_is_owned_by_its_ecommerce_enterprise_whoever_declares_it() -> None:
    inventory = keyed("CEB621", ebcCode="3301960002", orderNo="YC1", agentCode="3301960005")
    assert (inventory.key, inventory.owners) == ("3301960002|YC1", frozenset({"3301960002"}))


def test_a_cancellation_keyed_by_an_inventory_number_stands_in_its_declarants_name() -> None:
    cancellation = keyed("CEB623", sender="3301960005", invtNo="29002024I000123457")
    assert (cancellation.key, cancellation.owners) == ("3301960005|29002024I000123457", frozenset())
    assert keyed("CEB623", sender="3301960009", invtNo="29002024I000123457").key != cancellation.key


def test_only_the_types_keyed_by_an_inventory_number_stand_in_their_declarants_name() -> None:
    declarations = [message_type for message_type in ALL if message_type.kind == "declaration"]
    unowned = [message_type.code for message_type in declarations if not owner_fields(message_type)]
    assert sorted(unowned) == ["CEB213", "CEB605", "CEB623", "CEB625"]
