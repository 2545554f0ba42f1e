"""The ``single-window`` command: serve, worker, migrate, demo, and ``up`` for all of them at once."""

import ctypes
import ctypes.util
import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from pydantic import ValidationError

from single_window.clearance.pipeline import Stage
from single_window.config import Settings, describe_settings_error, get_settings
from single_window.logs import configure_logging
from single_window.queue import stage_queue

app = typer.Typer(help="single-window: the cross-border e-commerce single window simulator.", no_args_is_help=True)

PR_SET_PDEATHSIG = 1
VAR_DIR = Path("./var")
CREDENTIALS_FILE = VAR_DIR / "demo-credentials.json"
ADMIN_TOKEN_FILE = VAR_DIR / "admin-token"
# Intake's queue (acknowledgements, heartbeats) and one per clearance stage.
INTAKE_QUEUE = "intake"
WORKER_QUEUES = (INTAKE_QUEUE, *(stage.value for stage in Stage))


def load_settings() -> Settings:
    try:
        settings = get_settings()
    except ValidationError as error:
        typer.echo(describe_settings_error(error), err=True)
        raise typer.Exit(2) from None
    configure_logging(settings.log_level, settings.log_format)
    return settings


@app.command()
def migrate() -> None:
    """Apply the database migrations (also done by serve and up)."""
    from single_window.migrate import upgrade

    upgrade(load_settings().database_url)
    typer.echo("database is at the latest migration")


@app.command()
def demo() -> None:
    """File the demo enterprises and a statistician token; keys go to var/demo-credentials.json."""
    from single_window.database import unit_of_work
    from single_window.demo import save_credentials, seed_demo
    from single_window.migrate import upgrade

    upgrade(load_settings().database_url)
    with unit_of_work() as session:
        issued = seed_demo(session)
    known = save_credentials(CREDENTIALS_FILE, issued)
    typer.echo(f"demo data ready: {len(issued)} credentials issued now, {len(known)} in {CREDENTIALS_FILE}")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Run the HTTP API after applying migrations."""
    from single_window.migrate import upgrade

    settings = load_settings()
    upgrade(settings.database_url)
    uvicorn.run("single_window.main:serving_app", factory=True, host=host, port=port, log_config=None, access_log=False)


@app.command()
def worker(
    concurrency: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 2,
    beat: Annotated[
        bool,
        typer.Option(
            "--beat",
            help="Also run Celery beat's periodic sweeps (every worker sweeps by itself too): in one worker at most.",
        ),
    ] = False,
    queues: Annotated[
        str | None,
        typer.Option(help=f"Consume only these queues, comma-separated, of: {', '.join(WORKER_QUEUES)}. Default: all."),
    ] = None,
) -> None:
    """Run a Celery worker on the configured broker (embedded by default, Redis in production)."""
    settings = load_settings()
    from workers.celery_app import app as celery_app

    consumed = ",".join(_worker_queues(settings.broker_queue, queues))
    arguments = [
        "worker",
        f"--concurrency={concurrency}",
        "--loglevel=INFO",
        "--without-gossip",
        f"--queues={consumed}",
    ]
    celery_app.worker_main([*arguments, "--beat"] if beat else arguments)


def _worker_queues(base_queue: str, chosen: str | None) -> list[str]:
    names = [name.strip() for name in chosen.split(",")] if chosen else list(WORKER_QUEUES)
    unknown = sorted(set(names) - set(WORKER_QUEUES))
    if unknown:
        raise typer.BadParameter(f"unknown queue {', '.join(unknown)}; choose from {', '.join(WORKER_QUEUES)}")
    return [base_queue if name == INTAKE_QUEUE else stage_queue(base_queue, name) for name in names]


@app.command()
def up(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Everything at once with embedded defaults: migrate, demo data, a worker process, the API."""
    _ensure_admin_token()
    _allow_private_callbacks_in_the_sandbox()
    demo()
    # Its own session keeps a terminal's Ctrl-C away from the pool children (Celery stops them itself);
    # the parent-death signal stops it even when uvicorn ends this process by re-raising SIGTERM.
    worker_process = subprocess.Popen(
        [sys.executable, "-m", "single_window", "worker", "--beat"],
        start_new_session=True,
        preexec_fn=_stop_when_parent_dies,
    )
    typer.echo(
        f"\nsingle-window is starting on http://{host}:{port}\n"
        f"  API docs:          http://{host}:{port}/docs\n"
        f"  health:            http://{host}:{port}/healthz\n"
        f"  demo credentials:  {CREDENTIALS_FILE} (enterprise API keys, statistician token)\n"
        f"  officer token:     {ADMIN_TOKEN_FILE} (or set SW_ADMIN_TOKEN)\n"
        f"  worker process:    pid {worker_process.pid}\n"
    )
    try:
        serve(host=host, port=port)
    finally:
        worker_process.terminate()
        worker_process.wait(timeout=30)


