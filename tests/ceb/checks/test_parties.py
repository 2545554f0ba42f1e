"""The sender is who the transfer block says, holds a role that may send the message, and names filed parties."""

import pytest

from single_window.ceb import codes
from single_window.ceb.checks.parties import (
    enterprises_are_filed,
    sender_is_declarant,
    sender_may_send,
    transfer_is_sender,
)
from single_window.ceb.model import Party
from single_window.filings.schemas import Role
from tests.ceb.checks.factories import (
    FakeDirectory,
    codes_of,
    context,
    demo_directory,
    document,
    message,
    record,
    run,
)

TRANSFER = "/CEB311Message/BaseTransfer"


def test_a_transfer_naming_the_sender_passes() -> None:
    assert list(transfer_is_sender(message(record(TRANSFER, copCode="3301960001")), context())) == []


def test_a_transfer_naming_another_enterprise_is_reported_with_both_codes() -> None:
    transfer = record(TRANSFER, copCode="3301960001")
    (issue,) = transfer_is_sender(message(transfer), context(sender_code="3301960002"))
    assert issue.code == codes.TRANSFER_NOT_SENDER.code
    assert issue.field == "/CEB311Message/BaseTransfer/copCode"
    assert "copCode 3301960001 != sender 3301960002" in issue.message


@pytest.mark.parametrize("sender", ["3301960001", "3301960002"])
def test_a_platform_or_an_ecommerce_enterprise_may_send_an_order(sender: str) -> None:
    assert list(sender_may_send(message(record(TRANSFER, copCode=sender)), context(sender_code=sender))) == []


@pytest.mark.parametrize("sender", ["3301960003", "3301960004"])
def test_an_express_operator_or_a_payment_enterprise_may_not_send_an_order(sender: str) -> None:
    (issue,) = sender_may_send(message(record(TRANSFER)), context(sender_code=sender))
    assert issue.code == codes.INVALID_ENTERPRISE_TYPE.code
    assert f"sender {sender} is " in issue.message
    assert "CEB311Message needs ebc/ebp" in issue.message


def test_an_unfiled_sender_is_an_invalid_enterprise_code() -> None:
    (issue,) = sender_may_send(message(record(TRANSFER)), context(sender_code="3301999999"))
    assert issue.code == codes.INVALID_ENTERPRISE_CODE.code


def test_one_role_of_several_is_enough() -> None:
    directory = FakeDirectory({"3301960009": ["payment", "ebc"]})
    assert (
        list(sender_may_send(message(record(TRANSFER)), context(sender_code="3301960009", directory=directory))) == []
    )


def test_the_demo_parties_of_an_order_are_filed_in_their_roles() -> None:
    head = record(ebpCode="3301960001", ebcCode="3301960002", payCode="3301960004")
    assert run(enterprises_are_filed, document(head)) == []


def test_an_unfiled_platform_is_an_invalid_enterprise_code() -> None:
    (issue,) = run(enterprises_are_filed, document(record(ebpCode="3301969999", ebcCode="3301960002")))
    assert issue.code == codes.INVALID_ENTERPRISE_CODE.code
    assert issue.field == "/CEB311Message/Order[1]/OrderHead/ebpCode"


def test_an_ecommerce_enterprise_filed_only_as_logistics_is_an_invalid_enterprise_type() -> None:
    (issue,) = run(enterprises_are_filed, document(record(ebpCode="3301960001", ebcCode="3301960003")))
    assert issue.code == codes.INVALID_ENTERPRISE_TYPE.code
    assert "ebcCode 3301960003 is logistics, not ebc" in issue.message


@pytest.mark.parametrize(("pay_code", "reported"), [(None, False), ("", False), ("3301960002", True)])
def test_an_optional_payment_enterprise_is_checked_only_when_given(pay_code: str | None, reported: bool) -> None:
    fields = {"ebpCode": "3301960001", "ebcCode": "3301960002"} | ({} if pay_code is None else {"payCode": pay_code})
    issues = run(enterprises_are_filed, document(record(**fields)))
    assert codes_of(issues) == ([codes.INVALID_ENTERPRISE_TYPE.code] if reported else [])


def test_an_empty_mandatory_enterprise_code_is_invalid() -> None:
    issues = run(enterprises_are_filed, document(record(ebpCode="", ebcCode="3301960002")))
    assert codes_of(issues) == [codes.INVALID_ENTERPRISE_CODE.code]


@pytest.mark.parametrize(("field", "placeholder"), [("ebpCode", "无"), ("ownerCode", "NO")])
def test_export_placeholders_for_unregistered_enterprises_are_accepted(field: str, placeholder: str) -> None:
    fields = {
        "ebpCode": "3301960001",
        "ebcCode": "3301960002",
        "logisticsCode": "3301960003",
        "agentCode": "3301960005",
        "ownerCode": "3301960002",
    }
    head = record("/CEB603Message/Inventory[1]/InventoryHead", **{**fields, field: placeholder})
    assert run(enterprises_are_filed, document(head), context("CEB603Message")) == []


def test_a_placeholder_is_only_accepted_where_the_spec_allows_it() -> None:
    issues = run(enterprises_are_filed, document(record(ebpCode="无", ebcCode="3301960002")))
    assert codes_of(issues) == [codes.INVALID_ENTERPRISE_CODE.code]


