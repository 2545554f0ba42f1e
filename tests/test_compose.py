"""docker-compose.yml describes the production shape: api, workers, one scheduler, redis, postgres, health-checked."""

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

COMPOSE_FILE = Path(__file__).parents[1] / "docker-compose.yml"


def compose() -> dict[str, Any]:
    loaded = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_the_five_services_are_there_and_each_has_a_health_check() -> None:
    services = compose()["services"]
    assert set(services) == {"api", "worker", "scheduler", "redis", "postgres"}
    assert all("healthcheck" in service for service in services.values())


def test_api_and_worker_use_postgresql_and_redis_and_wait_for_them() -> None:
    services = compose()["services"]
    for name in ("api", "worker", "scheduler"):
        environment = services[name]["environment"]
        assert environment["SW_DATABASE_URL"].startswith("postgresql://")
        assert environment["SW_BROKER_URL"].startswith("redis://")
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"


def compose_command() -> list[str] | None:
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


@pytest.mark.skipif(compose_command() is None, reason="no docker compose client on this machine")
def test_docker_compose_accepts_the_file() -> None:
    command = compose_command()
    assert command is not None
    result = subprocess.run(
        [*command, "-f", str(COMPOSE_FILE), "config", "--quiet"],
        capture_output=True,
        text=True,
        env={"SW_ADMIN_TOKEN": "a-token-of-sixteen-or-more", "PATH": "/usr/bin:/bin:/usr/local/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_only_the_scheduler_runs_the_periodic_sweeps() -> None:
    services = compose()["services"]
    assert "--beat" in services["scheduler"]["command"]
    assert "--beat" not in services["worker"]["command"]
