"""The service under test: a fresh database with the demo enterprises, a broker, uvicorn workers on a free port,
Celery workers, and the scratch directory and signal handling every bench shares."""

import contextlib
import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import NoReturn

import redis
from sqlalchemy import Engine, create_engine, text
from sqlmodel import Session, func, select

from single_window.config import Settings
from single_window.database import READING_ONLY, make_engine, unit_of_work
from single_window.demo import seed_demo
from single_window.generator import demo_enterprises
from single_window.messages.models import BusinessDocument, Message
from single_window.migrate import upgrade
from single_window.queue import make_celery
from single_window.workers_state import WorkerBeat

POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
# Database 14 belongs to the bench: it is emptied after every run (the test suite uses 15).
REDIS_URL = "redis://127.0.0.1:6379/14"
QUEUE = "single-window"  # task_default_queue of single_window.queue
STARTUP_SECONDS = 60
STOP_SECONDS = 20
HEARTBEAT_TASK = "system.heartbeat"  # workers/tasks.py: records the beat in the database


def run_main(main: Callable[[], int]) -> NoReturn:
    """Exit with main's status; Ctrl-C and SIGTERM unwind every context manager (processes, database, queue)."""
    # SIGINT too: a bench started in the background inherits SIGINT ignored, and Ctrl-C must still clean up.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("interrupted: the processes are stopped, their database and queue removed", file=sys.stderr)
        sys.exit(130)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def scratch_directory(keep: bool) -> Iterator[Path]:
    """A temporary directory for the SQLite file, the embedded queue and the processes' logs."""
    scratch = Path(tempfile.mkdtemp(prefix="sw-bench-"))
    try:
        yield scratch
    finally:
        if keep:
            print(f"kept {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)


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


def reading_engine(url: str) -> Engine:
    """An engine for the bench's own reads while the service runs: on SQLite its transactions begin deferred, where
    the service's take the one write lock at BEGIN and would make the workers wait for the bench's polls."""
    return make_engine(url).execution_options(**{READING_ONLY: True})


def api_keys(url: str) -> dict[str, str]:
    """The demo enterprises' API keys by customs code, filed anew in the fresh database."""
    engine = make_engine(url)
    try:
        with unit_of_work(engine) as session:
            return seed_demo(session)
    finally:
        engine.dispose()


def platform_key(url: str) -> str:
    """The API key of the demo platform, which sends the CEB311 orders."""
    return api_keys(url)[demo_enterprises().platform.code]


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
    """uvicorn with `workers` processes in a process group of its own; yields (port, pid of the uvicorn master).

    `broker_env` holds the broker's settings and any other SW_ variable the service is to run with."""
    port = _free_port()
    env = _service_environment(database_url, broker_env)
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
        _stop(process, whole_group=True)
        log.close()


@contextmanager
def working(database_url: str, broker_env: dict[str, str], concurrency: int, scratch: Path) -> Iterator[int]:
    """`single-window worker --concurrency N` in a process group of its own, once it has run a task; yields the pid
    of its main process (the pool's processes are its children)."""
    command = [sys.executable, "-m", "single_window", "worker", f"--concurrency={concurrency}"]
    log_path = scratch / "worker.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        command,
        env=_service_environment(database_url, broker_env),
        cwd=scratch,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_for_heartbeat(database_url, broker_env, process, log_path)
        yield process.pid
    finally:
        # The main process only: Celery stops its own pool, and stopping the pool under it can hang it.
        _stop(process, whole_group=False)
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


def cpu_seconds(master_pid: int) -> float:
    """CPU time (user + system) used so far by a main process and its children (uvicorn's workers, Celery's pool),
    from /proc (Linux)."""
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


def _service_environment(database_url: str, variables: dict[str, str]) -> dict[str, str]:
    """The caller's environment without its SW_ variables, then the bench's settings of the service."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SW_")}
    env |= {"SW_DATABASE_URL": database_url, "SW_ADMIN_TOKEN": secrets.token_urlsafe(24), "SW_LOG_LEVEL": "WARNING"}
    return env | variables


def _wait_for_heartbeat(
    database_url: str, broker_env: dict[str, str], process: subprocess.Popen[bytes], log: Path
) -> None:
    """Send a heartbeat task and wait until the worker has recorded it: the worker consumes and reaches the
    database (its pool's first task may not come before the bench's clock starts)."""
    beat = uuid.uuid4()
    _send_heartbeat(broker_env, beat)
    engine = reading_engine(database_url)
    try:
        _wait(lambda: _beat_recorded(engine, beat), process, log, what="record a heartbeat")
    finally:
        engine.dispose()


def _send_heartbeat(broker_env: dict[str, str], beat: uuid.UUID) -> None:
    broker_dir = Path(broker_env.get("SW_BROKER_DIR", "var/broker"))
    producer = make_celery(Settings(broker_url=broker_env["SW_BROKER_URL"], broker_dir=broker_dir))
    try:
        producer.send_task(HEARTBEAT_TASK, args=[str(beat)])
    finally:
        producer.close()


def _beat_recorded(engine: Engine, beat: uuid.UUID) -> bool:
    with Session(engine) as session:
        return session.get(WorkerBeat, beat) is not None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_healthy(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    _wait(lambda: _healthy(port), process, log, what="answer /healthz")


def _wait(ready: Callable[[], bool], process: subprocess.Popen[bytes], log: Path, *, what: str) -> None:
    """Until `ready()`, for at most STARTUP_SECONDS; raises with the log's tail if the process exits or is late."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"{process.args!r} exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}"
            )
        if ready():
            return
        time.sleep(0.3)
    raise RuntimeError(f"{process.args!r} did not {what} in {STARTUP_SECONDS} s:\n{log.read_text()[-3000:]}")


def _healthy(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _stop(process: subprocess.Popen[bytes], *, whole_group: bool) -> None:
    """SIGTERM to the process's own group (uvicorn stops its workers) or to its main process alone (Celery's warm
    shutdown), SIGKILL to what is left of the group after STOP_SECONDS."""
    with contextlib.suppress(ProcessLookupError):
        if whole_group:
            os.killpg(process.pid, signal.SIGTERM)
        else:
            process.terminate()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=STOP_SECONDS)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
