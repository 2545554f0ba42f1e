"""The service under test: a fresh database with the demo enterprises, a broker, uvicorn workers on a free port."""

import contextlib
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis
from sqlalchemy import create_engine, text
from sqlmodel import Session, func, select

from single_window.database import make_engine, unit_of_work
from single_window.demo import seed_demo
from single_window.generator import demo_enterprises
from single_window.messages.models import BusinessDocument, Message
from single_window.migrate import upgrade

POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
# Database 14 belongs to the bench: it is emptied after every run (the test suite uses 15).
REDIS_URL = "redis://127.0.0.1:6379/14"
QUEUE = "single-window"  # task_default_queue of single_window.queue
STARTUP_SECONDS = 60
STOP_SECONDS = 20


@contextmanager
def fresh_database(kind: str, scratch: Path) -> Iterator[str]:
    """A new SQLite file, or a new PostgreSQL database dropped afterwards; migrated to the latest revision."""
    if kind == "sqlite":
        url = f"sqlite:///{scratch / 'bench.db'}"
        upgrade(url)
        yield url
        return
    name = f"sw_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
        upgrade(url)
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def platform_key(url: str) -> str:
    """The API key of the demo platform, which sends the CEB311 orders (filed anew in every fresh database)."""
    engine = make_engine(url)
    try:
        with unit_of_work(engine) as session:
            return seed_demo(session)[demo_enterprises().platform.code]
    finally:
        engine.dispose()


@contextmanager
def broker(kind: str, scratch: Path) -> Iterator[dict[str, str]]:
    """The broker settings of the service: the embedded queue in the scratch directory, or Redis database 14."""
    if kind == "embedded":
        yield {"SW_BROKER_URL": "filesystem://", "SW_BROKER_DIR": str(scratch / "broker")}
        return
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    try:
        yield {"SW_BROKER_URL": REDIS_URL}
    finally:
        client.flushdb()
        client.close()


@contextmanager
def serving(database_url: str, broker_env: dict[str, str], workers: int, scratch: Path) -> Iterator[tuple[int, int]]:
    """uvicorn with `workers` processes in a process group of its own; yields (port, pid of the uvicorn master)."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SW_")}
    env |= {"SW_DATABASE_URL": database_url, "SW_ADMIN_TOKEN": secrets.token_urlsafe(24), "SW_LOG_LEVEL": "WARNING"}
    env |= broker_env
    command = [sys.executable, "-m", "uvicorn", "single_window.main:serving_app", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    command += ["--no-access-log", "--log-level", "warning"]
    log = (scratch / "server.log").open("wb")
    # In the scratch directory: nothing of the working directory (a ./var, a checkout on sys.path) leaks in.
    process = subprocess.Popen(
        command, env=env, cwd=scratch, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        _wait_until_healthy(port, process, scratch / "server.log")
        yield port, process.pid
    finally:
        _stop(process)
        log.close()


def stored(url: str) -> tuple[int, int]:
    """(messages, business documents) in the database: what intake stored."""
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            messages = session.exec(select(func.count()).select_from(Message)).one()
            documents = session.exec(select(func.count()).select_from(BusinessDocument)).one()
            return messages, documents
    finally:
        engine.dispose()


def queued(kind: str, scratch: Path) -> int:
    """Tasks waiting in the broker (no worker runs, so every acknowledgement enqueued is still there)."""
    if kind == "embedded":
        return sum(1 for _ in (scratch / "broker" / "out").glob("*"))
    client = redis.Redis.from_url(REDIS_URL)
    try:
        return int(client.llen(QUEUE))
    finally:
        client.close()


def server_cpu_seconds(master_pid: int) -> float:
    """CPU time (user + system) used so far by the uvicorn master and its workers, from /proc (Linux)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rpartition(")")[2].split()
            # After the command name: state, ppid, … utime and stime are fields 14 and 15 of the whole line.
            pid, ppid = int(stat.parent.name), int(fields[1])
            if master_pid in (pid, ppid):
                total += int(fields[11]) + int(fields[12])
    return total / ticks


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_healthy(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"the server exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}"
            )
        if _healthy(port):
            return
        time.sleep(0.3)
    raise RuntimeError(f"the server did not answer /healthz in {STARTUP_SECONDS} s:\n{log.read_text()[-3000:]}")


def _healthy(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's own process group (uvicorn stops its workers), SIGKILL to what is left."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=STOP_SECONDS)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