def _stop_when_parent_dies() -> None:
    if sys.platform == "linux":
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _ensure_admin_token() -> None:
    """Keep one officer token per installation so the demo works without configuration."""
    if os.environ.get("SW_ADMIN_TOKEN"):
        return
    from single_window.demo import write_private

    if not ADMIN_TOKEN_FILE.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        write_private(ADMIN_TOKEN_FILE, secrets.token_urlsafe(32) + "\n")
    os.environ["SW_ADMIN_TOKEN"] = ADMIN_TOKEN_FILE.read_text(encoding="utf-8").strip()
    get_settings.cache_clear()


def _allow_private_callbacks_in_the_sandbox() -> None:
    """The sandbox runs on one machine, and so does the receiver an integrator points its callback URL at.

    An explicit SW_ALLOW_PRIVATE_CALLBACKS still wins; the worker process inherits the environment.
    """
    os.environ.setdefault("SW_ALLOW_PRIVATE_CALLBACKS", "true")
    get_settings.cache_clear()


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="CEB messages or DxpMsg envelopes to check.")],
    schema_only: Annotated[
        bool, typer.Option("--schema-only", help="Only the 2022-05 XSD, no business checks.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per file and line.")] = False,
    filings: Annotated[
        str, typer.Option(help="Whose filings the enterprise checks use: database, demo or none.")
    ] = "database",
    sender: Annotated[str | None, typer.Option(help="Customs code sending the files (default: copCode).")] = None,
) -> None:
    """Validate messages offline with the intake's own checks; exit status 0 only when every file is valid."""
    from single_window.messages.offline_cli import run_validation

    if filings not in ("database", "demo", "none"):
        raise typer.BadParameter("choose database, demo or none", param_hint="--filings")
    raise typer.Exit(run_validation(files, load_settings(), schema_only, as_json, filings, sender))  # type: ignore[arg-type]


@app.command()
def generate(
    direction: Annotated[str, typer.Option(help="import, export or both.")] = "import",
    orders: Annotated[int, typer.Option(min=1, max=999_999, help="Orders per direction.")] = 10,
    orders_per_message: Annotated[int, typer.Option(min=1, max=100, help="Orders carried by each message.")] = 1,
    lines: Annotated[
        int | None, typer.Option(min=1, max=99, help="Goods lines per order (default: 1-5 at random).")
    ] = None,
    seed: Annotated[
        int | None, typer.Option(help="The same seed writes the same files (default: a random seed, printed).")
    ] = None,
    start: Annotated[
        str | None, typer.Option(help="First appTime, YYYYMMDDhhmmss (default: now; with --seed 20250106090000).")
    ] = None,
    out: Annotated[Path, typer.Option(help="Directory for the message files.")] = Path("./generated"),
) -> None:
    """Write consistent CEB message sets of the demo enterprises: order, payment, waybill, inventory per order."""
    from single_window.generator.files import plan_run, summary, write_run

    try:
        run = plan_run(
            direction, orders=orders, orders_per_message=orders_per_message, lines=lines, seed=seed, start=start
        )
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    typer.echo(summary(out, run, write_run(out, run)))
