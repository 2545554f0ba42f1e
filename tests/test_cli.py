"""The single-window command: demo data, and ``up`` bringing the whole service with a worker."""

import json
import subprocess
import sys
import uuid
from pathlib import Path

import httpx2 as httpx
import pytest
from sqlmodel import Session, select

from single_window.cli import _allow_private_callbacks_in_the_sandbox
from single_window.config import get_settings
from single_window.database import make_engine, unit_of_work
from single_window.demo import DEMO_ENTERPRISES, DEMO_STATISTICIAN, seed_demo
from single_window.filings.models import Enterprise
from single_window.queue import enqueue_after_commit
from tests.processes import answers, free_port, heartbeat_of, running, service_environment, wait_for


def test_demo_files_one_enterprise_per_role_and_a_statistician(session: Session) -> None:
    issued = seed_demo(session)
    assert set(issued) == {demo.customs_code for demo in DEMO_ENTERPRISES} | {DEMO_STATISTICIAN}
    roles = {role for e in session.exec(select(Enterprise)).all() for role in e.roles}
    assert roles == {"ebc", "ebp", "logistics", "payment", "agent", "site"}


def test_demo_seeding_twice_files_nothing_new(session: Session) -> None:
    seed_demo(session)
    assert seed_demo(session) == {}


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = service_environment()
    return subprocess.run(
        [sys.executable, "-m", "single_window", *args], env=env, cwd=cwd, capture_output=True, text=True, check=False
    )


def test_the_demo_command_keeps_credentials_across_runs(tmp_path: Path) -> None:
    first = run_cli("demo", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    credentials = json.loads((tmp_path / "var" / "demo-credentials.json").read_text())
    assert run_cli("demo", cwd=tmp_path).returncode == 0
    assert json.loads((tmp_path / "var" / "demo-credentials.json").read_text()) == credentials
    assert (tmp_path / "var" / "demo-credentials.json").stat().st_mode & 0o077 == 0


@pytest.mark.pipeline
def test_up_serves_the_demo_enterprises_and_runs_a_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "process.log"
    with running(["up", "--port", str(port)], service_environment(), tmp_path):
        wait_for(lambda: answers(f"{base}/healthz"), seconds=60, what="the API", log=log)
        credentials = json.loads((tmp_path / "var" / "demo-credentials.json").read_text())
        platform = DEMO_ENTERPRISES[0].customs_code
        response = httpx.get(
            f"{base}/api/v1/enterprises/{platform}", headers={"Authorization": f"Bearer {credentials[platform]}"}
        )
        assert response.status_code == 200
        assert response.json()["name"] == DEMO_ENTERPRISES[0].name
        assert httpx.get(f"{base}/docs").status_code == 200
        # The sandbox's receivers listen on the same machine.
        receiver = {"callback_url": "http://127.0.0.1:9000/receipts"}
        amended = httpx.patch(
            f"{base}/api/v1/enterprises/{platform}",
            json=receiver,
            headers={"Authorization": f"Bearer {credentials[platform]}"},
        )
        assert amended.status_code == 200, amended.text

        database_url = f"sqlite:///{tmp_path / 'var' / 'single-window.db'}"
        monkeypatch.setenv("SW_BROKER_DIR", str(tmp_path / "var" / "broker"))
        get_settings.cache_clear()
        name = f"up-{uuid.uuid4().hex[:8]}"
        _enqueue_heartbeat(database_url, name)
        get_settings.cache_clear()
        wait_for(lambda: heartbeat_of(database_url, name) is not None, seconds=60, what="the worker", log=log)


def test_up_lets_callback_urls_lead_to_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SW_ALLOW_PRIVATE_CALLBACKS", "")
    monkeypatch.delenv("SW_ALLOW_PRIVATE_CALLBACKS")
    try:
        _allow_private_callbacks_in_the_sandbox()
        assert get_settings().allow_private_callbacks
    finally:
        get_settings.cache_clear()


def test_up_keeps_private_callback_urls_refused_when_told_to(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SW_ALLOW_PRIVATE_CALLBACKS", "false")
    try:
        _allow_private_callbacks_in_the_sandbox()
        assert not get_settings().allow_private_callbacks
    finally:
        get_settings.cache_clear()


def _enqueue_heartbeat(database_url: str, name: str) -> None:
    engine = make_engine(database_url)
    with unit_of_work(engine) as session:
        enqueue_after_commit(session, "system.heartbeat", beat_id=str(uuid.uuid4()), worker=name)
    engine.dispose()
