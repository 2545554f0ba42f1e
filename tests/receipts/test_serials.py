"""The e-port's numbers take their serials from one source: never the same twice, for rejections and acceptances."""

from sqlmodel import Session

from single_window.receipts.serials import take_serials


def test_serials_are_new_each_time(session: Session) -> None:
    first = take_serials(session, 3)
    second = take_serials(session, 2)
    assert len(set(first + second)) == 5
    assert min(second) > max(first)


def test_taking_none_takes_nothing(session: Session) -> None:
    assert take_serials(session, 0) == []
