"""Whose fault a failed attempt is, and where the message goes next: rules over plain values, no database."""

from datetime import UTC, datetime, timedelta

import kombu.exceptions
import pytest
import redis.exceptions
from celery.exceptions import SoftTimeLimitExceeded
from lxml import etree
from sqlalchemy.exc import DataError, IntegrityError, InterfaceError, OperationalError

from single_window.config import Settings
from single_window.messages.attempts import (
    ACCEPTED,
    ACKNOWLEDGED,
    FAILED,
    IN_PROGRESS,
    AttemptPolicy,
    Fault,
    TransitionNotAllowed,
    after_failure,
    attempts_after_failure,
    check_transition,
    ends_the_drain,
    fault_of,
    on_stale_claim,
    reason_of,
)
from single_window.messages.models import FAILURE_REASON_CHARACTERS, MessageStatus


def _xml_error() -> etree.XMLSyntaxError:
    try:
        etree.fromstring(b"<unclosed>")
    except etree.XMLSyntaxError as error:
        return error
    raise AssertionError("lxml parsed a broken document")


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly")),
        OperationalError("UPDATE messages", {}, Exception("database is locked")),
        InterfaceError("SELECT 1", {}, Exception("connection already closed")),
        FileNotFoundError(2, "No such file or directory", "schemas/ceb/import-2022-05.xsd"),
        PermissionError(13, "Permission denied"),
        ConnectionRefusedError(111, "Connection refused"),
        kombu.exceptions.OperationalError("Error 111 connecting to redis:6379"),
        redis.exceptions.ConnectionError("Connection closed by server"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_the_environment_s_faults_are_no_message_s(error: Exception) -> None:
    assert fault_of(error) is Fault.ENVIRONMENT


@pytest.mark.parametrize(
    "error",
    [
        ValueError("invalid literal for int() with base 10: 'x'"),
        KeyError("orderNo"),
        AssertionError(),
        ZeroDivisionError(),
        _xml_error(),
        IntegrityError("INSERT INTO receipts", {}, Exception("duplicate key")),
        DataError("INSERT INTO receipts", {}, Exception("value too long")),
        MemoryError(),
        SoftTimeLimitExceeded(),
    ],
    ids=lambda error: type(error).__name__,
)
def test_every_other_exception_is_the_message_s_own_fault(error: Exception) -> None:
    assert fault_of(error) is Fault.MESSAGE


def test_a_message_fault_sends_it_back_to_the_queue_until_its_last_attempt_then_sets_it_aside() -> None:
    assert [after_failure(Fault.MESSAGE, attempt, max_attempts=3) for attempt in (1, 2, 3)] == [
        ACCEPTED,
        ACCEPTED,
        FAILED,
    ]


def test_a_fault_of_the_environment_never_sets_a_message_aside_even_past_the_limit() -> None:
    assert {after_failure(Fault.ENVIRONMENT, attempt, max_attempts=2) for attempt in (1, 2, 3, 10)} == {ACCEPTED}


def test_the_environment_s_fault_takes_back_the_attempt_its_claim_counted_and_the_message_s_keeps_it() -> None:
    assert attempts_after_failure(Fault.ENVIRONMENT, 2) == 1
    assert attempts_after_failure(Fault.MESSAGE, 2) == 2


def test_a_claim_whose_worker_died_is_tried_again_until_every_attempt_was_spent() -> None:
    assert on_stale_claim(1, max_attempts=2) is IN_PROGRESS
    assert on_stale_claim(2, max_attempts=2) is FAILED


def test_a_message_that_killed_the_worker_twice_is_set_aside_with_the_default_of_two_attempts() -> None:
    max_attempts = Settings(_env_file=None).max_attempts
    assert on_stale_claim(1, max_attempts) is IN_PROGRESS
    assert on_stale_claim(2, max_attempts) is FAILED


def test_the_soft_time_limit_and_the_environment_end_the_drain_a_message_s_own_fault_does_not() -> None:
    assert ends_the_drain(SoftTimeLimitExceeded())
    assert ends_the_drain(FileNotFoundError(2, "No such file or directory"))
    assert not ends_the_drain(ValueError("a bug"))


def test_a_claim_is_stale_after_two_hard_time_limits_and_a_drain_stops_picking_at_half_the_soft_one() -> None:
    policy = AttemptPolicy(max_attempts=2, task_time_limit=90, task_soft_time_limit=60)
    now = datetime(2026, 12, 9, 10, tzinfo=UTC)
    assert policy.stale_before(now) == now - timedelta(seconds=180)
    assert policy.drain_seconds == 30


@pytest.mark.parametrize(
    ("current", "wanted"),
    [(ACCEPTED, ACKNOWLEDGED), (ACCEPTED, FAILED), (FAILED, IN_PROGRESS), (ACKNOWLEDGED, ACCEPTED)],
)
def test_a_transition_outside_the_table_raises(current: MessageStatus, wanted: MessageStatus) -> None:
    with pytest.raises(TransitionNotAllowed):
        check_transition(current, wanted)


def test_a_reason_is_the_exception_s_class_and_text_cut_short_with_nothing_xml_cannot_carry() -> None:
    assert reason_of(KeyError("orderNo")) == "KeyError: 'orderNo'"
    assert reason_of(AssertionError()) == "AssertionError"
    long = reason_of(ValueError("\x00bad" + "x" * 1000))
    assert long.startswith("ValueError: ?bad")
    assert len(long) == FAILURE_REASON_CHARACTERS
