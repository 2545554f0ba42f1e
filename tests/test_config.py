"""Settings are validated at start-up and a bad value is named clearly."""

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from single_window.config import EMBEDDED_BROKER, Settings, describe_settings_error
from single_window.queue import VISIBILITY_TIMEOUT_SECONDS


def test_the_defaults_need_no_server_at_all() -> None:
    settings = Settings(_env_file=None)
    assert settings.database_url.startswith("sqlite:///")
    assert settings.broker_url == EMBEDDED_BROKER
    assert settings.admin_token is None


def test_callback_urls_lead_to_no_private_network_unless_told_so() -> None:
    assert Settings(_env_file=None).allow_private_callbacks is False


def test_a_plain_postgresql_url_gets_the_psycopg_driver() -> None:
    assert Settings(database_url="postgresql://u@h/db").database_url == "postgresql+psycopg://u@h/db"
    assert Settings(database_url="postgres://u@h/db").database_url == "postgresql+psycopg://u@h/db"


@pytest.mark.parametrize(
    ("field", "value", "variable"),
    [
        ("database_url", "mysql://u@h/db", "SW_DATABASE_URL"),
        ("broker_url", "amqp://guest@localhost//", "SW_BROKER_URL"),
        ("admin_token", "short", "SW_ADMIN_TOKEN"),
        ("max_body_bytes", 10, "SW_MAX_BODY_BYTES"),
        ("log_level", "LOUD", "SW_LOG_LEVEL"),
    ],
)
def test_a_bad_value_is_described_by_its_environment_variable(field: str, value: object, variable: str) -> None:
    with pytest.raises(ValidationError) as error:
        Settings.model_validate({field: value})
    assert describe_settings_error(error.value).splitlines()[1].strip().startswith(f"{variable}:")


def test_a_soft_time_limit_not_below_the_hard_one_is_refused_in_the_words_of_both_variables() -> None:
    with pytest.raises(ValidationError) as error:
        Settings(task_soft_time_limit_seconds=90, task_time_limit_seconds=90)
    assert describe_settings_error(error.value).splitlines()[1].strip() == (
        "Value error, SW_TASK_SOFT_TIME_LIMIT_SECONDS must be below SW_TASK_TIME_LIMIT_SECONDS"
    )


def test_the_hard_time_limit_stays_within_half_the_redis_visibility_timeout() -> None:
    with pytest.raises(ValidationError):
        Settings(task_time_limit_seconds=VISIBILITY_TIMEOUT_SECONDS // 2 + 1)


def test_the_command_refuses_to_start_on_a_bad_setting(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "single_window", "migrate"],
        env={"SW_DATABASE_URL": "mysql://nope", "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "SW_DATABASE_URL: Value error, must be a sqlite:/// or postgresql:// URL" in result.stderr
    assert "Traceback" not in result.stderr
