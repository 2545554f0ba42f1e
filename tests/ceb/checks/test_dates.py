"""Times and dates must name moments that exist."""

import pytest

from single_window.ceb import codes
from single_window.ceb.checks.dates import dates_are_real, is_real_instant, times_are_real
from tests.ceb.checks.factories import codes_of, document, record, run


@pytest.mark.parametrize("text", ["20240315102133", "20240229235959", "20231231000000"])
def test_a_real_time_passes(text: str) -> None:
    assert is_real_instant(text, 14)


@pytest.mark.parametrize(
    "text",
    ["20231345000000", "20230230120000", "20230101246000", "2023010112000", "2023O101120000", "２０２３0101120000", ""],
)
def test_an_impossible_or_malformed_time_fails(text: str) -> None:
    assert not is_real_instant(text, 14)


@pytest.mark.parametrize(
    ("text", "real"), [("20240229", True), ("20230229", False), ("20241301", False), ("2024031", False)]
)
def test_dates_are_real_calendar_days(text: str, real: bool) -> None:
    assert is_real_instant(text, 8) == real


def test_an_app_time_in_month_13_is_reported_at_its_field() -> None:
    (issue,) = run(times_are_real, document(record(appTime="20231345000000")))
    assert issue.code == codes.TIME_INVALID.code
    assert issue.field == "/CEB311Message/Order[1]/OrderHead/appTime"
    assert "20231345000000" in issue.message


def test_every_time_field_of_a_head_is_checked() -> None:
    head = record(appTime="20240101000000", payTime="20240132000000", leaveTime="x", startTime="20240101000000")
    assert [issue.field.rsplit("/", 1)[1] for issue in run(times_are_real, document(head))] == ["payTime", "leaveTime"]


def test_declaration_and_entry_dates_are_checked() -> None:
    issues = run(dates_are_real, document(record(declTime="20240230", ieDate="20240314")))
    assert codes_of(issues) == [codes.DATE_INVALID.code]