@pytest.mark.parametrize(
    ("guarantor", "reported"), [("3301960001", False), ("3301960003", False), ("3301960005", True)]
)
def test_the_guarantor_is_the_platform_the_ecommerce_or_the_logistics_enterprise(
    guarantor: str, reported: bool
) -> None:
    parties = {"assureCode": Party(frozenset({Role.EBP, Role.EBC, Role.LOGISTICS}))}
    issues = run(enterprises_are_filed, document(record(assureCode=guarantor)), context(parties=parties))
    assert codes_of(issues) == ([codes.INVALID_ENTERPRISE_TYPE.code] if reported else [])


def test_the_directory_is_asked_once_per_code_per_message() -> None:
    directory = FakeDirectory({"3301960002": ["ebc", "ebp"]})
    ctx = context(sender_code="3301960002", directory=directory)
    head = record(ebpCode="3301960002", ebcCode="3301960002")
    list(sender_may_send(message(record(TRANSFER)), ctx))
    assert run(enterprises_are_filed, document(head), ctx) + run(enterprises_are_filed, document(head), ctx) == []
    assert directory.asked == ["3301960002"]


def test_a_transfer_naming_another_enterprises_dxp_id_is_reported() -> None:
    transfer = record(TRANSFER, copCode="3301960001", dxpId="DXPENT0000000002")
    (issue,) = transfer_is_sender(message(transfer), context())
    assert issue.code == codes.TRANSFER_DXP_ID_NOT_SENDER.code
    assert issue.field == "/CEB311Message/BaseTransfer/dxpId"
    assert "DXPENT0000000001, filed by sender 3301960001" in issue.message


def test_a_transfer_naming_the_sender_by_its_uscc_passes() -> None:
    directory = FakeDirectory({"3301960001": ["ebp"]}, aliases={"91330108MA2CFY001B": "3301960001"})
    transfer = record(TRANSFER, copCode="91330108MA2CFY001B")
    assert list(transfer_is_sender(message(transfer), context(directory=directory))) == []


def test_a_transfer_naming_the_senders_own_dxp_id_passes() -> None:
    transfer = record(TRANSFER, copCode="3301960001", dxpId="DXPENT0000000001")
    assert list(transfer_is_sender(message(transfer), context())) == []


def test_a_transfer_in_another_enterprises_name_is_one_issue_not_two() -> None:
    transfer = record(TRANSFER, copCode="3301960002", dxpId="DXPENT0000000002")
    assert codes_of(transfer_is_sender(message(transfer), context())) == [codes.TRANSFER_NOT_SENDER.code]


ORDER_PARTIES = {"ebpCode": "3301960001", "ebcCode": "3301960002"}


@pytest.mark.parametrize("sender", ["3301960001", "3301960002"])
def test_the_platform_or_the_ecommerce_enterprise_named_on_an_order_may_declare_it(sender: str) -> None:
    assert run(sender_is_declarant, document(record(**ORDER_PARTIES)), context(sender_code=sender)) == []


def test_an_ecommerce_enterprise_named_nowhere_on_an_order_may_not_declare_it() -> None:
    directory = FakeDirectory({**demo_directory().roles, "3301960009": ["ebc"]})
    ctx = context(sender_code="3301960009", directory=directory)
    (issue,) = run(sender_is_declarant, document(record(**ORDER_PARTIES)), ctx)
    assert issue.code == codes.INVALID_ENTERPRISE_CODE.code
    assert issue.field == "/CEB311Message/Order[1]/OrderHead/ebpCode"
    assert "is declared by ebpCode or ebcCode, not by sender 3301960009" in issue.message


def test_a_declarant_named_by_its_uscc_is_the_sender() -> None:
    directory = FakeDirectory({"3301960001": ["ebp"]}, aliases={"91330108MA2CFY001B": "3301960001"})
    head = record(ebpCode="91330108MA2CFY001B", ebcCode="3301960009")
    assert run(sender_is_declarant, document(head), context(directory=directory)) == []


def test_an_unfiled_declarant_is_left_to_the_filing_check() -> None:
    head = record(ebpCode="3301999999", ebcCode="3301960002")
    assert run(sender_is_declarant, document(head), context(sender_code="3301960003")) == []


def test_a_placeholder_is_no_excuse_for_a_sender_named_nowhere() -> None:
    head = record("/CEB303Message/Order[1]/OrderHead", ebpCode="无", ebcCode="3301960002")
    assert run(sender_is_declarant, document(head), context("CEB303Message", sender_code="3301960002")) == []
    issues = run(sender_is_declarant, document(head), context("CEB303Message", sender_code="3301960001"))
    assert codes_of(issues) == [codes.INVALID_ENTERPRISE_CODE.code]


def test_a_sender_that_may_not_send_the_type_at_all_is_left_to_the_sender_check() -> None:
    head = record("/CEB303Message/Order[1]/OrderHead", ebpCode="3301960001", ebcCode="3301960002")
    assert run(sender_is_declarant, document(head), context("CEB303Message", sender_code="3301960005")) == []
