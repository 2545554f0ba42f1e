"""Intake throughput: CEB311 orders of 5 lines over HTTP into the real service (parse, XSD, checks, store, enqueue).

    .venv/bin/python bench/intake.py --messages 2000 --orders-per-message 1 --concurrency 4 --database sqlite
    .venv/bin/python bench/intake.py --messages 200 --orders-per-message 100 --database postgresql --broker redis

Run by hand, never by the test suite; see bench/README.md for what it measures and the figures measured so far.
"""

import argparse
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from loadgen import Outcome, Request, run_load
from stack import (
    broker,
    cpu_seconds,
    fresh_database,
    platform_key,
    queued,
    run_main,
    scratch_directory,
    serving,
    stored,
)

from single_window.generator import batched, ceb311_message, generate_import_sets

LINES = 5


@dataclass(frozen=True)
class Options:
    messages: int
    orders_per_message: int
    concurrency: int
    database: str
    broker: str
    workers: int
    warmup: int
    max_seconds: float
    profile: Path | None
    keep: bool


def main() -> int:
    options = _options()
    bodies = _messages(options.warmup + options.messages, options.orders_per_message)
    warmup, measured = bodies[: options.warmup], bodies[options.warmup :]
    with scratch_directory(options.keep) as scratch:
        with fresh_database(options.database, scratch) as url, broker(options.broker, scratch) as broker_env:
            key = platform_key(url)
            with serving(url, broker_env, options.workers, scratch) as (port, server_pid):
                run_load(port, _keyed(key, warmup), concurrency=options.concurrency, max_seconds=options.max_seconds)
                load_before, cpu_before = os.getloadavg()[0], cpu_seconds(server_pid)
                with _profiling(options.profile, server_pid):
                    outcome = run_load(
                        port, _keyed(key, measured), concurrency=options.concurrency, max_seconds=options.max_seconds
                    )
                outcome.server_cpu_seconds = cpu_seconds(server_pid) - cpu_before
                outcome.load_average = load_before
            counts = stored(url), queued(options.broker, scratch)
        server_log = (scratch / "server.log").read_text(errors="replace")
    print(_report(options, outcome, measured, counts))
    if outcome.failures:
        print(f"server log, last lines:\n{server_log[-4000:]}")
    return 0 if not outcome.failures and not outcome.unsent else 1


def _options() -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000, help="messages measured (default 2000)")
    parser.add_argument("--orders-per-message", type=int, choices=(1, 100), default=1, help="orders in each CEB311")
    parser.add_argument("--concurrency", type=int, default=4, help="client connections (default 4)")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--broker", choices=("embedded", "redis"), default=None, help="default: by database")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (default 2)")
    parser.add_argument("--warmup", type=int, default=None, help="messages sent first, not measured")
    parser.add_argument("--max-seconds", type=float, default=300, help="stop sending after this long")
    parser.add_argument("--profile", type=Path, help="py-spy the server workers into this file (.svg/.txt/.json)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory (server log, SQLite file)")
    args = parser.parse_args()
    return Options(
        messages=args.messages,
        orders_per_message=args.orders_per_message,
        concurrency=args.concurrency,
        database=args.database,
        broker=args.broker or ("embedded" if args.database == "sqlite" else "redis"),
        workers=args.workers,
        # Enough for every worker to compile its schemas and warm its connection pool.
        warmup=args.warmup if args.warmup is not None else max(2 * args.concurrency, 4),
        max_seconds=args.max_seconds,
        profile=args.profile,
        keep=args.keep,
    )


def _messages(count: int, orders_per_message: int) -> list[bytes]:
    """Every message different: unique orderNo and guids, like real traffic (a repeat would be a 409 or -301010)."""
    sets = generate_import_sets(
        random.Random(), count * orders_per_message, lines=LINES, start=datetime.now().replace(microsecond=0)
    )
    return [ceb311_message(batch) for batch in batched(sets, orders_per_message)]


def _keyed(api_key: str, bodies: list[bytes]) -> list[Request]:
    """Every CEB311 is the platform's."""
    return [(api_key, body) for body in bodies]


@contextmanager
def _profiling(output: Path | None, server_pid: int) -> Iterator[None]:
    """py-spy on the uvicorn master and its worker processes for the measured run only."""
    if output is None:
        yield
        return
    formats = {".svg": "flamegraph", ".txt": "raw", ".json": "speedscope"}
    command = [str(Path(sys.executable).with_name("py-spy")), "record", "--subprocesses", "--pid", str(server_pid)]
    command += ["--format", formats.get(output.suffix, "flamegraph"), "--output", str(output), "--rate", "200"]
    spy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    time.sleep(1)  # attaching takes a moment; the run would start unobserved
    try:
        yield
    finally:
        spy.send_signal(signal.SIGINT)  # py-spy writes its file on SIGINT
        spy.wait(timeout=60)


def _report(options: Options, outcome: Outcome, measured: list[bytes], counts: tuple[tuple[int, int], int]) -> str:
    (messages_stored, documents_stored), tasks = counts
    accepted = outcome.statuses.get(202, 0)
    latencies = sorted(outcome.latencies) or [0.0]
    size = statistics.mean(len(body) for body in measured) / 1024
    lines = [
        f"single-window intake, {datetime.now():%Y-%m-%d %H:%M}, {platform.node()}: {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}",
        f"setup: {options.database} + {options.broker} broker, {options.workers} uvicorn workers, "
        f"concurrency {options.concurrency}; CEB311 of {options.orders_per_message} order(s) x {LINES} lines, "
        f"{size:.1f} KB",
        f"sent {len(measured) - outcome.unsent} of {len(measured)} messages in {outcome.seconds:.1f} s: "
        f"statuses {dict(sorted(outcome.statuses.items()))}",
        f"throughput: {accepted / outcome.seconds:.1f} messages/s, "
        f"{accepted * options.orders_per_message / outcome.seconds:.1f} orders/s",
        f"latency: p50 {_ms(latencies, 0.50)}, p95 {_ms(latencies, 0.95)}, p99 {_ms(latencies, 0.99)}, "
        f"max {latencies[-1] * 1000:.1f} ms",
        f"server CPU: {outcome.server_cpu_seconds * 1000 / max(len(outcome.latencies), 1):.1f} ms per request "
        f"({outcome.server_cpu_seconds:.1f} s over {outcome.seconds:.1f} s wall); load generator "
        f"{outcome.client_cpu_seconds * 1000 / max(len(outcome.latencies), 1):.1f} ms per request; "
        f"1-minute load average before the run {outcome.load_average:.2f}",
        f"stored (warm-up included): {messages_stored} messages, {documents_stored} orders; {tasks} tasks queued",
    ]
    lines += [f"failure: {failure}" for failure in outcome.failures]
    return "\n".join(lines)


def _ms(ordered: list[float], quantile: float) -> str:
    return f"{ordered[min(len(ordered) - 1, int(quantile * len(ordered)))] * 1000:.1f} ms"


if __name__ == "__main__":
    run_main(main)
