"""Fields the spec fixes to a short list of values."""

import pytest

from single_window.ceb import codes
from single_window.ceb.checks.enumerations import (
    app_status_is_known,
    app_type_is_known,
    app_type_is_new,
    charge_flags_are_known,
    ie_flag_is_export,
    ie_flag_is_import,
    logistics_status_is_signed,
    order_type_is_export,
    order_type_is_import,
    statistics_flag_is_known,
)
from single_window.ceb.model import DocumentRule
from tests.ceb.checks.factories import document, record, run

CASES: list[tuple[DocumentRule, str, list[str], list[str], codes.Code]] = [
    (app_type_is_known, "appType", ["1", "2", "3"], ["0", "4", ""], codes.APP_TYPE_INVALID),
    (app_type_is_new, "appType", ["1"], ["2", "3"], codes.APP_TYPE_INVALID),
    (app_status_is_known, "appStatus", ["1", "2"], ["0", "3", ""], codes.APP_STATUS_INVALID),
    (order_type_is_import, "orderType", ["I"], ["E", "i"], codes.ORDER_TYPE_INVALID),
    (order_type_is_export, "orderType", ["E", "B", "W"], ["I", "X"], codes.ORDER_TYPE_INVALID),
    (ie_flag_is_import, "ieFlag", ["I"], ["E"], codes.IE_FLAG_INVALID),
    (ie_flag_is_export, "ieFlag", ["E"], ["I"], codes.IE_FLAG_INVALID),
    (logistics_status_is_signed, "logisticsStatus", ["S"], ["X", "s"], codes.LOGISTICS_STATUS_INVALID),
    (statistics_flag_is_known, "statisticsFlag", ["A", "B"], ["C"], codes.STATISTICS_FLAG_INVALID),
    (charge_flags_are_known, "fFlag", ["1", "2", "3"], ["0", "4"], codes.CHARGE_FLAG_INVALID),
    (charge_flags_are_known, "iFlag", ["1", "2", "3"], ["0", "4"], codes.CHARGE_FLAG_INVALID),
]


@pytest.mark.parametrize(
    ("rule", "name", "value"),
    [(rule, name, value) for rule, name, good, _, _ in CASES for value in good],
)
def test_a_listed_value_passes(rule: DocumentRule, name: str, value: str) -> None:
    assert run(rule, document(record(**{name: value}))) == []


@pytest.mark.parametrize(
    ("rule", "name", "value", "code"),
    [(rule, name, value, code) for rule, name, _, bad, code in CASES for value in bad],
)
def test_an_unlisted_value_is_reported_with_the_allowed_ones(
    rule: DocumentRule, name: str, value: str, code: codes.Code
) -> None:
    (issue,) = run(rule, document(record(**{name: value})))
    assert issue.code == code.code
    assert issue.field.endswith(f"/{name}")
    assert "allowed" in issue.message


@pytest.mark.parametrize("rule", list(dict.fromkeys(case[0] for case in CASES)), ids=lambda rule: rule.__name__)
def test_an_absent_field_is_left_to_the_schema(rule: DocumentRule) -> None:
    assert run(rule, document(record())) == []
