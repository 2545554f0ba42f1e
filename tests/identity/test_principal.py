"""The access rule that depends only on who the caller is."""

from single_window.identity.principal import OFFICER, Principal, PrincipalKind, may_see_enterprise


def test_an_enterprise_may_see_only_its_own_filing() -> None:
    enterprise = Principal(PrincipalKind.ENTERPRISE, "3301960001")
    assert may_see_enterprise(enterprise, "3301960001")
    assert not may_see_enterprise(enterprise, "3301960002")


def test_an_officer_may_see_every_filing() -> None:
    assert may_see_enterprise(OFFICER, "3301960002")


def test_a_statistician_may_see_no_filing_even_one_named_like_its_label() -> None:
    assert not may_see_enterprise(Principal(PrincipalKind.STATISTICIAN, "3301960001"), "3301960001")
