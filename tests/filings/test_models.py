"""The filing tables hold whatever the API lets through."""

from sqlmodel import SQLModel

from single_window.filings.models import FilingChange
from single_window.identity.models import StatisticianToken
from single_window.identity.principal import Principal, PrincipalKind


def column_length(model: type[SQLModel], name: str) -> int:
    length = getattr(model.__table__.c[name].type, "length", None)  # type: ignore[attr-defined]
    assert isinstance(length, int)
    return length


def test_the_actor_column_holds_the_longest_actor_a_principal_can_be() -> None:
    longest_label = "x" * column_length(StatisticianToken, "label")
    longest = max(len(Principal(kind, longest_label).actor) for kind in PrincipalKind)
    assert column_length(FilingChange, "actor") >= longest
