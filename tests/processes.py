"""Real processes for the pipeline tier: a worker or the whole service, stopped after the test."""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2 as httpx
import redis
from sqlmodel import Session, select

from single_window.config import Settings
from single_window.database import make_engine
from single_window.workers_state import WorkerHeartbeat


def service_environment(**variables: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith("SW_")}
    return {**keep, "SW_LOG_FORMAT": "text", **variables}


@contextmanager
def running(
    command: list[str], env: dict[str, str], cwd: Path, *, module: str = "single_window", program: str | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """``command`` of the module (or of an installed program), logging to process.log, stopped after the block."""
    log = (cwd / "process.log").open("wb")
    process = subprocess.Popen(
        [program, *command] if program else [sys.executable, "-m", module, *command],
        env=env,
        cwd=cwd,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield process
    finally:
        # Only the main process: Celery stops its own pool; killing the children under it can hang it.
        process.terminate()
        try:
            process.wait(timeout=60)
        finally:
            _kill_what_is_left(process.pid)
            log.close()


def _kill_what_is_left(process_group: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process_group, signal.SIGKILL)


def wait_for(condition: Callable[[], bool], *, seconds: float, what: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise AssertionError(f"gave up waiting for {what} after {seconds}s\n{tail}")


def worker_environment(settings: Settings, **variables: str) -> dict[str, str]:
    """What a worker process needs to work on the same database and broker as the test, and any more variables."""
    return service_environment(
        SW_DATABASE_URL=settings.database_url,
        SW_BROKER_URL=settings.broker_url,
        SW_BROKER_DIR=str(settings.broker_dir),
        # A test's own queue on the shared Redis (tests/pipeline/conftest.py).
        SW_BROKER_QUEUE=settings.broker_queue,
        **variables,
    )


def wait_until_ready(log: Path) -> None:
    """Until the worker writing this log is ready and its start-up sweep has run: what it does later, something
    else (a wake-up, a periodic sweep) made it do."""
    wait_for(lambda: STARTUP_SWEEP_DONE.search(_text(log)) is not None, seconds=60, what="the worker", log=log)


STARTUP_SWEEP_DONE = re.compile(r" ready\.(.|\n)*Task messages\.acknowledge_accepted\[[^\]]+\] succeeded")


def _text(log: Path) -> str:
    return log.read_text(errors="replace") if log.exists() else ""


def heartbeat_of(database_url: str, worker: str) -> WorkerHeartbeat | None:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            return session.exec(select(WorkerHeartbeat).where(WorkerHeartbeat.worker == worker)).first()
    finally:
        engine.dispose()


def answers(url: str) -> bool:
    """Whether the server at this URL answers 200 yet."""
    try:
        status: int = httpx.get(url, timeout=2).status_code
    except httpx.HTTPError:
        return False
    return status == 200


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        assert isinstance(port, int)
        return port


class RedisServer:
    """A Redis of the test's own on a free port, saving nothing: killed and started again, it has lost every task."""

    def __init__(self, cwd: Path) -> None:
        self.port = free_port()
        self._log = cwd / "redis.log"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        options = ["--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        with self._log.open("ab") as log:
            self._process = subprocess.Popen(
                ["redis-server", *options, "--daemonize", "no"], stdout=log, stderr=subprocess.STDOUT
            )
        wait_for(self._answers, seconds=30, what=f"redis-server on port {self.port}", log=self._log)

    def kill(self) -> None:
        """SIGKILL: as a crash or an out-of-memory kill, nothing written, every connection cut."""
        assert self._process is not None
        self._process.kill()
        self._process.wait(timeout=30)

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=30)

    def _answers(self) -> bool:
        try:
            with redis.Redis(port=self.port, socket_connect_timeout=1) as client:
                return bool(client.ping())
        except redis.ConnectionError:
            return False
